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

import org.onlab.packet.Ip4Address;
import org.onlab.packet.MacAddress;
import org.onlab.packet.VlanId;
import org.onosproject.net.PortNumber;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.StringJoiner;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkState;

/**
 * An immutable packet header set plus pipeline metadata (in port, tunnel id/dst, metadata, conntrack fields).
 * <p>
 * Fields whose prerequisites do not hold are absent (an IPv4 packet has no ARP fields); fields without
 * prerequisites are always present (0 when not set).
 */
public final class Packet {
    /** ARP request opcode. */
    public static final int ARP_REQUEST = 1;
    /** ARP reply opcode. */
    public static final int ARP_REPLY = 2;
    /** ICMP echo request type. */
    public static final int ICMP_ECHO_REQUEST = 8;
    /** ICMP echo reply type. */
    public static final int ICMP_ECHO_REPLY = 0;
    /** TCP SYN flag. */
    public static final int TCP_SYN = 0x002;
    /** Default TTL of the factory packets. */
    public static final int DEFAULT_TTL = 64;

    static final int VLAN_PRESENT = 0x1000;

    private final Map<Field, Long> fields;

    Packet(Map<Field, Long> fields) {
        this.fields = Collections.unmodifiableMap(new EnumMap<>(fields));
    }

    /**
     * Returns a new builder.
     *
     * @return builder
     */
    public static PacketBuilder builder() {
        return new PacketBuilder();
    }

    /**
     * Returns a builder primed with this packet's fields.
     *
     * @return builder
     */
    public PacketBuilder toBuilder() {
        return new PacketBuilder(fields);
    }

    /**
     * An ARP request (broadcast) from the given sender for the given target address.
     *
     * @param sha sender MAC
     * @param spa sender IP
     * @param tpa target IP
     * @return packet (in port 0: set by {@link Network#send} / {@link Network#inject})
     */
    public static Packet arpRequest(MacAddress sha, Ip4Address spa, Ip4Address tpa) {
        return builder().ethSrc(sha).ethDst(MacAddress.BROADCAST)
                .arp(ARP_REQUEST, sha, spa, MacAddress.ZERO, tpa).build();
    }

    /**
     * An ICMP echo request.
     *
     * @param src   source MAC
     * @param dst   destination MAC
     * @param ipSrc source IP
     * @param ipDst destination IP
     * @return packet
     */
    public static Packet icmpEcho(MacAddress src, MacAddress dst, Ip4Address ipSrc, Ip4Address ipDst) {
        return builder().ethSrc(src).ethDst(dst).ipv4(ipSrc, ipDst, Field.IpProtocols.ICMP, DEFAULT_TTL)
                .icmp(ICMP_ECHO_REQUEST, 0).build();
    }

    /**
     * A TCP SYN.
     *
     * @param src     source MAC
     * @param dst     destination MAC
     * @param ipSrc   source IP
     * @param ipDst   destination IP
     * @param srcPort source port
     * @param dstPort destination port
     * @return packet
     */
    public static Packet tcpSyn(MacAddress src, MacAddress dst, Ip4Address ipSrc, Ip4Address ipDst,
                                int srcPort, int dstPort) {
        return builder().ethSrc(src).ethDst(dst).ipv4(ipSrc, ipDst, Field.IpProtocols.TCP, DEFAULT_TTL)
                .tcp(srcPort, dstPort, TCP_SYN).build();
    }

    /**
     * A UDP datagram.
     *
     * @param src     source MAC
     * @param dst     destination MAC
     * @param ipSrc   source IP
     * @param ipDst   destination IP
     * @param srcPort source port
     * @param dstPort destination port
     * @return packet
     */
    public static Packet udp(MacAddress src, MacAddress dst, Ip4Address ipSrc, Ip4Address ipDst,
                             int srcPort, int dstPort) {
        return builder().ethSrc(src).ethDst(dst).ipv4(ipSrc, ipDst, Field.IpProtocols.UDP, DEFAULT_TTL)
                .udp(srcPort, dstPort).build();
    }

    /**
     * Returns whether the packet carries the field.
     *
     * @param field field
     * @return true if present
     */
    public boolean has(Field field) {
        return fields.containsKey(field);
    }

    /**
     * Returns the value of a present field.
     *
     * @param field field
     * @return value
     * @throws IllegalStateException if the field is absent
     */
    public long get(Field field) {
        Long v = fields.get(field);
        checkState(v != null, "packet has no %s: %s", field, this);
        return v;
    }

    /**
     * Returns a copy with one present field changed.
     *
     * @param field field, which must be present
     * @param value new value (must fit the field width)
     * @return new packet
     */
    public Packet with(Field field, long value) {
        checkState(has(field), "cannot set %s: packet has no such field: %s", field, this);
        checkArgument((value & ~field.fullMask()) == 0, "value 0x%s too wide for %s",
                      Long.toHexString(value), field);
        EnumMap<Field, Long> copy = new EnumMap<>(fields);
        copy.put(field, value);
        return new Packet(copy);
    }

    /**
     * Returns the in port.
     *
     * @return in port
     */
    public PortNumber inPort() {
        return PortNumber.portNumber(get(Field.IN_PORT));
    }

    /**
     * Returns the Ethernet source.
     *
     * @return MAC
     */
    public MacAddress ethSrc() {
        return MacAddress.valueOf(get(Field.ETH_SRC));
    }

    /**
     * Returns the Ethernet destination.
     *
     * @return MAC
     */
    public MacAddress ethDst() {
        return MacAddress.valueOf(get(Field.ETH_DST));
    }

    /**
     * Returns the Ethernet type.
     *
     * @return ether type
     */
    public int ethType() {
        return (int) get(Field.ETH_TYPE);
    }

    /**
     * Returns the VLAN id if tagged.
     *
     * @return VLAN id
     */
    public Optional<VlanId> vlan() {
        long v = get(Field.VLAN_VID);
        return (v & VLAN_PRESENT) == 0 ? Optional.empty() : Optional.of(VlanId.vlanId((short) (v & 0xfff)));
    }

    /**
     * Returns whether this is an ARP packet.
     *
     * @return true for ARP
     */
    public boolean isArp() {
        return ethType() == Field.EtherTypes.ARP;
    }

    /**
     * Returns whether this is an IPv4 packet.
     *
     * @return true for IPv4
     */
    public boolean isIpv4() {
        return ethType() == Field.EtherTypes.IPV4;
    }

    /**
     * Returns the ARP opcode.
     *
     * @return opcode
     */
    public int arpOp() {
        return (int) get(Field.ARP_OP);
    }

    /**
     * Returns the ARP sender hardware address.
     *
     * @return MAC
     */
    public MacAddress arpSha() {
        return MacAddress.valueOf(get(Field.ARP_SHA));
    }

    /**
     * Returns the ARP target hardware address.
     *
     * @return MAC
     */
    public MacAddress arpTha() {
        return MacAddress.valueOf(get(Field.ARP_THA));
    }

    /**
     * Returns the ARP sender protocol address.
     *
     * @return IP
     */
    public Ip4Address arpSpa() {
        return ip(Field.ARP_SPA);
    }

    /**
     * Returns the ARP target protocol address.
     *
     * @return IP
     */
    public Ip4Address arpTpa() {
        return ip(Field.ARP_TPA);
    }

    /**
     * Returns the IPv4 source.
     *
     * @return IP
     */
    public Ip4Address ipSrc() {
        return ip(Field.IPV4_SRC);
    }

    /**
     * Returns the IPv4 destination.
     *
     * @return IP
     */
    public Ip4Address ipDst() {
        return ip(Field.IPV4_DST);
    }

    /**
     * Returns the IP protocol.
     *
     * @return protocol
     */
    public int ipProto() {
        return (int) get(Field.IP_PROTO);
    }

    /**
     * Returns the IPv4 TTL.
     *
     * @return TTL
     */
    public int ttl() {
        return (int) get(Field.IP_TTL);
    }

    /**
     * Returns the ICMP type.
     *
     * @return type
     */
    public int icmpType() {
        return (int) get(Field.ICMP_TYPE);
    }

    /**
     * Returns the ICMP code.
     *
     * @return code
     */
    public int icmpCode() {
        return (int) get(Field.ICMP_CODE);
    }

    /**
     * Returns the TCP or UDP source port, 0 for other protocols.
     *
     * @return port
     */
    public int tpSrc() {
        return has(Field.TCP_SRC) ? (int) get(Field.TCP_SRC) : has(Field.UDP_SRC) ? (int) get(Field.UDP_SRC) : 0;
    }

    /**
     * Returns the TCP or UDP destination port, 0 for other protocols.
     *
     * @return port
     */
    public int tpDst() {
        return has(Field.TCP_DST) ? (int) get(Field.TCP_DST) : has(Field.UDP_DST) ? (int) get(Field.UDP_DST) : 0;
    }

    /**
     * Returns the tunnel id.
     *
     * @return tunnel id
     */
    public long tunnelId() {
        return get(Field.TUN_ID);
    }

    /**
     * Returns the tunnel destination if set.
     *
     * @return tunnel destination
     */
    public Optional<Ip4Address> tunnelDst() {
        return get(Field.TUN_DST) == 0 ? Optional.empty() : Optional.of(ip(Field.TUN_DST));
    }

    /**
     * Returns the metadata register.
     *
     * @return metadata
     */
    public long metadata() {
        return get(Field.METADATA);
    }

    /**
     * Returns the conntrack state bits.
     *
     * @return state
     */
    public long ctState() {
        return get(Field.CT_STATE);
    }

    /**
     * Returns the conntrack zone.
     *
     * @return zone
     */
    public int ctZone() {
        return (int) get(Field.CT_ZONE);
    }

    /**
     * Returns the conntrack mark.
     *
     * @return mark
     */
    public long ctMark() {
        return get(Field.CT_MARK);
    }

    private Ip4Address ip(Field f) {
        return Ip4Address.valueOf((int) get(f));
    }

    @Override
    public boolean equals(Object o) {
        return this == o || o instanceof Packet && fields.equals(((Packet) o).fields);
    }

    @Override
    public int hashCode() {
        return fields.hashCode();
    }

    /**
     * Formats the packet as an ovs-ofctl style flow: non-zero pipeline fields, then headers.
     *
     * @return text
     */
    @Override
    public String toString() {
        StringJoiner j = new StringJoiner(",");
        for (Map.Entry<Field, Long> e : fields.entrySet()) {
            Field f = e.getKey();
            long v = e.getValue();
            boolean optional = f.requiredEthType() == Field.EtherTypes.NONE
                    && f != Field.ETH_SRC && f != Field.ETH_DST && f != Field.ETH_TYPE;
            if (optional && v == 0) {
                continue;
            }
            j.add(f.ovsName() + "=" + (f == Field.CT_STATE ? CtState.format(v) : f.format(v)));
        }
        return j.toString();
    }
}
