package org.onosdvr.ovsdb.db;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.Test;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertSame;
import static org.junit.Assert.assertTrue;
import static org.onosdvr.ovsdb.db.Fixtures.json;

/**
 * The monitored tables: the initial monitor reply, then modify / insert / delete row updates; the data notation.
 */
public class OvsdbTablesTest {

    private static final String BFD_PORT = "p0000000-0000-0000-0000-000000000003";
    private static final String BFD_IFACE = "i0000000-0000-0000-0000-000000000003";

    private static Set<String> portNames(OvsdbTables t, String bridge) {
        return t.ports(t.bridge(bridge).orElseThrow()).stream().map(PortRow::name).collect(Collectors.toSet());
    }

    @Test
    public void initialRowsAreRead() {
        OvsdbTables t = Fixtures.monitored();
        BridgeRow br = t.bridge("br-int").orElseThrow();
        assertEquals(Optional.of("00000000000000a1"), br.datapathId());
        assertEquals(Set.of("br-int", "vxlan0", "bfd-c6134602"), portNames(t, "br-int"));
        assertEquals(Set.of("br-phy"), portNames(t, "br-phy"));
        InterfaceRow bfd = t.interfaces(t.ports().get(BFD_PORT)).get(0);
        assertEquals("vxlan", bfd.type());
        assertEquals("198.19.70.2", bfd.options().get("remote_ip"));
        assertEquals(Map.of("enable", "true", "min_rx", "100", "min_tx", "100"), bfd.bfd());
        assertEquals("up", bfd.bfdStatus().get("state"));
        assertEquals(Optional.of(3L), bfd.ofport());
        InterfaceRow brPhy = t.interfaces().get("i0000000-0000-0000-0000-000000000009");
        assertEquals("an empty optional integer", Optional.empty(), brPhy.ofport());
        ControllerRow c = t.controllers(br).get(0);
        assertEquals(1, t.controllers(br).size());
        assertEquals("tcp:198.19.70.254:6653", c.target());
        assertEquals(Optional.empty(), c.rateLimit());
        assertEquals(Optional.empty(), c.burstLimit());
        ControllerRow other = t.controllers(t.bridge("br-phy").orElseThrow()).get(0);
        assertEquals(Optional.of(1000L), other.rateLimit());
    }

    @Test
    public void modifyReplacesTheRowAndDeleteRemovesIt() {
        OvsdbTables t0 = Fixtures.monitored();
        OvsdbTables t1 = t0.apply(json("{'Interface': {'" + BFD_IFACE + "': {"
                + "'old': {'bfd_status': ['map', [['state', 'up']]]},"
                + "'new': {'name': 'bfd-c6134602', 'type': 'vxlan', 'options': ['map', []], 'bfd': ['map', []],"
                + "        'bfd_status': ['map', [['state', 'down']]], 'ofport': 3}}}}"));
        assertEquals("down", t1.interfaces().get(BFD_IFACE).bfdStatus().get("state"));
        assertEquals("the old snapshot is untouched", "up", t0.interfaces().get(BFD_IFACE).bfdStatus().get("state"));

        OvsdbTables t2 = t1.apply(json("{'Port': {'" + BFD_PORT + "': {'old': {'name': 'bfd-c6134602'}}},"
                + "'Interface': {'" + BFD_IFACE + "': {'old': {'name': 'bfd-c6134602'}}},"
                + "'Bridge': {'b0000000-0000-0000-0000-000000000001': {"
                + "  'old': {'ports': ['set', []]},"
                + "  'new': {'name': 'br-int', 'datapath_id': '00000000000000a1', 'ports': ['set', ["
                + "     ['uuid', 'p0000000-0000-0000-0000-000000000001'],"
                + "     ['uuid', 'p0000000-0000-0000-0000-000000000002']]]}}}}"));
        assertEquals(Set.of("br-int", "vxlan0"), portNames(t2, "br-int"));
        assertTrue(!t2.ports().containsKey(BFD_PORT) && !t2.interfaces().containsKey(BFD_IFACE));
    }

    @Test
    public void unknownTablesAndEmptyUpdatesChangeNothing() {
        OvsdbTables t = Fixtures.monitored();
        assertSame(t, t.apply(json("{}")));
        OvsdbTables u = t.apply(json("{'Manager': {'m1': {'new': {'target': 'tcp:1.2.3.4:6640'}}}}"));
        assertEquals(t.ports(), u.ports());
        assertEquals(t.bridges().keySet(), u.bridges().keySet());
        assertEquals(t.controllers(), u.controllers());
    }

    @Test
    public void controllerLimitsAreReadAndUpdated() {
        String uuid = "c0000000-0000-0000-0000-000000000001";
        OvsdbTables t = Fixtures.monitored().apply(json("{'Controller': {'" + uuid + "': {"
                + "'old': {'controller_rate_limit': ['set', []]},"
                + "'new': {'target': 'tcp:198.19.70.254:6653', 'controller_rate_limit': 100,"
                + "        'controller_burst_limit': ['set', [25]]}}}}"));
        ControllerRow c = t.controllers().get(uuid);
        assertEquals(Optional.of(100L), c.rateLimit());
        assertEquals(Optional.of(25L), c.burstLimit());
        OvsdbTables gone = t.apply(json("{'Controller': {'" + uuid + "': {'old': {'target': 'x'}}}}"));
        assertEquals("a bridge's reference to a deleted row reads as nothing", List.of(),
                     gone.controllers(gone.bridge("br-int").orElseThrow()));
    }

    @Test
    public void bridgeWithoutDatapathIdYet() {
        OvsdbTables t = OvsdbTables.EMPTY.apply(json(
                "{'Bridge': {'b1': {'new': {'name': 'br-int', 'datapath_id': ['set', []], 'ports': ['set', []]}}}}"));
        assertEquals(Optional.empty(), t.bridge("br-int").orElseThrow().datapathId());
        assertEquals(List.of(), t.ports(t.bridge("br-int").orElseThrow()));
    }

    @Test
    public void dataNotation() {
        assertEquals(Map.of("a", "1", "b", "x"), OvsdbData.stringMap(json("['map', [['b', 'x'], ['a', 1]]]")));
        assertEquals(Map.of(), OvsdbData.stringMap(json("'not a map'")));
        assertEquals(Set.of("u1"), OvsdbData.uuids(json("['uuid', 'u1']")));
        assertEquals(Set.of("u1", "u2"), OvsdbData.uuids(json("['set', [['uuid', 'u2'], ['uuid', 'u1']]]")));
        assertEquals(Optional.of("x"), OvsdbData.string(json("['set', ['x']]")));
        assertEquals(Optional.empty(), OvsdbData.string(json("['set', []]")));
        assertEquals(Optional.of(7L), OvsdbData.integer(json("7")));
        assertEquals(json("['map', [['a', '1'], ['b', '2']]]"), OvsdbData.map(Map.of("b", "2", "a", "1")));
        assertEquals(json("['set', [['named-uuid', 'p0']]]"), OvsdbData.set(List.of(OvsdbData.namedUuid("p0"))));
    }

    @Test
    public void monitorRequestsNameEveryColumnWeRead() {
        assertEquals(json("{'Bridge': {'columns': ['name', 'datapath_id', 'ports', 'controller']},"
                                  + "'Port': {'columns': ['name', 'interfaces']},"
                                  + "'Interface': {'columns': ['name', 'type', 'options', 'bfd', 'bfd_status',"
                                  + " 'ofport']},"
                                  + "'Controller': {'columns': ['target', 'controller_rate_limit',"
                                  + " 'controller_burst_limit']}}"),
                     OvsdbTables.monitorRequests());
    }

    @Test
    public void transactErrorsAreNamed() {
        List<ObjectNode> ops = List.of(
                Ops.insert("Interface", (ObjectNode) json("{'name': 'x'}"), "i"),
                Ops.mutate("Bridge", "b1", "ports", "insert", OvsdbData.set(List.of(OvsdbData.namedUuid("p")))));
        assertEquals(List.of(), Ops.errors(json("[{'uuid': ['uuid', 'u']}, {'count': 1}]"), ops));
        assertEquals(List.of("commit: constraint violation: duplicate name"),
                     Ops.errors(json("[{'uuid': ['uuid', 'u']}, {'count': 1},"
                                             + " {'error': 'constraint violation', 'details': 'duplicate name'}]"),
                                ops));
        assertEquals(List.of("operation 1 (mutate Bridge): referential integrity violation"),
                     Ops.errors(json("[{}, {'error': 'referential integrity violation'}]"), ops));
    }
}
