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
import org.onlab.packet.Ip4Address;
import org.onlab.packet.MacAddress;
import org.onosdvr.nicira.NiciraCt;
import org.onosdvr.nicira.NiciraCtClear;
import org.onosdvr.nicira.NiciraMatchCtState;
import org.onosdvr.nicira.NiciraNat;
import org.onosproject.net.flow.FlowRule;
import org.onosproject.net.flow.instructions.ExtensionTreatment;

import java.util.ArrayList;
import java.util.List;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.is;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
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
 * Conntrack: SNAT on the way out, un-NAT of replies, state across walks, port ranges, invalid, ct_clear.
 */
public class ConntrackWalkTest {
    private static final MacAddress VM1 = mac("fa:16:3e:00:00:01");
    private static final MacAddress GW = mac("fa:16:3e:00:00:fe");
    private static final MacAddress ROUTER_EXT = mac("fa:16:3e:00:01:00");
    private static final MacAddress UPSTREAM = mac("02:00:00:00:00:01");
    private static final Ip4Address VM1_IP = ip("10.0.0.5");
    private static final Ip4Address EXT_IP = ip("203.0.113.10");
    private static final Ip4Address SERVER = ip("203.0.113.1");
    private static final int ZONE = 5;
    private static final long TRK_NOT_INV_MASK = CtState.TRK | CtState.INV;

    private static ExtensionTreatment ct(int flags, int table, ExtensionTreatment... nested) {
        return new NiciraCt(flags, 0L, ZONE, (short) table, 0, List.of(nested));
    }

    private static Network gateway(NiciraNat snat) {
        List<FlowRule> rules = new ArrayList<>();
        rules.add(rule(0, 100, match().matchInPort(port(1)).matchEthType(IPV4),
                       actions().extension(ct(NiciraCt.FLAG_COMMIT, 1, snat), S1)));
        rules.add(rule(1, 100, match().matchEthType(IPV4)
                               .extension(new NiciraMatchCtState(CtState.TRK, TRK_NOT_INV_MASK), S1),
                       actions().setEthSrc(ROUTER_EXT).setEthDst(UPSTREAM).setOutput(port(2))));
        rules.add(rule(0, 100, match().matchInPort(port(2)).matchEthType(IPV4),
                       actions().extension(ct(0, 2, new NiciraNat()), S1)));
        long trkEst = CtState.TRK | CtState.EST;
        rules.add(rule(2, 100, match().matchEthType(IPV4).extension(new NiciraMatchCtState(trkEst, trkEst), S1),
                       actions().setEthSrc(GW).setEthDst(VM1).setOutput(port(1))));
        rules.add(rule(2, 50, match().matchEthType(IPV4), actions()));
        return Network.builder().rules(rules).host("vm1", cp(S1, 1), VM1).host("upstream", cp(S1, 2), UPSTREAM)
                .build();
    }

    private static Packet vmSyn(Ip4Address src, int sport) {
        return Packet.tcpSyn(VM1, GW, src, SERVER, sport, 80);
    }

    private static Packet serverReply(int dport) {
        return Packet.tcpSyn(UPSTREAM, ROUTER_EXT, SERVER, EXT_IP, 80, dport);
    }

    @Test
    public void snatOutThenReplyUnNattedWithinOneNetwork() {
        Network net = gateway(NiciraNat.snat(EXT_IP));
        Packet out = net.send("vm1", vmSyn(VM1_IP, 40000)).deliveryTo("upstream").orElseThrow().packet();
        assertEquals(EXT_IP, out.ipSrc());
        assertEquals(40000, out.tpSrc());
        assertEquals(SERVER, out.ipDst());
        assertEquals(CtState.TRK | CtState.NEW | CtState.SNAT, out.ctState());
        assertEquals(ZONE, out.ctZone());
        assertEquals(1, net.conntrack().size());

        Packet back = net.send("upstream", serverReply(40000)).deliveryTo("vm1").orElseThrow().packet();
        assertEquals(SERVER, back.ipSrc());
        assertEquals(VM1_IP, back.ipDst());
        assertEquals(40000, back.tpDst());
        assertEquals(VM1, back.ethDst());
        assertEquals(CtState.TRK | CtState.EST | CtState.RPL | CtState.SNAT, back.ctState());

        Packet again = net.send("vm1", vmSyn(VM1_IP, 40000)).deliveryTo("upstream").orElseThrow().packet();
        assertEquals(CtState.TRK | CtState.EST | CtState.SNAT, again.ctState());
        assertEquals(1, net.conntrack().size());
    }

    @Test
    public void replyWithoutStateIsDropped() {
        Network net = gateway(NiciraNat.snat(EXT_IP));
        WalkResult r = net.send("upstream", serverReply(40000));
        assertThat(r.deliveries(), is(empty()));
        assertEquals(Drop.Reason.NO_OUTPUT, r.drops().get(0).reason());
        assertEquals(2, r.drops().get(0).table());
        assertEquals(CtState.TRK | CtState.NEW, r.drops().get(0).packet().ctState());
        // a fresh network has fresh conntrack: state does not leak between networks
        net.send("vm1", vmSyn(VM1_IP, 40000));
        assertThat(gateway(NiciraNat.snat(EXT_IP)).send("upstream", serverReply(40000)).deliveries(), is(empty()));
        assertTrue(net.send("upstream", serverReply(40000)).deliveryTo("vm1").isPresent());
    }

    @Test
    public void portRangeAvoidsTupleCollisionsThenInvalid() {
        NiciraNat ranged = new NiciraNat(NiciraNat.FLAG_SRC, NiciraNat.RANGE_IPV4_MIN | NiciraNat.RANGE_PROTO_MIN
                | NiciraNat.RANGE_PROTO_MAX, 40000, 40001, EXT_IP, ip("0.0.0.0"));
        Network net = gateway(ranged);
        assertEquals(40000, net.send("vm1", vmSyn(VM1_IP, 40000)).deliveryTo("upstream").orElseThrow()
                .packet().tpSrc());
        assertEquals(40001, net.send("vm1", vmSyn(ip("10.0.0.6"), 40000)).deliveryTo("upstream").orElseThrow()
                .packet().tpSrc());
        WalkResult third = net.send("vm1", vmSyn(ip("10.0.0.7"), 40000));
        assertThat(third.deliveries(), is(empty()));
        assertEquals(Drop.Reason.TABLE_MISS, third.drops().get(0).reason());
        assertEquals(CtState.TRK | CtState.INV, third.drops().get(0).packet().ctState());
        // replies reach the right inside host
        assertEquals(ip("10.0.0.6"), net.send("upstream", serverReply(40001)).deliveryTo("vm1").orElseThrow()
                .packet().ipDst());
        assertEquals(VM1_IP, net.send("upstream", serverReply(40000)).deliveryTo("vm1").orElseThrow()
                .packet().ipDst());
    }

    @Test
    public void icmpEchoThroughSnat() {
        Network net = gateway(NiciraNat.snat(EXT_IP));
        Packet out = net.send("vm1", Packet.icmpEcho(VM1, GW, VM1_IP, SERVER)).deliveryTo("upstream")
                .orElseThrow().packet();
        assertEquals(EXT_IP, out.ipSrc());
        Packet reply = Packet.icmpEcho(UPSTREAM, ROUTER_EXT, SERVER, EXT_IP).with(Field.ICMP_TYPE, 0);
        assertEquals(VM1_IP, net.send("upstream", reply).deliveryTo("vm1").orElseThrow().packet().ipDst());
    }

    @Test
    public void ctWithoutTableNatsTheContinuingPacketUntracked() {
        Network net = Network.builder()
                .rules(List.of(rule(0, 100, match().matchInPort(port(1)).matchEthType(IPV4),
                                    actions().extension(new NiciraCt(NiciraCt.FLAG_COMMIT, 0L, 9,
                                                                     NiciraCt.RECIRC_NONE, 0,
                                                                     List.of(NiciraNat.dnat(ip("10.0.0.6")))), S1)
                                            .setOutput(port(2)))))
                .host("vm1", cp(S1, 1), VM1).host("upstream", cp(S1, 2)).build();
        Packet out = net.send("vm1", vmSyn(VM1_IP, 1234)).deliveryTo("upstream").orElseThrow().packet();
        assertEquals(ip("10.0.0.6"), out.ipDst());
        assertEquals(0, out.ctState());
        assertEquals(1, net.conntrack().size());
    }

    @Test
    public void ctClearUntracks() {
        Network net = Network.builder()
                .rules(List.of(rule(0, 100, match().matchInPort(port(1)),
                                    actions().extension(new NiciraCtClear(), S1).setOutput(port(2)))))
                .host("upstream", cp(S1, 2)).build();
        Packet tracked = vmSyn(VM1_IP, 1).with(Field.CT_STATE, CtState.TRK | CtState.EST).with(Field.CT_ZONE, 5);
        Packet out = net.inject(cp(S1, 1), tracked).deliveryTo("upstream").orElseThrow().packet();
        assertEquals(0, out.ctState());
        assertEquals(0, out.ctZone());
    }
}
