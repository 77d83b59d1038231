package org.onosdvr.app.node;

import org.junit.Test;
import org.onlab.packet.IpAddress;
import org.onosdvr.api.DvrNode;
import org.onosdvr.api.FailoverTunnel;
import org.onosdvr.api.NodeRole;
import org.onosdvr.app.testing.TestModel;
import org.onosproject.net.DeviceId;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

/**
 * Tests of the failover tunnel plan: which BFD ports each node gets.
 */
public class FailoverTunnelPlanTest {

    private static final FailoverTunnelPlan.Params ON = new FailoverTunnelPlan.Params(true, 4790, 100, 150);

    private static final DvrNode C1 = TestModel.node("of:0000000000000001", NodeRole.COMPUTE, "198.18.0.1", 1);
    private static final DvrNode C2 = TestModel.node("of:0000000000000002", NodeRole.COMPUTE, "198.18.0.2", 2);
    private static final DvrNode G1 = TestModel.node("of:00000000000000a1", NodeRole.GATEWAY, "198.18.0.11", 3);
    private static final DvrNode G2 = TestModel.node("of:00000000000000a2", NodeRole.GATEWAY, "198.18.0.12", 4);
    private static final DvrNode CG = TestModel.node("of:00000000000000c1", NodeRole.COMPUTE_GATEWAY,
                                                     "198.18.0.21", 5);

    private static Set<String> peers(Map<DeviceId, Set<FailoverTunnel>> plan, DvrNode n) {
        return plan.get(n.deviceId()).stream().map(t -> t.remoteIp().toString()).collect(Collectors.toSet());
    }

    @Test
    public void computesWatchEveryGatewayAndGatewaysEveryCompute() {
        Map<DeviceId, Set<FailoverTunnel>> plan = FailoverTunnelPlan.plan(List.of(C1, C2, G1, G2), ON);
        assertEquals(Set.of("198.18.0.11", "198.18.0.12"), peers(plan, C1));
        assertEquals(Set.of("198.18.0.11", "198.18.0.12"), peers(plan, C2));
        assertEquals("BFD needs both ends", Set.of("198.18.0.1", "198.18.0.2"), peers(plan, G1));
        assertEquals(Set.of("198.18.0.1", "198.18.0.2"), peers(plan, G2));
        FailoverTunnel t = plan.get(C1.deviceId()).iterator().next();
        assertEquals(C1.deviceId(), t.deviceId());
        assertEquals(IpAddress.valueOf("198.18.0.1"), t.localIp());
        assertEquals(4790, t.udpPort());
        assertEquals(100, t.minTxMs());
        assertEquals(150, t.minRxMs());
        assertEquals(FailoverTunnel.portName(t.remoteIp()), t.name());
    }

    @Test
    public void aComputeGatewayIsBothEndsButNeverItsOwnPeer() {
        Map<DeviceId, Set<FailoverTunnel>> plan = FailoverTunnelPlan.plan(List.of(C1, G1, CG), ON);
        assertEquals(Set.of("198.18.0.11", "198.18.0.21"), peers(plan, C1));
        assertEquals(Set.of("198.18.0.1", "198.18.0.21"), peers(plan, G1));
        assertEquals(Set.of("198.18.0.1", "198.18.0.11"), peers(plan, CG));
    }

    @Test
    public void withoutGatewaysOrWhenDisabledEveryNodeGetsAnEmptySet() {
        Map<DeviceId, Set<FailoverTunnel>> plan = FailoverTunnelPlan.plan(List.of(C1, C2), ON);
        assertEquals(2, plan.size());
        assertTrue(plan.values().stream().allMatch(Set::isEmpty));
        plan = FailoverTunnelPlan.plan(List.of(C1, G1), new FailoverTunnelPlan.Params(false, 4790, 100, 100));
        assertEquals(2, plan.size());
        assertTrue("disabled: remove them all", plan.values().stream().allMatch(Set::isEmpty));
    }

    @Test
    public void portsAreRecognisedByNameAgain() {
        Map<DeviceId, Set<FailoverTunnel>> plan = FailoverTunnelPlan.plan(List.of(C1, G1), ON);
        for (Set<FailoverTunnel> ts : plan.values()) {
            for (FailoverTunnel t : ts) {
                assertEquals(t.remoteIp(), FailoverTunnel.peerOf(t.name()).get());
                assertTrue(t.name().length() <= 15);
            }
        }
    }
}
