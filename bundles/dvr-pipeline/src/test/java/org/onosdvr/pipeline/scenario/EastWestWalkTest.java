package org.onosdvr.pipeline.scenario;

import org.junit.Test;
import org.onosdvr.pipeline.testing.DvrWalk;
import org.onosdvr.pipeline.walk.Packet;
import org.onosdvr.pipeline.walk.WalkResult;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

/**
 * Walks for function 3: routed ping on the first hop, DVR MAC on the overlay, tenants isolated.
 */
public class EastWestWalkTest extends WalkTestBase {

    @Test
    public void routedPingOnTheSameNode() {
        WalkResult r = w.send("va1", w.ping("va1", s.ip("va3")));
        Packet p = received(r, "va3");
        assertEquals(w.gatewayMac("va3"), p.ethSrc());
        assertEquals(w.mac("va3"), p.ethDst());
        assertEquals(Packet.DEFAULT_TTL - 1, p.ttl());
        assertEquals(w.ip("va1"), p.ipSrc());
        assertFalse(DvrWalk.usedTunnel(r));
    }

    @Test
    public void routedPingAcrossNodesCarriesTheSenderDvrMac() {
        WalkResult r = w.send("va1", w.ping("va1", s.ip("va4")));
        Packet p = received(r, "va4");
        assertEquals(w.gatewayMac("va4"), p.ethSrc());
        assertEquals(w.mac("va4"), p.ethDst());
        assertEquals(Packet.DEFAULT_TTL - 1, p.ttl());
        assertEquals(1, r.deliveries().size());
        String onOverlay = DvrWalk.entering(r, s.device("c2")).get(0);
        assertTrue(onOverlay, onOverlay.contains("dl_src=" + s.node("c1").dvrMac().toString().toLowerCase()));
        assertTrue(onOverlay, onOverlay.contains("tun_id=0x66")); // VNI 102 of the destination network
    }

    @Test
    public void overlappingTenantsStayIsolated() {
        // 10.0.2.10 is va3 in tenant A and vb2 in tenant B
        assertEquals(s.ip("va3"), s.ip("vb2"));
        WalkResult a = w.send("va1", w.ping("va1", s.ip("va3")));
        received(a, "va3");
        assertTrue(a.deliveriesTo("vb2").isEmpty());
        WalkResult b = w.send("vb1", w.ping("vb1", s.ip("vb2")));
        received(b, "vb2");
        assertTrue(b.deliveriesTo("va3").isEmpty());
        // and a tenant cannot reach the other's gateway MAC
        WalkResult x = w.send("va1", Packet.icmpEcho(w.mac("va1"), w.gatewayMac("vb1"), w.ip("va1"), w.ip("vb2")));
        assertTrue(x.deliveries().isEmpty());
    }
}
