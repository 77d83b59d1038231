package org.onosdvr.app.gateway;

import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.onosdvr.api.NodeRole;
import org.onosdvr.api.Router;
import org.onosdvr.api.RouterId;
import org.onosdvr.app.testing.DvrTestBed;
import org.onosdvr.app.testing.TestModel;
import org.onosproject.net.DeviceId;
import org.onosproject.net.device.DeviceServiceAdapter;

import java.util.HashSet;
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
        long onG2 = bed.manager.snapshot().gatewayAssignments().stream().filter(a -> a.primary().equals(G2))
                .count();
        assertTrue("some routers move to the second gateway: " + onG2, onG2 > 0 && onG2 < 21);
        bed.manager.snapshot().gatewayAssignments()
                .forEach(a -> assertEquals(1, a.backups().size()));

        int events = bed.events.size();
        gm.recompute();
        assertEquals("recomputing an unchanged state writes nothing", events, bed.events.size());

        bed.manager.removeNode(G2);
        gm.flush();
        bed.manager.snapshot().gatewayAssignments().forEach(a -> assertEquals(G1, a.primary()));
        assertEquals(21, bed.manager.snapshot().gatewayAssignments().size());
    }
}
