package org.onosdvr.ovsdb.tunnel;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.After;
import org.junit.Test;
import org.onosdvr.api.FailoverTunnel;
import org.onosdvr.ovsdb.Await;
import org.onosdvr.ovsdb.db.Fixtures;
import org.onosdvr.ovsdb.db.OvsdbTables;
import org.onosdvr.ovsdb.sync.FakeOvsdb;
import org.onosdvr.ovsdb.sync.OvsdbTarget;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;
import static org.onosdvr.ovsdb.tunnel.TunnelPortDiffTest.DEV;
import static org.onosdvr.ovsdb.tunnel.TunnelPortDiffTest.tunnel;

/**
 * The reconciler against a fake switch database: idempotence, hands off devices never configured, re-apply on
 * connect, one transaction in flight, retries with backoff, repair of changes made behind its back.
 */
public class TunnelPortReconcilerTest {

    private static final long RETRY_MIN_MS = 50;
    private static final long RETRY_MAX_MS = 200;

    private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor();
    private final FakeOvsdb db = new FakeOvsdb(Fixtures.resource("monitor-reply.json"), "br-int");
    private volatile OvsdbTarget target = db;
    private final TunnelPortReconciler reconciler = new TunnelPortReconciler(
            executor, d -> d.equals(DEV) ? Optional.ofNullable(target) : Optional.empty(), RETRY_MIN_MS,
            RETRY_MAX_MS);

    private static final Set<FailoverTunnel> TWO = Set.of(tunnel("198.19.70.2", 100), tunnel("198.19.70.3", 100));

    @After
    public void tearDown() {
        executor.shutdownNow();
    }

    /** Waits until everything queued on the reconciler's thread (and what that queued) has run. */
    private void flush() throws Exception {
        Await.flush(executor);
    }

    private boolean converged(Set<FailoverTunnel> wanted) {
        return TunnelPortDiff.of(db.tables(), "br-int", wanted).isEmpty();
    }

    @Test
    public void sameSetTwiceSendsNothingTheSecondTime() throws Exception {
        reconciler.setWanted(DEV, TWO);
        flush();
        assertEquals(1, db.transactions().size());
        assertTrue(converged(TWO));
        reconciler.setWanted(DEV, Set.copyOf(TWO));
        reconciler.updated(DEV);
        reconciler.connected(DEV);
        flush();
        assertEquals(1, db.transactions().size());
        assertEquals(1, reconciler.transactions(DEV));
        assertEquals(Optional.of(TWO), reconciler.wanted(DEV));
    }

    @Test
    public void deviceNeverConfiguredIsLeftAlone() throws Exception {
        reconciler.connected(DEV);
        reconciler.updated(DEV);
        flush();
        assertEquals(List.of(), db.transactions());
        assertNotNull("its existing failover port stays", db.row("Port", "bfd-c6134602"));
    }

    @Test
    public void emptySetRemovesEveryFailoverPort() throws Exception {
        reconciler.setWanted(DEV, Set.of());
        flush();
        assertNull(db.row("Port", "bfd-c6134602"));
        assertNotNull(db.row("Port", "vxlan0"));
    }

    @Test
    public void wantedSetIsAppliedWhenTheSwitchConnects() throws Exception {
        target = null;
        reconciler.setWanted(DEV, TWO);
        flush();
        assertEquals(0, db.transactions().size());
        target = db;
        reconciler.connected(DEV);
        flush();
        assertEquals(1, db.transactions().size());
        assertTrue(converged(TWO));
    }

    @Test
    public void portDeletedBehindOurBackIsRecreatedOnTheNextUpdate() throws Exception {
        reconciler.setWanted(DEV, TWO);
        flush();
        TunnelPortDiff removeAll = TunnelPortDiff.of(db.tables(), "br-int", Set.of());
        db.transact(removeAll.ops());
        reconciler.updated(DEV);
        flush();
        assertTrue(converged(TWO));
        assertEquals(2, reconciler.transactions(DEV));
    }

    @Test
    public void oneTransactionInFlightLaterWishesFollowItsReply() throws Exception {
        List<Runnable> held = new CopyOnWriteArrayList<>();
        target = new OvsdbTarget() {
            @Override
            public OvsdbTables tables() {
                return db.tables();
            }

            @Override
            public String bridgeName() {
                return "br-int";
            }

            @Override
            public CompletableFuture<JsonNode> transact(List<ObjectNode> ops) {
                CompletableFuture<JsonNode> f = new CompletableFuture<>();
                held.add(() -> db.transact(ops).thenAccept(f::complete));
                return f;
            }
        };
        reconciler.setWanted(DEV, TWO);
        flush();
        Set<FailoverTunnel> three = Set.of(tunnel("198.19.70.2", 100), tunnel("198.19.70.3", 100),
                                           tunnel("198.19.70.4", 100));
        reconciler.setWanted(DEV, three);
        reconciler.updated(DEV);
        flush();
        assertEquals("still one in flight", 1, held.size());
        held.get(0).run();
        flush();
        assertEquals("the reply triggers the next one", 2, held.size());
        held.get(1).run();
        flush();
        assertEquals(2, held.size());
        assertTrue(converged(three));
    }

    @Test
    public void failuresAreRetriedWithBackoffUntilTheyPass() throws Exception {
        db.failNext(2);
        long t0 = System.nanoTime();
        reconciler.setWanted(DEV, TWO);
        flush();
        assertEquals(1, db.transactions().size());
        reconciler.updated(DEV);
        flush();
        assertEquals("an update does not cut the retry delay short", 1, db.transactions().size());
        Await.waitFor(() -> converged(TWO), 5_000, "convergence after two failures");
        long tookMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
        assertEquals(3, db.transactions().size());
        assertTrue("retries waited 50 + 100 ms, took " + tookMs, tookMs >= RETRY_MIN_MS * 3);
        flush();
        assertEquals(3, db.transactions().size());
    }

    @Test
    public void newWantedSetRetriesAtOnce() throws Exception {
        reconciler.retry(60_000, 60_000);
        db.failNext(1);
        reconciler.setWanted(DEV, TWO);
        flush();
        assertEquals(1, db.transactions().size());
        reconciler.setWanted(DEV, Set.of(tunnel("198.19.70.3", 100)));
        flush();
        assertEquals(2, db.transactions().size());
        assertTrue(converged(Set.of(tunnel("198.19.70.3", 100))));
    }
}
