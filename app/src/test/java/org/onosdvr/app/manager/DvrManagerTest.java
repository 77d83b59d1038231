package org.onosdvr.app.manager;

import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.onlab.packet.IpAddress;
import org.onlab.packet.MacAddress;
import org.onosdvr.api.DvrEvent;
import org.onosdvr.api.DvrException;
import org.onosdvr.api.DvrNode;
import org.onosdvr.api.DvrSnapshot;
import org.onosdvr.api.FloatingIp;
import org.onosdvr.api.FloatingIpId;
import org.onosdvr.api.GatewayAssignment;
import org.onosdvr.api.NetworkId;
import org.onosdvr.api.NodeRole;
import org.onosdvr.api.PortId;
import org.onosdvr.api.Router;
import org.onosdvr.api.RouterId;
import org.onosdvr.api.RouterInterface;
import org.onosdvr.api.SubnetId;
import org.onosdvr.app.testing.DvrTestBed;
import org.onosdvr.app.testing.TestContexts;
import org.onosdvr.app.testing.TestModel;
import org.onosproject.net.DeviceId;

import java.util.List;
import java.util.function.Consumer;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;
import static org.onosdvr.api.DvrException.Kind.BAD_REQUEST;
import static org.onosdvr.api.DvrException.Kind.CONFLICT;
import static org.onosdvr.api.DvrException.Kind.NOT_FOUND;

/**
 * Tests of the DVR admin service: CRUD, in-use and not-found checks (which must change nothing), allocations,
 * floating IP resolution and settings.
 */
public class DvrManagerTest {

    private static final RouterId R1 = RouterId.of("r1");
    private static final SubnetId S1 = SubnetId.of("s1");

    private DvrTestBed bed;
    private DvrManager mgr;

    @Before
    public void setUp() {
        bed = new DvrTestBed();
        mgr = bed.manager;
    }

    @After
    public void tearDown() {
        bed.stop();
    }

    /** Tenant network n1 (10.0.1.0/24) with two ports, external network ext, router r1 attached to both. */
    private void topology() {
        mgr.createNetwork(TestModel.network("n1", 101));
        mgr.createSubnet(TestModel.subnet("s1", "n1", "10.0.1.0/24", "10.0.1.1"));
        mgr.createNetwork(TestModel.externalNetwork("ext", 900));
        mgr.createSubnet(TestModel.subnet("es", "ext", "203.0.113.0/24", "203.0.113.1"));
        mgr.createPort(TestModel.port("p1", "n1", "fa:16:3e:00:00:01", "10.0.1.10"));
        mgr.createPort(TestModel.port("p2", "n1", "fa:16:3e:00:00:02", "10.0.1.11", "10.0.1.12"));
        mgr.createRouter(TestModel.routerWithGateway("r1", "ext", "es", "203.0.113.10", true));
        mgr.addRouterInterface(R1, S1);
    }

    /** Runs a request that must fail with the given kind and checks that nothing changed. */
    private void rejected(DvrException.Kind kind, String messagePart, Consumer<DvrManager> request) {
        DvrSnapshot before = mgr.snapshot();
        int events = bed.events.size();
        try {
            request.accept(mgr);
            fail("expected " + kind);
        } catch (DvrException e) {
            assertEquals(e.getMessage(), kind, e.kind());
            assertThat(e.getMessage(), containsString(messagePart));
        }
        assertEquals("state unchanged", before, mgr.snapshot());
        assertEquals("no events", events, bed.events.size());
    }

    @Test
    public void createsAndRemovesWithEvents() {
        topology();
        DvrSnapshot s = mgr.snapshot();
        assertEquals(2, s.networks().size());
        assertEquals(2, s.ports(NetworkId.of("n1")).size());
        assertEquals(1, s.routerInterfaces(R1).size());
        assertEquals(DvrEvent.Type.SNAPSHOT_CHANGED, bed.events.get(bed.events.size() - 1).type());

        mgr.removeRouterInterface(R1, S1);
        mgr.removeRouter(R1);
        mgr.removePort(PortId.of("p1"));
        mgr.removePort(PortId.of("p2"));
        mgr.removeSubnet(S1);
        mgr.removeNetwork(NetworkId.of("n1"));
        assertEquals(1, mgr.snapshot().networks().size());
        assertTrue(mgr.snapshot().routers().isEmpty());
    }

    @Test
    public void notFoundAndDuplicatesChangeNothing() {
        topology();
        rejected(NOT_FOUND, "nx", m -> m.removeNetwork(NetworkId.of("nx")));
        rejected(NOT_FOUND, "nx", m -> m.createSubnet(TestModel.subnet("s9", "nx", "10.9.0.0/24", "10.9.0.1")));
        rejected(NOT_FOUND, "rx", m -> m.addRouterInterface(RouterId.of("rx"), S1));
        rejected(NOT_FOUND, "p9", m -> m.updatePort(TestModel.port("p9", "n1", "fa:16:3e:00:00:09", "10.0.1.9")));
        rejected(CONFLICT, "already exists", m -> m.createNetwork(TestModel.network("n1", 555)));
        rejected(CONFLICT, "segmentation_id 101", m -> m.createNetwork(TestModel.network("n2", 101)));
        rejected(CONFLICT, "MAC FA:16:3E:00:00:01",
                 m -> m.createPort(TestModel.port("p3", "n1", "fa:16:3e:00:00:01", "10.0.1.20")));
        rejected(CONFLICT, "IP 10.0.1.11",
                 m -> m.createPort(TestModel.port("p3", "n1", "fa:16:3e:00:00:03", "10.0.1.11")));
        rejected(CONFLICT, "already attached", m -> m.addRouterInterface(R1, S1));
    }

    @Test
    public void inUseObjectsCannotBeRemoved() {
        topology();
        rejected(CONFLICT, "subnets", m -> m.removeNetwork(NetworkId.of("n1")));
        rejected(CONFLICT, "port p1", m -> m.removeSubnet(S1));
        rejected(CONFLICT, "interfaces", m -> m.removeRouter(R1));
        rejected(CONFLICT, "router r1", m -> m.removeSubnet(SubnetId.of("es")));
        mgr.createFloatingIp(TestModel.floatingIp("f1", "ext", "203.0.113.20", "p1"));
        rejected(CONFLICT, "floating IP f1", m -> m.removeRouterInterface(R1, S1));
        rejected(CONFLICT, "already floating IP f1",
                 m -> m.createFloatingIp(TestModel.floatingIp("f2", "ext", "203.0.113.20", null)));
        rejected(CONFLICT, "external IP of router r1",
                 m -> m.createFloatingIp(TestModel.floatingIp("f2", "ext", "203.0.113.10", null)));
        rejected(CONFLICT, "already used by floating IP f1", m -> m.createRouter(
                TestModel.routerWithGateway("r2", "ext", "es", "203.0.113.20", true)));
        rejected(CONFLICT, "already has floating IP",
                 m -> m.createFloatingIp(TestModel.floatingIp("f3", "ext", "203.0.113.21", "p1")));
    }

    @Test
    public void invalidValuesAreRejectedWithoutChange() {
        topology();
        DvrSnapshot before = mgr.snapshot();
        try {
            // overlapping subnet on the same network: a snapshot rule, reported as IllegalArgumentException
            mgr.createSubnet(TestModel.subnet("s2", "n1", "10.0.1.128/25", "10.0.1.129"));
            fail("expected IllegalArgumentException");
        } catch (IllegalArgumentException e) {
            assertThat(e.getMessage(), containsString("overlap"));
        }
        assertEquals(before, mgr.snapshot());
    }

    @Test
    public void routerKeysAreLowestFreeAndStable() {
        topology();
        Router r2 = mgr.createRouter(TestModel.router("r2"));
        Router r3 = mgr.createRouter(TestModel.router("r3"));
        assertEquals(1, mgr.snapshot().router(R1).get().key());
        assertEquals(2, r2.key());
        assertEquals(3, r3.key());
        mgr.removeRouter(r2.id());
        assertEquals("freed key reused", 2, mgr.createRouter(TestModel.router("r4")).key());
        Router renamed = mgr.updateRouter(r3.toBuilder().name("renamed").key(0).build());
        assertEquals("update keeps the key", 3, renamed.key());
        rejected(CONFLICT, "key 3", m -> m.createRouter(TestModel.router("r5").toBuilder().key(3).build()));
    }

    @Test
    public void routerMacsAreDeterministicAndUnique() {
        topology();
        RouterInterface ri = mgr.snapshot().routerInterface(S1).get();
        MacAddress gwMac = mgr.snapshot().router(R1).get().externalGateway().get().mac();
        assertEquals(0xfa163eL, ri.mac().toLong() >>> 24);
        assertEquals(0xfa163eL, gwMac.toLong() >>> 24);
        assertThat(ri.mac(), not(gwMac));

        // same requests on a fresh instance give the same MACs
        DvrTestBed other = new DvrTestBed();
        try {
            DvrManager saved = mgr;
            mgr = other.manager;
            topology();
            mgr = saved;
            assertEquals(ri.mac(), other.manager.snapshot().routerInterface(S1).get().mac());
            assertEquals(gwMac, other.manager.snapshot().router(R1).get().externalGateway().get().mac());
        } finally {
            other.stop();
        }

        // a port may not take a router interface MAC on its network
        rejected(CONFLICT, "router interface MAC",
                 m -> m.createPort(TestModel.port("p9", "n1", ri.mac().toString(), "10.0.1.99")));
        // an external gateway update without MAC keeps the MAC
        Router r1 = mgr.snapshot().router(R1).get();
        Router updated = mgr.updateRouter(TestModel.routerWithGateway("r1", "ext", "es", "203.0.113.11", true));
        assertEquals(gwMac, updated.externalGateway().get().mac());
        assertEquals(r1.key(), updated.key());
    }

    @Test
    public void floatingIpResolution() {
        topology();
        FloatingIp f1 = mgr.createFloatingIp(TestModel.floatingIp("f1", "ext", "203.0.113.20", "p2"));
        assertEquals(IpAddress.valueOf("10.0.1.11"), f1.fixedIp().get());
        assertEquals(R1, f1.routerId().get());

        FloatingIp f2 = mgr.createFloatingIp(TestModel.floatingIp("f2", "ext", "203.0.113.21", "p2").toBuilder()
                                                     .fixedIp(IpAddress.valueOf("10.0.1.12")).build());
        assertEquals(IpAddress.valueOf("10.0.1.12"), f2.fixedIp().get());

        rejected(BAD_REQUEST, "not a fixed IP", m -> m.createFloatingIp(
                TestModel.floatingIp("f3", "ext", "203.0.113.22", "p1").toBuilder()
                        .fixedIp(IpAddress.valueOf("10.0.1.99")).build()));
        rejected(NOT_FOUND, "port px",
                 m -> m.createFloatingIp(TestModel.floatingIp("f3", "ext", "203.0.113.22", "px")));

        // disassociate, then re-associate to another port
        FloatingIp free = mgr.updateFloatingIp(f1.toBuilder().portId(null).fixedIp(null).routerId(null).build());
        assertFalse(free.associated());
        FloatingIp moved = mgr.updateFloatingIp(free.toBuilder().portId(PortId.of("p1")).build());
        assertEquals(IpAddress.valueOf("10.0.1.10"), moved.fixedIp().get());

        // a router without a gateway on the floating network does not reach it
        mgr.createNetwork(TestModel.network("n2", 102));
        mgr.createSubnet(TestModel.subnet("s2", "n2", "10.0.2.0/24", "10.0.2.1"));
        mgr.createPort(TestModel.port("q1", "n2", "fa:16:3e:00:01:01", "10.0.2.10"));
        mgr.createRouter(TestModel.router("r2"));
        mgr.addRouterInterface(RouterId.of("r2"), SubnetId.of("s2"));
        rejected(NOT_FOUND, "not reachable",
                 m -> m.createFloatingIp(TestModel.floatingIp("f4", "ext", "203.0.113.30", "q1")));

        // removing a port disassociates its floating IPs
        mgr.removePort(PortId.of("p2"));
        assertFalse(mgr.snapshot().floatingIp(FloatingIpId.of("f2")).get().associated());
        // and a router with associated floating IPs cannot lose its gateway
        rejected(CONFLICT, "floating IPs", m -> m.updateRouter(TestModel.router("r1")));
    }

    @Test
    public void nodesGetIndexesAndLoseGatewayDuties() {
        topology();
        DvrNode n1 = mgr.updateNode(TestModel.node("of:0000000000000001", NodeRole.COMPUTE, "198.18.0.1", 0));
        DvrNode g1 = mgr.updateNode(TestModel.node("of:00000000000000a1", NodeRole.GATEWAY, "198.18.0.11", 0));
        DvrNode g2 = mgr.updateNode(TestModel.node("of:00000000000000a2", NodeRole.GATEWAY, "198.18.0.12", 0));
        assertEquals(1, n1.index());
        assertEquals(2, g1.index());
        assertEquals(3, g2.index());
        assertEquals(MacAddress.valueOf("fa:16:3f:00:00:02"), g1.dvrMac());
        assertEquals("index kept on update", 2,
                     mgr.updateNode(TestModel.node("of:00000000000000a1", NodeRole.GATEWAY, "198.18.0.21", 0))
                             .index());
        rejected(CONFLICT, "tunnel IP 198.18.0.1",
                 m -> m.updateNode(TestModel.node("of:0000000000000009", NodeRole.COMPUTE, "198.18.0.1", 0)));
        rejected(CONFLICT, "index 3",
                 m -> m.updateNode(TestModel.node("of:0000000000000009", NodeRole.COMPUTE, "198.18.0.9", 3)));

        bed.store.apply(b -> b.gatewayAssignment(new GatewayAssignment(R1, g1.deviceId(),
                                                                       List.of(g2.deviceId()))));
        mgr.removeNode(g2.deviceId());
        assertEquals(List.of(), mgr.snapshot().gatewayAssignment(R1).get().backups());
        mgr.updateNode(TestModel.node("of:00000000000000a1", NodeRole.COMPUTE, "198.18.0.21", 0));
        assertFalse("a node that is no gateway any more is no primary",
                    mgr.snapshot().gatewayAssignment(R1).isPresent());
    }

    @Test
    public void baseMacPropertyRederivesNodeMacs() {
        mgr.updateNode(TestModel.node("of:0000000000000001", NodeRole.COMPUTE, "198.18.0.1", 5));
        DvrManagerAccess.modified(mgr, TestContexts.withProperties(
                OsgiPropertyConstants.DVR_BASE_MAC, "fa:16:3f:aa:00:00",
                OsgiPropertyConstants.ROUTER_DISTRIBUTED, "true"));
        assertTrue(mgr.defaultDistributed());
        assertEquals(MacAddress.valueOf("fa:16:3f:aa:00:05"),
                     mgr.snapshot().node(DeviceId.deviceId("of:0000000000000001")).get().dvrMac());
        // an invalid base MAC is ignored
        DvrManagerAccess.modified(mgr, TestContexts.withProperties(
                OsgiPropertyConstants.DVR_BASE_MAC, "ff:ff:ff:ff:ff:ff"));
        assertEquals(MacAddress.valueOf("fa:16:3f:aa:00:00"), mgr.snapshot().baseMac());
        assertThat(mgr.defaultDistributed(), is(false));
    }
}
