package org.onosdvr.ovsdb.tunnel;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.Test;
import org.onlab.packet.IpAddress;
import org.onosdvr.api.FailoverTunnel;
import org.onosdvr.ovsdb.db.Fixtures;
import org.onosdvr.ovsdb.db.OvsdbTables;
import org.onosdvr.ovsdb.sync.FakeOvsdb;
import org.onosproject.net.DeviceId;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;
import static org.onosdvr.ovsdb.db.Fixtures.json;

/**
 * Which transact operations a wanted set produces against the tables of {@code monitor-reply.json} (br-int with
 * vxlan0 and bfd-c6134602 towards 198.19.70.2, BFD 100/100 ms, on UDP 4790), and that applying them converges.
 */
public class TunnelPortDiffTest {

    static final DeviceId DEV = DeviceId.deviceId("of:00000000000000a1");
    static final String BRIDGE_UUID = "b0000000-0000-0000-0000-000000000001";
    static final String BFD2_PORT = "p0000000-0000-0000-0000-000000000003";
    static final String BFD2_IFACE = "i0000000-0000-0000-0000-000000000003";

    static FailoverTunnel tunnel(String remote, int minTx) {
        return new FailoverTunnel(DEV, IpAddress.valueOf("198.19.70.1"), IpAddress.valueOf(remote),
                                  FailoverTunnel.DEFAULT_UDP_PORT, minTx, 100);
    }

    private static TunnelPortDiff diff(OvsdbTables tables, FailoverTunnel... wanted) {
        return TunnelPortDiff.of(tables, "br-int", Set.of(wanted));
    }

    /** Applies the diff to a fake switch database and checks that a second diff is empty. */
    private static FakeOvsdb converges(FakeOvsdb db, FailoverTunnel... wanted) {
        TunnelPortDiff d = diff(db.tables(), wanted);
        db.transact(d.ops());
        assertTrue("second diff not empty: " + diff(db.tables(), wanted), diff(db.tables(), wanted).isEmpty());
        return db;
    }

    private static FakeOvsdb fakeDb() {
        return new FakeOvsdb(Fixtures.resource("monitor-reply.json"), "br-int");
    }

    @Test
    public void nothingToDoWhenTheBridgeMatches() {
        TunnelPortDiff d = diff(Fixtures.monitored(), tunnel("198.19.70.2", 100));
        assertTrue(d.toString(), d.isEmpty());
        assertEquals(List.of(), d.changes());
    }

    @Test
    public void missingPortIsInsertedWithInterfaceAndBridgeReference() {
        TunnelPortDiff d = diff(Fixtures.monitored(), tunnel("198.19.70.2", 100), tunnel("198.19.70.3", 100));
        assertEquals(List.of("add bfd-c6134603"), d.changes());
        assertEquals(List.of(
                json("{'op': 'insert', 'table': 'Interface', 'uuid-name': 'iface0', 'row': {"
                             + "'name': 'bfd-c6134603', 'type': 'vxlan',"
                             + "'options': ['map', [['dst_port', '4790'], ['key', 'flow'],"
                             + "                    ['local_ip', '198.19.70.1'], ['remote_ip', '198.19.70.3']]],"
                             + "'bfd': ['map', [['enable', 'true'], ['min_rx', '100'], ['min_tx', '100']]]}}"),
                json("{'op': 'insert', 'table': 'Port', 'uuid-name': 'port0', 'row': {"
                             + "'name': 'bfd-c6134603', 'interfaces': ['named-uuid', 'iface0']}}"),
                json("{'op': 'mutate', 'table': 'Bridge', 'where': [['_uuid', '==', ['uuid', '" + BRIDGE_UUID
                             + "']]], 'mutations': [['ports', 'insert', ['set', [['named-uuid', 'port0']]]]]}")),
                     d.ops());
        converges(fakeDb(), tunnel("198.19.70.2", 100), tunnel("198.19.70.3", 100));
    }

    @Test
    public void changedBfdIntervalUpdatesTheInterfaceInPlace() {
        TunnelPortDiff d = diff(Fixtures.monitored(), tunnel("198.19.70.2", 300));
        assertEquals(List.of("update bfd-c6134602 (bfd)"), d.changes());
        assertEquals(1, d.ops().size());
        ObjectNode op = d.ops().get(0);
        assertEquals("update", op.get("op").asText());
        assertEquals(json("[['_uuid', '==', ['uuid', '" + BFD2_IFACE + "']]]"), op.get("where"));
        assertEquals(json("['map', [['enable', 'true'], ['min_rx', '100'], ['min_tx', '300']]]"),
                     op.get("row").get("bfd"));
        FakeOvsdb db = converges(fakeDb(), tunnel("198.19.70.2", 300));
        assertEquals("same port row kept", BFD2_IFACE, db.tables().ports().get(BFD2_PORT).interfaces()
                .iterator().next());
    }

    @Test
    public void changedUdpPortUpdatesOptions() {
        FailoverTunnel t = new FailoverTunnel(DEV, IpAddress.valueOf("198.19.70.1"),
                                              IpAddress.valueOf("198.19.70.2"), 4791, 100, 100);
        assertEquals(List.of("update bfd-c6134602 (options)"), diff(Fixtures.monitored(), t).changes());
        converges(fakeDb(), t);
    }

    @Test
    public void unwantedFailoverPortsAreRemovedAndOtherPortsLeftAlone() {
        TunnelPortDiff d = diff(Fixtures.monitored());
        assertEquals(List.of("remove bfd-c6134602"), d.changes());
        assertEquals(List.of(json("{'op': 'mutate', 'table': 'Bridge', 'where': [['_uuid', '==', ['uuid', '"
                                          + BRIDGE_UUID + "']]], 'mutations': [['ports', 'delete', ['set', "
                                          + "[['uuid', '" + BFD2_PORT + "']]]]]}")),
                     d.ops());
        FakeOvsdb db = converges(fakeDb());
        assertNull(db.row("Port", "bfd-c6134602"));
        assertNull("interface garbage-collected", db.row("Interface", "bfd-c6134602"));
        assertNotNull(db.row("Port", "vxlan0"));
        assertEquals(json("['map', [['key', 'flow'], ['local_ip', '198.19.70.1'], ['remote_ip', 'flow']]]"),
                     db.row("Interface", "vxlan0").get("options"));
    }

    @Test
    public void addUpdateAndRemoveInOneTransaction() {
        FakeOvsdb db = converges(fakeDb(), tunnel("198.19.70.3", 100), tunnel("198.19.70.4", 100));
        TunnelPortDiff d = diff(db.tables(), tunnel("198.19.70.3", 50), tunnel("198.19.70.5", 100));
        assertEquals("in port name order",
                     List.of("update bfd-c6134603 (bfd)", "remove bfd-c6134604", "add bfd-c6134605"), d.changes());
        assertEquals("delete mutate, update, 2 inserts, insert mutate", 5, d.ops().size());
        converges(db, tunnel("198.19.70.3", 50), tunnel("198.19.70.5", 100));
        assertNotNull(db.row("Port", "vxlan0"));
    }

    @Test
    public void malformedPortIsReplacedInTheSameTransaction() {
        OvsdbTables tables = Fixtures.monitored().apply(json(
                "{'Interface': {'" + BFD2_IFACE + "': {'new': {'name': 'something-else', 'type': 'vxlan'}}}}"));
        TunnelPortDiff d = diff(tables, tunnel("198.19.70.2", 100));
        assertEquals(List.of("replace malformed bfd-c6134602"), d.changes());
        assertEquals(List.of("mutate", "insert", "insert", "mutate"),
                     d.ops().stream().map(o -> o.get("op").asText()).collect(Collectors.toList()));
    }

    @Test
    public void wrongTypeIsUpdated() {
        OvsdbTables tables = Fixtures.monitored().apply(json(
                "{'Interface': {'" + BFD2_IFACE + "': {'new': {'name': 'bfd-c6134602', 'type': 'geneve',"
                        + "'options': ['map', [['dst_port', '4790'], ['key', 'flow'], ['local_ip', '198.19.70.1'],"
                        + " ['remote_ip', '198.19.70.2']]],"
                        + "'bfd': ['map', [['enable', 'true'], ['min_rx', '100'], ['min_tx', '100']]]}}}}"));
        assertEquals(List.of("update bfd-c6134602 (type)"), diff(tables, tunnel("198.19.70.2", 100)).changes());
    }

    @Test
    public void noBridgeNoOperations() {
        assertTrue(TunnelPortDiff.of(Fixtures.monitored(), "br-missing", Set.of(tunnel("198.19.70.3", 1)))
                           .isEmpty());
        assertTrue(TunnelPortDiff.of(OvsdbTables.EMPTY, "br-int", Set.of(tunnel("198.19.70.3", 1))).isEmpty());
    }

    @Test
    public void failoverPortsOfOtherBridgesAreNotOurs() {
        OvsdbTables tables = Fixtures.monitored();
        assertFalse(TunnelPortDiff.of(tables, "br-phy", Set.of()).changes().contains("remove bfd-c6134602"));
        assertTrue(TunnelPortDiff.of(tables, "br-phy", Set.of()).isEmpty());
    }

    @Test
    public void wantedInterfaceSettings() {
        FailoverTunnel t = tunnel("198.19.70.2", 150);
        assertEquals(Map.of("remote_ip", "198.19.70.2", "local_ip", "198.19.70.1", "key", "flow",
                            "dst_port", "4790"), TunnelPortDiff.options(t));
        assertEquals(Map.of("enable", "true", "min_tx", "150", "min_rx", "100"), TunnelPortDiff.bfd(t));
    }
}
