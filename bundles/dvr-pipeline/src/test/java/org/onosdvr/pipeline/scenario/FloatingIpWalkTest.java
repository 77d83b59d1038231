package org.onosdvr.pipeline.scenario;

import org.junit.Test;
import org.onlab.packet.Ip4Address;
import org.onosdvr.api.NodeRole;
import org.onosdvr.pipeline.testing.DvrWalk;
import org.onosdvr.pipeline.testing.Scenario;
import org.onosdvr.pipeline.testing.ScenarioBuilder;
import org.onosdvr.pipeline.testing.Scenarios;
import org.onosdvr.pipeline.walk.Packet;
import org.onosdvr.pipeline.walk.WalkResult;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

/**
 * Walks for function 5: floating IP in and out on the VM's own node, or through the router's SNAT gateway when
 * the VM's node has no external port.
 */
public class FloatingIpWalkTest extends WalkTestBase {

    private final Ip4Address fip = s.fip("fa1").floatingIp().getIp4Address();
    private final Ip4Address internet = Ip4Address.valueOf("192.0.2.7");

    @Test
    public void inbound() {
        WalkResult r = w.send(DvrWalk.UPSTREAM,
                              Packet.icmpEcho(ScenarioBuilder.UPSTREAM_MAC, s.node("c1").dvrMac(), internet, fip));
        Packet p = received(r, "va1");
        assertEquals(w.ip("va1"), p.ipDst());
        assertEquals(internet, p.ipSrc());
        assertEquals(w.gatewayMac("va1"), p.ethSrc());
        assertEquals(Packet.DEFAULT_TTL - 1, p.ttl());
        assertFalse(DvrWalk.usedTunnel(r));
    }

    @Test
    public void outbound() {
        WalkResult r = w.send("va1", w.ping("va1", internet));
        Packet p = received(r, DvrWalk.UPSTREAM);
        assertEquals(s.device("c1"), r.deliveryTo(DvrWalk.UPSTREAM).get().device());
        assertEquals(fip, p.ipSrc());
        assertEquals(s.node("c1").dvrMac(), p.ethSrc());
        assertEquals(ScenarioBuilder.UPSTREAM_MAC, p.ethDst());
        assertEquals(Packet.DEFAULT_TTL - 1, p.ttl());
        assertFalse(DvrWalk.usedTunnel(r));
    }
    /** c3 has no external port: va5's floating IP fa5 is served by the SNAT gateway gw. */
    private final Scenario central = Scenarios.standardBuilder().node("c3", NodeRole.COMPUTE, false)
            .vm("va5", "a1", "c3").fip("fa5", "va5", "203.0.113.105", "ra").build();
    private final DvrWalk cw = new DvrWalk(central);
    private final Ip4Address fa5 = central.fip("fa5").floatingIp().getIp4Address();

    @Test
    public void centralizedInboundReachesTheVmThroughTheGateway() {
        WalkResult r = cw.send(DvrWalk.UPSTREAM, Packet.icmpEcho(ScenarioBuilder.UPSTREAM_MAC,
                                                                  central.node("gw").dvrMac(), internet, fa5));
        Packet p = received(r, "va5");
        assertEquals(cw.ip("va5"), p.ipDst());
        assertEquals(internet, p.ipSrc());
        assertEquals(cw.gatewayMac("va5"), p.ethSrc());
        assertTrue(DvrWalk.entering(r, central.device("gw")).size() > 0);
        assertTrue(DvrWalk.usedTunnel(r));
    }

    @Test
    public void centralizedOutboundLeavesTheGatewayWithTheFloatingIp() {
        WalkResult r = cw.send("va5", cw.ping("va5", internet));
        Packet p = received(r, DvrWalk.UPSTREAM);
        assertEquals(central.device("gw"), r.deliveryTo(DvrWalk.UPSTREAM).get().device());
        assertEquals(fa5, p.ipSrc());
        assertEquals(central.node("gw").dvrMac(), p.ethSrc());
        assertEquals(ScenarioBuilder.UPSTREAM_MAC, p.ethDst());
        assertTrue(DvrWalk.usedTunnel(r));
    }
}
