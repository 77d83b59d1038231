package org.onosdvr.pipeline.scenario;

import org.junit.Test;
import org.onosdvr.pipeline.testing.DvrWalk;
import org.onosdvr.pipeline.walk.Packet;
import org.onosdvr.pipeline.walk.WalkResult;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;

/**
 * Walks for function 7: the router answers ping.
 */
public class RouterIcmpWalkTest extends WalkTestBase {

    @Test
    public void routerAnswersPing() {
        for (String vm : new String[]{"va1", "vb2", "vl1"}) {
            WalkResult r = w.send(vm, w.ping(vm, w.gatewayIp(vm)));
            Packet p = received(r, vm);
            assertEquals(Packet.ICMP_ECHO_REPLY, p.icmpType());
            assertEquals(w.gatewayIp(vm), p.ipSrc());
            assertEquals(w.ip(vm), p.ipDst());
            assertEquals(w.gatewayMac(vm), p.ethSrc());
            assertEquals(w.mac(vm), p.ethDst());
            assertFalse(DvrWalk.usedTunnel(r));
        }
    }
}
