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
import org.onosdvr.nicira.NiciraSetTunnelDst;
import org.onosproject.net.flow.FlowRule;

import java.util.ArrayList;
import java.util.List;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.onosdvr.pipeline.walk.Rules.S1;
import static org.onosdvr.pipeline.walk.Rules.S2;
import static org.onosdvr.pipeline.walk.Rules.S3;
import static org.onosdvr.pipeline.walk.Rules.actions;
import static org.onosdvr.pipeline.walk.Rules.cp;
import static org.onosdvr.pipeline.walk.Rules.ip;
import static org.onosdvr.pipeline.walk.Rules.mac;
import static org.onosdvr.pipeline.walk.Rules.match;
import static org.onosdvr.pipeline.walk.Rules.port;
import static org.onosdvr.pipeline.walk.Rules.rule;

/**
 * Walks across devices: VXLAN-style tunnels, links, shared segments, loop protection.
 */
public class MultiSwitchWalkTest {
    private static final MacAddress VM1 = mac("fa:16:3e:00:00:01");
    private static final MacAddress VM2 = mac("fa:16:3e:00:00:02");
    private static final Ip4Address TEP1 = ip("198.18.0.1");
    private static final Ip4Address TEP2 = ip("198.18.0.2");
    private static final long TUN_PORT = 10;
    private static final long VNI = 100;

    private static Packet udp() {
        return Packet.udp(VM1, VM2, ip("10.0.0.5"), ip("10.0.0.6"), 1000, 2000);
    }

    /** vm1 on s1 port 1, vm2 on s2 port 1; s1 tunnels to the given endpoint with VNI 100. */
    private static Network overlay(Ip4Address remote) {
        List<FlowRule> rules = new ArrayList<>();
        rules.add(rule(S1, 0, 100, match().matchInPort(port(1)),
                       actions().setTunnelId(VNI).extension(new NiciraSetTunnelDst(remote), S1)
                               .setOutput(port(TUN_PORT))));
        rules.add(rule(S2, 0, 100, match().matchInPort(port(TUN_PORT)).matchTunnelId(VNI),
                       actions().transition(7)));
        rules.add(rule(S2, 7, 100, match().matchEthDst(VM2), actions().setOutput(port(1))));
        return Network.builder().rules(rules)
                .tunnel(S1, port(TUN_PORT), TEP1).tunnel(S2, port(TUN_PORT), TEP2)
                .host("vm1", cp(S1, 1), VM1).host("vm2", cp(S2, 1), VM2).build();
    }

    @Test
    public void tunnelCrossesToTheOwnerOfTunDst() {
        WalkResult r = overlay(TEP2).send("vm1", udp());
        Delivery d = r.deliveryTo("vm2").orElseThrow();
        assertEquals(S2, d.device());
        assertEquals(VNI, d.packet().tunnelId());
        assertEquals(port(TUN_PORT), d.packet().inPort());
        assertEquals(TEP2, d.packet().tunnelDst().orElseThrow());
        assertEquals(List.of(S1, S2), r.trace().devices());
        assertEquals(List.of(0, 7), r.trace().tables(S2));
        assertThat(r.drops(), is(empty()));
    }

    @Test
    public void tunnelToUnknownEndpointOrWithoutTunDstIsDropped() {
        WalkResult unknown = overlay(ip("198.18.0.99")).send("vm1", udp());
        assertThat(unknown.deliveries(), is(empty()));
        assertTrue(unknown.droppedFor(Drop.Reason.TUNNEL_UNREACHABLE));

        WalkResult self = overlay(TEP1).send("vm1", udp());
        assertTrue(self.droppedFor(Drop.Reason.TUNNEL_UNREACHABLE));

        Network noDst = Network.builder()
                .rules(List.of(rule(S1, 0, 100, match(), actions().setTunnelId(VNI).setOutput(port(TUN_PORT)))))
                .tunnel(S1, port(TUN_PORT), TEP1).host("vm1", cp(S1, 1), VM1).build();
        assertTrue(noDst.send("vm1", udp()).droppedFor(Drop.Reason.TUNNEL_UNREACHABLE));
    }

    @Test
    public void tunnelIdIsOnlyKeptAcrossTunnelsNotLinks() {
        Network net = Network.builder()
                .rules(List.of(rule(S1, 0, 100, match().matchInPort(port(1)),
                                    actions().setTunnelId(VNI).writeMetadata(7, -1L).setOutput(port(2))),
                               rule(S2, 0, 100, match().matchInPort(port(2)).matchTunnelId(0),
                                    actions().setOutput(port(1)))))
                .link(cp(S1, 2), cp(S2, 2)).host("vm1", cp(S1, 1), VM1).host("vm2", cp(S2, 1), VM2).build();
        Packet got = net.send("vm1", udp()).deliveryTo("vm2").orElseThrow().packet();
        assertEquals(0, got.tunnelId());
        assertEquals(0, got.metadata());
    }

    @Test
    public void sharedSegmentReachesEveryMemberAndHostsFilterByMac() {
        MacAddress upstream = mac("02:00:00:00:00:01");
        MacAddress other = mac("02:00:00:00:00:02");
        // s1 and s2 both on the external segment (port 3), with two hosts; s2 drops what it receives there
        Network net = Network.builder()
                .rules(List.of(rule(S1, 0, 100, match().matchInPort(port(1)), actions().setOutput(port(3))),
                               rule(S2, 0, 100, match().matchInPort(port(3)), actions())))
                .segment("ext", cp(S1, 3), cp(S2, 3))
                .hostOnSegment("upstream", "ext", upstream).hostOnSegment("client", "ext", other)
                .host("vm1", cp(S1, 1), VM1).build();
        WalkResult r = net.send("vm1", udp().with(Field.ETH_DST, upstream.toLong()));
        assertThat(r.deliveries(), hasSize(1));
        assertTrue(r.deliveryTo("upstream").isPresent());
        assertFalse(r.deliveryTo("client").isPresent());
        assertEquals(List.of(S1, S2), r.trace().devices());
        assertEquals(Drop.Reason.NO_OUTPUT, r.drops().get(0).reason());
        assertEquals(S2, r.drops().get(0).device());

        WalkResult bcast = net.send("vm1", Packet.arpRequest(VM1, ip("203.0.113.5"), ip("203.0.113.1")));
        assertThat(bcast.deliveries(), hasSize(2));
    }

    @Test
    public void forwardingLoopIsDetected() {
        // s1 -> s2 -> s3 -> s1 ring, every switch forwards everything around it
        List<FlowRule> rules = List.of(
                rule(S1, 0, 100, match(), actions().setOutput(port(2))),
                rule(S2, 0, 100, match().matchInPort(port(1)), actions().setOutput(port(2))),
                rule(S3, 0, 100, match().matchInPort(port(1)), actions().setOutput(port(2))));
        Network net = Network.builder().rules(rules)
                .link(cp(S1, 2), cp(S2, 1)).link(cp(S2, 2), cp(S3, 1)).link(cp(S3, 2), cp(S1, 3))
                .host("vm1", cp(S1, 1), VM1).build();
        WalkResult r = net.send("vm1", udp());
        assertTrue(r.droppedFor(Drop.Reason.LOOP));
        assertThat(r.deliveries(), is(empty()));
        // s1 entered from vm1 and from s3, then s2 again with identical headers: stopped there
        assertEquals(List.of(S1, S2, S3, S1, S2), r.trace().devices());
    }

    @Test
    public void hopLimitStopsChangingLoops() {
        // each pass decrements TTL so headers never repeat; the device-visit limit stops the walk
        List<FlowRule> rules = List.of(
                rule(S1, 0, 100, match().matchEthType(Rules.IPV4), actions().decNwTtl().setOutput(port(2))),
                rule(S2, 0, 100, match().matchInPort(port(1)), actions().setOutput(port(2))));
        Network net = Network.builder().rules(rules).link(cp(S1, 2), cp(S2, 1)).link(cp(S2, 2), cp(S1, 3))
                .host("vm1", cp(S1, 1), VM1).limits(10, 1000).build();
        WalkResult r = net.send("vm1", udp().with(Field.IP_TTL, 255));
        assertTrue(r.droppedFor(Drop.Reason.LOOP));
        assertEquals(10, r.trace().devices().size() - 1);
    }
}
