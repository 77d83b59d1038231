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

import java.util.EnumMap;
import java.util.Map;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

/**
 * Builder of {@link Packet}s; {@link #build()} checks that fields agree with their prerequisites.
 */
public final class PacketBuilder {
    private final EnumMap<Field, Long> values = new EnumMap<>(Field.class);

    PacketBuilder() {
    }

    PacketBuilder(Map<Field, Long> initial) {
        values.putAll(initial);
    }

    /**
     * Sets any field.
     *
     * @param field field
     * @param value value
     * @return this
     */
    public PacketBuilder set(Field field, long value) {
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
    public PacketBuilder inPort(PortNumber port) {
        return set(Field.IN_PORT, port.toLong());
    }

    /**
     * Sets the Ethernet source.
     *
     * @param mac MAC
     * @return this
     */
    public PacketBuilder ethSrc(MacAddress mac) {
        return set(Field.ETH_SRC, mac.toLong());
    }

    /**
     * Sets the Ethernet destination.
     *
     * @param mac MAC
     * @return this
     */
    public PacketBuilder ethDst(MacAddress mac) {
        return set(Field.ETH_DST, mac.toLong());
    }

    /**
     * Sets the ether type.
     *
     * @param type ether type
     * @return this
     */
    public PacketBuilder ethType(int type) {
        return set(Field.ETH_TYPE, type);
    }

    /**
     * Tags the packet with a VLAN id.
     *
     * @param vlan VLAN id ({@link VlanId#NONE} untags)
     * @return this
     */
    public PacketBuilder vlan(VlanId vlan) {
        return set(Field.VLAN_VID, vlan.equals(VlanId.NONE) ? 0 : Packet.VLAN_PRESENT | vlan.toShort());
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
    public PacketBuilder arp(int op, MacAddress sha, Ip4Address spa, MacAddress tha, Ip4Address tpa) {
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
    public PacketBuilder ipv4(Ip4Address src, Ip4Address dst, int proto, int ttl) {
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
    public PacketBuilder icmp(int type, int code) {
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
    public PacketBuilder tcp(int src, int dst, int flags) {
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
    public PacketBuilder udp(int src, int dst) {
        set(Field.UDP_SRC, src);
        return set(Field.UDP_DST, dst);
    }

    /**
     * Sets the tunnel id.
     *
     * @param id tunnel id
     * @return this
     */
    public PacketBuilder tunnelId(long id) {
        return set(Field.TUN_ID, id);
    }

    /**
     * Sets the tunnel destination.
     *
     * @param ip IPv4 endpoint
     * @return this
     */
    public PacketBuilder tunnelDst(Ip4Address ip) {
        return set(Field.TUN_DST, ipBits(ip));
    }

    /**
     * Sets the metadata register.
     *
     * @param value metadata
     * @return this
     */
    public PacketBuilder metadata(long value) {
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
    public PacketBuilder conntrack(long state, int zone, long mark) {
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
                return (long) Packet.DEFAULT_TTL;
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
