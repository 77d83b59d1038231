package org.onosdvr.ovsdb.ratelimit;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.Test;
import org.onosdvr.ovsdb.db.ControllerRow;
import org.onosdvr.ovsdb.db.Fixtures;
import org.onosdvr.ovsdb.db.OvsdbTables;
import org.onosdvr.ovsdb.sync.FakeOvsdb;

import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.onosdvr.ovsdb.db.Fixtures.json;

/**
 * The operations that give a bridge's controllers a packet-in limit: exact {@code transact} operations, applied to
 * a fake switch database they converge (a second diff is empty), other bridges' controllers untouched, and the
 * values the OVS schema rejects refused up front.
 */
public class PacketInLimitDiffTest {

    static final String BR_INT_CONTROLLER = "c0000000-0000-0000-0000-000000000001";
    static final String BR_PHY_CONTROLLER = "c0000000-0000-0000-0000-000000000009";
    static final PacketInLimit DEFAULT = PacketInLimit.of(100, 25);

    static FakeOvsdb fakeDb() {
        return new FakeOvsdb(Fixtures.resource("monitor-reply.json"), "br-int");
    }

    private static PacketInLimitDiff diff(OvsdbTables t, PacketInLimit wanted) {
        return PacketInLimitDiff.of(t, "br-int", wanted);
    }

    private static ControllerRow controller(FakeOvsdb db, String uuid) {
        return db.tables().controllers().get(uuid);
    }

    @Test
    public void aControllerWithoutLimitGetsOneUpdateOfBothColumns() {
        PacketInLimitDiff d = diff(Fixtures.monitored(), DEFAULT);
        assertEquals(1, d.ops().size());
        assertEquals("as sent on the wire",
                     json("{'op': 'update', 'table': 'Controller',"
                                  + " 'where': [['_uuid', '==', ['uuid', '" + BR_INT_CONTROLLER + "']]],"
                                  + " 'row': {'controller_rate_limit': 100, 'controller_burst_limit': 25}}").toString(),
                     d.ops().get(0).toString());
        assertEquals(List.of("tcp:198.19.70.254:6653 none -> 100/s burst 25"), d.changes());
    }

    @Test
    public void appliedOnceThenNothingToDo() {
        FakeOvsdb db = fakeDb();
        db.transact(diff(db.tables(), DEFAULT).ops());
        assertEquals(Optional.of(100L), controller(db, BR_INT_CONTROLLER).rateLimit());
        assertEquals(Optional.of(25L), controller(db, BR_INT_CONTROLLER).burstLimit());
        assertTrue("idempotent", diff(db.tables(), DEFAULT).isEmpty());
        assertEquals("br-phy's controller untouched", Optional.of(1000L),
                     controller(db, BR_PHY_CONTROLLER).rateLimit());
        assertEquals(Optional.empty(), controller(db, BR_PHY_CONTROLLER).burstLimit());
    }

    @Test
    public void aDifferentRateOrBurstIsRewritten() {
        FakeOvsdb db = fakeDb();
        db.transact(diff(db.tables(), DEFAULT).ops());
        PacketInLimitDiff burst = diff(db.tables(), PacketInLimit.of(100, 50));
        assertEquals(List.of("tcp:198.19.70.254:6653 100/s burst 25 -> 100/s burst 50"), burst.changes());
        db.transact(burst.ops());
        assertEquals(Optional.of(50L), controller(db, BR_INT_CONTROLLER).burstLimit());
        assertTrue(diff(db.tables(), PacketInLimit.of(100, 50)).isEmpty());
        assertFalse(diff(db.tables(), PacketInLimit.of(200, 50)).isEmpty());
    }

    @Test
    public void noneClearsBothColumns() {
        FakeOvsdb db = fakeDb();
        db.transact(diff(db.tables(), DEFAULT).ops());
        PacketInLimitDiff none = diff(db.tables(), PacketInLimit.NONE);
        assertEquals(json("{'controller_rate_limit': ['set', []], 'controller_burst_limit': ['set', []]}"),
                     none.ops().get(0).get("row"));
        db.transact(none.ops());
        assertEquals(Optional.empty(), controller(db, BR_INT_CONTROLLER).rateLimit());
        assertEquals(Optional.empty(), controller(db, BR_INT_CONTROLLER).burstLimit());
        assertTrue(diff(db.tables(), PacketInLimit.NONE).isEmpty());
    }

    @Test
    public void everyControllerOfTheBridgeIsLimitedInTargetOrder() {
        OvsdbTables t = OvsdbTables.EMPTY.apply(json(
                "{'Bridge': {'b1': {'new': {'name': 'br-int', 'datapath_id': '00000000000000a1', 'ports': ['set', []],"
                        + "  'controller': ['set', [['uuid', 'c2'], ['uuid', 'c1']]]}}},"
                        + " 'Controller': {"
                        + "  'c1': {'new': {'target': 'tcp:10.0.0.2:6653', 'controller_rate_limit': ['set', []],"
                        + "                 'controller_burst_limit': ['set', []]}},"
                        + "  'c2': {'new': {'target': 'tcp:10.0.0.1:6653', 'controller_rate_limit': 100,"
                        + "                 'controller_burst_limit': ['set', []]}}}}"));
        PacketInLimitDiff d = diff(t, DEFAULT);
        assertEquals(List.of("tcp:10.0.0.1:6653 100/s burst default -> 100/s burst 25",
                             "tcp:10.0.0.2:6653 none -> 100/s burst 25"), d.changes());
        assertEquals(List.of("c2", "c1"),
                     d.ops().stream().map(PacketInLimitDiffTest::target).collect(Collectors.toList()));
    }

    @Test
    public void noBridgeOrNoControllerMeansNothingToDo() {
        assertTrue(PacketInLimitDiff.of(Fixtures.monitored(), "br-nope", DEFAULT).isEmpty());
        OvsdbTables noController = OvsdbTables.EMPTY.apply(json(
                "{'Bridge': {'b1': {'new': {'name': 'br-int', 'ports': ['set', []], 'controller': ['set', []]}}}}"));
        assertTrue(diff(noController, DEFAULT).isEmpty());
    }

    @Test
    public void valuesTheSchemaRejectsAreRefused() {
        assertTrue(PacketInLimit.of(0, 0).isNone());
        assertEquals("rate 0 is no limit whatever the burst", PacketInLimit.NONE, PacketInLimit.of(0, 500));
        assertEquals(Optional.of(100L), DEFAULT.rate());
        assertEquals(Optional.empty(), PacketInLimit.NONE.burst());
        assertEquals(DEFAULT, PacketInLimit.of(100, 25));
        assertEquals("100/s burst 25", DEFAULT.toString());
        for (int[] bad : new int[][]{{99, 25}, {-1, 25}, {100, 24}, {1000, 0}}) {
            try {
                PacketInLimit.of(bad[0], bad[1]);
                throw new AssertionError("accepted " + bad[0] + "/" + bad[1]);
            } catch (IllegalArgumentException e) {
                assertTrue(e.getMessage(), e.getMessage().contains("at least"));
            }
        }
    }

    private static String target(ObjectNode op) {
        return op.get("where").get(0).get(2).get(1).asText();
    }
}
