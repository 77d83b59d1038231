package org.onosdvr.openflow.translate;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.onlab.packet.Ip4Address;
import org.onlab.packet.IpAddress;
import org.onosdvr.nicira.NiciraCt;
import org.onosdvr.nicira.NiciraCtClear;
import org.onosdvr.nicira.NiciraLoad;
import org.onosdvr.nicira.NiciraMove;
import org.onosdvr.nicira.NiciraNat;
import org.onosdvr.nicira.NiciraNxm;
import org.onosdvr.nicira.NiciraResubmitTable;
import org.onosdvr.nicira.NiciraSetTunnelDst;
import org.onosproject.net.PortNumber;
import org.onosproject.net.flow.instructions.ExtensionTreatment;
import org.onosproject.net.flow.instructions.ExtensionTreatmentType;
import org.onosproject.net.flow.instructions.ExtensionTreatmentType.ExtensionTreatmentTypes;
import org.projectfloodlight.openflow.protocol.OFFactory;
import org.projectfloodlight.openflow.protocol.action.OFAction;
import org.projectfloodlight.openflow.protocol.action.OFActionNiciraCt;
import org.projectfloodlight.openflow.protocol.action.OFActionNiciraCtClear;
import org.projectfloodlight.openflow.protocol.action.OFActionNiciraLoad;
import org.projectfloodlight.openflow.protocol.action.OFActionNiciraMove;
import org.projectfloodlight.openflow.protocol.action.OFActionNiciraNat;
import org.projectfloodlight.openflow.protocol.action.OFActionNiciraResubmitTable;
import org.projectfloodlight.openflow.types.IPv4Address;
import org.projectfloodlight.openflow.types.IPv6Address;
import org.projectfloodlight.openflow.types.U16;
import org.projectfloodlight.openflow.types.U64;
import org.projectfloodlight.openflow.types.U8;

import java.util.ArrayList;
import java.util.List;

import static org.onosdvr.openflow.translate.ExtensionProperties.get;

/**
 * Nicira extension treatments to and from openflowj Nicira actions. Encoding reads ONOS property names (works
 * with any property-compatible implementation); decoding creates {@code org.onosdvr.nicira} classes.
 * {@code NICIRA_SET_TUNNEL_DST} is a set-field and is handled by {@link InstructionTranslator}.
 */
final class NiciraActionTranslator {

    /** Fixed part of NXAST_NAT: header 10, pad 2, flags 2, range_present 2. */
    private static final int NAT_FIXED_LENGTH = 16;
    private static final int OF_ACTION_ALIGN = 8;

    private NiciraActionTranslator() {
    }

    // ---------------------------------------------------------------- ONOS -> OpenFlow

    static OFAction toAction(ExtensionTreatment ext, OFFactory factory) {
        ExtensionTreatmentType type = ext.type();
        if (isMove(type)) {
            int src = get(ext, "src");
            int dst = get(ext, "dst");
            int srcOfs = get(ext, "srcOfs");
            int dstOfs = get(ext, "dstOfs");
            int nBits = get(ext, "nBits");
            return factory.actions().buildNiciraMove()
                    .setSrc(src & 0xffffffffL).setDst(dst & 0xffffffffL)
                    .setSrcOfs(srcOfs).setDstOfs(dstOfs).setNBits(nBits)
                    .build();
        }
        if (ExtensionTreatmentTypes.NICIRA_LOAD.type().equals(type)) {
            int ofsNbits = get(ext, "ofsNbits");
            long dst = get(ext, "dst");
            long value = get(ext, "value");
            return factory.actions().buildNiciraLoad()
                    .setOfsNbits(ofsNbits).setDst(dst).setValue(U64.of(value)).build();
        }
        if (ExtensionTreatmentTypes.NICIRA_CT.type().equals(type)) {
            return ct(ext, factory);
        }
        if (ExtensionTreatmentTypes.NICIRA_NAT.type().equals(type)) {
            return nat(ext, factory);
        }
        if (ExtensionTreatmentTypes.NICIRA_CT_CLEAR.type().equals(type)) {
            return factory.actions().niciraCtClear();
        }
        if (ExtensionTreatmentTypes.NICIRA_RESUBMIT_TABLE.type().equals(type)) {
            PortNumber inPort = get(ext, "inPort");
            short table = get(ext, "table");
            return factory.actions().niciraResubmitTable((int) inPort.toLong(), table);
        }
        throw new OfTranslationException("unsupported extension treatment " + type + ": " + ext);
    }

    private static OFAction ct(ExtensionTreatment ext, OFFactory factory) {
        int flags = get(ext, "flags");
        long zoneSrc = get(ext, "zoneSrc");
        int zone = get(ext, "zone");
        short recircTable = get(ext, "recircTable");
        int alg = get(ext, "alg");
        List<ExtensionTreatment> nested = get(ext, "nestedActions");
        List<OFAction> actions = new ArrayList<>();
        for (ExtensionTreatment action : nested) {
            actions.add(toAction(action, factory));
        }
        return factory.actions().buildNiciraCt()
                .setFlags(flags).setZoneSrc(zoneSrc).setZone(zone)
                .setRecircTable(recircTable).setAlg(alg).setActions(actions)
                .build();
    }

    private static OFAction nat(ExtensionTreatment ext, OFFactory factory) {
        int flags = get(ext, "flags");
        int present = get(ext, "presentFlags");
        List<IPv4Address> ipv4 = new ArrayList<>();
        List<IPv6Address> ipv6 = new ArrayList<>();
        List<U16> ports = new ArrayList<>();
        int rangeBytes = 0;
        if ((present & NiciraNat.RANGE_IPV4_MIN) != 0) {
            ipv4.add(IPv4Address.of(ipv4(get(ext, "ipAddressMin")).toInt()));
            rangeBytes += 4;
        }
        if ((present & NiciraNat.RANGE_IPV4_MAX) != 0) {
            ipv4.add(IPv4Address.of(ipv4(get(ext, "ipAddressMax")).toInt()));
            rangeBytes += 4;
        }
        if ((present & NiciraNat.RANGE_IPV6_MIN) != 0) {
            ipv6.add(IPv6Address.of(((IpAddress) get(ext, "ipAddressMin")).toOctets()));
            rangeBytes += 16;
        }
        if ((present & NiciraNat.RANGE_IPV6_MAX) != 0) {
            ipv6.add(IPv6Address.of(((IpAddress) get(ext, "ipAddressMax")).toOctets()));
            rangeBytes += 16;
        }
        if ((present & NiciraNat.RANGE_PROTO_MIN) != 0) {
            int portMin = get(ext, "portMin");
            ports.add(U16.of(portMin));
            rangeBytes += 2;
        }
        if ((present & NiciraNat.RANGE_PROTO_MAX) != 0) {
            int portMax = get(ext, "portMax");
            ports.add(U16.of(portMax));
            rangeBytes += 2;
        }
        // openflowj does not pad NXAST_NAT to a multiple of 8 bytes; OVS rejects unpadded actions.
        List<U8> pad = new ArrayList<>();
        int total = NAT_FIXED_LENGTH + rangeBytes;
        for (int i = 0; i < (OF_ACTION_ALIGN - total % OF_ACTION_ALIGN) % OF_ACTION_ALIGN; i++) {
            pad.add(U8.ZERO);
        }
        return factory.actions().buildNiciraNat()
                .setFlags(flags).setRangePresent(present)
                .setIpv4Range(ipv4).setIpv6Range(ipv6).setPortRange(ports).setPad(pad)
                .build();
    }

    private static Ip4Address ipv4(IpAddress ip) {
        if (!ip.isIp4()) {
            throw new OfTranslationException("NAT IPv4 range flag set but address is " + ip);
        }
        return ip.getIp4Address();
    }

    private static boolean isMove(ExtensionTreatmentType type) {
        return ExtensionTreatmentTypes.NICIRA_MOV_ETH_SRC_TO_DST.type().equals(type)
                || ExtensionTreatmentTypes.NICIRA_MOV_ARP_SHA_TO_THA.type().equals(type)
                || ExtensionTreatmentTypes.NICIRA_MOV_ARP_SPA_TO_TPA.type().equals(type)
                || ExtensionTreatmentTypes.NICIRA_MOV_IP_SRC_TO_DST.type().equals(type);
    }

    // ---------------------------------------------------------------- OpenFlow -> ONOS

    /**
     * Decodes a Nicira action.
     *
     * @param action openflowj action
     * @return our extension, or null if the action is not a Nicira action handled here
     */
    static ExtensionTreatment fromAction(OFAction action) {
        if (action instanceof OFActionNiciraMove) {
            return move((OFActionNiciraMove) action);
        }
        if (action instanceof OFActionNiciraLoad) {
            OFActionNiciraLoad load = (OFActionNiciraLoad) action;
            return new NiciraLoad(load.getOfsNbits(), load.getDst(), load.getValue().getValue());
        }
        if (action instanceof OFActionNiciraCt) {
            OFActionNiciraCt ct = (OFActionNiciraCt) action;
            List<ExtensionTreatment> nested = new ArrayList<>();
            for (OFAction inner : ct.getActions()) {
                ExtensionTreatment ext = fromAction(inner);
                if (ext == null) {
                    throw new OfTranslationException("unsupported action nested in ct: " + inner);
                }
                nested.add(ext);
            }
            return new NiciraCt(ct.getFlags(), ct.getZoneSrc(), ct.getZone(), ct.getRecircTable(), ct.getAlg(),
                                nested);
        }
        if (action instanceof OFActionNiciraNat) {
            return nat((OFActionNiciraNat) action);
        }
        if (action instanceof OFActionNiciraCtClear) {
            return new NiciraCtClear();
        }
        if (action instanceof OFActionNiciraResubmitTable) {
            OFActionNiciraResubmitTable resubmit = (OFActionNiciraResubmitTable) action;
            return new NiciraResubmitTable(PortNumber.portNumber(resubmit.getInPort() & 0xffffL),
                                           resubmit.getTable());
        }
        return null;
    }

    private static ExtensionTreatment move(OFActionNiciraMove move) {
        for (NiciraMove known : List.of(NiciraMove.ethSrcToDst(), NiciraMove.arpShaToTha(),
                                        NiciraMove.arpSpaToTpa(), NiciraMove.ipSrcToDst())) {
            if ((known.src() & 0xffffffffL) == move.getSrc() && (known.dst() & 0xffffffffL) == move.getDst()
                    && known.srcOffset() == move.getSrcOfs() && known.dstOffset() == move.getDstOfs()
                    && known.nBits() == move.getNBits()) {
                return known;
            }
        }
        throw new OfTranslationException("unsupported Nicira move " + NiciraNxm.name((int) move.getSrc()) + "["
                + move.getSrcOfs() + "+" + move.getNBits() + "] -> " + NiciraNxm.name((int) move.getDst())
                + "[" + move.getDstOfs() + "] (only the four ONOS NICIRA_MOV_* types are representable)");
    }

    /**
     * Decodes NAT from its wire bytes, following range_present. openflowj's reader assigns the range bytes
     * greedily (all 4-byte groups become IPv4 addresses: padding, or ports, show up as extra addresses), so its
     * lists cannot be trusted; re-encoding the action gives back the exact bytes it read, in order.
     */
    private static ExtensionTreatment nat(OFActionNiciraNat nat) {
        ByteBuf wire = Unpooled.buffer();
        nat.writeTo(wire);
        wire.skipBytes(NAT_FIXED_LENGTH);
        int present = nat.getRangePresent();
        IpAddress min = IpAddress.valueOf(0);
        IpAddress max = IpAddress.valueOf(0);
        int portMin = 0;
        int portMax = 0;
        try {
            if ((present & NiciraNat.RANGE_IPV4_MIN) != 0) {
                min = IpAddress.valueOf(wire.readInt());
            }
            if ((present & NiciraNat.RANGE_IPV4_MAX) != 0) {
                max = IpAddress.valueOf(wire.readInt());
            }
            if ((present & NiciraNat.RANGE_IPV6_MIN) != 0) {
                min = IpAddress.valueOf(IpAddress.Version.INET6, bytes(wire, IpAddress.INET6_BYTE_LENGTH));
            }
            if ((present & NiciraNat.RANGE_IPV6_MAX) != 0) {
                max = IpAddress.valueOf(IpAddress.Version.INET6, bytes(wire, IpAddress.INET6_BYTE_LENGTH));
            }
            if ((present & NiciraNat.RANGE_PROTO_MIN) != 0) {
                portMin = wire.readUnsignedShort();
            }
            if ((present & NiciraNat.RANGE_PROTO_MAX) != 0) {
                portMax = wire.readUnsignedShort();
            }
        } catch (IndexOutOfBoundsException e) {
            throw new OfTranslationException("NAT action shorter than its range_present 0x"
                    + Integer.toHexString(present) + " announces: " + nat, e);
        }
        return new NiciraNat(nat.getFlags(), present, portMin, portMax, min, max);
    }

    private static byte[] bytes(ByteBuf wire, int length) {
        byte[] out = new byte[length];
        wire.readBytes(out);
        return out;
    }

    /**
     * Builds the tunnel destination extension decoded from a set-field.
     *
     * @param address IPv4 address
     * @return extension
     */
    static ExtensionTreatment tunnelDst(IPv4Address address) {
        return new NiciraSetTunnelDst(Ip4Address.valueOf(address.getInt()));
    }
}
