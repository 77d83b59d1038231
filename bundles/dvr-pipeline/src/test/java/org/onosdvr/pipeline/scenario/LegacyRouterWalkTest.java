package org.onosdvr.pipeline.scenario;

import org.junit.Test;
import org.onosdvr.pipeline.walk.Packet;
import org.onosdvr.pipeline.walk.WalkResult;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

/**
 * Walks for function 8: a legacy router hairpins through its gateway node.
 */
public class LegacyRouterWalkTest extends WalkTestBase {

    @Test
    public void routedThroughTheGatewayNode() {
        WalkResult r = w.send("vl1", w.ping("vl1", s.ip("vl2")));
        Packet p = received(r, "vl2");
        assertTrue(r.trace().devices().contains(s.device("gw")));
        assertEquals(w.gatewayMac("vl2"), p.ethSrc());
        assertEquals(w.mac("vl2"), p.ethDst());
        assertEquals(Packet.DEFAULT_TTL - 1, p.ttl());
        assertEquals(1, r.deliveries().size());
    }
}
