package org.onosdvr.pipeline.scenario;

import org.junit.Test;
import org.onlab.packet.Ip4Address;
import org.onosdvr.pipeline.testing.DvrWalk;
import org.onosdvr.pipeline.testing.ScenarioBuilder;
import org.onosdvr.pipeline.walk.Packet;
import org.onosdvr.pipeline.walk.WalkResult;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;

/**
 * Walks for function 5: floating IP in and out on the VM's own node.
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
}
