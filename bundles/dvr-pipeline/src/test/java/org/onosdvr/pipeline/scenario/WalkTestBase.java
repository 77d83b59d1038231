package org.onosdvr.pipeline.scenario;

import org.onosdvr.pipeline.testing.DvrWalk;
import org.onosdvr.pipeline.testing.Scenario;
import org.onosdvr.pipeline.testing.Scenarios;
import org.onosdvr.pipeline.walk.Delivery;
import org.onosdvr.pipeline.walk.Packet;
import org.onosdvr.pipeline.walk.WalkResult;

import static org.junit.Assert.assertTrue;

/**
 * Packet walks through the compiled reference scenario ({@link Scenarios#standard()}).
 */
abstract class WalkTestBase {

    final Scenario s = Scenarios.standard();
    final DvrWalk w = new DvrWalk(s);

    /**
     * Asserts the walk delivered the packet to a host and returns what it received.
     *
     * @param r    result
     * @param host host
     * @return received packet
     */
    static Packet received(WalkResult r, String host) {
        assertTrue("not delivered to " + host + ":\n" + r.trace(), r.deliveryTo(host).isPresent());
        return r.deliveryTo(host).map(Delivery::packet).get();
    }

    /**
     * Asserts nothing reached any host nor the controller.
     *
     * @param r result
     */
    static void assertDropped(WalkResult r) {
        assertTrue("expected a drop:\n" + r.trace(), r.deliveries().isEmpty() && r.toController().isEmpty());
    }
}
