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
import org.onlab.packet.MacAddress;
import org.onlab.packet.VlanId;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;
import static org.onosdvr.pipeline.walk.Rules.ip;
import static org.onosdvr.pipeline.walk.Rules.mac;

/**
 * Packet construction and prerequisite consistency.
 */
public class PacketTest {
    private static final MacAddress A = mac("fa:16:3e:00:00:0a");
    private static final MacAddress B = mac("fa:16:3e:00:00:0b");

    @Test
    public void arpRequestHasArpFieldsOnly() {
        Packet p = Packet.arpRequest(A, ip("10.0.0.5"), ip("10.0.0.1"));
        assertTrue(p.isArp());
        assertEquals(MacAddress.BROADCAST, p.ethDst());
        assertEquals(Packet.ARP_REQUEST, p.arpOp());
        assertEquals(A, p.arpSha());
        assertEquals(ip("10.0.0.1"), p.arpTpa());
        assertFalse(p.has(Field.IPV4_DST));
        assertFalse(p.has(Field.TCP_SRC));
    }

    @Test
    public void transportFactoriesSetProtocolFields() {
        Packet syn = Packet.tcpSyn(A, B, ip("10.0.0.5"), ip("10.0.0.6"), 40000, 22);
        assertEquals(6, syn.ipProto());
        assertEquals(Packet.TCP_SYN, syn.get(Field.TCP_FLAGS));
        assertEquals(22, syn.tpDst());
        assertFalse(syn.has(Field.UDP_DST));
        Packet echo = Packet.icmpEcho(A, B, ip("10.0.0.5"), ip("10.0.0.6"));
        assertEquals(Packet.ICMP_ECHO_REQUEST, echo.icmpType());
        assertEquals(0, echo.tpSrc());
        assertEquals(Packet.DEFAULT_TTL, echo.ttl());
        Packet udp = Packet.udp(A, B, ip("10.0.0.5"), ip("10.0.0.6"), 1, 53);
        assertEquals(53, udp.tpDst());
        assertEquals(0, udp.tunnelId());
        assertFalse(udp.tunnelDst().isPresent());
        assertFalse(udp.vlan().isPresent());
    }

    @Test
    public void fieldsWithoutTheirPrerequisiteAreRefused() {
        try {
            Packet.builder().ethSrc(A).ethDst(B).ipv4(ip("10.0.0.5"), ip("10.0.0.6"), 17, 64).udp(1, 2)
                    .set(Field.ARP_OP, 1).build();
            fail("ARP field accepted on IPv4");
        } catch (IllegalArgumentException e) {
            assertThat(e.getMessage(), containsString("ARP_OP"));
        }
        try {
            Packet.builder().ipv4(ip("10.0.0.5"), ip("10.0.0.6"), 6, 64).build();
            fail("TCP packet without ports accepted");
        } catch (IllegalArgumentException e) {
            assertThat(e.getMessage(), containsString("TCP_SRC"));
        }
        try {
            Packet.arpRequest(A, ip("10.0.0.5"), ip("10.0.0.1")).with(Field.IPV4_DST, 1);
            fail("set an absent field");
        } catch (IllegalStateException e) {
            assertThat(e.getMessage(), containsString("no such field"));
        }
    }

    @Test
    public void withIsCopyOnWriteAndValuesAreRangeChecked() {
        Packet p = Packet.udp(A, B, ip("10.0.0.5"), ip("10.0.0.6"), 1, 53);
        Packet q = p.with(Field.METADATA, 0xabcdL);
        assertEquals(0, p.metadata());
        assertEquals(0xabcdL, q.metadata());
        try {
            p.with(Field.IP_TTL, 256);
            fail("9-bit TTL accepted");
        } catch (IllegalArgumentException e) {
            assertThat(e.getMessage(), containsString("too wide"));
        }
        Packet tagged = p.toBuilder().vlan(VlanId.vlanId((short) 42)).build();
        assertEquals(VlanId.vlanId((short) 42), tagged.vlan().get());
        assertThat(tagged.toString(), containsString("dl_dst=fa:16:3e:00:00:0b"));
        assertThat(tagged.toString(), containsString("nw_dst=10.0.0.6"));
    }
}
