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

import java.util.Locale;

/**
 * Header and pipeline fields the interpreter models, with their width and OpenFlow prerequisites.
 * <p>
 * A field with a prerequisite exists in a packet only when the prerequisite holds (an ARP field never exists
 * in an IPv4 packet). A match on such a field must state its prerequisites explicitly, as OpenFlow 1.3
 * requires (a switch rejects the rule otherwise with {@code OFPBMC_BAD_PREREQ}).
 */
public enum Field {
    /** Ingress port (OpenFlow port number). */
    IN_PORT("in_port", 32, Format.DECIMAL, EtherTypes.NONE, IpProtocols.NONE),
    /** Ethernet source. */
    ETH_SRC("dl_src", 48, Format.MAC, EtherTypes.NONE, IpProtocols.NONE),
    /** Ethernet destination. */
    ETH_DST("dl_dst", 48, Format.MAC, EtherTypes.NONE, IpProtocols.NONE),
    /** Ethernet type. */
    ETH_TYPE("dl_type", 16, Format.HEX, EtherTypes.NONE, IpProtocols.NONE),
    /** VLAN id as OpenFlow encodes it: 0 = untagged, 0x1000 | vid = tagged. */
    VLAN_VID("vlan_vid", 13, Format.HEX, EtherTypes.NONE, IpProtocols.NONE),
    /** ARP opcode. */
    ARP_OP("arp_op", 16, Format.DECIMAL, EtherTypes.ARP, IpProtocols.NONE),
    /** ARP sender protocol address. */
    ARP_SPA("arp_spa", 32, Format.IPV4, EtherTypes.ARP, IpProtocols.NONE),
    /** ARP target protocol address. */
    ARP_TPA("arp_tpa", 32, Format.IPV4, EtherTypes.ARP, IpProtocols.NONE),
    /** ARP sender hardware address. */
    ARP_SHA("arp_sha", 48, Format.MAC, EtherTypes.ARP, IpProtocols.NONE),
    /** ARP target hardware address. */
    ARP_THA("arp_tha", 48, Format.MAC, EtherTypes.ARP, IpProtocols.NONE),
    /** IPv4 source. */
    IPV4_SRC("nw_src", 32, Format.IPV4, EtherTypes.IPV4, IpProtocols.NONE),
    /** IPv4 destination. */
    IPV4_DST("nw_dst", 32, Format.IPV4, EtherTypes.IPV4, IpProtocols.NONE),
    /** IP protocol. */
    IP_PROTO("nw_proto", 8, Format.DECIMAL, EtherTypes.IPV4, IpProtocols.NONE),
    /** IPv4 time to live. */
    IP_TTL("nw_ttl", 8, Format.DECIMAL, EtherTypes.IPV4, IpProtocols.NONE),
    /** ICMPv4 type. */
    ICMP_TYPE("icmp_type", 8, Format.DECIMAL, EtherTypes.IPV4, IpProtocols.ICMP),
    /** ICMPv4 code. */
    ICMP_CODE("icmp_code", 8, Format.DECIMAL, EtherTypes.IPV4, IpProtocols.ICMP),
    /** TCP source port. */
    TCP_SRC("tcp_src", 16, Format.DECIMAL, EtherTypes.IPV4, IpProtocols.TCP),
    /** TCP destination port. */
    TCP_DST("tcp_dst", 16, Format.DECIMAL, EtherTypes.IPV4, IpProtocols.TCP),
    /** TCP flags (SYN = 0x002). */
    TCP_FLAGS("tcp_flags", 12, Format.HEX, EtherTypes.IPV4, IpProtocols.TCP),
    /** UDP source port. */
    UDP_SRC("udp_src", 16, Format.DECIMAL, EtherTypes.IPV4, IpProtocols.UDP),
    /** UDP destination port. */
    UDP_DST("udp_dst", 16, Format.DECIMAL, EtherTypes.IPV4, IpProtocols.UDP),
    /** Tunnel id (VNI). */
    TUN_ID("tun_id", 64, Format.HEX, EtherTypes.NONE, IpProtocols.NONE),
    /** Tunnel destination (IPv4); 0 = none. */
    TUN_DST("tun_dst", 32, Format.IPV4, EtherTypes.NONE, IpProtocols.NONE),
    /** OpenFlow metadata register. */
    METADATA("metadata", 64, Format.HEX, EtherTypes.NONE, IpProtocols.NONE),
    /** Conntrack state bits (see {@link CtState}). */
    CT_STATE("ct_state", 32, Format.HEX, EtherTypes.NONE, IpProtocols.NONE),
    /** Conntrack zone. */
    CT_ZONE("ct_zone", 16, Format.DECIMAL, EtherTypes.NONE, IpProtocols.NONE),
    /** Conntrack mark. */
    CT_MARK("ct_mark", 32, Format.HEX, EtherTypes.NONE, IpProtocols.NONE);

    /** How a value of the field prints. */
    enum Format { DECIMAL, HEX, MAC, IPV4 }

    /** Ether types used as prerequisites. */
    public static final class EtherTypes {
        /** No prerequisite. */
        public static final int NONE = -1;
        /** ARP. */
        public static final int ARP = 0x0806;
        /** IPv4. */
        public static final int IPV4 = 0x0800;

        private EtherTypes() {
        }
    }

    /** IP protocol numbers used as prerequisites. */
    public static final class IpProtocols {
        /** No prerequisite. */
        public static final int NONE = -1;
        /** ICMP. */
        public static final int ICMP = 1;
        /** TCP. */
        public static final int TCP = 6;
        /** UDP. */
        public static final int UDP = 17;

        private IpProtocols() {
        }
    }

    private final String ovsName;
    private final int width;
    private final Format format;
    private final int ethType;
    private final int ipProto;

    Field(String ovsName, int width, Format format, int ethType, int ipProto) {
        this.ovsName = ovsName;
        this.width = width;
        this.format = format;
        this.ethType = ethType;
        this.ipProto = ipProto;
    }

    /**
     * Returns the field's name as ovs-ofctl prints it.
     *
     * @return name
     */
    public String ovsName() {
        return ovsName;
    }

    /**
     * Returns the field width in bits.
     *
     * @return width
     */
    public int width() {
        return width;
    }

    /**
     * Returns the mask with all bits of the field set.
     *
     * @return full mask
     */
    public long fullMask() {
        return width == Long.SIZE ? -1L : (1L << width) - 1;
    }

    /**
     * Returns the ether type a packet must have to carry this field, or -1 if none.
     *
     * @return required ether type
     */
    public int requiredEthType() {
        return ethType;
    }

    /**
     * Returns the IP protocol a packet must have to carry this field, or -1 if none.
     *
     * @return required IP protocol
     */
    public int requiredIpProto() {
        return ipProto;
    }

    /**
     * Formats a value of this field the way ovs-ofctl does.
     *
     * @param value value
     * @return text
     */
    public String format(long value) {
        switch (format) {
            case MAC:
                return MacAddress.valueOf(value).toString().toLowerCase(Locale.ROOT);
            case IPV4:
                return Ip4Address.valueOf((int) value).toString();
            case HEX:
                return "0x" + Long.toHexString(value);
            case DECIMAL:
            default:
                return Long.toString(value);
        }
    }

    /**
     * Formats a masked value of this field ("value/mask", or just the value for a full mask).
     *
     * @param value value
     * @param mask  mask
     * @return text
     */
    public String format(long value, long mask) {
        if (mask == fullMask()) {
            return format(value);
        }
        return format(value) + "/" + format(mask);
    }
}
