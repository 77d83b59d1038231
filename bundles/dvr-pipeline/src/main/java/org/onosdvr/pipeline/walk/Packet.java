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
import org.onlab.packet.IpAddress;
import org.onlab.packet.MacAddress;
import org.onlab.packet.VlanId;
import org.onosproject.net.PortNumber;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.StringJoiner;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;
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

    private static final int VLAN_PRESENT = 0x1000;

    private final Map<Field, Long> fields;

    private Packet(Map<Field, Long> fields) {
        this.fields = Collections.unmodifiableMap(new EnumMap<>(fields));
    }

    /**
     * Returns a new builder.
     *
     * @return builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Returns a builder primed with this packet's fields.
     *
     * @return builder
     */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.values.putAll(fields);
        return b;
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

    /**
     * Builder of packets; {@link #build()} checks that fields agree with their prerequisites.
     */
    public static final class Builder {
        private final EnumMap<Field, Long> values = new EnumMap<>(Field.class);

        private Builder() {
        }

        /**
         * Sets any field.
         *
         * @param field field
         * @param value value
         * @return this
         */
        public Builder set(Field field, long value) {
            checkArgument((value & ~field.fullMask()) == 0, "value 0x%s too wide for %s",
                          Long.toHexString(value), field);
            values.put(field, value);
            return this;
        }

        /**
         * Sets the in port.
         *
         * @param port port
         * @return this
         */
        public Builder inPort(PortNumber port) {
            return set(Field.IN_PORT, port.toLong());
        }

        /**
         * Sets the Ethernet source.
         *
         * @param mac MAC
         * @return this
         */
        public Builder ethSrc(MacAddress mac) {
            return set(Field.ETH_SRC, mac.toLong());
        }

        /**
         * Sets the Ethernet destination.
         *
         * @param mac MAC
         * @return this
         */
        public Builder ethDst(MacAddress mac) {
            return set(Field.ETH_DST, mac.toLong());
        }

        /**
         * Sets the ether type.
         *
         * @param type ether type
         * @return this
         */
        public Builder ethType(int type) {
            return set(Field.ETH_TYPE, type);
        }

        /**
         * Tags the packet with a VLAN id.
         *
         * @param vlan VLAN id ({@link VlanId#NONE} untags)
         * @return this
         */
        public Builder vlan(VlanId vlan) {
            return set(Field.VLAN_VID, vlan.equals(VlanId.NONE) ? 0 : VLAN_PRESENT | vlan.toShort());
        }

        /**
         * Makes this an ARP packet.
         *
         * @param op  opcode
         * @param sha sender MAC
         * @param spa sender IP
         * @param tha target MAC
         * @param tpa target IP
         * @return this
         */
        public Builder arp(int op, MacAddress sha, Ip4Address spa, MacAddress tha, Ip4Address tpa) {
            ethType(Field.EtherTypes.ARP);
            set(Field.ARP_OP, op);
            set(Field.ARP_SHA, sha.toLong());
            set(Field.ARP_SPA, ipBits(spa));
            set(Field.ARP_THA, tha.toLong());
            return set(Field.ARP_TPA, ipBits(tpa));
        }

        /**
         * Makes this an IPv4 packet.
         *
         * @param src   source
         * @param dst   destination
         * @param proto IP protocol
         * @param ttl   time to live
         * @return this
         */
        public Builder ipv4(Ip4Address src, Ip4Address dst, int proto, int ttl) {
            ethType(Field.EtherTypes.IPV4);
            set(Field.IPV4_SRC, ipBits(src));
            set(Field.IPV4_DST, ipBits(dst));
            set(Field.IP_PROTO, proto);
            return set(Field.IP_TTL, ttl);
        }

        /**
         * Sets ICMP type and code (the IP protocol must be ICMP).
         *
         * @param type type
         * @param code code
         * @return this
         */
        public Builder icmp(int type, int code) {
            set(Field.ICMP_TYPE, type);
            return set(Field.ICMP_CODE, code);
        }

        /**
         * Sets TCP ports and flags (the IP protocol must be TCP).
         *
         * @param src   source port
         * @param dst   destination port
         * @param flags TCP flags
         * @return this
         */
        public Builder tcp(int src, int dst, int flags) {
            set(Field.TCP_SRC, src);
            set(Field.TCP_DST, dst);
            return set(Field.TCP_FLAGS, flags);
        }

        /**
         * Sets UDP ports (the IP protocol must be UDP).
         *
         * @param src source port
         * @param dst destination port
         * @return this
         */
        public Builder udp(int src, int dst) {
            set(Field.UDP_SRC, src);
            return set(Field.UDP_DST, dst);
        }

        /**
         * Sets the tunnel id.
         *
         * @param id tunnel id
         * @return this
         */
        public Builder tunnelId(long id) {
            return set(Field.TUN_ID, id);
        }

        /**
         * Sets the tunnel destination.
         *
         * @param ip IPv4 endpoint
         * @return this
         */
        public Builder tunnelDst(Ip4Address ip) {
            return set(Field.TUN_DST, ipBits(ip));
        }

        /**
         * Sets the metadata register.
         *
         * @param value metadata
         * @return this
         */
        public Builder metadata(long value) {
            return set(Field.METADATA, value);
        }

        /**
         * Sets the conntrack fields.
         *
         * @param state state bits
         * @param zone  zone
         * @param mark  mark
         * @return this
         */
        public Builder conntrack(long state, int zone, long mark) {
            set(Field.CT_STATE, state);
            set(Field.CT_ZONE, zone);
            return set(Field.CT_MARK, mark);
        }

        /**
         * Builds the packet, checking every field against its prerequisites and filling defaults
         * (0 for pipeline fields, TTL 64, ICMP code 0, TCP flags 0).
         *
         * @return packet
         * @throws IllegalArgumentException if a field lacks its prerequisite or a required field is missing
         */
        public Packet build() {
            EnumMap<Field, Long> out = new EnumMap<>(values);
            long ethType = out.getOrDefault(Field.ETH_TYPE, 0L);
            Long proto = out.get(Field.IP_PROTO);
            for (Field f : Field.values()) {
                boolean applies = applies(f, ethType, proto);
                if (!applies) {
                    checkArgument(!out.containsKey(f), "%s set but its prerequisites do not hold", f);
                    continue;
                }
                if (!out.containsKey(f)) {
                    Long dflt = defaultValue(f);
                    checkArgument(dflt != null, "packet of type 0x%s needs %s", Long.toHexString(ethType), f);
                    out.put(f, dflt);
                }
            }
            return new Packet(out);
        }

        private static boolean applies(Field f, long ethType, Long proto) {
            if (f.requiredEthType() != Field.EtherTypes.NONE && f.requiredEthType() != ethType) {
                return false;
            }
            return f.requiredIpProto() == Field.IpProtocols.NONE
                    || proto != null && proto == f.requiredIpProto();
        }

        private static Long defaultValue(Field f) {
            switch (f) {
                case IP_TTL:
                    return (long) DEFAULT_TTL;
                case ICMP_CODE:
                case TCP_FLAGS:
                    return 0L;
                default:
                    return f.requiredEthType() == Field.EtherTypes.NONE ? 0L : null;
            }
        }

        private static long ipBits(IpAddress ip) {
            checkNotNull(ip, "IP address");
            checkArgument(ip.isIp4(), "IPv4 only: %s", ip);
            return ip.getIp4Address().toInt() & 0xffffffffL;
        }
    }
}
