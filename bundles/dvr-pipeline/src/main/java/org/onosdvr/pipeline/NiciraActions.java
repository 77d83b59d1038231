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
     * {@code load:type->NXM_OF_ICMP_TYPE[0..7]}.
     *
     * @param type ICMP type
     * @return extension
     */
    ExtensionTreatment loadIcmpType(int type) {
        return load(NXM_OF_ICMP_TYPE, ofsNbits(0, 8), type);
    }

    /**
     * {@code load:value->OXM_OF_METADATA[0..63]}: sets metadata inside apply-actions, so a following
     * {@code ct(table=...)} recirculates with it (a write-metadata instruction runs after apply-actions).
     *
     * @param value metadata
     * @return extension
     */
    ExtensionTreatment loadMetadata(long value) {
        return load(OXM_OF_METADATA, ofsNbits(0, 64), value);
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
