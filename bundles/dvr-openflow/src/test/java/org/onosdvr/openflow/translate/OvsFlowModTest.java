package org.onosdvr.openflow.translate;

import org.junit.AfterClass;
import org.junit.Assume;
import org.junit.BeforeClass;
import org.junit.Test;
import org.onlab.packet.Ip4Address;
import org.onlab.packet.IpAddress;
import org.onlab.packet.IpPrefix;
import org.onlab.packet.MacAddress;
import org.onlab.packet.TpPort;
import org.onlab.packet.VlanId;
import org.onosdvr.nicira.NiciraCt;
import org.onosdvr.nicira.NiciraCtClear;
import org.onosdvr.nicira.NiciraLoad;
import org.onosdvr.nicira.NiciraMatchCtMark;
import org.onosdvr.nicira.NiciraMatchCtState;
import org.onosdvr.nicira.NiciraMatchCtZone;
import org.onosdvr.nicira.NiciraMove;
import org.onosdvr.nicira.NiciraNat;
import org.onosdvr.nicira.NiciraNxm;
import org.onosdvr.nicira.NiciraResubmitTable;
import org.onosdvr.nicira.NiciraSetTunnelDst;
import org.onosproject.core.DefaultApplicationId;
import org.onosproject.net.PortNumber;
import org.onosproject.net.flow.DefaultFlowRule;
import org.onosproject.net.flow.DefaultTrafficSelector;
import org.onosproject.net.flow.DefaultTrafficTreatment;
import org.onosproject.net.flow.FlowRule;
import org.onosproject.net.flow.TrafficSelector;
import org.onosproject.net.flow.TrafficTreatment;
import org.projectfloodlight.openflow.protocol.OFFlowModCommand;
import org.projectfloodlight.openflow.protocol.OFFlowStatsEntry;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;
import static org.onosdvr.openflow.translate.FlowTranslationTest.DID;
import static org.onosdvr.openflow.translate.OfCodecs.OF13;

/**
 * Integration check against a real, private Open vSwitch 3.1 (userspace datapath): every rule shape the DVR
 * pipeline uses is encoded by {@link FlowModEncoder}, sent over a raw OpenFlow 1.3 connection, must be accepted
 * (no ERROR before the barrier reply), must appear in {@code ovs-ofctl dump-flows}, must be read back through
 * FLOW stats with the same match and decode to the same selector and treatment, and must be removed by
 * DELETE_STRICT.
 * <p>
 * Skipped (JUnit Assume) when OVS is not installed, or with {@code -DskipOvsTests}. Run alone with
 * {@code mvn -B verify -pl bundles/dvr-openflow -am -Dtest=OvsFlowModTest -Dsurefire.failIfNoSpecifiedTests=false}.
 */
public class OvsFlowModTest {

    private static final MacAddress VM = MacAddress.valueOf("fa:16:3e:00:00:01");
    private static final MacAddress GW = MacAddress.valueOf("fa:16:3e:00:00:fe");
    private static final MacAddress DVR = MacAddress.valueOf("fa:16:3f:00:00:01");
    private static final Ip4Address GW_IP = Ip4Address.valueOf("10.0.0.1");
    private static final long ROUTER_TAG = 0x1_0000_0005L;

    private static OvsSandbox ovs;
    private static RawOfConnection connection;

    @BeforeClass
    public static void startOvs() throws Exception {
        Assume.assumeFalse("OVS tests disabled by -DskipOvsTests", Boolean.getBoolean("skipOvsTests"));
        Assume.assumeTrue("Open vSwitch is not installed", OvsSandbox.ovsInstalled());
        ovs = OvsSandbox.start();
        connection = RawOfConnection.connect(ovs.port());
    }

    @AfterClass
    public static void stopOvs() throws Exception {
        if (connection != null) {
            connection.close();
        }
        if (ovs != null) {
            ovs.close();
        }
    }

    private static FlowRule rule(String name, int table, int priority, TrafficSelector selector,
                                 TrafficTreatment treatment) {
        return DefaultFlowRule.builder().forDevice(DID)
                .fromApp(new DefaultApplicationId(7, "org.onosdvr.test." + name))
                .forTable(table).withPriority(priority)
                .withSelector(selector).withTreatment(treatment).makePermanent().build();
    }

    private static TrafficSelector.Builder sel() {
        return DefaultTrafficSelector.builder();
    }

    private static TrafficTreatment.Builder treat() {
        return DefaultTrafficTreatment.builder();
    }

    /** One rule per shape the pipeline needs. */
    private static Map<String, FlowRule> shapes() {
        Map<String, FlowRule> rules = new LinkedHashMap<>();
        rules.put("classifier", rule("classifier", 0, 100,
                sel().matchInPort(PortNumber.portNumber(1)).matchEthSrc(VM).build(),
                treat().writeMetadata(100, ~0L).transition(1).build()));
        rules.put("tunnel-in", rule("tunnel-in", 0, 90,
                sel().matchInPort(PortNumber.portNumber(10)).matchTunnelId(100).build(),
                treat().writeMetadata(100, ~0L).transition(7).build()));
        rules.put("dvr-mac-restore", rule("dvr-mac-restore", 0, 95,
                sel().matchInPort(PortNumber.portNumber(10)).matchTunnelId(100).matchEthSrc(DVR).build(),
                treat().setEthSrc(GW).writeMetadata(100, ~0L).transition(4).build()));
        rules.put("arp-responder", rule("arp-responder", 1, 200,
                sel().matchMetadata(100).matchEthType((short) 0x0806).matchArpOp(1).matchArpTpa(GW_IP).build(),
                treat().extension(NiciraMove.ethSrcToDst(), DID).setEthSrc(GW)
                        .extension(NiciraLoad.fullField(NiciraNxm.ARP_OP, 2), DID)
                        .extension(NiciraMove.arpShaToTha(), DID).extension(NiciraMove.arpSpaToTpa(), DID)
                        .setArpSha(GW).setArpSpa(GW_IP).setOutput(PortNumber.IN_PORT).build()));
        rules.put("arp-fields", rule("arp-fields", 1, 150,
                sel().matchEthType((short) 0x0806).matchArpOp(2).matchArpSpa(GW_IP).matchArpSha(VM)
                        .matchArpTha(GW).build(),
                treat().setArpOp((short) 1).setArpTha(MacAddress.ZERO)
                        .setArpTpa(Ip4Address.valueOf("10.0.0.9")).setOutput(PortNumber.CONTROLLER).build()));
        rules.put("icmp-echo-reply", rule("icmp-echo-reply", 2, 300,
                sel().matchMetadata(100).matchEthType((short) 0x0800).matchIPProtocol((byte) 1)
                        .matchIPDst(IpPrefix.valueOf("10.0.0.1/32")).matchIcmpType((byte) 8).build(),
                treat().extension(NiciraMove.ethSrcToDst(), DID).setEthSrc(GW)
                        .extension(NiciraMove.ipSrcToDst(), DID).setIpSrc(GW_IP)
                        .extension(NiciraLoad.fullField(NiciraNxm.ICMP_TYPE, 0), DID)
                        .setOutput(PortNumber.IN_PORT).build()));
        rules.put("route", rule("route", 3, 24 * 10 + 5,
                sel().matchMetadata(ROUTER_TAG).matchEthType((short) 0x0800)
                        .matchIPDst(IpPrefix.valueOf("10.0.1.0/24")).build(),
                treat().setEthSrc(GW).decNwTtl().writeMetadata(101, ~0L).transition(4).build()));
        rules.put("default-route-to-snat", rule("default-route-to-snat", 3, 5,
                sel().matchMetadata(ROUTER_TAG).matchEthType((short) 0x0800)
                        .matchIPDst(IpPrefix.valueOf("0.0.0.0/0")).build(),
                treat().transition(5).build()));
        rules.put("arp-resolve", rule("arp-resolve", 4, 100,
                sel().matchMetadata(101).matchEthType((short) 0x0800)
                        .matchIPDst(IpPrefix.valueOf("10.0.1.5/32")).build(),
                treat().setEthDst(VM).transition(7).build()));
        rules.put("snat-commit", rule("snat-commit", 5, 100,
                sel().matchMetadata(ROUTER_TAG).matchEthType((short) 0x0800).build(),
                treat().extension(new NiciraCt(NiciraCt.FLAG_COMMIT, 0, 5, (short) 6, 0,
                        List.of(NiciraNat.snat(IpAddress.valueOf("203.0.113.10")))), DID).build()));
        rules.put("snat-port-range", rule("snat-port-range", 5, 90,
                sel().matchMetadata(ROUTER_TAG).matchEthType((short) 0x0800).build(),
                treat().extension(new NiciraCt(NiciraCt.FLAG_COMMIT, 0, 5, (short) 6, 0,
                        List.of(new NiciraNat(NiciraNat.FLAG_SRC, NiciraNat.RANGE_IPV4_MIN
                                | NiciraNat.RANGE_IPV4_MAX | NiciraNat.RANGE_PROTO_MIN | NiciraNat.RANGE_PROTO_MAX,
                                1024, 65535, IpAddress.valueOf("203.0.113.10"),
                                IpAddress.valueOf("203.0.113.12")))), DID).build()));
        rules.put("dnat-fip", rule("dnat-fip", 2, 250,
                sel().matchInPort(PortNumber.portNumber(20)).matchEthType((short) 0x0800)
                        .matchIPDst(IpPrefix.valueOf("203.0.113.50/32")).build(),
                treat().extension(new NiciraCt(NiciraCt.FLAG_COMMIT, 0, 6, (short) 3, 0,
                        List.of(NiciraNat.dnat(IpAddress.valueOf("10.0.0.5")))), DID).build()));
        rules.put("unsnat", rule("unsnat", 2, 200,
                sel().matchInPort(PortNumber.portNumber(20)).matchEthType((short) 0x0800)
                        .matchIPDst(IpPrefix.valueOf("203.0.113.10/32")).build(),
                treat().extension(new NiciraCt(0, 0, 5, (short) 2, 0, List.of(new NiciraNat())), DID).build()));
        rules.put("ct-state", rule("ct-state", 2, 210,
                sel().matchEthType((short) 0x0800)
                        .extension(new NiciraMatchCtState(NiciraMatchCtState.TRK | NiciraMatchCtState.EST,
                                NiciraMatchCtState.TRK | NiciraMatchCtState.EST), DID)
                        .extension(new NiciraMatchCtZone(5), DID)
                        .extension(new NiciraMatchCtMark(0x10, 0xf0), DID).build(),
                treat().extension(new NiciraCtClear(), DID).extension(new NiciraResubmitTable((short) 3), DID)
                        .build()));
        rules.put("ext-out", rule("ext-out", 6, 100,
                sel().matchEthType((short) 0x0800).matchIPDst(IpPrefix.valueOf("203.0.113.0/24")).build(),
                treat().setEthSrc(GW).setEthDst(MacAddress.valueOf("02:00:00:00:00:01"))
                        .setOutput(PortNumber.portNumber(20)).build()));
        rules.put("l2-local", rule("l2-local", 7, 100,
                sel().matchMetadata(100).matchEthDst(VM).build(),
                treat().setOutput(PortNumber.portNumber(1)).build()));
        rules.put("l2-flood", rule("l2-flood", 7, 50,
                sel().matchMetadata(100).matchEthDstMasked(MacAddress.valueOf("01:00:00:00:00:00"),
                                                           MacAddress.valueOf("01:00:00:00:00:00")).build(),
                treat().setOutput(PortNumber.portNumber(1)).setOutput(PortNumber.portNumber(2))
                        .setTunnelId(100).extension(new NiciraSetTunnelDst(Ip4Address.valueOf("198.18.0.2")), DID)
                        .setOutput(PortNumber.portNumber(10)).build()));
        rules.put("tunnel-out", rule("tunnel-out", 8, 100,
                sel().matchMetadata(100).matchEthSrc(GW).build(),
                treat().setEthSrc(DVR).setTunnelId(100)
                        .extension(new NiciraSetTunnelDst(Ip4Address.valueOf("198.18.0.2")), DID)
                        .setOutput(PortNumber.portNumber(10)).build()));
        rules.put("l4-and-vlan", rule("l4-and-vlan", 0, 80,
                sel().matchVlanId(VlanId.vlanId((short) 100)).matchEthType((short) 0x0800)
                        .matchIPSrc(IpPrefix.valueOf("10.0.0.5/32")).matchIPProtocol((byte) 17)
                        .matchUdpSrc(TpPort.tpPort(68)).matchUdpDst(TpPort.tpPort(67)).build(),
                treat().setOutput(PortNumber.CONTROLLER).build()));
        rules.put("tcp", rule("tcp", 0, 81,
                sel().matchEthType((short) 0x0800).matchIPProtocol((byte) 6).matchTcpDst(TpPort.tpPort(22)).build(),
                treat().wipeDeferred().transition(2).build()));
        rules.put("drop", rule("drop", 0, 0, sel().build(), treat().drop().build()));
        return rules;
    }

    @Test
    public void everyRuleShapeIsAcceptedReadBackAndDeleted() throws Exception {
        Map<String, FlowRule> rules = shapes();
        for (Map.Entry<String, FlowRule> e : rules.entrySet()) {
            connection.send(FlowModEncoder.toFlowMod(e.getValue(), OF13, OFFlowModCommand.ADD));
            List<String> errors = connection.barrier();
            assertTrue(e.getKey() + " rejected by OVS: " + errors + "\n" + ovs.vswitchdLogTail(), errors.isEmpty());
        }

        String dump = ovs.dumpFlows();
        for (Map.Entry<String, FlowRule> e : rules.entrySet()) {
            String cookie = "cookie=0x" + Long.toHexString(e.getValue().id().value());
            assertTrue(e.getKey() + " (" + cookie + ") missing from dump-flows:\n" + dump, dump.contains(cookie));
        }

        Map<Long, InstalledFlow> installed = new LinkedHashMap<>();
        for (OFFlowStatsEntry entry : connection.flowStats()) {
            InstalledFlow flow = FlowStatsDecoder.decode(entry, DID);
            installed.put(flow.cookie(), flow);
        }
        assertEquals(rules.size(), installed.size());
        List<String> mismatches = new ArrayList<>();
        for (Map.Entry<String, FlowRule> e : rules.entrySet()) {
            FlowRule rule = e.getValue();
            InstalledFlow flow = installed.get(rule.id().value());
            assertNotNull(e.getKey() + " not in flow stats", flow);
            assertEquals(e.getKey(), rule.tableId(), flow.tableId());
            assertEquals(e.getKey(), rule.priority(), flow.priority());
            if (!FlowModEncoder.toMatch(rule.selector(), OF13).equals(flow.match())) {
                mismatches.add(e.getKey() + ": match sent " + FlowModEncoder.toMatch(rule.selector(), OF13)
                        + " reported " + flow.match());
            }
            if (!flow.isDecoded()) {
                mismatches.add(e.getKey() + ": not decoded: " + flow.decodeError().get());
                continue;
            }
            TrafficTreatment expected = e.getKey().equals("drop")
                    ? DefaultTrafficTreatment.emptyTreatment() : rule.treatment();
            if (!expected.equals(flow.treatment().get())) {
                mismatches.add(e.getKey() + ": treatment sent " + expected + " read " + flow.treatment().get());
            }
            TrafficSelector expectedSelector = e.getKey().equals("default-route-to-snat")
                    ? sel().matchMetadata(ROUTER_TAG).matchEthType((short) 0x0800).build() : rule.selector();
            if (!expectedSelector.equals(flow.selector().get())) {
                mismatches.add(e.getKey() + ": selector sent " + expectedSelector + " read "
                        + flow.selector().get());
            }
            assertEquals(rule.id(), flow.toFlowEntry().id());
        }
        assertTrue(String.join("\n", mismatches), mismatches.isEmpty());

        for (FlowRule rule : rules.values()) {
            connection.send(FlowModEncoder.toFlowMod(rule, OF13, OFFlowModCommand.DELETE_STRICT));
        }
        assertTrue(connection.barrier().isEmpty());
        String after = ovs.dumpFlows();
        for (FlowRule rule : rules.values()) {
            assertFalse("still installed after DELETE_STRICT:\n" + after,
                        after.contains("cookie=0x" + Long.toHexString(rule.id().value())));
        }
        assertTrue(connection.flowStats().isEmpty());
    }

    @Test
    public void anUnpaddedNatIsRejectedSoPaddingMatters() throws Exception {
        var unpadded = OF13.actions().buildNiciraNat().setFlags(NiciraNat.FLAG_SRC)
                .setRangePresent(NiciraNat.RANGE_IPV4_MIN)
                .setIpv4Range(List.of(org.projectfloodlight.openflow.types.IPv4Address.of("203.0.113.10")))
                .setIpv6Range(List.of()).setPortRange(List.of()).setPad(List.of()).build();
        var ct = OF13.actions().buildNiciraCt().setFlags(1).setZoneSrc(0).setZone(5)
                .setRecircTable((short) 6).setAlg(0).setActions(List.of(unpadded)).build();
        var mod = OF13.buildFlowAdd().setXid(OF13.nextXid()).setTableId(
                        org.projectfloodlight.openflow.types.TableId.of(5)).setPriority(1)
                .setMatch(OF13.buildMatch().setExact(
                        org.projectfloodlight.openflow.protocol.match.MatchField.ETH_TYPE,
                        org.projectfloodlight.openflow.types.EthType.IPv4).build())
                .setInstructions(List.of(OF13.instructions().applyActions(List.of(ct)))).build();
        connection.send(mod);
        List<String> errors = connection.barrier();
        assertFalse("OVS accepted an unpadded NAT: the padding test would prove nothing", errors.isEmpty());
    }
}
