package org.onosdvr.openflow.translate;

import org.onosproject.net.flow.FlowRule;
import org.onosproject.net.flow.TrafficSelector;
import org.onosproject.net.flow.TrafficTreatment;
import org.projectfloodlight.openflow.protocol.OFFactory;
import org.projectfloodlight.openflow.protocol.OFFlowMod;
import org.projectfloodlight.openflow.protocol.OFFlowModCommand;
import org.projectfloodlight.openflow.protocol.OFFlowModFlags;
import org.projectfloodlight.openflow.protocol.OFVersion;
import org.projectfloodlight.openflow.protocol.action.OFAction;
import org.projectfloodlight.openflow.protocol.instruction.OFInstruction;
import org.projectfloodlight.openflow.protocol.match.Match;
import org.projectfloodlight.openflow.types.OFBufferId;
import org.projectfloodlight.openflow.types.OFGroup;
import org.projectfloodlight.openflow.types.OFPort;
import org.projectfloodlight.openflow.types.TableId;
import org.projectfloodlight.openflow.types.U64;

import java.util.List;
import java.util.Set;

/**
 * Encodes ONOS {@link FlowRule}s as OpenFlow 1.3 FLOW_MODs.
 * <p>
 * cookie = {@code rule.id().value()}; table, priority, idle timeout (0 when permanent) and hard timeout from the
 * rule; flag SEND_FLOW_REM (like ONOS); no buffer. See the package documentation for what is supported.
 */
public final class FlowModEncoder {

    private static final int MAX_PRIORITY = 0xffff;
    private static final int MAX_TABLE = 0xfe;

    private FlowModEncoder() {
    }

    /**
     * Encodes a flow rule.
     *
     * @param rule    ONOS flow rule
     * @param factory OpenFlow 1.3 factory
     * @param command {@link OFFlowModCommand#ADD}, {@link OFFlowModCommand#MODIFY_STRICT} or
     *                {@link OFFlowModCommand#DELETE_STRICT}
     * @return the FLOW_MOD (xid from the factory)
     * @throws OfTranslationException if anything in the rule cannot be encoded
     */
    public static OFFlowMod toFlowMod(FlowRule rule, OFFactory factory, OFFlowModCommand command) {
        checkVersion(factory);
        int priority = rule.priority();
        if (priority < 0 || priority > MAX_PRIORITY) {
            throw new OfTranslationException("priority " + priority + " outside 0..65535 in " + rule);
        }
        int table = rule.tableId();
        if (table < 0 || table > MAX_TABLE) {
            throw new OfTranslationException("table " + table + " outside 0..254 in " + rule);
        }
        Match match = toMatch(rule.selector(), factory);
        OFFlowMod.Builder builder;
        switch (command) {
            case ADD:
                builder = factory.buildFlowAdd();
                break;
            case MODIFY_STRICT:
                builder = factory.buildFlowModifyStrict();
                break;
            case DELETE_STRICT:
                builder = factory.buildFlowDeleteStrict()
                        .setOutPort(OFPort.ANY)
                        .setOutGroup(OFGroup.ANY);
                break;
            default:
                throw new OfTranslationException("unsupported FLOW_MOD command " + command
                        + " (use ADD, MODIFY_STRICT or DELETE_STRICT)");
        }
        builder.setXid(factory.nextXid())
                .setCookie(U64.of(rule.id().value()))
                .setTableId(TableId.of(table))
                .setPriority(priority)
                .setMatch(match)
                .setIdleTimeout(rule.isPermanent() ? 0 : rule.timeout())
                .setHardTimeout(rule.hardTimeout())
                .setBufferId(OFBufferId.NO_BUFFER)
                .setFlags(Set.of(OFFlowModFlags.SEND_FLOW_REM));
        if (command != OFFlowModCommand.DELETE_STRICT) {
            builder.setInstructions(toInstructions(rule.treatment(), factory));
        }
        return builder.build();
    }

    /**
     * Encodes a strict delete of an installed flow, e.g. one whose actions cannot be decoded.
     *
     * @param flow    installed flow as read from the switch
     * @param factory OpenFlow 1.3 factory
     * @return DELETE_STRICT of exactly that flow (table, priority, match)
     */
    public static OFFlowMod deleteStrict(InstalledFlow flow, OFFactory factory) {
        checkVersion(factory);
        return factory.buildFlowDeleteStrict()
                .setXid(factory.nextXid())
                .setTableId(TableId.of(flow.tableId()))
                .setPriority(flow.priority())
                .setMatch(flow.match())
                .setOutPort(OFPort.ANY)
                .setOutGroup(OFGroup.ANY)
                .build();
    }

    /**
     * Encodes a selector as a match. Compare this with {@link InstalledFlow#match()} to reconcile.
     *
     * @param selector ONOS selector
     * @param factory  OpenFlow 1.3 factory
     * @return match
     * @throws OfTranslationException for unsupported criteria or missing OpenFlow prerequisites
     */
    public static Match toMatch(TrafficSelector selector, OFFactory factory) {
        checkVersion(factory);
        return MatchTranslator.toMatch(selector, factory);
    }

    /**
     * Encodes a treatment as instructions.
     *
     * @param treatment ONOS treatment
     * @param factory   OpenFlow 1.3 factory
     * @return instructions in the order clear_actions, apply_actions, write_metadata, goto_table
     * @throws OfTranslationException for unsupported instructions
     */
    public static List<OFInstruction> toInstructions(TrafficTreatment treatment, OFFactory factory) {
        checkVersion(factory);
        return InstructionTranslator.toInstructions(treatment, factory);
    }

    /**
     * Encodes the immediate part of a treatment as an action list (e.g. for a PACKET_OUT).
     *
     * @param treatment ONOS treatment
     * @param factory   OpenFlow 1.3 factory
     * @return actions
     * @throws OfTranslationException for unsupported instructions
     */
    public static List<OFAction> toActions(TrafficTreatment treatment, OFFactory factory) {
        checkVersion(factory);
        return InstructionTranslator.toActions(treatment.immediate(), factory);
    }

    static void checkVersion(OFFactory factory) {
        if (factory.getVersion() != OFVersion.OF_13) {
            throw new OfTranslationException("only OpenFlow 1.3 is supported, not " + factory.getVersion());
        }
    }
}
