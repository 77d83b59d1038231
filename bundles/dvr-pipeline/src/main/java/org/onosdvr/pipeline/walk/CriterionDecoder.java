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

import org.onlab.packet.IpPrefix;
import org.onlab.packet.MacAddress;
import org.onlab.packet.VlanId;
import org.onosproject.net.flow.TrafficSelector;
import org.onosproject.net.flow.criteria.ArpHaCriterion;
import org.onosproject.net.flow.criteria.ArpOpCriterion;
import org.onosproject.net.flow.criteria.ArpPaCriterion;
import org.onosproject.net.flow.criteria.Criterion;
import org.onosproject.net.flow.criteria.EthCriterion;
import org.onosproject.net.flow.criteria.EthTypeCriterion;
import org.onosproject.net.flow.criteria.ExtensionCriterion;
import org.onosproject.net.flow.criteria.ExtensionSelector;
import org.onosproject.net.flow.criteria.ExtensionSelectorType.ExtensionSelectorTypes;
import org.onosproject.net.flow.criteria.IPCriterion;
import org.onosproject.net.flow.criteria.IPProtocolCriterion;
import org.onosproject.net.flow.criteria.IcmpCodeCriterion;
import org.onosproject.net.flow.criteria.IcmpTypeCriterion;
import org.onosproject.net.flow.criteria.MetadataCriterion;
import org.onosproject.net.flow.criteria.PortCriterion;
import org.onosproject.net.flow.criteria.TcpPortCriterion;
import org.onosproject.net.flow.criteria.TunnelIdCriterion;
import org.onosproject.net.flow.criteria.UdpPortCriterion;
import org.onosproject.net.flow.criteria.VlanIdCriterion;

/**
 * Translates ONOS {@link Criterion}s into {@link Match} constraints. Unsupported criteria are errors.
 */
final class CriterionDecoder {
    private static final long VLAN_PRESENT = 0x1000;
    private static final long VLAN_MASK = 0x1fff;
    private static final long IP_MASK = 0xffffffffL;

    private CriterionDecoder() {
    }

    /**
     * Decodes a selector.
     *
     * @param selector selector
     * @param what     rule description for error messages
     * @return match
     * @throws WalkException on an unsupported criterion or a missing prerequisite
     */
    static Match decode(TrafficSelector selector, String what) {
        Match.Builder b = Match.builder();
        try {
            for (Criterion c : selector.criteria()) {
                add(b, c, what);
            }
            return b.build();
        } catch (IllegalArgumentException e) {
            throw new WalkException(what + ": " + e.getMessage(), e);
        }
    }

    private static void add(Match.Builder b, Criterion c, String what) {
        switch (c.type()) {
            case IN_PORT:
                b.exact(Field.IN_PORT, ((PortCriterion) c).port().toLong());
                break;
            case ETH_SRC:
            case ETH_SRC_MASKED:
                eth(b, Field.ETH_SRC, (EthCriterion) c);
                break;
            case ETH_DST:
            case ETH_DST_MASKED:
                eth(b, Field.ETH_DST, (EthCriterion) c);
                break;
            case ETH_TYPE:
                b.exact(Field.ETH_TYPE, ((EthTypeCriterion) c).ethType().toShort() & 0xffff);
                break;
            case VLAN_VID:
                vlan(b, ((VlanIdCriterion) c).vlanId());
                break;
            case IP_PROTO:
                b.exact(Field.IP_PROTO, ((IPProtocolCriterion) c).protocol());
                break;
            case IPV4_SRC:
                prefix(b, Field.IPV4_SRC, ((IPCriterion) c).ip());
                break;
            case IPV4_DST:
                prefix(b, Field.IPV4_DST, ((IPCriterion) c).ip());
                break;
            case TCP_SRC:
            case TCP_SRC_MASKED:
                port(b, Field.TCP_SRC, ((TcpPortCriterion) c).tcpPort().toInt(), ((TcpPortCriterion) c).mask());
                break;
            case TCP_DST:
            case TCP_DST_MASKED:
                port(b, Field.TCP_DST, ((TcpPortCriterion) c).tcpPort().toInt(), ((TcpPortCriterion) c).mask());
                break;
            case UDP_SRC:
            case UDP_SRC_MASKED:
                port(b, Field.UDP_SRC, ((UdpPortCriterion) c).udpPort().toInt(), ((UdpPortCriterion) c).mask());
                break;
            case UDP_DST:
            case UDP_DST_MASKED:
                port(b, Field.UDP_DST, ((UdpPortCriterion) c).udpPort().toInt(), ((UdpPortCriterion) c).mask());
                break;
            case ICMPV4_TYPE:
                b.exact(Field.ICMP_TYPE, ((IcmpTypeCriterion) c).icmpType());
                break;
            case ICMPV4_CODE:
                b.exact(Field.ICMP_CODE, ((IcmpCodeCriterion) c).icmpCode());
                break;
            case ARP_OP:
                b.exact(Field.ARP_OP, ((ArpOpCriterion) c).arpOp());
                break;
            case ARP_SPA:
                b.exact(Field.ARP_SPA, ((ArpPaCriterion) c).ip().toInt() & IP_MASK);
                break;
            case ARP_TPA:
                b.exact(Field.ARP_TPA, ((ArpPaCriterion) c).ip().toInt() & IP_MASK);
                break;
            case ARP_SHA:
                b.exact(Field.ARP_SHA, ((ArpHaCriterion) c).mac().toLong());
                break;
            case ARP_THA:
                b.exact(Field.ARP_THA, ((ArpHaCriterion) c).mac().toLong());
                break;
            case TUNNEL_ID:
                b.exact(Field.TUN_ID, ((TunnelIdCriterion) c).tunnelId());
                break;
            case METADATA:
                b.exact(Field.METADATA, ((MetadataCriterion) c).metadata());
                break;
            case EXTENSION:
                extension(b, ((ExtensionCriterion) c).extensionSelector(), what);
                break;
            default:
                throw new WalkException(what + ": unsupported criterion " + c);
        }
    }

    private static void eth(Match.Builder b, Field f, EthCriterion c) {
        MacAddress mask = c.mask();
        b.add(f, c.mac().toLong(), mask == null ? f.fullMask() : mask.toLong());
    }

    private static void vlan(Match.Builder b, VlanId vid) {
        if (vid.equals(VlanId.NONE)) {
            b.add(Field.VLAN_VID, 0, VLAN_MASK);
        } else if (vid.equals(VlanId.ANY)) {
            b.add(Field.VLAN_VID, VLAN_PRESENT, VLAN_PRESENT);
        } else {
            b.add(Field.VLAN_VID, VLAN_PRESENT | vid.toShort(), VLAN_MASK);
        }
    }

    private static void prefix(Match.Builder b, Field f, IpPrefix prefix) {
        if (!prefix.isIp4()) {
            throw new IllegalArgumentException("IPv6 prefix " + prefix + " on " + f.ovsName());
        }
        int len = prefix.prefixLength();
        long mask = len == 0 ? 0 : (IP_MASK << (32 - len)) & IP_MASK;
        b.add(f, prefix.address().getIp4Address().toInt() & IP_MASK, mask);
    }

    private static void port(Match.Builder b, Field f, int port, org.onlab.packet.TpPort mask) {
        b.add(f, port, mask == null ? f.fullMask() : mask.toInt());
    }

    private static void extension(Match.Builder b, ExtensionSelector sel, String what) {
        ExtensionProperties p = new ExtensionProperties(sel, what);
        if (sel.type().equals(ExtensionSelectorTypes.NICIRA_MATCH_CONNTRACK_STATE.type())) {
            b.add(Field.CT_STATE, p.number("ctState"), p.number("ctStateMask"));
        } else if (sel.type().equals(ExtensionSelectorTypes.NICIRA_MATCH_CONNTRACK_ZONE.type())) {
            b.exact(Field.CT_ZONE, p.number("ctZone"));
        } else if (sel.type().equals(ExtensionSelectorTypes.NICIRA_MATCH_CONNTRACK_MARK.type())) {
            b.add(Field.CT_MARK, p.number("ctMark"), p.number("ctMarkMask"));
        } else {
            throw new WalkException(what + ": unsupported extension selector " + sel.type());
        }
    }
}
