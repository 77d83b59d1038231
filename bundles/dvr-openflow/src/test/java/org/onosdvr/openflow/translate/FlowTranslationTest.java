package org.onosdvr.openflow.translate;

import org.junit.Test;
import org.onlab.packet.EthType;
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
import org.onosproject.net.DeviceId;
import org.onosproject.net.PortNumber;
import org.onosproject.net.flow.DefaultFlowRule;
import org.onosproject.net.flow.DefaultTrafficSelector;
import org.onosproject.net.flow.DefaultTrafficTreatment;
import org.onosproject.net.flow.FlowEntry;
import org.onosproject.net.flow.FlowRule;
import org.onosproject.net.flow.TrafficSelector;
import org.onosproject.net.flow.TrafficTreatment;
import org.onosproject.net.flow.instructions.ExtensionTreatment;
import org.projectfloodlight.openflow.protocol.OFFlowMod;
import org.projectfloodlight.openflow.protocol.OFFlowModCommand;
import org.projectfloodlight.openflow.protocol.OFFlowModFlags;
import org.projectfloodlight.openflow.protocol.action.OFAction;
import org.projectfloodlight.openflow.protocol.action.OFActionNiciraCt;
import org.projectfloodlight.openflow.protocol.action.OFActionNiciraNat;
import org.projectfloodlight.openflow.protocol.instruction.OFInstruction;
import org.projectfloodlight.openflow.protocol.instruction.OFInstructionApplyActions;
import org.projectfloodlight.openflow.protocol.match.Match;
import org.projectfloodlight.openflow.protocol.match.MatchField;
import org.projectfloodlight.openflow.types.ArpOpcode;
import org.projectfloodlight.openflow.types.IPv4Address;
import org.projectfloodlight.openflow.types.OFPort;
import org.projectfloodlight.openflow.types.TableId;
import org.projectfloodlight.openflow.types.U32;
import org.projectfloodlight.openflow.types.U64;

import java.util.List;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;
import static org.onosdvr.openflow.translate.OfCodecs.OF13;

/**
 * ONOS -> OpenFlow -> (wire) -> flow stats -> ONOS round trips, and exact action lists of key DVR treatments.
 */
public class FlowTranslationTest {

    static final DeviceId DID = DeviceId.deviceId("of:00000000000000a1");
    static final MacAddress VM_MAC = MacAddress.valueOf("fa:16:3e:00:00:01");
    static final MacAddress GW_MAC = MacAddress.valueOf("fa:16:3e:00:00:fe");
    static final Ip4Address GW_IP = Ip4Address.valueOf("10.0.0.1");

    static FlowRule rule(TrafficSelector selector, TrafficTreatment treatment) {
        return DefaultFlowRule.builder()
                .forDevice(DID)
                .fromApp(new DefaultApplicationId(7, "org.onosdvr.test"))
                .forTable(3)
                .withPriority(1000)
                .withSelector(selector)
                .withTreatment(treatment)
                .makePermanent()
                .build();
    }

    static TrafficSelector.Builder sel() {
        return DefaultTrafficSelector.builder();
    }

    static TrafficTreatment.Builder treat() {
        return DefaultTrafficTreatment.builder();
    }

    /** Encodes, sends through the wire as a flow stats reply, decodes; asserts the rule comes back equal. */
    static InstalledFlow roundTrip(FlowRule rule) {
        OFFlowMod mod = FlowModEncoder.toFlowMod(rule, OF13, OFFlowModCommand.ADD);
        InstalledFlow flow = FlowStatsDecoder.decode(OfCodecs.reported(mod, 11, 1500), DID);
        assertTrue("decode error: " + flow.decodeError(), flow.isDecoded());
        assertEquals(rule.selector(), flow.selector().get());
        assertEquals(rule.treatment(), flow.treatment().get());
        assertEquals(mod.getMatch(), flow.match());
        FlowEntry entry = flow.toFlowEntry();
        assertEquals(rule.id(), entry.id());
        assertEquals(rule.tableId(), entry.tableId());
        assertEquals(rule.priority(), entry.priority());
        assertEquals(rule.selector(), entry.selector());
        assertEquals(rule.treatment(), entry.treatment());
        assertEquals(11, entry.packets());
        assertEquals(1500, entry.bytes());
        assertEquals(3, entry.life());
        assertTrue(entry.isPermanent());
        return flow;
    }

    static List<OFAction> applyActions(OFFlowMod mod) {
        for (OFInstruction instruction : mod.getInstructions()) {
            if (instruction instanceof OFInstructionApplyActions) {
                return ((OFInstructionApplyActions) instruction).getActions();
            }
        }
        return List.of();
    }

    // ------------------------------------------------------------------ flow mod header

    @Test
    public void flowModHeaderComesFromTheRule() {
        FlowRule rule = DefaultFlowRule.builder().forDevice(DID)
                .fromApp(new DefaultApplicationId(7, "org.onosdvr.test"))
                .forTable(5).withPriority(40000)
                .withSelector(sel().matchInPort(PortNumber.portNumber(3)).build())
                .withTreatment(treat().setOutput(PortNumber.portNumber(4)).build())
                .withHardTimeout(60).makeTemporary(30).build(); // ONOS: hard timeout first
        OFFlowMod mod = FlowModEncoder.toFlowMod(rule, OF13, OFFlowModCommand.ADD);
        assertEquals(OFFlowModCommand.ADD, mod.getCommand());
        assertEquals(U64.of(rule.id().value()), mod.getCookie());
        assertEquals(TableId.of(5), mod.getTableId());
        assertEquals(40000, mod.getPriority());
        assertEquals(30, mod.getIdleTimeout());
        assertEquals(60, mod.getHardTimeout());
        assertTrue(mod.getFlags().contains(OFFlowModFlags.SEND_FLOW_REM));

        OFFlowMod delete = FlowModEncoder.toFlowMod(rule, OF13, OFFlowModCommand.DELETE_STRICT);
        assertEquals(OFFlowModCommand.DELETE_STRICT, delete.getCommand());
        assertEquals(mod.getMatch(), delete.getMatch());
        assertEquals(40000, delete.getPriority());
        assertEquals(OFPort.ANY, delete.getOutPort());

        InstalledFlow flow = FlowStatsDecoder.decode(OfCodecs.reported(mod, 0, 0), DID);
        FlowEntry entry = flow.toFlowEntry();
        assertFalse(entry.isPermanent());
        assertEquals(30, entry.timeout());
        assertEquals(60, entry.hardTimeout());
        OFFlowMod deleteInstalled = FlowModEncoder.deleteStrict(flow, OF13);
        assertEquals(delete.getMatch(), deleteInstalled.getMatch());
        assertEquals(delete.getTableId(), deleteInstalled.getTableId());
        assertEquals(delete.getPriority(), deleteInstalled.getPriority());
    }

    @Test
    public void badPriorityOrTableOrCommandIsRejected() {
        FlowRule ok = rule(sel().build(), treat().build());
        try {
            FlowModEncoder.toFlowMod(ok, OF13, OFFlowModCommand.DELETE);
            fail("non-strict delete");
        } catch (OfTranslationException e) {
            assertThat(e.getMessage(), containsString("DELETE"));
        }
        FlowRule table255 = DefaultFlowRule.builder().forDevice(DID)
                .fromApp(new DefaultApplicationId(7, "t")).forTable(255).withPriority(1)
                .withSelector(sel().build()).withTreatment(treat().build()).makePermanent().build();
        try {
            FlowModEncoder.toFlowMod(table255, OF13, OFFlowModCommand.ADD);
            fail("table 255");
        } catch (OfTranslationException e) {
            assertThat(e.getMessage(), containsString("table 255"));
        }
    }

    // ------------------------------------------------------------------ criteria round trips

    @Test
    public void l2Criteria() {
        roundTrip(rule(sel().matchInPort(PortNumber.portNumber(7)).matchEthSrc(VM_MAC).matchEthDst(GW_MAC)
                .matchEthType(EthType.EtherType.IPV4.ethType().toShort()).build(), treat().build()));
        roundTrip(rule(sel().matchEthDstMasked(MacAddress.valueOf("01:00:00:00:00:00"),
                                               MacAddress.valueOf("01:00:00:00:00:00"))
                .matchEthSrcMasked(MacAddress.valueOf("fa:16:3e:00:00:00"), MacAddress.valueOf("ff:ff:ff:00:00:00"))
                .build(), treat().build()));
        roundTrip(rule(sel().matchVlanId(VlanId.vlanId((short) 100)).build(), treat().build()));
        roundTrip(rule(sel().matchVlanId(VlanId.NONE).build(), treat().build()));
    }

    @Test
    public void ipCriteria() {
        roundTrip(rule(sel().matchEthType((short) 0x0800).matchIPSrc(IpPrefix.valueOf("10.0.0.5/32"))
                .matchIPDst(IpPrefix.valueOf("10.0.1.0/24")).matchIPProtocol((byte) 6)
                .matchTcpSrc(TpPort.tpPort(1234)).matchTcpDst(TpPort.tpPort(80)).build(), treat().build()));
        roundTrip(rule(sel().matchEthType((short) 0x0800).matchIPProtocol((byte) 17)
                .matchUdpSrc(TpPort.tpPort(68)).matchUdpDst(TpPort.tpPort(67)).build(), treat().build()));
        roundTrip(rule(sel().matchEthType((short) 0x0800).matchIPProtocol((byte) 1)
                .matchIcmpType((byte) 8).matchIcmpCode((byte) 0).build(), treat().build()));
    }

    @Test
    public void arpCriteria() {
        roundTrip(rule(sel().matchEthType((short) 0x0806).matchArpOp(1).matchArpTpa(GW_IP)
                .matchArpSpa(Ip4Address.valueOf("10.0.0.5")).matchArpSha(VM_MAC)
                .matchArpTha(MacAddress.ZERO).build(), treat().build()));
    }

    @Test
    public void tunnelMetadataAndConntrackCriteria() {
        roundTrip(rule(sel().matchTunnelId(0x1234).matchMetadata(0x1_0000_0005L).build(), treat().build()));
        roundTrip(rule(sel().matchEthType((short) 0x0800)
                .extension(new NiciraMatchCtState(NiciraMatchCtState.TRK | NiciraMatchCtState.EST,
                                                  NiciraMatchCtState.TRK | NiciraMatchCtState.EST), DID)
                .extension(new NiciraMatchCtZone(5), DID)
                .extension(new NiciraMatchCtMark(0x10, 0xf0), DID).build(), treat().build()));
        // exact ct_state (ONOS default mask ~0) is encoded unmasked and decoded with mask ~0
        roundTrip(rule(sel().extension(new NiciraMatchCtState(NiciraMatchCtState.TRK, ~0L), DID).build(),
                       treat().build()));
    }

    @Test
    public void conntrackMatchEncoding() {
        Match match = FlowModEncoder.toMatch(sel()
                .extension(new NiciraMatchCtState(0x22, 0x23), DID)
                .extension(new NiciraMatchCtMark(7), DID).build(), OF13);
        assertTrue(match.isPartiallyMasked(MatchField.CONNTRACK_STATE));
        assertEquals(U32.of(0x22), match.getMasked(MatchField.CONNTRACK_STATE).getValue());
        assertEquals(U32.of(0x23), match.getMasked(MatchField.CONNTRACK_STATE).getMask());
        assertFalse(match.isPartiallyMasked(MatchField.CONNTRACK_MARK));
        assertEquals(U32.of(7), match.get(MatchField.CONNTRACK_MARK));
    }

    @Test
    public void slashZeroPrefixIsOmitted() {
        Match match = FlowModEncoder.toMatch(sel().matchEthType((short) 0x0800)
                .matchIPDst(IpPrefix.valueOf("0.0.0.0/0")).build(), OF13);
        assertFalse(match.isPartiallyMasked(MatchField.IPV4_DST));
        assertEquals(null, match.get(MatchField.IPV4_DST));
    }

    @Test
    public void missingPrerequisiteIsRejected() {
        try {
            FlowModEncoder.toMatch(sel().matchIPDst(IpPrefix.valueOf("10.0.0.0/24")).build(), OF13);
            fail("IPV4_DST without ETH_TYPE");
        } catch (OfTranslationException e) {
            assertThat(e.getMessage(), containsString("IPV4_DST"));
            assertThat(e.getMessage(), containsString("ETH_TYPE=0x0800"));
        }
        try {
            FlowModEncoder.toMatch(sel().matchEthType((short) 0x0800).matchTcpDst(TpPort.tpPort(80)).build(), OF13);
            fail("TCP_DST without IP_PROTO");
        } catch (OfTranslationException e) {
            assertThat(e.getMessage(), containsString("IP_PROTO=6"));
        }
    }

    @Test
    public void unsupportedCriterionIsNamed() {
        try {
            FlowModEncoder.toMatch(sel().matchEthType((short) 0x86dd)
                    .matchIPv6Src(IpPrefix.valueOf("2001:db8::/64")).build(), OF13);
            fail("IPv6");
        } catch (OfTranslationException e) {
            assertThat(e.getMessage(), containsString("IPV6_SRC"));
        }
    }

    // ------------------------------------------------------------------ treatment round trips

    @Test
    public void basicActionsAndInstructions() {
        roundTrip(rule(sel().build(), treat()
                .setEthSrc(GW_MAC).setEthDst(VM_MAC).decNwTtl().setTunnelId(100)
                .setOutput(PortNumber.portNumber(2)).setOutput(PortNumber.IN_PORT)
                .setOutput(PortNumber.CONTROLLER)
                .writeMetadata(0x1_0000_0005L, 0xffff_ffff_ffffL).transition(4).build()));
        roundTrip(rule(sel().matchEthType((short) 0x0800).build(), treat()
                .setIpSrc(IpAddress.valueOf("203.0.113.10")).setIpDst(IpAddress.valueOf("10.0.0.5"))
                .wipeDeferred().transition(7).build()));
        roundTrip(rule(sel().matchEthType((short) 0x0806).build(), treat()
                .setArpOp((short) 2).setArpSha(GW_MAC).setArpSpa(GW_IP)
                .setArpTha(VM_MAC).setArpTpa(Ip4Address.valueOf("10.0.0.5")).build()));
    }

    @Test
    public void dropIsAnEmptyInstructionList() {
        OFFlowMod mod = FlowModEncoder.toFlowMod(rule(sel().build(), treat().drop().build()),
                                                 OF13, OFFlowModCommand.ADD);
        assertTrue(mod.getInstructions().isEmpty());
        InstalledFlow flow = FlowStatsDecoder.decode(OfCodecs.reported(mod, 0, 0), DID);
        // drop() (NOACTION) comes back as the empty treatment: same wire form, not the same ONOS object
        assertEquals(DefaultTrafficTreatment.emptyTreatment(), flow.treatment().get());
        roundTrip(rule(sel().build(), treat().build()));
    }

    @Test
    public void niciraActions() {
        roundTrip(rule(sel().matchEthType((short) 0x0800).build(), treat()
                .extension(new NiciraSetTunnelDst(Ip4Address.valueOf("198.18.0.2")), DID)
                .extension(NiciraMove.ipSrcToDst(), DID)
                .extension(NiciraMove.ethSrcToDst(), DID)
                .extension(NiciraLoad.fullField(NiciraNxm.ICMP_TYPE, 0), DID)
                .extension(new NiciraCtClear(), DID)
                .extension(new NiciraResubmitTable((short) 4), DID).build()));
        // un-SNAT: ct(nat, zone=5, table=2) and plain ct(zone=5, table=2)
        roundTrip(rule(sel().matchEthType((short) 0x0800).build(), treat()
                .extension(new NiciraCt(0, 0, 5, (short) 2, 0, List.of(new NiciraNat())), DID).build()));
        roundTrip(rule(sel().matchEthType((short) 0x0800).build(), treat()
                .extension(new NiciraCt(0, 0, 5, (short) 2, 0, List.of()), DID).build()));
    }

    @Test
    public void natRangesRoundTripThroughTheWire() {
        int[] presents = {
            NiciraNat.RANGE_IPV4_MIN,
            NiciraNat.RANGE_IPV4_MIN | NiciraNat.RANGE_IPV4_MAX,
            NiciraNat.RANGE_IPV4_MIN | NiciraNat.RANGE_PROTO_MIN | NiciraNat.RANGE_PROTO_MAX,
            NiciraNat.RANGE_IPV4_MIN | NiciraNat.RANGE_IPV4_MAX | NiciraNat.RANGE_PROTO_MIN,
        };
        for (int present : presents) {
            NiciraNat nat = new NiciraNat(NiciraNat.FLAG_SRC, present,
                    (present & NiciraNat.RANGE_PROTO_MIN) != 0 ? 1024 : 0,
                    (present & NiciraNat.RANGE_PROTO_MAX) != 0 ? 2048 : 0,
                    IpAddress.valueOf("203.0.113.10"),
                    (present & NiciraNat.RANGE_IPV4_MAX) != 0 ? IpAddress.valueOf("203.0.113.20")
                            : IpAddress.valueOf(0));
            NiciraCt ct = new NiciraCt(NiciraCt.FLAG_COMMIT, 0, 9, (short) 6, 0, List.of(nat));
            OFFlowMod mod = FlowModEncoder.toFlowMod(rule(sel().matchEthType((short) 0x0800).build(),
                    treat().extension(ct, DID).build()), OF13, OFFlowModCommand.ADD);
            OFActionNiciraCt ofCt = (OFActionNiciraCt) applyActions(mod).get(0);
            assertEquals("NAT action length must be a multiple of 8 (present=" + present + ")",
                         0, OfCodecs.actionLength(ofCt.getActions().get(0)) % 8);
            roundTrip(rule(sel().matchEthType((short) 0x0800).build(), treat().extension(ct, DID).build()));
        }
    }

    // ------------------------------------------------------------------ exact action lists

    @Test
    public void arpResponderActions() {
        TrafficTreatment responder = treat()
                .extension(NiciraMove.ethSrcToDst(), DID)
                .setEthSrc(GW_MAC)
                .extension(NiciraLoad.fullField(NiciraNxm.ARP_OP, 2), DID)
                .extension(NiciraMove.arpShaToTha(), DID)
                .extension(NiciraMove.arpSpaToTpa(), DID)
                .setArpSha(GW_MAC)
                .setArpSpa(GW_IP)
                .setOutput(PortNumber.IN_PORT)
                .build();
        FlowRule rule = rule(sel().matchEthType((short) 0x0806).matchArpOp(1).matchArpTpa(GW_IP).build(),
                             responder);
        OFFlowMod mod = FlowModEncoder.toFlowMod(rule, OF13, OFFlowModCommand.ADD);
        List<OFAction> expected = List.of(
                OF13.actions().buildNiciraMove().setSrc(0x406).setDst(0x206).setNBits(48).build(),
                OF13.actions().setField(OF13.oxms().ethSrc(
                        org.projectfloodlight.openflow.types.MacAddress.of("fa:16:3e:00:00:fe"))),
                OF13.actions().buildNiciraLoad().setOfsNbits(15).setDst(0x1e02).setValue(U64.of(2)).build(),
                OF13.actions().buildNiciraMove().setSrc(0x12206).setDst(0x12406).setNBits(48).build(),
                OF13.actions().buildNiciraMove().setSrc(0x2004).setDst(0x2204).setNBits(32).build(),
                OF13.actions().setField(OF13.oxms().arpSha(
                        org.projectfloodlight.openflow.types.MacAddress.of("fa:16:3e:00:00:fe"))),
                OF13.actions().setField(OF13.oxms().arpSpa(IPv4Address.of("10.0.0.1"))),
                OF13.actions().output(OFPort.IN_PORT, 0));
        assertEquals(expected, applyActions(mod));
        assertEquals(1, mod.getInstructions().size());
        Match match = mod.getMatch();
        assertEquals(ArpOpcode.REQUEST, match.get(MatchField.ARP_OP));
        assertEquals(IPv4Address.of("10.0.0.1"), match.get(MatchField.ARP_TPA));
        roundTrip(rule);
    }

    @Test
    public void snatCommitActions() {
        ExtensionTreatment ct = new NiciraCt(NiciraCt.FLAG_COMMIT, 0, 5, (short) 6, 0,
                List.of(NiciraNat.snat(IpAddress.valueOf("203.0.113.10"))));
        FlowRule rule = rule(sel().matchEthType((short) 0x0800).matchMetadata(0x1_0000_0005L).build(),
                             treat().extension(ct, DID).build());
        OFFlowMod mod = FlowModEncoder.toFlowMod(rule, OF13, OFFlowModCommand.ADD);
        OFActionNiciraNat nat = OF13.actions().buildNiciraNat()
                .setFlags(1).setRangePresent(1)
                .setIpv4Range(List.of(IPv4Address.of("203.0.113.10")))
                .setIpv6Range(List.of()).setPortRange(List.of())
                .setPad(List.of(org.projectfloodlight.openflow.types.U8.ZERO,
                                org.projectfloodlight.openflow.types.U8.ZERO,
                                org.projectfloodlight.openflow.types.U8.ZERO,
                                org.projectfloodlight.openflow.types.U8.ZERO))
                .build();
        List<OFAction> expected = List.of(OF13.actions().buildNiciraCt()
                .setFlags(1).setZoneSrc(0).setZone(5).setRecircTable((short) 6).setAlg(0)
                .setActions(List.of(nat)).build());
        assertEquals(expected, applyActions(mod));
        assertEquals(24, OfCodecs.actionLength(nat));
        roundTrip(rule);
    }

    @Test
    public void tunnelOutputActions() {
        FlowRule rule = rule(sel().matchMetadata(100).matchEthDst(VM_MAC).build(), treat()
                .setTunnelId(100)
                .extension(new NiciraSetTunnelDst(Ip4Address.valueOf("198.18.0.2")), DID)
                .setOutput(PortNumber.portNumber(10))
                .build());
        OFFlowMod mod = FlowModEncoder.toFlowMod(rule, OF13, OFFlowModCommand.ADD);
        List<OFAction> expected = List.of(
                OF13.actions().setField(OF13.oxms().tunnelId(U64.of(100))),
                OF13.actions().setField(OF13.oxms().tunnelIpv4Dst(IPv4Address.of("198.18.0.2"))),
                OF13.actions().output(OFPort.of(10), 0));
        assertEquals(expected, applyActions(mod));
        roundTrip(rule);
    }

    // ------------------------------------------------------------------ unsupported things are named

    @Test
    public void unsupportedInstructionIsNamed() {
        try {
            FlowModEncoder.toFlowMod(rule(sel().build(), treat().pushVlan().build()),
                                     OF13, OFFlowModCommand.ADD);
            fail("vlan push");
        } catch (OfTranslationException e) {
            assertThat(e.getMessage(), containsString("VLAN_PUSH"));
        }
        try {
            FlowModEncoder.toFlowMod(rule(sel().build(), treat().deferred().setOutput(PortNumber.portNumber(1))
                    .build()), OF13, OFFlowModCommand.ADD);
            fail("deferred");
        } catch (OfTranslationException e) {
            assertThat(e.getMessage(), containsString("deferred"));
        }
        try {
            FlowModEncoder.toFlowMod(rule(sel().build(), treat().popMpls().build()), OF13, OFFlowModCommand.ADD);
            fail("mpls");
        } catch (OfTranslationException e) {
            assertThat(e.getMessage(), containsString("MPLS"));
        }
    }

    @Test
    public void groupActionRoundTrips() {
        roundTrip(rule(sel().matchInPort(PortNumber.portNumber(3)).build(), treat().setTunnelId(7)
                .group(org.onosproject.core.GroupId.valueOf(0x10005)).build()));
    }

    @Test
    public void undecodableEntriesAreReportedNotDropped() {
        OFFlowMod mod = OF13.buildFlowAdd()
                .setTableId(TableId.of(2)).setPriority(5).setCookie(U64.of(0xabc))
                .setMatch(OF13.buildMatch().setExact(MatchField.REG0, U32.of(1)).build())
                .setInstructions(List.of(OF13.instructions().applyActions(List.of(
                        OF13.actions().buildNiciraMove().setSrc(NiciraNxm.REG0).setDst(NiciraNxm.reg(1))
                                .setNBits(32).build()))))
                .build();
        InstalledFlow flow = FlowStatsDecoder.decode(OfCodecs.reported(mod, 0, 0), DID);
        assertFalse(flow.isDecoded());
        assertThat(flow.decodeError().get(), containsString("reg0"));
        assertEquals(0xabc, flow.cookie());
        assertEquals(2, flow.tableId());
        assertThat(flow.selector().isPresent(), is(false));
        assertEquals(mod.getMatch(), FlowModEncoder.deleteStrict(flow, OF13).getMatch());
        try {
            flow.toFlowEntry();
            fail("not decoded");
        } catch (IllegalStateException e) {
            assertThat(e.getMessage(), containsString("0xabc"));
        }
    }
}
