package org.onosdvr.openflow.net;

import org.junit.After;
import org.junit.Assume;
import org.junit.Before;
import org.junit.Test;
import org.onlab.packet.Ethernet;
import org.onlab.packet.Ip4Address;
import org.onlab.packet.MacAddress;
import org.onosdvr.nicira.NiciraLoad;
import org.onosdvr.nicira.NiciraMove;
import org.onosdvr.nicira.NiciraNxm;
import org.onosproject.net.AnnotationKeys;
import org.onosproject.net.ConnectPoint;
import org.onosproject.net.DeviceId;
import org.onosproject.net.Host;
import org.onosproject.net.Port;
import org.onosproject.net.PortNumber;
import org.onosproject.net.flow.DefaultFlowRule;
import org.onosproject.net.flow.DefaultTrafficSelector;
import org.onosproject.net.flow.DefaultTrafficTreatment;
import org.onosproject.net.flow.FlowEntry;
import org.onosproject.net.flow.FlowRule;
import org.onosproject.net.flow.FlowRuleEvent;
import org.onosproject.net.flow.TrafficSelector;
import org.onosproject.net.flow.TrafficTreatment;
import org.onosproject.net.packet.PacketContext;
import org.onosproject.net.packet.PacketProcessor;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Collectors;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.onosdvr.openflow.net.OfnSandbox.waitFor;
import static org.onosproject.net.flow.FlowEntry.FlowEntryState.ADDED;

/**
 * The service implementations against real Open vSwitch 3.1 (userspace) in a private sandbox: device and named
 * ports, flow rules reaching ADDED and the switch (incl. a Nicira ARP responder), rules deleted behind our back,
 * PACKET_IN to processors and host learning, vswitchd kill/restart. Skipped where OVS or root is missing.
 */
public class OvsNetIntegrationTest {

    private static final long WAIT_MS = 15_000;
    private static final int POLL_SEC = 2;
    private static final Ip4Address GW_IP = Ip4Address.valueOf("10.0.0.254");
    private static final MacAddress GW_MAC = MacAddress.valueOf("fa:16:3e:00:00:fe");

    private OfnSandbox ovs;
    private final OpenFlowControllerComponent ofc = new OpenFlowControllerComponent();
    private final OpenFlowDeviceManager devices = new OpenFlowDeviceManager();
    private final OpenFlowRuleManager flows = new OpenFlowRuleManager();
    private final OpenFlowPacketManager packets = new OpenFlowPacketManager();
    private final OpenFlowHostManager hosts = new OpenFlowHostManager();
    private final OpenFlowGroupManager groups = new OpenFlowGroupManager();
    private final List<FlowRuleEvent> flowEvents = new CopyOnWriteArrayList<>();
    private boolean started;
    private long dpid;
    private DeviceId dev;
    private String bridge;

    @Before
    public void setUp() throws Exception {
        Assume.assumeTrue("OVS userspace, arping and root required", OfnSandbox.available());
        ofc.activate(Map.of(OsgiPropertyConstants.LISTEN_ADDRESS, "127.0.0.1:0",
                            OsgiPropertyConstants.ECHO_INTERVAL_MS, 1000,
                            OsgiPropertyConstants.ECHO_TIMEOUT_MS, 2000));
        started = true;
        devices.controller = ofc;
        SyncEventDispatcher.inject(devices);
        devices.activate();
        flows.controller = ofc;
        SyncEventDispatcher.inject(flows);
        flows.activate(Map.of(OsgiPropertyConstants.POLL_INTERVAL_SEC, POLL_SEC));
        flows.addListener(flowEvents::add);
        packets.controller = ofc;
        packets.activate();
        hosts.packetService = packets;
        hosts.deviceService = devices;
        SyncEventDispatcher.inject(hosts);
        hosts.activate(Map.of());
        groups.controller = ofc;
        SyncEventDispatcher.inject(groups);
        groups.activate();
        ovs = OfnSandbox.start();
        dpid = 0x0f00_0000_0000L | ThreadLocalRandom.current().nextInt(1 << 24);
        dev = DeviceId.deviceId(String.format("of:%016x", dpid));
    }

    @After
    public void tearDown() {
        if (ovs != null) {
            ovs.close();
        }
        if (started) {
            groups.deactivate();
            hosts.deactivate();
            packets.deactivate();
            flows.deactivate();
            devices.deactivate();
            ofc.deactivate();
        }
    }

    private void bridgeWithHosts(String... hostNames) throws Exception {
        bridge = ovs.addBridge(dpid, ofc.boundAddresses().get(0).getPort());
        int n = 1;
        for (String h : hostNames) {
            String outside = ovs.addHost(h, "10.0.0." + n);
            ovs.vsctl("add-port", bridge, outside, "--", "set", "interface", outside, "ofport_request=" + n);
            n++;
        }
        int expected = hostNames.length;
        waitFor(() -> devices.isAvailable(dev) && devices.getPorts(dev).stream()
                .filter(p -> !p.number().equals(PortNumber.LOCAL)).count() == expected, WAIT_MS,
                "device " + dev + " with " + expected + " ports");
    }

    private FlowRule rule(int priority, TrafficSelector selector, TrafficTreatment treatment) {
        return DefaultFlowRule.builder().forDevice(dev).forTable(0).withPriority(priority).fromApp(Flows.APP)
                .makePermanent().withSelector(selector).withTreatment(treatment).build();
    }

    private FlowEntry.FlowEntryState state(FlowRule r) {
        FlowEntry e = flows.getFlowEntry(r);
        return e == null ? null : e.state();
    }

    private static String cookie(FlowRule r) {
        return "cookie=0x" + Long.toHexString(r.id().value());
    }

    @Test
    public void devicesFlowsPacketInsAndHosts() throws Exception {
        bridgeWithHosts("h1", "h2");
        Port p1 = devices.getPort(dev, PortNumber.portNumber(1));
        assertEquals(ovs.ns("h1") + "-o", p1.annotations().value(AnnotationKeys.PORT_NAME));
        assertTrue(p1.isEnabled());
        assertEquals("OF_13", devices.getDevice(dev).annotations().value(AnnotationKeys.PROTOCOL));
        assertThat(devices.getDevice(dev).hwVersion(), containsString("Open vSwitch"));

        FlowRule forward = rule(50, DefaultTrafficSelector.builder().matchInPort(PortNumber.portNumber(1)).build(),
                                DefaultTrafficTreatment.builder().setOutput(PortNumber.portNumber(2)).build());
        FlowRule responder = rule(200, DefaultTrafficSelector.builder().matchInPort(PortNumber.portNumber(1))
                        .matchEthType(Ethernet.TYPE_ARP).matchArpOp(1).matchArpTpa(GW_IP).build(),
                DefaultTrafficTreatment.builder().extension(NiciraMove.ethSrcToDst(), dev).setEthSrc(GW_MAC)
                        .extension(NiciraLoad.fullField(NiciraNxm.ARP_OP, 2), dev)
                        .extension(NiciraMove.arpShaToTha(), dev).extension(NiciraMove.arpSpaToTpa(), dev)
                        .setArpSha(GW_MAC).setArpSpa(GW_IP).setOutput(PortNumber.IN_PORT).build());
        FlowRule punt = rule(100, DefaultTrafficSelector.builder().matchEthType(Ethernet.TYPE_ARP).build(),
                             DefaultTrafficTreatment.builder().setOutput(PortNumber.CONTROLLER).build());
        flows.applyFlowRules(forward, responder, punt);
        waitFor(() -> state(forward) == ADDED && state(responder) == ADDED && state(punt) == ADDED, WAIT_MS,
                "rules ADDED");
        String dump = ovs.ofctl("dump-flows", bridge);
        for (FlowRule r : List.of(forward, responder, punt)) {
            assertThat(dump, containsString(cookie(r)));
        }
        assertTrue(dump, dump.lines().anyMatch(l -> l.contains(cookie(forward)) && l.contains("in_port=1")
                && l.contains("actions=output:2")));
        assertTrue(dump, dump.lines().anyMatch(l -> l.contains(cookie(responder))
                && l.contains("move:NXM_OF_ETH_SRC[]->NXM_OF_ETH_DST[]")));

        // gateway ARP answered by the switch: no PACKET_IN
        List<PacketContext> seen = new CopyOnWriteArrayList<>();
        PacketProcessor recorder = seen::add;
        packets.addProcessor(recorder, PacketProcessor.observer(1));
        long before = packets.packetInCount(dev);
        String reply = ovs.inNs("h1", "arping", "-c", "1", "-w", "3", "-I", ovs.ns("h1") + "-i", GW_IP.toString());
        assertThat(reply.toLowerCase(), containsString(GW_MAC.toString().toLowerCase()));
        assertEquals("gateway ARP answered in the switch", before, packets.packetInCount(dev));

        // ARP for another IP is punted: the processor sees it and the host service learns h1
        MacAddress h1Mac = MacAddress.valueOf(ovs.inNs("h1", "cat", "/sys/class/net/" + ovs.ns("h1") + "-i"
                + "/address").trim());
        try {
            ovs.inNs("h1", "arping", "-c", "1", "-w", "1", "-I", ovs.ns("h1") + "-i", "10.0.0.77");
        } catch (java.io.IOException unanswered) {
            // expected: nobody answers 10.0.0.77
        }
        waitFor(() -> !hosts.getHostsByMac(h1Mac).isEmpty(), WAIT_MS, "host " + h1Mac + " learnt");
        Host h1 = hosts.getHostsByMac(h1Mac).iterator().next();
        assertEquals(new ConnectPoint(dev, PortNumber.portNumber(1)),
                     new ConnectPoint(h1.location().deviceId(), h1.location().port()));
        assertEquals(Set.of(Ip4Address.valueOf("10.0.0.1")), h1.ipAddresses());
        assertTrue(packets.packetInCount(dev) > before);
        assertTrue(seen.stream().anyMatch(c -> c.inPacket().parsed().getSourceMAC().equals(h1Mac)
                && c.inPacket().receivedFrom().port().equals(PortNumber.portNumber(1))));

        // deleted behind our back: RULE_REMOVED within one poll
        flowEvents.clear();
        ovs.ofctl("del-flows", bridge);
        waitFor(() -> removed().containsAll(Set.of(forward.id().value(), responder.id().value(),
                                                   punt.id().value())),
                (POLL_SEC + 2) * 1000L, "RULE_REMOVED for the three rules");
        assertEquals(0, flows.getFlowRuleCount());
    }

    private Set<Long> removed() {
        return flowEvents.stream().filter(e -> e.type() == FlowRuleEvent.Type.RULE_REMOVED)
                .map(e -> e.subject().id().value()).collect(Collectors.toSet());
    }

    @Test
    public void vswitchdRestartFlipsAvailabilityAndRefreshesFlows() throws Exception {
        bridgeWithHosts("h1");
        FlowRule drop = rule(10, DefaultTrafficSelector.builder().matchInPort(PortNumber.portNumber(1)).build(),
                             DefaultTrafficTreatment.builder().drop().build());
        flows.applyFlowRules(drop);
        waitFor(() -> state(drop) == ADDED, WAIT_MS, "rule ADDED");

        ovs.killVswitchd();
        waitFor(() -> !devices.isAvailable(dev), WAIT_MS, "device unavailable");
        assertEquals("device kept while disconnected", 1, devices.getDeviceCount());
        flowEvents.clear();

        ovs.startVswitchd();
        waitFor(() -> devices.isAvailable(dev), WAIT_MS, "device available again");
        // a restarted vswitchd starts with an empty flow table: the refresh on connect notices
        waitFor(() -> removed().contains(drop.id().value()), WAIT_MS, "RULE_REMOVED after restart");
        flows.applyFlowRules(drop);
        waitFor(() -> state(drop) == ADDED, WAIT_MS, "rule re-installed");
        assertThat(ovs.ofctl("dump-flows", bridge), containsString(cookie(drop)));

        // replaced behind our back by a flow with the same match and another cookie
        flowEvents.clear();
        ovs.ofctl("add-flow", bridge, "table=0,priority=10,in_port=1,cookie=0x1,actions=drop");
        waitFor(() -> removed().contains(drop.id().value()), (POLL_SEC + 2) * 1000L, "RULE_REMOVED after replace");
    }

    private org.onosproject.net.group.Group group(org.onosproject.net.group.GroupKey key) {
        return groups.getGroup(dev, key);
    }

    private void arpingQuietly(String host, String ip) throws Exception {
        try {
            ovs.inNs(host, "arping", "-c", "3", "-i", "0.05", "-w", "1", "-I", ovs.ns(host) + "-i", ip);
        } catch (java.io.IOException unanswered) {
            // nobody answers: only the packets through the group count
        }
    }

    @Test
    public void fastFailoverGroupFollowsPortLivenessAndSurvivesRestart() throws Exception {
        bridgeWithHosts("h1", "h2", "h3");
        org.onosproject.net.group.GroupKey key = new org.onosproject.net.group.DefaultGroupKey(new byte[]{1, 2});
        org.onosproject.net.group.GroupBuckets buckets = new org.onosproject.net.group.GroupBuckets(List.of(
                org.onosproject.net.group.DefaultGroupBucket.createFailoverGroupBucket(
                        DefaultTrafficTreatment.builder().setOutput(PortNumber.portNumber(2)).build(),
                        PortNumber.portNumber(2), null),
                org.onosproject.net.group.DefaultGroupBucket.createFailoverGroupBucket(
                        DefaultTrafficTreatment.builder().setOutput(PortNumber.portNumber(3)).build(),
                        PortNumber.portNumber(3), null)));
        groups.addGroup(new org.onosproject.net.group.DefaultGroupDescription(
                dev, org.onosproject.net.group.GroupDescription.Type.FAILOVER, buckets, key, 0x10005, Flows.APP));
        FlowRule toGroup = rule(50, DefaultTrafficSelector.builder().matchInPort(PortNumber.portNumber(1)).build(),
                                DefaultTrafficTreatment.builder()
                                        .group(org.onosproject.core.GroupId.valueOf(0x10005)).build());
        flows.applyFlowRules(toGroup);
        waitFor(() -> state(toGroup) == ADDED && group(key) != null
                && group(key).state() == org.onosproject.net.group.Group.GroupState.ADDED, WAIT_MS,
                "group and rule ADDED");
        assertThat(ovs.ofctl("dump-groups", bridge), containsString("group_id=65541,type=ff"));
        assertThat(ovs.ofctl("dump-flows", bridge), containsString("actions=group:65541"));

        arpingQuietly("h1", "10.0.0.2");
        waitFor(() -> group(key).buckets().buckets().get(0).packets() >= 3, WAIT_MS, "packets through bucket 0");
        assertEquals(0, group(key).buckets().buckets().get(1).packets());

        // port 2 loses its link: OVS takes the next live bucket by itself
        ovs.run("ip", "link", "set", ovs.ns("h2") + "-o", "down");
        arpingQuietly("h1", "10.0.0.3");
        waitFor(() -> group(key).buckets().buckets().get(1).packets() >= 3, WAIT_MS, "packets through bucket 1");

        // a restarted vswitchd has no groups: the group is sent again on reconnection, then the rule
        ovs.killVswitchd();
        waitFor(() -> !devices.isAvailable(dev), WAIT_MS, "device unavailable");
        ovs.startVswitchd();
        waitFor(() -> devices.isAvailable(dev), WAIT_MS, "device available again");
        waitFor(() -> {
            try {
                return ovs.ofctl("dump-groups", bridge).contains("group_id=65541,type=ff");
            } catch (java.io.IOException e) {
                return false;
            }
        }, WAIT_MS, "group on the restarted switch");
        waitFor(() -> removed().contains(toGroup.id().value()), WAIT_MS, "RULE_REMOVED after restart");
        flows.applyFlowRules(toGroup);
        waitFor(() -> state(toGroup) == ADDED, WAIT_MS, "rule re-installed");

        // deleted behind our back: GROUP_REMOVED within a statistics poll (and OVS drops the rule with it)
        List<org.onosproject.net.group.GroupEvent> gev = new CopyOnWriteArrayList<>();
        groups.addListener(gev::add);
        ovs.ofctl("del-groups", bridge);
        waitFor(() -> gev.stream().anyMatch(e -> e.type() == org.onosproject.net.group.GroupEvent.Type.GROUP_REMOVED),
                OpenFlowGroupManager.POLL_INTERVAL_MS + WAIT_MS, "GROUP_REMOVED");
        assertEquals(null, group(key));
    }
}
