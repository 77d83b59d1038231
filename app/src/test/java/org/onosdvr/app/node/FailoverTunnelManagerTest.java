package org.onosdvr.app.node;

import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.onosdvr.api.FailoverTunnel;
import org.onosdvr.api.NodeRole;
import org.onosdvr.api.TunnelPortService;
import org.onosdvr.app.testing.DvrTestBed;
import org.onosdvr.app.testing.TestContexts;
import org.onosdvr.app.testing.TestModel;
import org.onosproject.cfg.ComponentConfigAdapter;
import org.onosproject.net.DeviceId;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

/**
 * Tests of the failover tunnel manager: what it hands to the tunnel port service, and when.
 */
public class FailoverTunnelManagerTest {

    private static final DeviceId C1 = DeviceId.deviceId("of:0000000000000001");
    private static final DeviceId G1 = DeviceId.deviceId("of:00000000000000a1");
    private static final DeviceId G2 = DeviceId.deviceId("of:00000000000000a2");

    /** Records calls. */
    private static final class RecordingService implements TunnelPortService {
        final List<Map.Entry<DeviceId, Set<FailoverTunnel>>> calls = new ArrayList<>();

        @Override
        public synchronized void setFailoverTunnels(DeviceId deviceId, Set<FailoverTunnel> tunnels) {
            calls.add(Map.entry(deviceId, Set.copyOf(tunnels)));
        }

        @Override
        public Map<String, String> bfdStates(DeviceId deviceId) {
            return Map.of();
        }

        @Override
        public boolean isConnected(DeviceId deviceId) {
            return true;
        }

        synchronized Set<FailoverTunnel> last(DeviceId d) {
            for (int i = calls.size() - 1; i >= 0; i--) {
                if (calls.get(i).getKey().equals(d)) {
                    return calls.get(i).getValue();
                }
            }
            return null;
        }
    }

    private DvrTestBed bed;
    private FailoverTunnelManager fm;
    private final RecordingService service = new RecordingService();

    @Before
    public void setUp() {
        bed = new DvrTestBed();
        fm = new FailoverTunnelManager();
        fm.dvrService = bed.manager;
        fm.cfgService = new ComponentConfigAdapter();
        fm.activate(TestContexts.withProperties());
    }

    @After
    public void tearDown() {
        fm.deactivate();
        bed.stop();
    }

    @Test
    public void nothingHappensWithoutTheServiceAndEverythingWhenItArrives() throws Exception {
        bed.manager.updateNode(TestModel.node(C1.toString(), NodeRole.COMPUTE, "198.18.0.1", 0));
        bed.manager.updateNode(TestModel.node(G1.toString(), NodeRole.GATEWAY, "198.18.0.11", 0));
        fm.flush();
        fm.bindTunnelPortService(service);
        fm.flush();
        assertEquals(1, service.last(C1).size());
        assertEquals("198.18.0.11", service.last(C1).iterator().next().remoteIp().toString());
        assertEquals("198.18.0.1", service.last(G1).iterator().next().remoteIp().toString());
        assertEquals(2, service.calls.size());
    }

    @Test
    public void changesAreHandedOverOncePerNodeAndRemovedNodesAreEmptied() throws Exception {
        fm.bindTunnelPortService(service);
        bed.manager.updateNode(TestModel.node(C1.toString(), NodeRole.COMPUTE, "198.18.0.1", 0));
        bed.manager.updateNode(TestModel.node(G1.toString(), NodeRole.GATEWAY, "198.18.0.11", 0));
        fm.flush();
        int calls = service.calls.size();

        bed.manager.createNetwork(TestModel.network("n1", 101));   // an unrelated change
        fm.flush();
        assertEquals("unchanged sets are not handed over again", calls, service.calls.size());

        bed.manager.updateNode(TestModel.node(G2.toString(), NodeRole.GATEWAY, "198.18.0.12", 0));
        fm.flush();
        assertEquals(2, service.last(C1).size());
        assertEquals(1, service.last(G2).size());
        assertEquals("G1 did not change", 1, service.calls.stream().filter(c -> c.getKey().equals(G1)).count());

        bed.manager.removeNode(G2);
        fm.flush();
        assertEquals(1, service.last(C1).size());
        assertTrue("a node that left loses its failover ports", service.last(G2).isEmpty());
    }

    @Test
    public void settingsChangeThePortsAndDisablingRemovesThem() throws Exception {
        fm.bindTunnelPortService(service);
        bed.manager.updateNode(TestModel.node(C1.toString(), NodeRole.COMPUTE, "198.18.0.1", 0));
        bed.manager.updateNode(TestModel.node(G1.toString(), NodeRole.GATEWAY, "198.18.0.11", 0));
        fm.flush();
        fm.modified(TestContexts.withProperties(FailoverTunnelProperties.BFD_MIN_TX_MS, "30",
                                                FailoverTunnelProperties.BFD_MIN_RX_MS, "40"));
        fm.flush();
        FailoverTunnel t = service.last(C1).iterator().next();
        assertEquals(30, t.minTxMs());
        assertEquals(40, t.minRxMs());

        fm.modified(TestContexts.withProperties(FailoverTunnelProperties.BFD_MIN_TX_MS, "30",
                                                FailoverTunnelProperties.BFD_MIN_RX_MS, "40",
                                                FailoverTunnelProperties.FAILOVER_UDP_PORT, "4789"));
        fm.flush();
        assertEquals("an invalid setting is ignored", 4790, service.last(C1).iterator().next().udpPort());

        fm.modified(TestContexts.withProperties(FailoverTunnelProperties.FAILOVER_TUNNELS, "false"));
        fm.flush();
        assertTrue(service.last(C1).isEmpty());
        assertTrue(service.last(G1).isEmpty());
    }
}
