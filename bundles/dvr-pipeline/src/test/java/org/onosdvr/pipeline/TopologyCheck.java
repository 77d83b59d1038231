package org.onosdvr.pipeline;

import org.onosdvr.api.DvrNode;
import org.onosdvr.api.Network;
import org.onosproject.net.DeviceId;

import java.util.ArrayList;

import static org.junit.Assert.assertEquals;

/**
 * Compares two topologies of one snapshot part by part (a derived one with one built from scratch).
 */
final class TopologyCheck {

    private TopologyCheck() {
    }

    static void assertSame(String where, DvrTopology expected, DvrTopology actual) {
        for (DvrNode n : expected.snapshot().nodes()) {
            DeviceId d = n.deviceId();
            String at = where + " on " + d;
            assertEquals(at + ": local ports", expected.localPorts(d), actual.localPorts(d));
            assertEquals(at + ": routers", expected.routedRouters(d), actual.routedRouters(d));
            assertEquals(at + ": networks", new ArrayList<>(expected.networks(d)),
                         new ArrayList<>(actual.networks(d)));
            assertEquals(at + ": floating IPs", expected.floatingIps(d), actual.floatingIps(d));
            for (Network net : expected.snapshot().networks()) {
                assertEquals(at + ": local ports of " + net.id(), expected.view(d).localPorts(net.id()),
                             actual.view(d).localPorts(net.id()));
            }
        }
        for (Network net : expected.snapshot().networks()) {
            assertEquals(where + ": located ports of " + net.id(), expected.locatedPorts(net.id()),
                         actual.locatedPorts(net.id()));
            assertEquals(where + ": hosts of " + net.id(), new ArrayList<>(expected.hosts(net.id())),
                         new ArrayList<>(actual.hosts(net.id())));
        }
    }
}
