package org.onosdvr.ovsdb.ratelimit;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.After;
import org.junit.Test;
import org.onosdvr.ovsdb.Await;
import org.onosdvr.ovsdb.sync.FakeOvsdb;
import org.onosdvr.ovsdb.sync.OvsdbReconciler;
import org.onosdvr.ovsdb.sync.OvsdbTarget;
import org.onosproject.net.DeviceId;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.onosdvr.ovsdb.db.Fixtures.json;
import static org.onosdvr.ovsdb.ratelimit.PacketInLimitDiffTest.BR_INT_CONTROLLER;
import static org.onosdvr.ovsdb.ratelimit.PacketInLimitDiffTest.DEFAULT;

/**
 * The packet-in limit kept on a fake switch database by the reconciler the manager uses: applied once, nothing
 * sent again for the same limit, an update or a reconnect; re-applied when the limit is cleared behind its back or
 * the controller row is replaced (what {@code ovs-vsctl set-controller} does), and when the switch reconnects
 * after having lost it; a failed transaction is retried.
 */
public class PacketInLimitReconcilerTest {

    private static final DeviceId DEV = DeviceId.deviceId("of:00000000000000a1");

    private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor();
    private final FakeOvsdb db = PacketInLimitDiffTest.fakeDb();
    private volatile OvsdbTarget target = db;
    private final OvsdbReconciler<PacketInLimit> reconciler = new OvsdbReconciler<>(
            executor, d -> d.equals(DEV) ? Optional.ofNullable(target) : Optional.empty(),
            (t, wanted) -> PacketInLimitDiff.of(t.tables(), t.bridgeName(), wanted), "packet-in limit", 20, 40);

    @After
    public void tearDown() {
        executor.shutdownNow();
    }

    private void flush() throws Exception {
        Await.flush(executor);
    }

    private boolean limited(PacketInLimit l) {
        return PacketInLimitDiff.of(db.tables(), "br-int", l).isEmpty();
    }

    @Test
    public void sameLimitAgainSendsNothing() throws Exception {
        reconciler.setWanted(DEV, DEFAULT);
        flush();
        assertTrue(limited(DEFAULT));
        reconciler.setWanted(DEV, PacketInLimit.of(100, 25));
        reconciler.updated(DEV);
        reconciler.connected(DEV);
        flush();
        assertEquals(1, db.transactions().size());
        assertEquals(1, reconciler.transactions(DEV));
    }

    @Test
    public void limitClearedBehindOurBackIsSetAgainOnTheUpdate() throws Exception {
        reconciler.setWanted(DEV, DEFAULT);
        flush();
        db.transact(PacketInLimitDiff.of(db.tables(), "br-int", PacketInLimit.NONE).ops());
        reconciler.updated(DEV);
        flush();
        assertTrue(limited(DEFAULT));
        assertEquals(2, reconciler.transactions(DEV));
    }

    @Test
    public void replacedControllerRowGetsTheLimit() throws Exception {
        reconciler.setWanted(DEV, DEFAULT);
        flush();
        // ovs-vsctl set-controller br-int tcp:...: a new Controller row, the old one garbage-collected
        db.transact(List.of(
                (ObjectNode) json("{'op': 'insert', 'table': 'Controller', 'uuid-name': 'c',"
                                          + " 'row': {'target': 'tcp:198.19.70.254:6653'}}"),
                (ObjectNode) json("{'op': 'update', 'table': 'Bridge', 'where': [['_uuid', '==',"
                                          + " ['uuid', 'b0000000-0000-0000-0000-000000000001']]],"
                                          + " 'row': {'controller': ['named-uuid', 'c']}}")));
        assertTrue(!db.tables().controllers().containsKey(BR_INT_CONTROLLER) && !limited(DEFAULT));
        reconciler.updated(DEV);
        flush();
        assertTrue(limited(DEFAULT));
    }

    @Test
    public void switchThatLostTheLimitWhileDisconnectedGetsItBackOnReconnect() throws Exception {
        reconciler.setWanted(DEV, DEFAULT);
        flush();
        assertTrue(limited(DEFAULT));
        // while disconnected the database lost the limit (e.g. conf.db recreated): the reconnect restores it
        target = null;
        db.transact(PacketInLimitDiff.of(db.tables(), "br-int", PacketInLimit.NONE).ops());
        reconciler.updated(DEV);
        flush();
        target = db;
        reconciler.connected(DEV);
        flush();
        assertTrue(limited(DEFAULT));
        assertEquals(2, reconciler.transactions(DEV));
    }

    @Test
    public void newLimitReplacesTheOldOneAndAFailureIsRetried() throws Exception {
        reconciler.setWanted(DEV, DEFAULT);
        flush();
        db.failNext(1);
        PacketInLimit higher = PacketInLimit.of(1000, 100);
        reconciler.setWanted(DEV, higher);
        Await.waitFor(() -> limited(higher), 5_000, "the new limit, retried after the injected failure");
        assertEquals(3, reconciler.transactions(DEV));
    }
}
