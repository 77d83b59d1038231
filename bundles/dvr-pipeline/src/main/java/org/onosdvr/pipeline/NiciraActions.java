package org.onosdvr.pipeline;

import org.onlab.packet.IpAddress;
import org.onosproject.net.behaviour.ExtensionTreatmentResolver;
import org.onosproject.net.flow.instructions.ExtensionPropertyException;
import org.onosproject.net.flow.instructions.ExtensionTreatment;
import org.onosproject.net.flow.instructions.ExtensionTreatmentType.ExtensionTreatmentTypes;

import java.util.ArrayList;
import java.util.List;

import static com.google.common.base.Preconditions.checkNotNull;

/**
 * The Nicira actions of the pipeline, made for one device through its {@link ExtensionTreatmentResolver} and
 * configured by property name, exactly as ONOS applications use the {@code drivers/default} extensions
 * (the property names and Java types below are that contract).
 */
final class NiciraActions {

    /** {@code NXM_OF_ICMP_TYPE} header (class 0, field 13, 1 byte). */
    static final long NXM_OF_ICMP_TYPE = 0x0000_1a01L;
    /** {@code OXM_OF_METADATA} header (class 0x8000, field 2, 8 bytes). */
    static final long OXM_OF_METADATA = 0x8000_0408L;
    /** {@code NX_CT_F_COMMIT}. */
    static final int CT_COMMIT = 1;
    /** {@code NX_NAT_F_SRC}. */
    static final int NAT_SRC = 1;
    /** {@code NX_NAT_RANGE_IPV4_MIN}. */
    static final int NAT_RANGE_IPV4_MIN = 1;

    private final ExtensionTreatmentResolver resolver;

    NiciraActions(ExtensionTreatmentResolver resolver) {
        this.resolver = checkNotNull(resolver, "extension treatment resolver");
    }

    /**
     * Makes the extension treatment of a compact Nicira action ({@link Actions.Op#extension()}).
     *
     * @param op       the action
     * @param operands operand array
     * @param first    index of its first operand
     * @return extension
     */
    ExtensionTreatment of(Actions.Op op, long[] operands, int first) {
        switch (op) {
            case SET_TUNNEL_DST:
                return setTunnelDst(Actions.ip(operands[first]));
            case MOVE_ETH_SRC_TO_DST:
                return moveEthSrcToDst();
            case MOVE_ARP_SHA_TO_THA:
                return moveArpShaToTha();
            case MOVE_ARP_SPA_TO_TPA:
                return moveArpSpaToTpa();
            case MOVE_IP_SRC_TO_DST:
                return moveIpSrcToDst();
            case LOAD:
                return load(operands[first], (int) operands[first + 1], operands[first + 2]);
            case CT_COMMIT_SNAT:
                return ctCommitSnat((int) operands[first], table(operands[first + 1]),
                                    Actions.ip(operands[first + 2]));
            case CT_REVERSE_NAT:
                return ctReverseNat((int) operands[first], table(operands[first + 1]));
            default:
                throw new IllegalArgumentException(op + " is not a Nicira action");
        }
    }

    private static PipelineTable table(long id) {
        return PipelineTable.byId((int) id).orElseThrow(() -> new IllegalStateException("no table " + id));
    }

    ExtensionTreatment moveEthSrcToDst() {
        return get(ExtensionTreatmentTypes.NICIRA_MOV_ETH_SRC_TO_DST);
    }

    ExtensionTreatment moveArpShaToTha() {
        return get(ExtensionTreatmentTypes.NICIRA_MOV_ARP_SHA_TO_THA);
    }

    ExtensionTreatment moveArpSpaToTpa() {
        return get(ExtensionTreatmentTypes.NICIRA_MOV_ARP_SPA_TO_TPA);
    }

    ExtensionTreatment moveIpSrcToDst() {
        return get(ExtensionTreatmentTypes.NICIRA_MOV_IP_SRC_TO_DST);
    }

    /**
     * {@code set_field:ip->tun_dst}.
     *
     * @param ip tunnel destination
     * @return extension
     */
    ExtensionTreatment setTunnelDst(IpAddress ip) {
        ExtensionTreatment t = get(ExtensionTreatmentTypes.NICIRA_SET_TUNNEL_DST);
        set(t, "tunnelDst", ip.getIp4Address());
        return t;
    }

    /**
     * {@code ct(commit, zone=zone, nat(src=ip), table=recirc)}.
     *
     * @param zone   conntrack zone
     * @param recirc table to recirculate to
     * @param ip     source address
     * @return extension
     */
    ExtensionTreatment ctCommitSnat(int zone, PipelineTable recirc, IpAddress ip) {
        ExtensionTreatment nat = get(ExtensionTreatmentTypes.NICIRA_NAT);
        set(nat, "flags", NAT_SRC);
        set(nat, "presentFlags", NAT_RANGE_IPV4_MIN);
        set(nat, "ipAddressMin", ip);
        return ct(CT_COMMIT, zone, recirc, nat);
    }

    /**
     * {@code ct(zone=zone, nat, table=recirc)}: reverses the NAT of an existing connection.
     *
     * @param zone   conntrack zone
     * @param recirc table to recirculate to
     * @return extension
     */
    ExtensionTreatment ctReverseNat(int zone, PipelineTable recirc) {
        return ct(0, zone, recirc, get(ExtensionTreatmentTypes.NICIRA_NAT));
    }

    private ExtensionTreatment ct(int flags, int zone, PipelineTable recirc, ExtensionTreatment nat) {
        ExtensionTreatment ct = get(ExtensionTreatmentTypes.NICIRA_CT);
        set(ct, "flags", flags);
        set(ct, "zoneSrc", 0L);
        set(ct, "zone", zone);
        set(ct, "recircTable", (short) recirc.id());
        List<ExtensionTreatment> nested = new ArrayList<>();
        nested.add(nat);
        set(ct, "nestedActions", nested);
        return ct;
    }

    private ExtensionTreatment load(long header, int ofsNbits, long value) {
        ExtensionTreatment t = get(ExtensionTreatmentTypes.NICIRA_LOAD);
        set(t, "ofsNbits", ofsNbits);
        set(t, "dst", header);
        set(t, "value", value);
        return t;
    }

    static int ofsNbits(int ofs, int nBits) {
        return (ofs << 6) | (nBits - 1);
    }

    private ExtensionTreatment get(ExtensionTreatmentTypes type) {
        ExtensionTreatment t = resolver.getExtensionInstruction(type.type());
        if (t == null) {
            throw new IllegalStateException("the device driver offers no " + type + " extension");
        }
        return t;
    }

    private static void set(ExtensionTreatment t, String property, Object value) {
        try {
            t.setPropertyValue(property, value);
        } catch (ExtensionPropertyException e) {
            throw new IllegalStateException("cannot set " + property + " of " + t.type(), e);
        }
    }
}
