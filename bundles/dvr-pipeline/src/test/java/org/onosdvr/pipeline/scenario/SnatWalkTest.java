package org.onosdvr.pipeline.scenario;

import org.junit.Test;
import org.onlab.packet.Ip4Address;
import org.onosdvr.api.ExternalGateway;
import org.onosdvr.pipeline.testing.DvrWalk;
import org.onosdvr.pipeline.testing.ScenarioBuilder;
import org.onosdvr.pipeline.walk.Packet;
import org.onosdvr.pipeline.walk.WalkResult;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

/**
 * Walks for function 6: default SNAT through the gateway node, and the reply back.
 */
public class SnatWalkTest extends WalkTestBase {

    private final Ip4Address internet = Ip4Address.valueOf("192.0.2.7");
    private final ExternalGateway g = s.router("ra").externalGateway().get();

    @Test
    public void outAndBack() {
        WalkResult out = w.send("va2", Packet.udp(w.mac("va2"), w.gatewayMac("va2"), w.ip("va2"), internet,
                                                  40000, 53));
        Packet p = received(out, DvrWalk.UPSTREAM);
        assertEquals(s.device("gw"), out.deliveryTo(DvrWalk.UPSTREAM).get().device());
        assertEquals(g.externalIp().getIp4Address(), p.ipSrc());
        assertEquals(g.mac(), p.ethSrc());
        assertEquals(ScenarioBuilder.UPSTREAM_MAC, p.ethDst());
        assertEquals(Packet.DEFAULT_TTL - 1, p.ttl());
        assertTrue(DvrWalk.usedTunnel(out));

        Packet reply = Packet.udp(ScenarioBuilder.UPSTREAM_MAC, g.mac(), internet, p.ipSrc(), 53, p.tpSrc());
        WalkResult back = w.send(DvrWalk.UPSTREAM, reply);
        Packet q = received(back, "va2");
        assertEquals(w.ip("va2"), q.ipDst());
        assertEquals(40000, q.tpDst());
        assertEquals(w.gatewayMac("va2"), q.ethSrc());
        assertEquals(w.mac("va2"), q.ethDst());
        assertEquals(Packet.DEFAULT_TTL - 1, q.ttl());
    }

    @Test
    public void unsolicitedInboundToTheExternalIpIsNotDelivered() {
        Packet in = Packet.udp(ScenarioBuilder.UPSTREAM_MAC, g.mac(), internet, g.externalIp().getIp4Address(),
                               53, 41000);
        assertTrue(w.send(DvrWalk.UPSTREAM, in).deliveries().stream()
                           .noneMatch(d -> d.host().filter(h -> h.startsWith("v")).isPresent()));
    }

    @Test
    public void unsolicitedInboundToTheExternalIpIsDroppedBeforeTheSnatTable() {
        // Not a reply (no conntrack entry), so un-SNAT leaves ip_dst = the external IP. It used to match the
        // gateway's default route and be SNATed: ct(commit) pinned <external IP>:<its dst port> in conntrack, so
        // after a failover the replies reaching the new gateway first made it NAT the VM's next packet to
        // another port (the peer answered with a TCP reset), and the packet went out again.
        for (Packet in : java.util.List.of(
                Packet.udp(ScenarioBuilder.UPSTREAM_MAC, g.mac(), internet, g.externalIp().getIp4Address(), 53,
                           41000),
                Packet.icmpEcho(ScenarioBuilder.UPSTREAM_MAC, g.mac(), internet, g.externalIp().getIp4Address()))) {
            WalkResult r = w.send(DvrWalk.UPSTREAM, in);
            assertTrue(r.trace().toString(), r.deliveries().isEmpty());
            assertTrue(r.trace().toString(), r.toController().isEmpty());
            assertFalse(r.trace().toString(), r.trace().toString().contains("[snat]"));
        }
    }
}
