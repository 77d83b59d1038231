package org.onosdvr.openflow.channel;

import org.junit.After;
import org.junit.Assume;
import org.junit.Before;
import org.junit.Test;
import org.projectfloodlight.openflow.protocol.OFFlowAdd;
import org.projectfloodlight.openflow.protocol.OFFlowStatsEntry;
import org.projectfloodlight.openflow.protocol.OFFlowStatsReply;
import org.projectfloodlight.openflow.protocol.OFMessage;
import org.projectfloodlight.openflow.protocol.OFPacketIn;
import org.projectfloodlight.openflow.protocol.OFPortReason;
import org.projectfloodlight.openflow.protocol.OFPortStatus;
import org.projectfloodlight.openflow.protocol.OFType;
import org.projectfloodlight.openflow.protocol.action.OFAction;
import org.projectfloodlight.openflow.protocol.match.MatchField;
import org.projectfloodlight.openflow.types.EthType;
import org.projectfloodlight.openflow.types.IPv4Address;
import org.projectfloodlight.openflow.types.OFPort;
import org.projectfloodlight.openflow.types.TableId;
import org.projectfloodlight.openflow.types.U64;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.onosdvr.openflow.channel.OvsSandbox.waitFor;
import static org.onosdvr.openflow.channel.SwitchHarness.F;

/**
 * The controller against real Open vSwitch 3.1 (userspace datapath) in a private sandbox. Skipped where OVS or
 * root is missing.
 */
public class OvsIntegrationTest {

    private static final long DPID0 = 0x0000000000000c10L;
    private static final long DPID1 = 0x0000000000000c11L;
    private static final long WAIT_MS = 15_000;

    private OvsSandbox ovs;
    private OpenFlowController controller;
    private RecordingListener listener;
    private int port;

    @Before
    public void setUp() throws Exception {
        Assume.assumeTrue("OVS userspace and root required", OvsSandbox.available());
        controller = new OpenFlowController(OpenFlowControllerConfig.builder().listen("127.0.0.1:0")
                                                    .echoIntervalMs(2_000).echoTimeoutMs(3_000).build());
        listener = new RecordingListener();
        controller.addListener(listener);
        controller.start();
        port = controller.boundAddresses().get(0).getPort();
        ovs = OvsSandbox.start();
    }

    @After
    public void tearDown() {
        if (ovs != null) {
            ovs.close();
        }
        if (controller != null) {
            controller.stop();
        }
    }

    private OpenFlowSwitchSession awaitSwitch(long dpid) {
        waitFor(() -> controller.getSwitch(dpid).isPresent(), WAIT_MS, "switch " + Dpids.toHex(dpid));
        return controller.getSwitch(dpid).get();
    }

    private static OFFlowAdd ipFlow(int table, int priority, long cookie, IPv4Address dst, List<OFAction> actions) {
        return F.buildFlowAdd().setTableId(TableId.of(table)).setPriority(priority).setCookie(U64.of(cookie))
                .setMatch(F.buildMatch().setExact(MatchField.ETH_TYPE, EthType.IPv4)
                                  .setExact(MatchField.IPV4_DST, dst).build())
                .setInstructions(List.of(F.instructions().applyActions(actions)))
                .build();
    }

    @Test
    public void switchesConnectAndFlowsErrorsPortsAndPacketsWork() throws Exception {
        String h1 = ovs.addHost("ofc-h1", "198.18.99.1");
        ovs.addBridge("ofc-br0", DPID0, port);
        ovs.vsctl("add-port", "ofc-br0", h1, "--", "set", "interface", h1, "ofport_request=1");
        ovs.addBridge("ofc-br1", DPID1, port);

        OpenFlowSwitchSession s0 = awaitSwitch(DPID0);
        OpenFlowSwitchSession s1 = awaitSwitch(DPID1);
        assertEquals(Dpids.deviceId(DPID0), s0.deviceId());
        assertTrue(s0.isConnected() && s1.isConnected());
        assertEquals("ports with names", OFPort.of(1), s0.portByName(h1).get().getPortNo());
        assertTrue("LOCAL port named after the bridge", s0.portByName("ofc-br0").isPresent());
        assertEquals(254, s0.features().getNTables());

        // a flow mod + barrier, visible in ovs-ofctl and in flow stats
        IPv4Address dst = IPv4Address.of("198.18.99.77");
        BatchResult ok = s0.sendBatch(List.of(ipFlow(0, 1234, 0xc0ffeeL, dst,
                                                     List.of(F.actions().output(OFPort.of(1), 0xffff)))))
                .get(10, TimeUnit.SECONDS);
        assertTrue(ok.toString(), ok.ok());
        String dump = ovs.ofctl("dump-flows", "ofc-br0");
        assertTrue(dump, dump.contains("cookie=0xc0ffee") && dump.contains("nw_dst=198.18.99.77")
                && dump.contains("priority=1234"));
        List<OFMessage> stats = s0.request(F.buildFlowStatsRequest().setTableId(TableId.ALL)
                                                   .setOutPort(OFPort.ANY).build()).get(10, TimeUnit.SECONDS);
        List<OFFlowStatsEntry> entries = stats.stream().flatMap(m -> ((OFFlowStatsReply) m).getEntries().stream())
                .collect(Collectors.toList());
        assertEquals(1, entries.size());
        assertEquals(U64.of(0xc0ffeeL), entries.get(0).getCookie());
        assertEquals(dst, entries.get(0).getMatch().get(MatchField.IPV4_DST));
        assertEquals(OFType.BARRIER_REPLY, s0.barrier().get(10, TimeUnit.SECONDS).get(0).getType());

        // a goto to a lower table is rejected with the xid of that flow mod
        OFFlowAdd backward = F.buildFlowAdd().setTableId(TableId.of(5)).setPriority(1)
                .setMatch(F.buildMatch().build())
                .setInstructions(List.of(F.instructions().gotoTable(TableId.of(2)))).build();
        BatchResult bad = s0.sendBatch(List.of(ipFlow(0, 10, 1, IPv4Address.of("198.18.99.78"), List.of()),
                                               backward)).get(10, TimeUnit.SECONDS);
        System.out.println("[ofc] backward goto: " + bad);
        assertEquals(1, bad.errors().size());
        assertTrue(bad.errorOf(1).isPresent());
        assertEquals("BAD_INSTRUCTION/BAD_TABLE_ID", bad.errorOf(1).get().name());
        waitFor(() -> listener.errors.stream().anyMatch(e -> e.xid() == bad.xidOf(1)), WAIT_MS,
                "error reported to listeners with the flow mod's xid");

        // a Nicira error: load into tun_metadata0, which has no TLV mapping
        OFFlowAdd unmapped = F.buildFlowAdd().setTableId(TableId.of(0)).setPriority(3)
                .setMatch(F.buildMatch().build())
                .setInstructions(List.of(F.instructions().applyActions(List.of(
                        F.actions().buildNiciraLoad().setDst(0x0001507cL).setOfsNbits(31).setValue(U64.of(7))
                                .build())))).build();
        BatchResult nx = s0.sendBatch(List.of(unmapped)).get(10, TimeUnit.SECONDS);
        System.out.println("[ofc] unmapped tun_metadata0: " + nx);
        assertEquals(1, nx.errors().size());
        assertEquals(nx.xidOf(0), nx.errors().get(0).xid());
        assertEquals("NXFMFC_INVALID_TLV_FIELD", nx.errors().get(0).name());
        assertTrue(nx.errors().get(0).experimenter().get().isNicira());

        // PORT_STATUS when a port is added
        String extra = ovs.addVeth("ofc-x1");
        ovs.vsctl("add-port", "ofc-br0", extra, "--", "set", "interface", extra, "ofport_request=7");
        waitFor(() -> listener.portStatus.stream().anyMatch(ps -> isAdd(ps, extra)), WAIT_MS,
                "PORT_STATUS add " + extra);
        waitFor(() -> s0.port(OFPort.of(7)).isPresent(), WAIT_MS, "port 7 in the session");
        assertEquals(extra, s0.port(OFPort.of(7)).get().getName());

        // PACKET_IN: everything from the host goes to the controller
        OFFlowAdd toController = F.buildFlowAdd().setTableId(TableId.of(0)).setPriority(50)
                .setCookie(U64.of(0xbeefL))
                .setMatch(F.buildMatch().setExact(MatchField.IN_PORT, OFPort.of(1)).build())
                .setInstructions(List.of(F.instructions().applyActions(List.of(
                        F.actions().output(OFPort.CONTROLLER, 0xffff))))).build();
        assertTrue(s0.sendBatch(List.of(toController)).get(10, TimeUnit.SECONDS).ok());
        try {
            ovs.run("ip", "netns", "exec", "ofc-h1", "ping", "-c", "2", "-i", "0.2", "-W", "1", "198.18.99.2");
        } catch (java.io.IOException expected) {
            // no one answers: the ping itself fails, its ARP requests reach the controller
        }
        waitFor(() -> listener.packetIns.stream().anyMatch(p -> p.getCookie().equals(U64.of(0xbeefL))),
                WAIT_MS, "PACKET_IN from ofc-h1");
        OFPacketIn pi = listener.packetIns.stream().filter(p -> p.getCookie().equals(U64.of(0xbeefL)))
                .findFirst().get();
        assertEquals(OFPort.of(1), pi.getMatch().get(MatchField.IN_PORT));
        assertTrue("whole packet (miss_send_len 0xffff)", pi.getData().length >= 42);
    }

    private static boolean isAdd(OFPortStatus ps, String name) {
        return ps.getReason() == OFPortReason.ADD && ps.getDesc().getName().equals(name);
    }

    @Test
    public void killedVswitchdIsDetectedAndRestartReconnects() throws Exception {
        ovs.addBridge("ofc-br0", DPID0, port);
        ovs.addBridge("ofc-br1", DPID1, port);
        OpenFlowSwitchSession before = awaitSwitch(DPID0);
        awaitSwitch(DPID1);
        AtomicLong lastDisconnect = new AtomicLong();
        controller.addListener(new OpenFlowSwitchListener() {
            @Override
            public void switchDisconnected(OpenFlowSwitchSession sw) {
                lastDisconnect.set(System.nanoTime());
            }
        });
        long t0 = System.nanoTime();
        ovs.killVswitchd();
        waitFor(() -> controller.switches().isEmpty(), WAIT_MS, "both switches disconnected");
        // listeners are told after the switch left the map, on the channel's thread
        waitFor(() -> listener.events.contains("disconnected " + Dpids.toHex(DPID0))
                && listener.events.contains("disconnected " + Dpids.toHex(DPID1)), WAIT_MS,
                "both disconnections notified");
        long detectMs = TimeUnit.NANOSECONDS.toMillis(lastDisconnect.get() - t0);
        assertFalse(before.isConnected());

        long t1 = System.nanoTime();
        ovs.startVswitchd();
        OpenFlowSwitchSession after = awaitSwitch(DPID0);
        awaitSwitch(DPID1);
        long reconnectMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t1);
        assertTrue(after != before && after.isConnected());
        assertEquals(OFType.BARRIER_REPLY, after.barrier().get(10, TimeUnit.SECONDS).get(0).getType());
        System.out.println("[ofc] kill -9 ovs-vswitchd detected in " + detectMs + " ms; restart to ACTIVE in "
                                   + reconnectMs + " ms");
    }

    @Test
    public void flowModRate() throws Exception {
        ovs.addBridge("ofc-br0", DPID0, port);
        OpenFlowSwitchSession s = awaitSwitch(DPID0);
        for (int n : new int[]{10_000, 10_000, 10_000}) {
            List<OFFlowAdd> flows = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                flows.add(F.buildFlowAdd().setTableId(TableId.of(0)).setPriority(100).setCookie(U64.of(i + 1))
                                  .setMatch(F.buildMatch().setExact(MatchField.ETH_TYPE, EthType.IPv4)
                                                    .setExact(MatchField.IPV4_DST, IPv4Address.of(0x0a000000 + i))
                                                    .build())
                                  .setInstructions(List.of(F.instructions().applyActions(List.of(
                                          F.actions().setField(F.oxms().ethDst(
                                                  org.projectfloodlight.openflow.types.MacAddress.of(
                                                          0x020000000000L + i))),
                                          F.actions().output(OFPort.LOCAL, 0))))).build());
            }
            long t = System.nanoTime();
            CompletableFuture<BatchResult> f = s.sendBatch(flows);
            long enqueuedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t);
            BatchResult r = f.get(60, TimeUnit.SECONDS);
            long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t);
            assertTrue(r.toString(), r.ok());
            long ts = System.nanoTime();
            List<OFMessage> stats = s.request(F.buildFlowStatsRequest().setTableId(TableId.ALL)
                                                      .setOutPort(OFPort.ANY).build()).get(60, TimeUnit.SECONDS);
            long statsMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - ts);
            int count = stats.stream().mapToInt(m -> ((OFFlowStatsReply) m).getEntries().size()).sum();
            assertEquals(n, count);
            System.out.printf("[ofc] %d flow mods + barrier: %d ms (%.0f rules/s; sendBatch returned after %d ms);"
                                      + " flow-stats dump of %d in %d ms (%d parts)%n", n, ms,
                              n * 1000.0 / Math.max(1, ms), enqueuedMs, count, statsMs, stats.size());
            long td = System.nanoTime();
            assertTrue(s.sendBatch(List.of(F.buildFlowDelete().setTableId(TableId.ALL).setOutPort(OFPort.ANY)
                                                   .setOutGroup(org.projectfloodlight.openflow.types.OFGroup.ANY)
                                                   .setMatch(F.buildMatch().build()).build()))
                               .get(30, TimeUnit.SECONDS).ok());
            System.out.printf("[ofc] delete-all + barrier: %d ms%n",
                              TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - td));
        }
    }
}
