package org.onosdvr.ovsdb.ratelimit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.After;
import org.junit.Assume;
import org.junit.Before;
import org.junit.Test;
import org.onosdvr.ovsdb.Await;
import org.onosdvr.ovsdb.ObSandbox;
import org.onosdvr.ovsdb.OvsdbControllerComponent;
import org.onosdvr.ovsdb.channel.OvsdbServerConfig;
import org.onosproject.net.DeviceId;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.onosdvr.ovsdb.OsgiPropertyConstants.PACKET_IN_BURST_LIMIT;
import static org.onosdvr.ovsdb.OsgiPropertyConstants.PACKET_IN_RATE_LIMIT;

/**
 * The packet-in limit on real Open vSwitch 3.1 (userspace datapath) in a private sandbox (ovsdb-server in the root
 * namespace connected to our OVSDB server, ovs-vswitchd in its own namespace): set on the bridge's controller when
 * the switch connects, kept when cleared by hand or when {@code set-controller} replaces the rows, following the
 * properties (an invalid value ignored, 0 clears it), nothing re-sent after a manager reconnect, a restart of the
 * runtime or of ovs-vswitchd. And what it does: a tiny OpenFlow controller in the node's namespace
 * ({@code ofsink.py}) counts the PACKET_INs of a 2,000-packet flood on one port while another port sends 20
 * packets: with the limit the flood is cut to about burst + rate x duration and all 20 others arrive; without
 * it the flood reaches the controller. Skipped where OVS, python3 or root is missing.
 */
public class PacketInLimitIntegrationTest {

    private static final long WAIT_MS = 15_000;
    private static final int OF_PORT = 6653;        // inside the node's own namespace
    private static final int FLOOD = 2_000;
    private static final int FLOOD_PPS = 5_000;
    private static final int LEGIT = 20;
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private ObSandbox ovs;
    private final OvsdbControllerComponent controller = new OvsdbControllerComponent();
    private PacketInLimitManager manager = new PacketInLimitManager();
    private boolean started;
    private int port;

    @Before
    public void setUp() throws Exception {
        Assume.assumeTrue("OVS userspace, python3 and root required",
                          ObSandbox.available() && new File("/usr/bin/python3").canExecute());
        startRuntime(0);
        ovs = ObSandbox.create();
    }

    @After
    public void tearDown() {
        if (ovs != null) {
            ovs.close();
        }
        if (started) {
            stopRuntime();
        }
    }

    private void startRuntime(int listenPort) {
        controller.start(OvsdbServerConfig.builder().listen("127.0.0.1:" + listenPort).echoIntervalMs(1_000)
                                 .echoTimeoutMs(3_000).build());
        manager = new PacketInLimitManager();
        manager.controller = controller;
        manager.activate(limit(100, 25));
        started = true;
        port = controller.boundAddress().orElseThrow().getPort();
    }

    private void stopRuntime() {
        manager.deactivate();
        controller.stop();
        started = false;
    }

    private static Map<String, Object> limit(int rate, int burst) {
        return Map.of(PACKET_IN_RATE_LIMIT, rate, PACKET_IN_BURST_LIMIT, burst);
    }

    /** A node with br-int (netdev, the device's dpid, one controller: ofsink.py), connected to our server. */
    private DeviceId node(String name) throws Exception {
        DeviceId dev = DeviceId.deviceId(String.format("of:%016x", 0x0c00_0000_0000L
                | ThreadLocalRandom.current().nextInt(1 << 24)));
        ovs.startNode(name);
        Path sink = script(name, "ofsink.py");
        ovs.spawnInNs(name, "ofsink.log", "python3", sink.toString(), Integer.toString(OF_PORT),
                      ovs.rundir(name).resolve("packet-ins.json").toString());
        ovs.vsctl(name, "add-br", "br-int", "--", "set", "bridge", "br-int", "datapath_type=netdev",
                  "fail-mode=secure", "protocols=OpenFlow13", "other-config:disable-in-band=true",
                  "other-config:datapath-id=" + dev.toString().substring(3),
                  "--", "--id=@c", "create", "Controller", "target=\"tcp:127.0.0.1:" + OF_PORT + "\"",
                  "connection_mode=out-of-band", "max_backoff=1000", "--", "set", "bridge", "br-int",
                  "controller=@c");
        ovs.setManager(name, port);
        waitFor(() -> controller.session(dev).isPresent(), "OVSDB connection of " + name);
        return dev;
    }

    private Path script(String node, String name) throws IOException {
        Path to = ovs.rundir(node).resolve(name);
        try (InputStream in = getClass().getResourceAsStream(name)) {
            Files.copy(in, to);
        }
        return to;
    }

    /** "rate/burst" of every controller of br-int, sorted, space separated; {@code []} for an empty column. */
    private String limits(String node) {
        try {
            List<String> out = new ArrayList<>();
            for (String uuid : controllers(node)) {
                List<String> v = ovs.vsctl(node, "get", "Controller", uuid, "controller_rate_limit",
                                           "controller_burst_limit").lines().map(String::trim)
                        .collect(Collectors.toList());
                out.add(v.get(0) + "/" + v.get(1));
            }
            out.sort(null);
            return String.join(" ", out);
        } catch (IOException e) {
            return "error: " + e.getMessage();
        }
    }

    private List<String> controllers(String node) throws IOException {
        String refs = ovs.vsctl(node, "get", "Bridge", "br-int", "controller").replaceAll("[\\[\\]\\s]", "");
        return refs.isEmpty() ? List.of() : List.of(refs.split(","));
    }

    @Test
    public void limitIsSetKeptFollowsThePropertiesAndSurvivesRestarts() throws Exception {
        DeviceId a = node("a");
        waitFor(() -> "100/25".equals(limits("a")), "limit 100/25 on the switch's controller");
        assertEquals(1, manager.transactions(a));
        manager.modified(limit(100, 25));
        Thread.sleep(300);
        assertEquals("the same limit again sends nothing", 1, manager.transactions(a));

        ovs.vsctl("a", "clear", "Controller", controllers("a").get(0), "controller_rate_limit",
                  "controller_burst_limit");
        waitFor(() -> "100/25".equals(limits("a")), "limit restored after a clear behind our back");

        ovs.vsctl("a", "set-controller", "br-int", "tcp:127.0.0.1:" + OF_PORT, "tcp:127.0.0.1:" + (OF_PORT + 1));
        waitFor(() -> "100/25 100/25".equals(limits("a")), "both new controller rows limited");

        manager.modified(limit(200, 50));
        waitFor(() -> "200/50 200/50".equals(limits("a")), "the new limit");
        manager.modified(limit(50, 25));
        Thread.sleep(300);
        assertEquals("an invalid limit is ignored", "200/50 200/50", limits("a"));
        manager.modified(limit(0, 25));
        waitFor(() -> "[]/[] []/[]".equals(limits("a")), "no limit");
        manager.modified(limit(100, 25));
        waitFor(() -> "100/25 100/25".equals(limits("a")), "limit back");

        long before = manager.transactions(a);
        ovs.vsctl("a", "del-manager");
        waitFor(() -> controller.session(a).isEmpty(), "disconnect");
        ovs.setManager("a", port);
        waitFor(() -> controller.session(a).isPresent(), "reconnect");
        Thread.sleep(500);
        assertEquals("nothing to re-apply after a reconnect", before, manager.transactions(a));

        // the runtime restarts: the switch kept the limit in its database, the new instance sends nothing
        stopRuntime();
        startRuntime(port);
        waitFor(() -> controller.session(a).isPresent(), "reconnect to the restarted runtime");
        Thread.sleep(500);
        assertEquals(0, manager.transactions(a));
        // ovs-vswitchd restarts on the same database: the limit is still there
        ovs.killVswitchd("a");
        ovs.startVswitchd("a");
        waitFor(() -> ofConnected("a"), "ofsink reconnected");
        assertEquals("100/25 100/25", limits("a"));
        assertEquals(0, manager.transactions(a));
    }

    @Test
    public void floodOnOnePortIsCutWhileAnotherPortStillGetsThrough() throws Exception {
        DeviceId a = node("a");
        for (int p = 1; p <= 2; p++) {
            ovs.inNs("a", "ip", "link", "add", "p" + p, "type", "veth", "peer", "name", "p" + p + "-in");
            ovs.inNs("a", "ip", "link", "set", "p" + p, "up");
            ovs.inNs("a", "ip", "link", "set", "p" + p + "-in", "up");
            ovs.vsctl("a", "add-port", "br-int", "p" + p, "--", "set", "interface", "p" + p, "ofport_request=" + p);
            ovs.run("a", "ovs-ofctl", "-O", "OpenFlow13", "add-flow", "br-int",
                    "in_port=" + p + ",udp,actions=controller");
        }
        script("a", "pinflood.py");
        waitFor(() -> "100/25".equals(limits("a")), "limit 100/25");
        waitFor(() -> ofConnected("a"), "ofsink connected");

        CompletableFuture<String> legit = CompletableFuture.supplyAsync(() -> quiet(
                () -> flood("p2-in", LEGIT, LEGIT, 2)));
        Thread.sleep(200);
        Map<String, Long> before = packetIns("a");
        double secs = Double.parseDouble(flood("p1-in", FLOOD, FLOOD_PPS, 1));
        legit.get(30, TimeUnit.SECONDS);
        Thread.sleep(1_500);    // the switch's queue drains at the rate
        long limited = delta(before, packetIns("a"), "1");
        long legitIns = delta(before, packetIns("a"), "2");
        long bound = 2 * 25 + Math.round(100 * (secs + 0.5));
        long hits = ruleHits("a", 1);
        System.out.printf("limit 100/s burst 25: %d-packet flood in %.2f s (%d reached the rule) -> %d PACKET_INs"
                                  + " (bound %d); the other port: %d of %d%n",
                          FLOOD, secs, hits, limited, bound, legitIns, LEGIT);
        assertTrue("the flood reached the switch's rule: " + hits, hits >= FLOOD / 2);
        assertTrue("flood PACKET_INs " + limited + " <= " + bound, limited <= bound);
        assertEquals("every packet of the other port reached the controller", LEGIT, legitIns);
        waitFor(() -> droppedBySwitch("a") > 0, "the switch reports dropped packet-ins (Controller status)");

        manager.modified(limit(0, 25));
        waitFor(() -> "[]/[]".equals(limits("a")), "no limit");
        Map<String, Long> before2 = packetIns("a");
        long hits0 = ruleHits("a", 1);
        double secs2 = Double.parseDouble(flood("p1-in", FLOOD, FLOOD_PPS, 1));
        Thread.sleep(1_500);
        long unlimited = delta(before2, packetIns("a"), "1");
        long hits2 = ruleHits("a", 1) - hits0;
        System.out.printf("no limit: %d-packet flood in %.2f s (%d reached the rule) -> %d PACKET_INs%n",
                          FLOOD, secs2, hits2, unlimited);
        assertTrue("without the limit the flood reaches the controller: " + unlimited + " of " + hits2,
                   unlimited >= hits2 / 2 && unlimited > 4 * bound);
    }

    private String flood(String intf, int count, int pps, int macByte) throws IOException {
        return ovs.inNs("a", "python3", ovs.rundir("a").resolve("pinflood.py").toString(), intf,
                        Integer.toString(count), Integer.toString(pps), Integer.toString(macByte)).trim();
    }

    private Map<String, Long> packetIns(String node) throws IOException {
        Path f = ovs.rundir(node).resolve("packet-ins.json");
        if (!Files.exists(f)) {
            return Map.of();
        }
        JsonNode doc = MAPPER.readTree(f.toFile());
        Map<String, Long> out = new TreeMap<>();
        doc.fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue().asLong()));
        return out;
    }

    private static long delta(Map<String, Long> before, Map<String, Long> after, String inPort) {
        return after.getOrDefault(inPort, 0L) - before.getOrDefault(inPort, 0L);
    }

    private long ruleHits(String node, int inPort) throws IOException {
        String dump = ovs.run(node, "ovs-ofctl", "-O", "OpenFlow13", "dump-flows", "br-int", "in_port=" + inPort);
        Matcher m = Pattern.compile("n_packets=(\\d+)").matcher(dump);
        return m.find() ? Long.parseLong(m.group(1)) : 0;
    }

    /** @return true if a controller of br-int is connected (ofsink.py; the second one of a test has no server) */
    private boolean ofConnected(String node) {
        String out = quiet(() -> ovs.vsctl(node, "--columns=is_connected", "list", "Controller"));
        return out != null && out.contains("true");
    }

    private long droppedBySwitch(String node) {
        String status = quiet(() -> ovs.vsctl(node, "get", "Controller", controllers(node).get(0), "status"));
        Matcher m = Pattern.compile("packet-in-action-dropped=\"(\\d+)\"").matcher(status == null ? "" : status);
        return m.find() ? Long.parseLong(m.group(1)) : 0;
    }

    /** A call that may fail transiently; null if it does. */
    private interface IoCall {
        String call() throws IOException;
    }

    private static String quiet(IoCall c) {
        try {
            return c.call();
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private static void waitFor(BooleanSupplier condition, String what) throws InterruptedException {
        Await.waitFor(condition, WAIT_MS, what);
    }
}
