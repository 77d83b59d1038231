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
import org.onosdvr.nicira.NiciraMove;
import org.onosdvr.nicira.NiciraLoad;
import org.onosdvr.nicira.NiciraNxm;
import org.onosdvr.nicira.NiciraResubmitTable;
import org.onlab.packet.Ip4Address;
import org.onlab.packet.MacAddress;
import org.onosproject.net.DeviceId;
import org.onosproject.net.PortNumber;
import org.onosproject.net.flow.FlowRule;
import org.onosproject.net.flow.instructions.ExtensionTreatmentType.ExtensionTreatmentTypes;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.onosdvr.pipeline.walk.Rules.ARP;
import static org.onosdvr.pipeline.walk.Rules.IPV4;
import static org.onosdvr.pipeline.walk.Rules.S1;
import static org.onosdvr.pipeline.walk.Rules.actions;
import static org.onosdvr.pipeline.walk.Rules.cp;
import static org.onosdvr.pipeline.walk.Rules.ip;
import static org.onosdvr.pipeline.walk.Rules.mac;
import static org.onosdvr.pipeline.walk.Rules.match;
import static org.onosdvr.pipeline.walk.Rules.port;
import static org.onosdvr.pipeline.walk.Rules.rule;

/**
 * Behaviour of one switch: goto chains, metadata, outputs, TTL, in-switch responders, resubmit, trace.
 */
public class SingleSwitchWalkTest {
    private static final MacAddress VM1 = mac("fa:16:3e:00:00:01");
    private static final MacAddress VM2 = mac("fa:16:3e:00:00:02");
    private static final MacAddress GW = mac("fa:16:3e:00:00:fe");
    private static final Ip4Address VM1_IP = ip("10.0.0.5");
    private static final Ip4Address VM2_IP = ip("10.0.0.6");
    private static final Ip4Address GW_IP = ip("10.0.0.1");

    private static Network network(FlowRule... rules) {
        return Network.builder().rules(List.of(rules)).host("vm1", cp(S1, 1), VM1).host("vm2", cp(S1, 2), VM2)
                .build();
    }

    private static Packet vm1ToVm2Udp() {
        return Packet.udp(VM1, VM2, VM1_IP, VM2_IP, 1000, 2000);
    }

    @Test
    public void gotoChainWithMaskedWriteMetadata() {
        Network net = network(
                rule(0, 100, match().matchInPort(port(1)), actions().writeMetadata(0x05, 0xff).transition(1)),
                rule(1, 100, match().matchMetadata(0xab05), actions().setOutput(port(2))));
        WalkResult ok = net.inject(cp(S1, 1), vm1ToVm2Udp().with(Field.METADATA, 0xab00));
        Delivery d = ok.deliveryTo("vm2").orElseThrow();
        assertEquals(0xab05, d.packet().metadata());
        assertEquals(List.of(0, 1), ok.trace().tables(S1));

        WalkResult miss = net.inject(cp(S1, 1), vm1ToVm2Udp().with(Field.METADATA, 0xcd77));
        assertThat(miss.deliveries(), is(empty()));
        assertThat(miss.drops(), hasSize(1));
        assertEquals(Drop.Reason.TABLE_MISS, miss.drops().get(0).reason());
        assertEquals(1, miss.drops().get(0).table());
        assertEquals(0xcd05, miss.drops().get(0).packet().metadata());
    }

    @Test
    public void outputInPortReturnsToSenderButPlainInPortOutputIsDropped() {
        Network net = network(
                rule(0, 100, match().matchInPort(port(1)), actions().setOutput(PortNumber.IN_PORT)),
                rule(0, 100, match().matchInPort(port(2)), actions().setOutput(port(2))));
        Packet broadcast = Packet.arpRequest(VM1, VM1_IP, VM2_IP);
        assertTrue(net.send("vm1", broadcast).deliveryTo("vm1").isPresent());
        WalkResult r = net.send("vm2", broadcast);
        assertThat(r.deliveries(), is(empty()));
        assertTrue(r.droppedFor(Drop.Reason.OUTPUT_TO_IN_PORT));
    }

    @Test
    public void decTtlDecrementsAndDropsExpiredPackets() {
        Network net = network(rule(0, 100, match().matchEthType(IPV4),
                                   actions().decNwTtl().setOutput(port(2))));
        assertEquals(63, net.send("vm1", vm1ToVm2Udp()).deliveryTo("vm2").orElseThrow().packet().ttl());
        for (int ttl : new int[]{0, 1}) {
            WalkResult r = net.send("vm1", vm1ToVm2Udp().with(Field.IP_TTL, ttl));
            assertThat(r.deliveries(), is(empty()));
            assertTrue(r.droppedFor(Drop.Reason.TTL_EXPIRED));
        }
        assertEquals(1, net.send("vm1", vm1ToVm2Udp().with(Field.IP_TTL, 2)).deliveryTo("vm2").orElseThrow()
                .packet().ttl());
    }

    @Test
    public void emptyTreatmentAndMissAreDrops() {
        Network net = network(rule(0, 100, match().matchInPort(port(1)), actions()));
        WalkResult noAction = net.send("vm1", vm1ToVm2Udp());
        assertThat(noAction.deliveries(), is(empty()));
        assertEquals(Drop.Reason.NO_OUTPUT, noAction.drops().get(0).reason());
        WalkResult miss = net.send("vm2", vm1ToVm2Udp());
        assertEquals(Drop.Reason.TABLE_MISS, miss.drops().get(0).reason());
    }

    @Test
    public void puntGoesToController() {
        Network net = network(rule(0, 100, match().matchEthType(ARP), actions().punt()));
        WalkResult r = net.send("vm1", Packet.arpRequest(VM1, VM1_IP, GW_IP));
        assertThat(r.toController(), hasSize(1));
        assertEquals(PortNumber.CONTROLLER, r.toController().get(0).port());
        assertThat(r.deliveries(), is(empty()));
        assertThat(r.drops(), is(empty()));
    }

    private static FlowRule arpResponder(boolean loadOp) {
        var t = actions()
                .extension(NiciraMove.of(ExtensionTreatmentTypes.NICIRA_MOV_ETH_SRC_TO_DST.type()), S1)
                .setEthSrc(GW);
        if (loadOp) {
            t.extension(NiciraLoad.fullField(NiciraNxm.ARP_OP, Packet.ARP_REPLY), S1);
        } else {
            t.setArpOp((short) Packet.ARP_REPLY);
        }
        t.extension(NiciraMove.of(ExtensionTreatmentTypes.NICIRA_MOV_ARP_SHA_TO_THA.type()), S1)
                .extension(NiciraMove.of(ExtensionTreatmentTypes.NICIRA_MOV_ARP_SPA_TO_TPA.type()), S1)
                .setArpSha(GW).setArpSpa(GW_IP).setOutput(PortNumber.IN_PORT);
        return rule(0, 200, match().matchEthType(ARP).matchArpOp(Packet.ARP_REQUEST).matchArpTpa(GW_IP), t);
    }

    @Test
    public void arpResponderRepliesToTheRequester() {
        for (boolean loadOp : new boolean[]{true, false}) {
            Network net = network(arpResponder(loadOp));
            WalkResult r = net.send("vm1", Packet.arpRequest(VM1, VM1_IP, GW_IP));
            assertThat(r.deliveries(), hasSize(1));
            Packet reply = r.deliveryTo("vm1").orElseThrow().packet();
            assertEquals(GW, reply.ethSrc());
            assertEquals(VM1, reply.ethDst());
            assertEquals(Packet.ARP_REPLY, reply.arpOp());
            assertEquals(GW, reply.arpSha());
            assertEquals(GW_IP, reply.arpSpa());
            assertEquals(VM1, reply.arpTha());
            assertEquals(VM1_IP, reply.arpTpa());
            assertEquals(Drop.Reason.TABLE_MISS,
                         net.send("vm1", Packet.arpRequest(VM1, VM1_IP, ip("10.0.0.9"))).drops().get(0).reason());
        }
    }

    @Test
    public void icmpEchoResponderSwapsAddresses() {
        FlowRule echo = rule(0, 200, match().matchEthType(IPV4).matchIPProtocol((byte) 1)
                                     .matchIcmpType((byte) Packet.ICMP_ECHO_REQUEST).matchIPDst(GW_IP.toIpPrefix()),
                             actions().extension(NiciraMove.ethSrcToDst(), S1).setEthSrc(GW)
                                     .extension(NiciraMove.ipSrcToDst(), S1).setIpSrc(GW_IP)
                                     .extension(NiciraLoad.fullField(NiciraNxm.ICMP_TYPE, Packet.ICMP_ECHO_REPLY), S1)
                                     .setOutput(PortNumber.IN_PORT));
        Network net = network(echo);
        Packet reply = net.send("vm1", Packet.icmpEcho(VM1, GW, VM1_IP, GW_IP)).deliveryTo("vm1").orElseThrow()
                .packet();
        assertEquals(GW_IP, reply.ipSrc());
        assertEquals(VM1_IP, reply.ipDst());
        assertEquals(VM1, reply.ethDst());
        assertEquals(Packet.ICMP_ECHO_REPLY, reply.icmpType());
    }

    @Test
    public void resubmitKeepsChangesAndContinuesTheActionList() {
        MacAddress marked = mac("02:00:00:00:00:99");
        Network net = network(
                rule(0, 100, match().matchInPort(port(1)),
                     actions().extension(new NiciraResubmitTable((short) 3), S1).setOutput(port(2))),
                rule(3, 100, match(), actions().setEthSrc(marked)));
        Packet out = net.send("vm1", vm1ToVm2Udp()).deliveryTo("vm2").orElseThrow().packet();
        assertEquals(marked, out.ethSrc());
    }

    @Test
    public void resubmitLoopIsStopped() {
        Network net = network(rule(0, 100, match(), actions().extension(new NiciraResubmitTable((short) 0), S1)));
        WalkResult r = net.send("vm1", vm1ToVm2Udp());
        assertTrue(r.droppedFor(Drop.Reason.LOOP));
        assertThat(r.deliveries(), is(empty()));
    }

    @Test
    public void hostIgnoresFramesForOtherMacs() {
        Network net = network(rule(0, 100, match().matchInPort(port(1)), actions().setOutput(port(2))));
        WalkResult r = net.send("vm1", vm1ToVm2Udp().with(Field.ETH_DST, mac("fa:16:3e:00:00:77").toLong()));
        assertThat(r.deliveries(), is(empty()));
        assertTrue(r.droppedFor(Drop.Reason.NOT_FOR_HOST));
        assertTrue(net.send("vm1", Packet.arpRequest(VM1, VM1_IP, VM2_IP)).deliveryTo("vm2").isPresent());
    }

    @Test
    public void traceShowsTableNamesProvenanceAndOutcome() {
        FlowRule classify = rule(0, 100, match().matchInPort(port(1)), actions().transition(1));
        FlowRule forward = rule(1, 100, match().matchEthDst(VM2), actions().setOutput(port(2)));
        Map<FlowRule, String> why = Map.of(classify, "vm1 port", forward, "l2 to vm2");
        RuleProvenance provenance = new RuleProvenance() {
            @Override
            public Optional<String> explain(FlowRule rule) {
                return Optional.ofNullable(why.get(rule));
            }

            @Override
            public Optional<String> tableName(DeviceId device, int tableId) {
                return Optional.of(tableId == 0 ? "classifier" : "l2_lookup");
            }
        };
        Network net = Network.builder().rules(List.of(classify, forward)).host("vm1", cp(S1, 1), VM1)
                .host("vm2", cp(S1, 2), VM2).provenance(provenance).build();
        WalkResult r = net.send("vm1", vm1ToVm2Udp());
        String text = r.toString();
        assertThat(text, containsString(" 0. [classifier] priority=100,in_port=1  # vm1 port"));
        assertThat(text, containsString(" 1. [l2_lookup] priority=100,dl_dst=fa:16:3e:00:00:02  # l2 to vm2"));
        assertThat(text, containsString("output:2 -> delivered to vm2"));
        assertEquals(List.of(classify, forward), r.trace().matchedRules());
    }
}
