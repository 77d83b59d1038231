package org.onosdvr.pipeline.scenario;

import org.junit.Test;
import org.onlab.packet.Ip4Address;
import org.onosdvr.pipeline.testing.DvrWalk;
import org.onosdvr.pipeline.walk.Packet;
import org.onosdvr.pipeline.walk.WalkResult;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.onosdvr.pipeline.testing.DvrWalk.usedTunnel;

/**
 * Walks for function 2: gateway ARP answered in the first switch, FIP and external IP ARP on the right node.
 */
public class GatewayArpWalkTest extends WalkTestBase {

    private static void assertReply(Packet reply, org.onlab.packet.MacAddress mac, Ip4Address ip,
                                    org.onlab.packet.MacAddress toMac, Ip4Address toIp) {
        assertEquals(Packet.ARP_REPLY, reply.arpOp());
        assertEquals(mac, reply.ethSrc());
        assertEquals(toMac, reply.ethDst());
        assertEquals(mac, reply.arpSha());
        assertEquals(ip, reply.arpSpa());
        assertEquals(toMac, reply.arpTha());
        assertEquals(toIp, reply.arpTpa());
    }

    @Test
    public void gatewayArpIsAnsweredLocallyAndNeverReachesTheTunnel() {
        for (String vm : new String[]{"va1", "va4", "vb1", "vl1"}) {
            WalkResult r = w.send(vm, w.arpForGateway(vm));
            assertReply(received(r, vm), w.gatewayMac(vm), w.gatewayIp(vm), w.mac(vm), w.ip(vm));
            assertEquals(1, r.deliveries().size());
            assertFalse(vm, usedTunnel(r));
            assertEquals(1, r.trace().devices().size());
        }
    }

    @Test
    public void floatingIpArpIsAnsweredByTheVmNodeOnly() {
        Ip4Address fip = s.fip("fa1").floatingIp().getIp4Address();
        Ip4Address upstream = s.subnet("ext-sub").gatewayIp().getIp4Address();
        WalkResult r = w.send(DvrWalk.UPSTREAM, Packet.arpRequest(
                org.onosdvr.pipeline.testing.ScenarioBuilder.UPSTREAM_MAC, upstream, fip));
        assertEquals(1, r.deliveriesTo(DvrWalk.UPSTREAM).size());
        assertReply(received(r, DvrWalk.UPSTREAM), s.node("c1").dvrMac(), fip,
                    org.onosdvr.pipeline.testing.ScenarioBuilder.UPSTREAM_MAC, upstream);
        assertEquals(s.device("c1"), r.deliveryTo(DvrWalk.UPSTREAM).get().device());
    }

    @Test
    public void routerExternalIpArpIsAnsweredByTheGateway() {
        Ip4Address ext = s.router("ra").externalGateway().get().externalIp().getIp4Address();
        Ip4Address upstream = s.subnet("ext-sub").gatewayIp().getIp4Address();
        WalkResult r = w.send(DvrWalk.UPSTREAM, Packet.arpRequest(
                org.onosdvr.pipeline.testing.ScenarioBuilder.UPSTREAM_MAC, upstream, ext));
        assertEquals(1, r.deliveriesTo(DvrWalk.UPSTREAM).size());
        assertEquals(s.device("gw"), r.deliveryTo(DvrWalk.UPSTREAM).get().device());
        assertTrue(received(r, DvrWalk.UPSTREAM).arpSha()
                           .equals(s.router("ra").externalGateway().get().mac()));
    }
}
