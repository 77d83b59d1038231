package org.onosdvr.ovsdb.tunnel;

import org.junit.After;
import org.junit.Assume;
import org.junit.Before;
import org.junit.Test;
import org.onlab.packet.IpAddress;
import org.onosdvr.api.FailoverTunnel;
import org.onosdvr.ovsdb.Await;
import org.onosdvr.ovsdb.ObSandbox;
import org.onosdvr.ovsdb.OsgiPropertyConstants;
import org.onosdvr.ovsdb.OvsdbControllerComponent;
import org.onosdvr.ovsdb.channel.OvsdbServerConfig;
import org.onosproject.net.DeviceId;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

/**
 * The OVSDB southbound against real Open vSwitch 3.1 (userspace datapath) in private sandboxes: failover tunnel
 * ports created, changed and removed through the runtime's TunnelPortService while a foreign port stays
 * untouched, repaired after a deletion behind its back, kept across a manager reconnect; and, with two nodes
 * joined by an underlay, BFD going up and then down when one node's ovs-vswitchd is killed. Skipped where OVS
 * or root is missing.
 */
public class OvsdbIntegrationTest {

    private static final long WAIT_MS = 15_000;
    private static final String IP_A = "198.19.70.1";
    private static final String IP_B = "198.19.70.2";
    private static final String IP_C = "198.19.70.3";

    private ObSandbox ovs;
    private final OvsdbControllerComponent controller = new OvsdbControllerComponent();
    private final TunnelPortManager manager = new TunnelPortManager();
    private boolean started;
    private int port;

    @Before
    public void setUp() throws Exception {
        Assume.assumeTrue("OVS userspace and root required", ObSandbox.available());
        controller.start(OvsdbServerConfig.builder().listen("127.0.0.1:0").echoIntervalMs(1_000)
                                 .echoTimeoutMs(3_000).build());
        manager.controller = controller;
        manager.activate(Map.of(OsgiPropertyConstants.RETRY_MIN_MS, 200, OsgiPropertyConstants.RETRY_MAX_MS, 1000));
        started = true;
        port = controller.boundAddress().orElseThrow().getPort();
        ovs = ObSandbox.create();
    }

    @After
    public void tearDown() {
        if (ovs != null) {
            ovs.close();
        }
        if (started) {
            manager.deactivate();
            controller.stop();
        }
    }

    private static DeviceId randomDevice() {
        return DeviceId.deviceId(String.format("of:%016x", 0x0b00_0000_0000L
                | ThreadLocalRandom.current().nextInt(1 << 24)));
    }

    /** A node with br-int (netdev, the device's dpid), connected to our OVSDB server. */
    private DeviceId node(String name) throws Exception {
        DeviceId dev = randomDevice();
        ovs.startNode(name);
        ovs.vsctl(name, "add-br", "br-int", "--", "set", "bridge", "br-int", "datapath_type=netdev",
                  "fail-mode=secure", "other-config:datapath-id=" + dev.toString().substring(3));
        ovs.setManager(name, port);
        waitFor(() -> manager.isConnected(dev), "OVSDB connection of " + name);
        return dev;
    }

    private static FailoverTunnel tunnel(DeviceId dev, String local, String remote, int minTx) {
        return new FailoverTunnel(dev, IpAddress.valueOf(local), IpAddress.valueOf(remote),
                                  FailoverTunnel.DEFAULT_UDP_PORT, minTx, 100);
    }

    private boolean hasPort(String node, String port) {
        try {
            return ovs.vsctl(node, "list-ports", "br-int").lines().anyMatch(port::equals);
        } catch (java.io.IOException e) {
            return false;
        }
    }

    private void assertTunnel(String node, String name, String local, String remote, String minTx)
            throws Exception {
        assertEquals("vxlan", ovs.get(node, name, "type"));
        assertEquals(remote, ovs.get(node, name, "options:remote_ip"));
        assertEquals(local, ovs.get(node, name, "options:local_ip"));
        assertEquals("flow", ovs.get(node, name, "options:key"));
        assertEquals("4790", ovs.get(node, name, "options:dst_port"));
        assertEquals("true", ovs.get(node, name, "bfd:enable"));
        assertEquals(minTx, ovs.get(node, name, "bfd:min_tx"));
        assertEquals("100", ovs.get(node, name, "bfd:min_rx"));
        assertTrue("ovs-vswitchd created it", Long.parseLong(ovs.get(node, name, "ofport")) > 0);
    }

    @Test
    public void portsAreCreatedChangedRemovedAndRepaired() throws Exception {
        DeviceId a = node("a");
        ovs.vsctl("a", "add-port", "br-int", "vxlan0", "--", "set", "interface", "vxlan0", "type=vxlan",
                  "options:remote_ip=flow", "options:key=flow", "options:local_ip=" + IP_A, "ofport_request=100");
        String toB = FailoverTunnel.portName(IpAddress.valueOf(IP_B));
        String toC = FailoverTunnel.portName(IpAddress.valueOf(IP_C));
        Set<FailoverTunnel> two = Set.of(tunnel(a, IP_A, IP_B, 100), tunnel(a, IP_A, IP_C, 100));

        manager.setFailoverTunnels(a, two);
        waitFor(() -> hasPort("a", toB) && hasPort("a", toC), "both failover ports");
        assertTunnel("a", toB, IP_A, IP_B, "100");
        assertTunnel("a", toC, IP_A, IP_C, "100");
        assertEquals(1, manager.transactions(a));

        manager.setFailoverTunnels(a, Set.copyOf(two));
        Thread.sleep(500);
        assertEquals("the same set again sends nothing", 1, manager.transactions(a));

        manager.setFailoverTunnels(a, Set.of(tunnel(a, IP_A, IP_B, 300)));
        waitFor(() -> !hasPort("a", toC), toC + " removed");
        waitFor(() -> "300".equals(quietGet("a", toB, "bfd:min_tx")), "min_tx 300");
        assertTunnel("a", toB, IP_A, IP_B, "300");
        assertEquals(2, manager.transactions(a));

        assertEquals("foreign port untouched", "flow", ovs.get("a", "vxlan0", "options:remote_ip"));
        assertEquals("100", ovs.get("a", "vxlan0", "ofport"));
        assertTrue(hasPort("a", "vxlan0"));

        waitFor(() -> manager.bfdStates(a).containsKey(toB), "a BFD state for " + toB);
        assertEquals("no peer answers", "down", manager.bfdStates(a).get(toB));
        assertEquals(Set.of(toB), manager.bfdStates(a).keySet());

        ovs.vsctl("a", "del-port", "br-int", toB);
        waitFor(() -> hasPort("a", toB), toB + " recreated after a deletion behind our back");
        assertTunnel("a", toB, IP_A, IP_B, "300");

        long before = manager.transactions(a);
        ovs.vsctl("a", "del-manager");
        waitFor(() -> !manager.isConnected(a), "disconnect");
        assertEquals(Map.of(), manager.bfdStates(a));
        ovs.setManager("a", port);
        waitFor(() -> manager.isConnected(a), "reconnect");
        Thread.sleep(500);
        assertEquals("nothing to re-apply after a reconnect", before, manager.transactions(a));
        assertTrue(hasPort("a", toB) && hasPort("a", "vxlan0") && !hasPort("a", toC));
    }

    @Test
    public void bfdComesUpBetweenTwoNodesAndGoesDownWhenOneDies() throws Exception {
        DeviceId a = node("a");
        DeviceId b = node("b");
        underlay("a", "b");
        String toB = FailoverTunnel.portName(IpAddress.valueOf(IP_B));
        String toA = FailoverTunnel.portName(IpAddress.valueOf(IP_A));
        long t0 = System.nanoTime();
        manager.setFailoverTunnels(a, Set.of(tunnel(a, IP_A, IP_B, 100)));
        manager.setFailoverTunnels(b, Set.of(tunnel(b, IP_B, IP_A, 100)));
        waitFor(() -> "up".equals(manager.bfdStates(a).get(toB)) && "up".equals(manager.bfdStates(b).get(toA)),
                "BFD up on both ends");
        long upMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);

        ovs.killVswitchd("b");
        long t1 = System.nanoTime();
        waitFor(() -> "down".equals(manager.bfdStates(a).get(toB)), "BFD down on a after b's vswitchd died");
        long downMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t1);
        System.out.printf("BFD up after %d ms; down %d ms after the kill%n", upMs, downMs);
        assertTrue("b's OVSDB stays connected (ovsdb-server alive)", manager.isConnected(b));
    }

    /** br-phy on both nodes, joined by a veth pair, holding 198.19.70.1 / .2; neighbours primed. */
    private void underlay(String x, String y) throws Exception {
        String vx = ovs.ns(x) + "u";
        String vy = ovs.ns(y) + "u";
        ovs.run(x, "ip", "link", "add", vx, "netns", ovs.ns(x), "type", "veth", "peer", "name", vy,
                "netns", ovs.ns(y));
        String[][] ends = {{x, vx, IP_A, "0e:0b:00:00:00:01"}, {y, vy, IP_B, "0e:0b:00:00:00:02"}};
        for (String[] e : ends) {
            ovs.vsctl(e[0], "add-br", "br-phy", "--", "set", "bridge", "br-phy", "datapath_type=netdev",
                      "other-config:hwaddr=" + e[3], "--", "add-port", "br-phy", e[1]);
            ovs.inNs(e[0], "ip", "link", "set", e[1], "up");
            ovs.inNs(e[0], "ip", "addr", "add", e[2] + "/24", "dev", "br-phy");
            ovs.inNs(e[0], "ip", "link", "set", "br-phy", "up");
        }
        ovs.appctl(x, "tnl/neigh/set", "br-phy", IP_B, ends[1][3]);
        ovs.appctl(y, "tnl/neigh/set", "br-phy", IP_A, ends[0][3]);
    }

    private String quietGet(String node, String iface, String column) {
        try {
            return ovs.get(node, iface, column);
        } catch (java.io.IOException e) {
            return null;
        }
    }

    private static void waitFor(BooleanSupplier condition, String what) throws InterruptedException {
        Await.waitFor(condition, WAIT_MS, what);
    }
}
