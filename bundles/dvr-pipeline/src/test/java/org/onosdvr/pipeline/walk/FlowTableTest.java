/*
 * Copyright 2024-present Open Networking Foundation
 *
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at
 *
 *     http://www.apache.org/licenses/LICENSE-2.0
 *
 * Unless required by applicable law or agreed to in writing, software
 * distributed under the License is distributed on an "AS IS" BASIS,
 * WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
 * See the License for the specific language governing permissions and
 * limitations under the License.
 */
package org.onosdvr.pipeline.walk;

import org.junit.Test;
import org.onosdvr.nicira.NiciraMatchCtState;
import org.onosdvr.nicira.NiciraLoad;
import org.onosdvr.nicira.NiciraNxm;
import org.onlab.packet.IpPrefix;
import org.onlab.packet.MacAddress;
import org.onlab.packet.TpPort;
import org.onlab.packet.VlanId;
import org.onosproject.net.flow.FlowRule;

import java.util.List;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;
import static org.onosdvr.pipeline.walk.Rules.ARP;
import static org.onosdvr.pipeline.walk.Rules.IPV4;
import static org.onosdvr.pipeline.walk.Rules.S1;
import static org.onosdvr.pipeline.walk.Rules.actions;
import static org.onosdvr.pipeline.walk.Rules.ip;
import static org.onosdvr.pipeline.walk.Rules.mac;
import static org.onosdvr.pipeline.walk.Rules.match;
import static org.onosdvr.pipeline.walk.Rules.port;
import static org.onosdvr.pipeline.walk.Rules.rule;

/**
 * Matching, priority order and the strict errors of device tables.
 */
public class FlowTableTest {
    private static final MacAddress A = mac("fa:16:3e:00:00:0a");
    private static final MacAddress B = mac("fa:16:3e:00:00:0b");

    private static Packet udpTo(String dst) {
        return Packet.udp(A, B, ip("10.0.0.5"), ip(dst), 1000, 53).with(Field.IN_PORT, 1);
    }

    private static FlowRule hit(DeviceTables t, Packet p) {
        return t.table(0).flatMap(x -> x.ruleFor(p)).orElse(null);
    }

    private static void assertRefused(String expected, FlowRule... rules) {
        try {
            DeviceTables.of(S1, List.of(rules));
            fail("expected refusal containing: " + expected);
        } catch (WalkException e) {
            assertThat(e.getMessage(), containsString(expected));
        }
    }

    @Test
    public void highestPriorityWins() {
        FlowRule wide = rule(0, 100, match().matchEthType(IPV4).matchIPDst(IpPrefix.valueOf("10.0.0.0/8")),
                             actions().setOutput(port(1)));
        FlowRule narrow = rule(0, 200, match().matchEthType(IPV4).matchIPDst(IpPrefix.valueOf("10.1.0.0/16")),
                               actions().setOutput(port(2)));
        DeviceTables t = DeviceTables.of(S1, List.of(wide, narrow));
        assertEquals(narrow, hit(t, udpTo("10.1.2.3")));
        assertEquals(wide, hit(t, udpTo("10.2.2.3")));
        assertEquals(null, hit(t, udpTo("11.0.0.1")));
    }

    @Test
    public void prefixBoundaries() {
        FlowRule r = rule(0, 100, match().matchEthType(IPV4).matchIPDst(IpPrefix.valueOf("192.168.4.0/22")),
                          actions().setOutput(port(1)));
        DeviceTables t = DeviceTables.of(S1, List.of(r));
        assertEquals(r, hit(t, udpTo("192.168.4.0")));
        assertEquals(r, hit(t, udpTo("192.168.7.255")));
        assertEquals(null, hit(t, udpTo("192.168.8.0")));
        assertEquals(null, hit(t, udpTo("192.168.3.255")));
    }

    @Test
    public void maskedEthernetDestination() {
        MacAddress multicastBit = mac("01:00:00:00:00:00");
        FlowRule bum = rule(0, 100, match().matchEthDstMasked(multicastBit, multicastBit),
                            actions().setOutput(port(9)));
        DeviceTables t = DeviceTables.of(S1, List.of(bum));
        assertEquals(bum, hit(t, Packet.arpRequest(A, ip("10.0.0.5"), ip("10.0.0.1"))));
        assertEquals(bum, hit(t, Packet.udp(A, mac("01:00:5e:00:00:fb"), ip("10.0.0.5"), ip("224.0.0.251"),
                                            5353, 5353)));
        assertEquals(null, hit(t, udpTo("10.0.0.6")));
    }

    @Test
    public void ipv4FieldNeverMatchesArp() {
        FlowRule ipRule = rule(0, 100, match().matchEthType(IPV4).matchIPDst(IpPrefix.valueOf("0.0.0.0/0")),
                               actions().setOutput(port(1)));
        FlowRule arpRule = rule(0, 100, match().matchEthType(ARP).matchArpTpa(ip("10.0.0.1")),
                                actions().setOutput(port(2)));
        DeviceTables t = DeviceTables.of(S1, List.of(ipRule, arpRule));
        assertEquals(arpRule, hit(t, Packet.arpRequest(A, ip("10.0.0.5"), ip("10.0.0.1"))));
        assertEquals(null, hit(t, Packet.arpRequest(A, ip("10.0.0.5"), ip("10.0.0.2"))));
        assertEquals(ipRule, hit(t, udpTo("10.0.0.1")));
    }

    @Test
    public void transportAndIcmpFields() {
        FlowRule ssh = rule(0, 300, match().matchEthType(IPV4).matchIPProtocol((byte) 6)
                .matchTcpDstMasked(TpPort.tpPort(0x16), TpPort.tpPort(0xffff)), actions().setOutput(port(1)));
        FlowRule echo = rule(0, 300, match().matchEthType(IPV4).matchIPProtocol((byte) 1).matchIcmpType((byte) 8),
                             actions().setOutput(port(2)));
        FlowRule dns = rule(0, 300, match().matchEthType(IPV4).matchIPProtocol((byte) 17)
                .matchUdpDst(TpPort.tpPort(53)), actions().setOutput(port(3)));
        DeviceTables t = DeviceTables.of(S1, List.of(ssh, echo, dns));
        assertEquals(ssh, hit(t, Packet.tcpSyn(A, B, ip("10.0.0.5"), ip("10.0.0.6"), 40000, 22)));
        assertEquals(null, hit(t, Packet.tcpSyn(A, B, ip("10.0.0.5"), ip("10.0.0.6"), 40000, 23)));
        assertEquals(echo, hit(t, Packet.icmpEcho(A, B, ip("10.0.0.5"), ip("10.0.0.6"))));
        assertEquals(dns, hit(t, udpTo("10.0.0.6")));
    }

    @Test
    public void vlanPresenceAndId() {
        FlowRule untagged = rule(0, 100, match().matchVlanId(VlanId.NONE), actions().setOutput(port(1)));
        FlowRule vlan7 = rule(0, 100, match().matchVlanId(VlanId.vlanId((short) 7)), actions().setOutput(port(2)));
        DeviceTables t = DeviceTables.of(S1, List.of(untagged, vlan7));
        Packet p = udpTo("10.0.0.6");
        assertEquals(untagged, hit(t, p));
        assertEquals(vlan7, hit(t, p.toBuilder().vlan(VlanId.vlanId((short) 7)).build()));
        assertEquals(null, hit(t, p.toBuilder().vlan(VlanId.vlanId((short) 8)).build()));
    }

    @Test
    public void conntrackStateMaskedMatch() {
        long trkEst = CtState.TRK | CtState.EST;
        FlowRule est = rule(0, 100, match().matchEthType(IPV4)
                .extension(new NiciraMatchCtState(trkEst, trkEst), S1), actions().setOutput(port(1)));
        DeviceTables t = DeviceTables.of(S1, List.of(est));
        Packet p = udpTo("10.0.0.6");
        assertEquals(null, hit(t, p));
        assertEquals(est, hit(t, p.with(Field.CT_STATE, trkEst | CtState.RPL)));
        assertEquals(null, hit(t, p.with(Field.CT_STATE, CtState.TRK | CtState.NEW)));
    }

    @Test
    public void equalPriorityOverlapIsAnError() {
        assertRefused("overlapping rules of priority 100",
                      rule(0, 100, match().matchInPort(port(1)), actions().setOutput(port(2))),
                      rule(0, 100, match().matchEthType(IPV4), actions().setOutput(port(3))));
    }

    @Test
    public void equalPriorityDisjointIsFine() {
        DeviceTables t = DeviceTables.of(S1, List.of(
                rule(0, 100, match().matchInPort(port(1)), actions().setOutput(port(2))),
                rule(0, 100, match().matchInPort(port(2)), actions().setOutput(port(1)))));
        assertThat(t.rules(), hasSize(2));
    }

    @Test
    public void identicalMatchAndPriorityReplaces() {
        FlowRule first = rule(0, 100, match().matchInPort(port(1)), actions().setOutput(port(2)));
        FlowRule second = rule(0, 100, match().matchInPort(port(1)), actions().setOutput(port(3)));
        DeviceTables t = DeviceTables.of(S1, List.of(first, second));
        assertThat(t.rules(), hasSize(1));
        assertEquals(second.treatment(), t.rules().get(0).treatment());
    }

    @Test
    public void deleteStrictRemovesOnlyTheIdenticalRule() {
        FlowRule a = rule(0, 100, match().matchInPort(port(1)), actions().setOutput(port(2)));
        FlowRule b = rule(0, 200, match().matchInPort(port(1)), actions().setOutput(port(3)));
        DeviceTables t = DeviceTables.of(S1, List.of(a, b));
        assertFalse(t.remove(rule(0, 300, match().matchInPort(port(1)), actions())));
        assertTrue(t.remove(b));
        assertEquals(List.of(a), t.rules());
        assertTrue(t.remove(a));
        assertThat(t.tableIds(), is(empty()));
    }

    @Test
    public void backwardOrSelfGotoIsAnError() {
        assertRefused("does not go forward", rule(2, 100, match(), actions().transition(1)));
        assertRefused("does not go forward", rule(2, 100, match(), actions().transition(2)));
    }

    @Test
    public void gotoEmptyTableIsReported() {
        DeviceTables t = DeviceTables.of(S1, List.of(rule(0, 100, match(), actions().transition(5))));
        assertThat(t.warnings(), hasSize(1));
        assertThat(t.warnings().get(0), containsString("goto_table:5 has no rules"));
    }

    @Test
    public void missingPrerequisiteIsAnError() {
        assertRefused("lacks its prerequisite dl_type=0x800",
                      rule(0, 100, match().matchIPDst(IpPrefix.valueOf("10.0.0.0/8")), actions()));
        assertRefused("lacks its prerequisite dl_type=0x800,nw_proto=6",
                      rule(0, 100, match().matchEthType(IPV4).matchTcpDst(TpPort.tpPort(22)), actions()));
        assertRefused("lacks its prerequisite dl_type=0x806",
                      rule(0, 100, match().matchArpTpa(ip("10.0.0.1")), actions()));
    }

    @Test
    public void actionPrerequisiteIsAnError() {
        assertRefused("needs dl_type=0x800 in the match",
                      rule(0, 100, match().matchInPort(port(1)), actions().setIpDst(ip("10.0.0.9"))));
        assertRefused("needs dl_type=0x800 in the match",
                      rule(0, 100, match().matchInPort(port(1)), actions().decNwTtl()));
        assertRefused("needs dl_type=0x806 in the match",
                      rule(0, 100, match().matchEthType(IPV4), actions().setArpOp((short) 2)));
    }

    @Test
    public void unsupportedThingsAreErrors() {
        assertRefused("unsupported criterion",
                      rule(0, 100, match().matchVlanPcp((byte) 3), actions().setOutput(port(1))));
        assertRefused("write/clear actions are not supported",
                      rule(0, 100, match(), actions().deferred().setOutput(port(1))));
        assertRefused("write/clear actions are not supported", rule(0, 100, match(), actions().wipeDeferred()));
        assertRefused("unsupported output port", rule(0, 100, match(), actions().setOutput(
                org.onosproject.net.PortNumber.FLOOD)));
        assertRefused("load into unmodelled field", rule(0, 100, match(), actions().extension(
                NiciraLoad.fullField(NiciraNxm.REG0, 1), S1)));
    }

    @Test
    public void ruleForAnotherDeviceIsAnError() {
        try {
            new DeviceTables(Rules.S2).add(rule(0, 1, match(), actions()));
            fail("accepted a rule of another device");
        } catch (WalkException e) {
            assertThat(e.getMessage(), containsString("added to"));
        }
    }
}
