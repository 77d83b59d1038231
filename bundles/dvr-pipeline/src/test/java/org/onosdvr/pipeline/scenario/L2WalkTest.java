package org.onosdvr.pipeline.scenario;

import org.junit.Test;
import org.onosdvr.pipeline.walk.Drop;
import org.onosdvr.pipeline.walk.Packet;
import org.onosdvr.pipeline.walk.WalkResult;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

/**
 * Walks for function 4: switching inside a network, across nodes, and flooding with split horizon.
 */
public class L2WalkTest extends WalkTestBase {

    @Test
    public void unicastAcrossNodesKeepsTheFrame() {
        Packet sent = Packet.udp(w.mac("va1"), w.mac("va2"), w.ip("va1"), w.ip("va2"), 1000, 2000);
        Packet p = received(w.send("va1", sent), "va2");
        assertEquals(w.mac("va1"), p.ethSrc());
        assertEquals(Packet.DEFAULT_TTL, p.ttl());
    }

    @Test
    public void arpBroadcastReachesTheNetworkOnlyOnce() {
        WalkResult r = w.send("va1", Packet.arpRequest(w.mac("va1"), w.ip("va1"), w.ip("va2")));
        assertEquals(1, r.deliveriesTo("va2").size());
        assertTrue(r.deliveriesTo("va1").isEmpty());
        assertTrue(r.deliveriesTo("vb1").isEmpty());
        assertTrue(r.deliveriesTo("va3").isEmpty());
        assertFalse("split horizon: no loop", r.droppedFor(Drop.Reason.LOOP));
    }
}
