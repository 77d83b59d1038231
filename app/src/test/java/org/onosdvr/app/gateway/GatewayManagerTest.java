package org.onosdvr.app.gateway;

import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.onosdvr.api.GatewayAssignment;
import org.onosdvr.api.NodeRole;
import org.onosdvr.api.Router;
import org.onosdvr.api.RouterId;
import org.onosdvr.app.testing.DvrTestBed;
import org.onosdvr.app.testing.TestModel;
import org.onosproject.net.DeviceId;
import org.onosproject.net.device.DeviceServiceAdapter;
import org.onosproject.net.packet.OutboundPacket;
import org.onosproject.net.packet.PacketServiceAdapter;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

/**
 * Tests of the gateway manager: assignments follow routers, nodes and availability.
 */
public class GatewayManagerTest {

    private static final DeviceId G1 = DeviceId.deviceId("of:00000000000000a1");
    private static final DeviceId G2 = DeviceId.deviceId("of:00000000000000a2");

    private final Set<DeviceId> up = new HashSet<>();
    private final List<OutboundPacket> sent = new java.util.concurrent.CopyOnWriteArrayList<>();
    private DvrTestBed bed;
    private GatewayManager gm;

    @Before
    public void setUp() {
        bed = new DvrTestBed();
        gm = new GatewayManager();
        gm.dvrService = bed.manager;
        gm.store = bed.store;
        gm.deviceService = new DeviceServiceAdapter() {
            @Override
            public boolean isAvailable(DeviceId deviceId) {
                return up.contains(deviceId);
            }
        };
        gm.packetService = new PacketServiceAdapter() {
            @Override
            public void emit(OutboundPacket packet) {
                sent.add(packet);
            }
        };
        gm.startupHoldMs = 0;
        gm.activate();
    }

    @After
    public void tearDown() {
        gm.deactivate();
        bed.stop();
    }

    @Test
    public void assignmentsFollowRoutersAndAvailability() throws Exception {
        bed.manager.createNetwork(TestModel.externalNetwork("ext", 900));
        bed.manager.createSubnet(TestModel.subnet("es", "ext", "203.0.113.0/24", "203.0.113.1"));
        bed.manager.updateNode(TestModel.node(G1.toString(), NodeRole.GATEWAY, "198.18.0.11", 0));
        bed.manager.updateNode(TestModel.node(G2.toString(), NodeRole.GATEWAY, "198.18.0.12", 0));
        up.add(G1);
        for (int i = 0; i < 20; i++) {
            bed.manager.createRouter(TestModel.routerWithGateway("snat" + i, "ext", "es", "203.0.113." + (10 + i),
                                                                 true).toBuilder().distributed(true).build());
        }
        Router dvrOnly = bed.manager.createRouter(TestModel.router("dvr").toBuilder().distributed(true).build());
        bed.manager.createRouter(TestModel.router("legacy"));
        gm.flush();

        assertFalse("a distributed router without SNAT needs no gateway",
                    bed.manager.snapshot().gatewayAssignment(dvrOnly.id()).isPresent());
        assertTrue(bed.manager.snapshot().gatewayAssignment(RouterId.of("legacy")).isPresent());
        bed.manager.snapshot().gatewayAssignments().forEach(a -> assertEquals(G1, a.primary()));

        up.add(G2);
        gm.recompute();
        bed.manager.snapshot().gatewayAssignments().forEach(a -> {
            assertEquals("sticky: a joining gateway takes no router from a live primary", G1, a.primary());
            assertEquals(List.of(G2), a.backups());
        });
        assertTrue(sent.isEmpty());
        Map<RouterId, GatewayAssignment> moved = gm.rebalance();
        long onG2 = bed.manager.snapshot().gatewayAssignments().stream().filter(a -> a.primary().equals(G2))
                .count();
        assertTrue("a rebalance moves some routers to the second gateway: " + onG2, onG2 > 0 && onG2 < 21);
        assertEquals(onG2, moved.values().stream().filter(a -> a.primary().equals(G2)).count());
        bed.manager.snapshot().gatewayAssignments()
                .forEach(a -> assertEquals(1, a.backups().size()));
        long snatMoved = moved.keySet().stream().filter(r -> !r.toString().equals("legacy")).count();
        long legacyMoved = moved.size() - snatMoved;
        assertEquals("one gratuitous ARP per moved router with SNAT, from its new primary", snatMoved,
                     sent.size());
        assertTrue(sent.stream().allMatch(p -> p.sendThrough().equals(G2)));
        assertTrue(legacyMoved >= 0);

        int events = bed.events.size();
        gm.recompute();
        assertEquals("recomputing an unchanged state writes nothing", events, bed.events.size());

        bed.manager.removeNode(G2);
        gm.flush();
        bed.manager.snapshot().gatewayAssignments().forEach(a -> assertEquals(G1, a.primary()));
        assertEquals(21, bed.manager.snapshot().gatewayAssignments().size());
    }

    @Test
    public void failoverMovesToTheBackupAndARecoveredGatewayDisturbsNobody() throws Exception {
        bed.manager.createNetwork(TestModel.externalNetwork("ext", 900));
        bed.manager.createSubnet(TestModel.subnet("es", "ext", "203.0.113.0/24", "203.0.113.1"));
        bed.manager.updateNode(TestModel.node(G1.toString(), NodeRole.GATEWAY, "198.18.0.11", 0));
        bed.manager.updateNode(TestModel.node(G2.toString(), NodeRole.GATEWAY, "198.18.0.12", 0));
        up.add(G1);
        up.add(G2);
        for (int i = 0; i < 20; i++) {
            bed.manager.createRouter(TestModel.routerWithGateway("snat" + i, "ext", "es", "203.0.113." + (10 + i),
                                                                 true).toBuilder().distributed(true).build());
        }
        gm.flush();
        Map<RouterId, GatewayAssignment> before = new java.util.HashMap<>();
        bed.manager.snapshot().gatewayAssignments().forEach(a -> before.put(a.routerId(), a));
        long onG1 = before.values().stream().filter(a -> a.primary().equals(G1)).count();
        assertTrue("both gateways serve routers: " + onG1, onG1 > 0 && onG1 < 20);

        up.remove(G1);
        gm.recompute();
        for (GatewayAssignment a : bed.manager.snapshot().gatewayAssignments()) {
            assertEquals(G2, a.primary());
            assertTrue(a.backups().isEmpty());
        }
        assertEquals("a gratuitous ARP from G2 per router that moved", onG1, sent.size());
        sent.forEach(p -> {
            assertEquals(G2, p.sendThrough());
            org.onlab.packet.Ethernet eth = parse(p);
            assertEquals(org.onlab.packet.Ethernet.TYPE_ARP, eth.getEtherType());
            assertTrue(eth.isBroadcast());
            org.onlab.packet.ARP arp = (org.onlab.packet.ARP) eth.getPayload();
            assertEquals(org.onlab.packet.ARP.OP_REPLY, arp.getOpCode());
            assertTrue(java.util.Arrays.equals(arp.getSenderProtocolAddress(), arp.getTargetProtocolAddress()));
        });

        up.add(G1);
        sent.clear();
        gm.recompute();
        for (GatewayAssignment a : bed.manager.snapshot().gatewayAssignments()) {
            assertEquals("the recovered gateway takes nothing back", G2, a.primary());
            assertEquals(List.of(G1), a.backups());
        }
        assertTrue(sent.isEmpty());
        gm.rebalance();
        Map<RouterId, DeviceId> after = new java.util.HashMap<>();
        bed.manager.snapshot().gatewayAssignments().forEach(a -> after.put(a.routerId(), a.primary()));
        before.forEach((r, a) -> assertEquals("rebalance restores the ranked primary", a.primary(), after.get(r)));
        assertEquals(onG1, sent.size());
    }

    @Test
    public void startupHoldKeepsPrimariesThatHaveNotReconnected() throws Exception {
        gm.deactivate();
        bed.manager.createNetwork(TestModel.externalNetwork("ext", 900));
        bed.manager.createSubnet(TestModel.subnet("es", "ext", "203.0.113.0/24", "203.0.113.1"));
        bed.manager.updateNode(TestModel.node(G1.toString(), NodeRole.GATEWAY, "198.18.0.11", 0));
        bed.manager.updateNode(TestModel.node(G2.toString(), NodeRole.GATEWAY, "198.18.0.12", 0));
        up.add(G1);
        up.add(G2);
        gm = newManager(0);
        bed.manager.createRouter(TestModel.routerWithGateway("r", "ext", "es", "203.0.113.10", true).toBuilder()
                                         .distributed(true).build());
        gm.flush();
        DeviceId primary = bed.manager.snapshot().gatewayAssignment(RouterId.of("r")).get().primary();
        gm.deactivate();
        up.remove(primary);         // "restart": the primary has not reconnected yet
        gm = newManager(60_000);
        gm.recompute();
        assertEquals(primary, bed.manager.snapshot().gatewayAssignment(RouterId.of("r")).get().primary());
    }

    private GatewayManager newManager(long holdMs) {
        GatewayManager m = new GatewayManager();
        m.dvrService = gm.dvrService;
        m.store = gm.store;
        m.deviceService = gm.deviceService;
        m.packetService = gm.packetService;
        m.startupHoldMs = holdMs;
        m.activate();
        return m;
    }

    private static org.onlab.packet.Ethernet parse(OutboundPacket p) {
        byte[] b = new byte[p.data().remaining()];
        p.data().duplicate().get(b);
        try {
            return org.onlab.packet.Ethernet.deserializer().deserialize(b, 0, b.length);
        } catch (org.onlab.packet.DeserializationException e) {
            throw new AssertionError(e);
        }
    }
}
