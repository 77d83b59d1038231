package org.onosdvr.openflow.translate;

import org.onlab.packet.Ip4Address;
import org.onlab.packet.Ip4Prefix;
import org.onlab.packet.IpPrefix;
import org.onlab.packet.TpPort;
import org.onlab.packet.VlanId;
import org.onosdvr.nicira.NiciraMatchCtMark;
import org.onosdvr.nicira.NiciraMatchCtState;
import org.onosdvr.nicira.NiciraMatchCtZone;
import org.onosproject.net.DeviceId;
import org.onosproject.net.flow.DefaultTrafficSelector;
import org.onosproject.net.flow.TrafficSelector;
import org.onosproject.net.flow.criteria.ArpHaCriterion;
import org.onosproject.net.flow.criteria.ArpOpCriterion;
import org.onosproject.net.flow.criteria.ArpPaCriterion;
import org.onosproject.net.flow.criteria.Criteria;
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
import org.projectfloodlight.openflow.protocol.OFFactory;
import org.projectfloodlight.openflow.protocol.match.Match;
import org.projectfloodlight.openflow.protocol.match.MatchField;
import org.projectfloodlight.openflow.types.ArpOpcode;
import org.projectfloodlight.openflow.types.EthType;
import org.projectfloodlight.openflow.types.ICMPv4Code;
import org.projectfloodlight.openflow.types.ICMPv4Type;
import org.projectfloodlight.openflow.types.IPv4Address;
import org.projectfloodlight.openflow.types.IPv4AddressWithMask;
import org.projectfloodlight.openflow.types.IpProtocol;
import org.projectfloodlight.openflow.types.MacAddress;
import org.projectfloodlight.openflow.types.OFMetadata;
import org.projectfloodlight.openflow.types.OFPort;
import org.projectfloodlight.openflow.types.OFValueType;
import org.projectfloodlight.openflow.types.OFVlanVidMatch;
import org.projectfloodlight.openflow.types.TransportPort;
import org.projectfloodlight.openflow.types.U16;
import org.projectfloodlight.openflow.types.U32;
import org.projectfloodlight.openflow.types.U64;
import org.projectfloodlight.openflow.types.VlanVid;

import static org.onosdvr.openflow.translate.ExtensionProperties.get;

/**
 * ONOS {@link TrafficSelector} to and from an OpenFlow 1.3 {@link Match}.
 */
final class MatchTranslator {

    private static final long U32_MASK = 0xffffffffL;
    private static final int ETH_TYPE_IPV4 = 0x0800;
    private static final int ETH_TYPE_ARP = 0x0806;

    private MatchTranslator() {
    }

    // ---------------------------------------------------------------- ONOS -> OpenFlow

    static Match toMatch(TrafficSelector selector, OFFactory factory) {
        Match.Builder match = factory.buildMatch();
        for (Criterion criterion : selector.criteria()) {
            addCriterion(match, criterion);
        }
        checkPrerequisites(selector);
        return match.build();
    }

    private static void addCriterion(Match.Builder match, Criterion c) {
        switch (c.type()) {
            case IN_PORT:
                match.setExact(MatchField.IN_PORT, Ports.toOf(((PortCriterion) c).port()));
                break;
            case ETH_SRC:
                match.setExact(MatchField.ETH_SRC, mac(((EthCriterion) c).mac()));
                break;
            case ETH_DST:
                match.setExact(MatchField.ETH_DST, mac(((EthCriterion) c).mac()));
                break;
            case ETH_SRC_MASKED:
                match.setMasked(MatchField.ETH_SRC, mac(((EthCriterion) c).mac()), mac(((EthCriterion) c).mask()));
                break;
            case ETH_DST_MASKED:
                match.setMasked(MatchField.ETH_DST, mac(((EthCriterion) c).mac()), mac(((EthCriterion) c).mask()));
                break;
            case ETH_TYPE:
                match.setExact(MatchField.ETH_TYPE, EthType.of(((EthTypeCriterion) c).ethType().toShort() & 0xffff));
                break;
            case VLAN_VID:
                addVlan(match, ((VlanIdCriterion) c).vlanId());
                break;
            case IPV4_SRC:
                addIpv4(match, MatchField.IPV4_SRC, c);
                break;
            case IPV4_DST:
                addIpv4(match, MatchField.IPV4_DST, c);
                break;
            case IP_PROTO:
                match.setExact(MatchField.IP_PROTO, IpProtocol.of(((IPProtocolCriterion) c).protocol()));
                break;
            case TCP_SRC:
                match.setExact(MatchField.TCP_SRC, TransportPort.of(((TcpPortCriterion) c).tcpPort().toInt()));
                break;
            case TCP_DST:
                match.setExact(MatchField.TCP_DST, TransportPort.of(((TcpPortCriterion) c).tcpPort().toInt()));
                break;
            case UDP_SRC:
                match.setExact(MatchField.UDP_SRC, TransportPort.of(((UdpPortCriterion) c).udpPort().toInt()));
                break;
            case UDP_DST:
                match.setExact(MatchField.UDP_DST, TransportPort.of(((UdpPortCriterion) c).udpPort().toInt()));
                break;
            case ICMPV4_TYPE:
                match.setExact(MatchField.ICMPV4_TYPE, ICMPv4Type.of(((IcmpTypeCriterion) c).icmpType()));
                break;
            case ICMPV4_CODE:
                match.setExact(MatchField.ICMPV4_CODE, ICMPv4Code.of(((IcmpCodeCriterion) c).icmpCode()));
                break;
            case ARP_OP:
                match.setExact(MatchField.ARP_OP, ArpOpcode.of(((ArpOpCriterion) c).arpOp()));
                break;
            case ARP_SPA:
                match.setExact(MatchField.ARP_SPA, IPv4Address.of(((ArpPaCriterion) c).ip().toInt()));
                break;
            case ARP_TPA:
                match.setExact(MatchField.ARP_TPA, IPv4Address.of(((ArpPaCriterion) c).ip().toInt()));
                break;
            case ARP_SHA:
                match.setExact(MatchField.ARP_SHA, mac(((ArpHaCriterion) c).mac()));
                break;
            case ARP_THA:
                match.setExact(MatchField.ARP_THA, mac(((ArpHaCriterion) c).mac()));
                break;
            case TUNNEL_ID:
                match.setExact(MatchField.TUNNEL_ID, U64.of(((TunnelIdCriterion) c).tunnelId()));
                break;
            case METADATA:
                match.setExact(MatchField.METADATA, OFMetadata.ofRaw(((MetadataCriterion) c).metadata()));
                break;
            case EXTENSION:
                addExtension(match, ((ExtensionCriterion) c).extensionSelector());
                break;
            default:
                throw new OfTranslationException("unsupported criterion " + c.type() + ": " + c);
        }
    }

    private static void addVlan(Match.Builder match, VlanId vlan) {
        if (vlan.equals(VlanId.NONE)) {
            match.setExact(MatchField.VLAN_VID, OFVlanVidMatch.UNTAGGED);
        } else if (vlan.equals(VlanId.ANY)) {
            match.setMasked(MatchField.VLAN_VID, OFVlanVidMatch.PRESENT, OFVlanVidMatch.PRESENT);
        } else {
            match.setExact(MatchField.VLAN_VID, OFVlanVidMatch.ofVlanVid(VlanVid.ofVlan(vlan.toShort())));
        }
    }

    private static void addIpv4(Match.Builder match, MatchField<IPv4Address> field, Criterion c) {
        IpPrefix prefix = ((IPCriterion) c).ip();
        if (!prefix.isIp4()) {
            throw new OfTranslationException("criterion " + c.type() + " needs an IPv4 prefix: " + prefix);
        }
        IPv4Address address = IPv4Address.of(prefix.address().getIp4Address().toInt());
        int length = prefix.prefixLength();
        if (length == Ip4Prefix.MAX_MASK_LENGTH) {
            match.setExact(field, address);
        } else if (length > 0) {
            match.setMasked(field, IPv4AddressWithMask.of(address, IPv4Address.ofCidrMaskLength(length)));
        }
        // a /0 prefix matches every address: omitted on the wire (OVS would drop the all-zero mask too)
    }

    private static void addExtension(Match.Builder match, ExtensionSelector selector) {
        if (ExtensionSelectorTypes.NICIRA_MATCH_CONNTRACK_STATE.type().equals(selector.type())) {
            long state = get(selector, "ctState");
            long mask = get(selector, "ctStateMask");
            setMasked32(match, MatchField.CONNTRACK_STATE, state, mask);
        } else if (ExtensionSelectorTypes.NICIRA_MATCH_CONNTRACK_ZONE.type().equals(selector.type())) {
            int zone = get(selector, "ctZone");
            match.setExact(MatchField.CONNTRACK_ZONE, U16.of(zone));
        } else if (ExtensionSelectorTypes.NICIRA_MATCH_CONNTRACK_MARK.type().equals(selector.type())) {
            long mark = get(selector, "ctMark");
            long mask = get(selector, "ctMarkMask");
            setMasked32(match, MatchField.CONNTRACK_MARK, mark, mask);
        } else {
            throw new OfTranslationException("unsupported extension selector " + selector.type() + ": " + selector);
        }
    }

    private static void setMasked32(Match.Builder match, MatchField<U32> field, long value, long mask) {
        if ((mask & U32_MASK) == U32_MASK) {
            match.setExact(field, U32.of(value));
        } else {
            match.setMasked(field, U32.of(value), U32.of(mask));
        }
    }

    /** Fails early on what OVS would reject with OFPBMC_BAD_PREREQ. */
    private static void checkPrerequisites(TrafficSelector selector) {
        Criterion ethType = selector.getCriterion(Criterion.Type.ETH_TYPE);
        int type = ethType == null ? -1 : ((EthTypeCriterion) ethType).ethType().toShort() & 0xffff;
        Criterion proto = selector.getCriterion(Criterion.Type.IP_PROTO);
        int ipProto = proto == null ? -1 : ((IPProtocolCriterion) proto).protocol();
        for (Criterion c : selector.criteria()) {
            switch (c.type()) {
                case IPV4_SRC:
                case IPV4_DST:
                case IP_PROTO:
                    require(c, type == ETH_TYPE_IPV4, "ETH_TYPE=0x0800");
                    break;
                case ARP_OP:
                case ARP_SPA:
                case ARP_TPA:
                case ARP_SHA:
                case ARP_THA:
                    require(c, type == ETH_TYPE_ARP, "ETH_TYPE=0x0806");
                    break;
                case TCP_SRC:
                case TCP_DST:
                    require(c, ipProto == IpProtocol.TCP.getIpProtocolNumber(), "IP_PROTO=6");
                    break;
                case UDP_SRC:
                case UDP_DST:
                    require(c, ipProto == IpProtocol.UDP.getIpProtocolNumber(), "IP_PROTO=17");
                    break;
                case ICMPV4_TYPE:
                case ICMPV4_CODE:
                    require(c, ipProto == IpProtocol.ICMP.getIpProtocolNumber(), "IP_PROTO=1");
                    break;
                default:
                    break;
            }
        }
    }

    private static void require(Criterion c, boolean ok, String prerequisite) {
        if (!ok) {
            throw new OfTranslationException("criterion " + c + " needs " + prerequisite
                    + " in the same selector (OpenFlow prerequisite)");
        }
    }

    private static MacAddress mac(org.onlab.packet.MacAddress mac) {
        return MacAddress.of(mac.toLong());
    }

    // ---------------------------------------------------------------- OpenFlow -> ONOS

    static TrafficSelector toSelector(Match match, DeviceId deviceId) {
        TrafficSelector.Builder builder = DefaultTrafficSelector.builder();
        for (MatchField<?> field : match.getMatchFields()) {
            builder.add(toCriterion(match, field, deviceId));
        }
        return builder.build();
    }

    @SuppressWarnings("unchecked")
    private static <F extends OFValueType<F>> Criterion toCriterion(Match match, MatchField<F> field,
                                                                    DeviceId deviceId) {
        boolean masked = match.isPartiallyMasked(field);
        switch (field.id) {
            case IN_PORT:
                exactOnly(match, field);
                return Criteria.matchInPort(Ports.fromOf((OFPort) match.get(field)));
            case ETH_SRC:
                return masked
                        ? Criteria.matchEthSrcMasked(onosMac((MacAddress) match.getMasked(field).getValue()),
                                                     onosMac((MacAddress) match.getMasked(field).getMask()))
                        : Criteria.matchEthSrc(onosMac((MacAddress) match.get(field)));
            case ETH_DST:
                return masked
                        ? Criteria.matchEthDstMasked(onosMac((MacAddress) match.getMasked(field).getValue()),
                                                     onosMac((MacAddress) match.getMasked(field).getMask()))
                        : Criteria.matchEthDst(onosMac((MacAddress) match.get(field)));
            case ETH_TYPE:
                exactOnly(match, field);
                return Criteria.matchEthType(((EthType) match.get(field)).getValue());
            case VLAN_VID:
                return vlanCriterion(match);
            case IPV4_SRC:
                return Criteria.matchIPSrc(prefix(match, (MatchField<IPv4Address>) field));
            case IPV4_DST:
                return Criteria.matchIPDst(prefix(match, (MatchField<IPv4Address>) field));
            case IP_PROTO:
                exactOnly(match, field);
                return Criteria.matchIPProtocol((short) ((IpProtocol) match.get(field)).getIpProtocolNumber());
            case TCP_SRC:
                exactOnly(match, field);
                return Criteria.matchTcpSrc(TpPort.tpPort(((TransportPort) match.get(field)).getPort()));
            case TCP_DST:
                exactOnly(match, field);
                return Criteria.matchTcpDst(TpPort.tpPort(((TransportPort) match.get(field)).getPort()));
            case UDP_SRC:
                exactOnly(match, field);
                return Criteria.matchUdpSrc(TpPort.tpPort(((TransportPort) match.get(field)).getPort()));
            case UDP_DST:
                exactOnly(match, field);
                return Criteria.matchUdpDst(TpPort.tpPort(((TransportPort) match.get(field)).getPort()));
            case ICMPV4_TYPE:
                exactOnly(match, field);
                return Criteria.matchIcmpType(((ICMPv4Type) match.get(field)).getType());
            case ICMPV4_CODE:
                exactOnly(match, field);
                return Criteria.matchIcmpCode(((ICMPv4Code) match.get(field)).getCode());
            case ARP_OP:
                exactOnly(match, field);
                return Criteria.matchArpOp(((ArpOpcode) match.get(field)).getOpcode());
            case ARP_SPA:
                exactOnly(match, field);
                return Criteria.matchArpSpa(Ip4Address.valueOf(((IPv4Address) match.get(field)).getInt()));
            case ARP_TPA:
                exactOnly(match, field);
                return Criteria.matchArpTpa(Ip4Address.valueOf(((IPv4Address) match.get(field)).getInt()));
            case ARP_SHA:
                exactOnly(match, field);
                return Criteria.matchArpSha(onosMac((MacAddress) match.get(field)));
            case ARP_THA:
                exactOnly(match, field);
                return Criteria.matchArpTha(onosMac((MacAddress) match.get(field)));
            case TUNNEL_ID:
                exactOnly(match, field);
                return Criteria.matchTunnelId(((U64) match.get(field)).getValue());
            case METADATA:
                exactOnly(match, field);
                return Criteria.matchMetadata(((OFMetadata) match.get(field)).getValue().getValue());
            case CONNTRACK_STATE:
                return Criteria.extension(new NiciraMatchCtState(
                        value32(match, field), masked ? mask32(match, field) : ~0L), deviceId);
            case CONNTRACK_ZONE:
                exactOnly(match, field);
                return Criteria.extension(new NiciraMatchCtZone(((U16) match.get(field)).getValue()), deviceId);
            case CONNTRACK_MARK:
                return Criteria.extension(new NiciraMatchCtMark(
                        value32(match, field), masked ? mask32(match, field) : ~0L), deviceId);
            default:
                throw new OfTranslationException("unsupported match field " + field.getName()
                        + (masked ? " (masked)" : "") + " in " + match);
        }
    }

    private static Criterion vlanCriterion(Match match) {
        if (match.isPartiallyMasked(MatchField.VLAN_VID)) {
            if (match.getMasked(MatchField.VLAN_VID).getValue().equals(OFVlanVidMatch.PRESENT)
                    && match.getMasked(MatchField.VLAN_VID).getMask().equals(OFVlanVidMatch.PRESENT)) {
                return Criteria.matchVlanId(VlanId.ANY);
            }
            throw new OfTranslationException("unsupported masked VLAN_VID in " + match);
        }
        OFVlanVidMatch vid = match.get(MatchField.VLAN_VID);
        if (vid.equals(OFVlanVidMatch.UNTAGGED)) {
            return Criteria.matchVlanId(VlanId.NONE);
        }
        return Criteria.matchVlanId(VlanId.vlanId(vid.getVlanVid().getVlan()));
    }

    private static IpPrefix prefix(Match match, MatchField<IPv4Address> field) {
        if (match.isPartiallyMasked(field)) {
            IPv4Address value = match.getMasked(field).getValue();
            IPv4Address mask = match.getMasked(field).getMask();
            if (!mask.isCidrMask()) {
                throw new OfTranslationException("non-CIDR mask " + mask + " on " + field.getName());
            }
            return IpPrefix.valueOf(value.getInt(), mask.asCidrMaskLength());
        }
        return IpPrefix.valueOf(match.get(field).getInt(), Ip4Prefix.MAX_MASK_LENGTH);
    }

    private static long value32(Match match, MatchField<?> field) {
        Object value = match.isPartiallyMasked(field) ? match.getMasked(field).getValue() : match.get(field);
        return ((U32) value).getValue();
    }

    private static long mask32(Match match, MatchField<?> field) {
        return ((U32) match.getMasked(field).getMask()).getValue();
    }

    private static void exactOnly(Match match, MatchField<?> field) {
        if (match.isPartiallyMasked(field)) {
            throw new OfTranslationException("unsupported masked match on " + field.getName() + " in " + match);
        }
    }

    private static org.onlab.packet.MacAddress onosMac(MacAddress mac) {
        return org.onlab.packet.MacAddress.valueOf(mac.getLong());
    }
}
