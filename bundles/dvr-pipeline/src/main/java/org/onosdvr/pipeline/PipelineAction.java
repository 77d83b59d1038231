package org.onosdvr.pipeline;

import org.onosproject.net.PortNumber;
import org.onosproject.net.flow.instructions.ExtensionTreatmentType;
import org.onosproject.net.flow.instructions.ExtensionTreatmentType.ExtensionTreatmentTypes;
import org.onosproject.net.flow.instructions.Instruction;
import org.onosproject.net.flow.instructions.Instructions;
import org.onosproject.net.flow.instructions.L2ModificationInstruction;
import org.onosproject.net.flow.instructions.L3ModificationInstruction;

import java.util.Optional;

/**
 * The kinds of action a pipeline table may declare (see {@link PipelineTable#allowedActions()}): the ONOS
 * instructions and Nicira extension treatments the compiler uses, and nothing else.
 */
public enum PipelineAction {
    /** Output to a port (including {@code IN_PORT}). */
    OUTPUT,
    /** Output to the controller. */
    PUNT,
    /** {@code set_field:eth_src}. */
    SET_ETH_SRC,
    /** {@code set_field:eth_dst}. */
    SET_ETH_DST,
    /** {@code set_field:ip_src}. */
    SET_IP_SRC,
    /** {@code set_field:ip_dst}. */
    SET_IP_DST,
    /** {@code dec_ttl}. */
    DEC_TTL,
    /** {@code set_field:tun_id}. */
    SET_TUNNEL_ID,
    /** {@code set_field:arp_op}. */
    SET_ARP_OP,
    /** {@code set_field:arp_sha}. */
    SET_ARP_SHA,
    /** {@code set_field:arp_spa}. */
    SET_ARP_SPA,
    /** OpenFlow write-metadata instruction. */
    WRITE_METADATA,
    /** Apply a group (the DVR's fast-failover groups, {@link CompiledGroup}). */
    GROUP,
    /** Nicira {@code set_field:tun_dst}. */
    SET_TUNNEL_DST(ExtensionTreatmentTypes.NICIRA_SET_TUNNEL_DST),
    /** Nicira move eth_src to eth_dst. */
    MOVE_ETH_SRC_TO_DST(ExtensionTreatmentTypes.NICIRA_MOV_ETH_SRC_TO_DST),
    /** Nicira move arp_sha to arp_tha. */
    MOVE_ARP_SHA_TO_THA(ExtensionTreatmentTypes.NICIRA_MOV_ARP_SHA_TO_THA),
    /** Nicira move arp_spa to arp_tpa. */
    MOVE_ARP_SPA_TO_TPA(ExtensionTreatmentTypes.NICIRA_MOV_ARP_SPA_TO_TPA),
    /** Nicira move ip_src to ip_dst. */
    MOVE_IP_SRC_TO_DST(ExtensionTreatmentTypes.NICIRA_MOV_IP_SRC_TO_DST),
    /** Nicira load. */
    LOAD(ExtensionTreatmentTypes.NICIRA_LOAD),
    /** Nicira conntrack. */
    CT(ExtensionTreatmentTypes.NICIRA_CT),
    /** Nicira NAT (nested in {@link #CT}). */
    NAT(ExtensionTreatmentTypes.NICIRA_NAT);

    private final ExtensionTreatmentTypes extension;

    PipelineAction() {
        this(null);
    }

    PipelineAction(ExtensionTreatmentTypes extension) {
        this.extension = extension;
    }

    /** @return the Nicira extension type of this action, if it is one */
    public Optional<ExtensionTreatmentTypes> extension() {
        return Optional.ofNullable(extension);
    }

    /**
     * Returns the action kind of an extension type.
     *
     * @param type extension treatment type
     * @return the kind
     * @throws IllegalStateException if the pipeline does not use that extension
     */
    public static PipelineAction ofExtension(ExtensionTreatmentType type) {
        for (PipelineAction a : values()) {
            if (a.extension != null && a.extension.type().equals(type)) {
                return a;
            }
        }
        throw new IllegalStateException("extension " + type + " is not used by the DVR pipeline");
    }

    /**
     * Classifies an ONOS instruction of an apply-actions list.
     *
     * @param instruction instruction
     * @return its kind, empty for a no-action (drop) instruction
     * @throws IllegalStateException if the pipeline does not use that instruction
     */
    public static Optional<PipelineAction> of(Instruction instruction) {
        switch (instruction.type()) {
            case NOACTION:
                return Optional.empty();
            case OUTPUT:
                PortNumber port = ((Instructions.OutputInstruction) instruction).port();
                return Optional.of(PortNumber.CONTROLLER.equals(port) ? PUNT : OUTPUT);
            case L2MODIFICATION:
                return Optional.of(l2((L2ModificationInstruction) instruction));
            case L3MODIFICATION:
                return Optional.of(l3((L3ModificationInstruction) instruction));
            case METADATA:
                return Optional.of(WRITE_METADATA);
            case GROUP:
                return Optional.of(GROUP);
            case EXTENSION:
                return Optional.of(ofExtension(
                        ((Instructions.ExtensionInstructionWrapper) instruction).extensionInstruction().type()));
            default:
                throw unsupported(instruction);
        }
    }

    private static PipelineAction l2(L2ModificationInstruction i) {
        switch (i.subtype()) {
            case ETH_SRC:
                return SET_ETH_SRC;
            case ETH_DST:
                return SET_ETH_DST;
            case TUNNEL_ID:
                return SET_TUNNEL_ID;
            default:
                throw unsupported(i);
        }
    }

    private static PipelineAction l3(L3ModificationInstruction i) {
        switch (i.subtype()) {
            case IPV4_SRC:
                return SET_IP_SRC;
            case IPV4_DST:
                return SET_IP_DST;
            case DEC_TTL:
                return DEC_TTL;
            case ARP_OP:
                return SET_ARP_OP;
            case ARP_SHA:
                return SET_ARP_SHA;
            case ARP_SPA:
                return SET_ARP_SPA;
            default:
                throw unsupported(i);
        }
    }

    private static IllegalStateException unsupported(Instruction i) {
        return new IllegalStateException("instruction " + i + " is not used by the DVR pipeline");
    }
}
