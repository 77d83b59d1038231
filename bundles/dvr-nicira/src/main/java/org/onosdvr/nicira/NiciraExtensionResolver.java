package org.onosdvr.nicira;

import org.onosproject.net.behaviour.ExtensionSelectorResolver;
import org.onosproject.net.behaviour.ExtensionTreatmentResolver;
import org.onosproject.net.driver.AbstractHandlerBehaviour;
import org.onosproject.net.flow.criteria.ExtensionSelector;
import org.onosproject.net.flow.criteria.ExtensionSelectorType;
import org.onosproject.net.flow.criteria.ExtensionSelectorType.ExtensionSelectorTypes;
import org.onosproject.net.flow.instructions.ExtensionTreatment;
import org.onosproject.net.flow.instructions.ExtensionTreatmentType;
import org.onosproject.net.flow.instructions.ExtensionTreatmentType.ExtensionTreatmentTypes;

import java.util.List;

/**
 * Creates fresh Nicira extension instances by type, as ONOS's Nicira interpreters do: the embedded runtime's
 * stand-in for the driver behaviours {@link ExtensionTreatmentResolver} and {@link ExtensionSelectorResolver}.
 * <p>
 * Supported treatments: {@code NICIRA_SET_TUNNEL_DST}, the four {@code NICIRA_MOV_*} moves of the DVR
 * pipeline, {@code NICIRA_CT}, {@code NICIRA_NAT}, {@code NICIRA_CT_CLEAR}, {@code NICIRA_LOAD},
 * {@code NICIRA_RESUBMIT_TABLE}. Supported selectors: {@code NICIRA_MATCH_CONNTRACK_STATE},
 * {@code NICIRA_MATCH_CONNTRACK_ZONE}, {@code NICIRA_MATCH_CONNTRACK_MARK}. Other types throw
 * {@link IllegalArgumentException}. Stateless; a handler is not needed.
 */
public class NiciraExtensionResolver extends AbstractHandlerBehaviour
        implements ExtensionTreatmentResolver, ExtensionSelectorResolver {

    /** Treatment types this resolver creates. */
    public static final List<ExtensionTreatmentTypes> TREATMENT_TYPES = List.of(
            ExtensionTreatmentTypes.NICIRA_SET_TUNNEL_DST,
            ExtensionTreatmentTypes.NICIRA_MOV_ETH_SRC_TO_DST,
            ExtensionTreatmentTypes.NICIRA_MOV_ARP_SHA_TO_THA,
            ExtensionTreatmentTypes.NICIRA_MOV_ARP_SPA_TO_TPA,
            ExtensionTreatmentTypes.NICIRA_MOV_IP_SRC_TO_DST,
            ExtensionTreatmentTypes.NICIRA_CT,
            ExtensionTreatmentTypes.NICIRA_NAT,
            ExtensionTreatmentTypes.NICIRA_CT_CLEAR,
            ExtensionTreatmentTypes.NICIRA_LOAD,
            ExtensionTreatmentTypes.NICIRA_RESUBMIT_TABLE);

    /** Selector types this resolver creates. */
    public static final List<ExtensionSelectorTypes> SELECTOR_TYPES = List.of(
            ExtensionSelectorTypes.NICIRA_MATCH_CONNTRACK_STATE,
            ExtensionSelectorTypes.NICIRA_MATCH_CONNTRACK_ZONE,
            ExtensionSelectorTypes.NICIRA_MATCH_CONNTRACK_MARK);

    @Override
    public ExtensionTreatment getExtensionInstruction(ExtensionTreatmentType type) {
        switch (checkTreatmentType(type)) {
            case NICIRA_SET_TUNNEL_DST:
                return new NiciraSetTunnelDst();
            case NICIRA_MOV_ETH_SRC_TO_DST:
            case NICIRA_MOV_ARP_SHA_TO_THA:
            case NICIRA_MOV_ARP_SPA_TO_TPA:
            case NICIRA_MOV_IP_SRC_TO_DST:
                return NiciraMove.of(type);
            case NICIRA_CT:
                return new NiciraCt();
            case NICIRA_NAT:
                return new NiciraNat();
            case NICIRA_CT_CLEAR:
                return new NiciraCtClear();
            case NICIRA_LOAD:
                return new NiciraLoad();
            case NICIRA_RESUBMIT_TABLE:
                return new NiciraResubmitTable();
            default:
                throw unsupported("treatment", type);
        }
    }

    @Override
    public ExtensionSelector getExtensionSelector(ExtensionSelectorType type) {
        ExtensionSelectorTypes known = null;
        for (ExtensionSelectorTypes candidate : SELECTOR_TYPES) {
            if (candidate.type().equals(type)) {
                known = candidate;
            }
        }
        if (known == null) {
            throw unsupported("selector", type);
        }
        switch (known) {
            case NICIRA_MATCH_CONNTRACK_STATE:
                return new NiciraMatchCtState();
            case NICIRA_MATCH_CONNTRACK_ZONE:
                return new NiciraMatchCtZone();
            case NICIRA_MATCH_CONNTRACK_MARK:
                return new NiciraMatchCtMark();
            default:
                throw unsupported("selector", type);
        }
    }

    /**
     * Checks that a treatment type is one this resolver creates.
     *
     * @param type extension treatment type
     * @return the matching enum constant
     * @throws IllegalArgumentException if unsupported
     */
    static ExtensionTreatmentTypes checkTreatmentType(ExtensionTreatmentType type) {
        for (ExtensionTreatmentTypes candidate : TREATMENT_TYPES) {
            if (candidate.type().equals(type)) {
                return candidate;
            }
        }
        throw unsupported("treatment", type);
    }

    private static IllegalArgumentException unsupported(String kind, Object type) {
        return new IllegalArgumentException("Nicira extension " + kind + " type " + type
                + " is not supported by onos-dvr (supported: "
                + ("treatment".equals(kind) ? TREATMENT_TYPES : SELECTOR_TYPES) + ")");
    }
}
