package org.onosdvr.pipeline;

import org.onlab.packet.EthType;
import org.onlab.packet.IPv4;
import org.onosproject.core.ApplicationId;
import org.onosproject.net.DeviceId;
import org.onosproject.net.flow.DefaultFlowRule;
import org.onosproject.net.flow.DefaultTrafficSelector;
import org.onosproject.net.flow.DefaultTrafficTreatment;
import org.onosproject.net.flow.FlowRule;
import org.onosproject.net.flow.TrafficSelector;
import org.onosproject.net.flow.TrafficTreatment;
import org.onosproject.net.flow.criteria.Criterion;
import org.onosproject.net.flow.criteria.EthTypeCriterion;
import org.onosproject.net.flow.criteria.IPProtocolCriterion;
import org.onosproject.net.flow.instructions.ExtensionPropertyException;
import org.onosproject.net.flow.instructions.ExtensionTreatment;
import org.onosproject.net.flow.instructions.Instruction;
import org.onosproject.net.flow.instructions.Instructions;

import java.util.List;
import java.util.Optional;

import static com.google.common.base.Preconditions.checkNotNull;

/**
 * The only place that makes flow rules: it sets the app id, table, priority and permanence, checks the rule
 * against its table's declaration ({@link PipelineTable}) and attaches the provenance. Every violation is an
 * {@link IllegalStateException}: a compiler bug, never a user error.
 */
public final class DvrFlowBuilder {

    /** Highest OpenFlow priority. */
    public static final int MAX_PRIORITY = 0xffff;

    private final ApplicationId appId;
    private final DeviceId deviceId;

    /**
     * Creates a builder of one device's rules.
     *
     * @param appId    application id every rule carries
     * @param deviceId device
     */
    public DvrFlowBuilder(ApplicationId appId, DeviceId deviceId) {
        this.appId = checkNotNull(appId, "appId");
        this.deviceId = checkNotNull(deviceId, "deviceId");
    }

    /** @return the application id every rule carries */
    public ApplicationId appId() {
        return appId;
    }

    /** @return the device the rules are for */
    public DeviceId deviceId() {
        return deviceId;
    }

    /**
     * Builds a validated rule.
     *
     * @param table       declared table
     * @param priority    priority, from the table's band in {@link Priorities}
     * @param selector    match
     * @param treatment   actions (apply-actions, write-metadata, goto)
     * @param source      model object key, e.g. "port:p1"
     * @param description one-line description
     * @return the compiled rule
     * @throws IllegalStateException if the rule breaks its table's declaration
     */
    public CompiledRule build(PipelineTable table, int priority, TrafficSelector selector,
                              TrafficTreatment treatment, String source, String description) {
        return new CompiledRule(flowRule(table, priority, selector, treatment), table, description, source);
    }

    /**
     * Builds a validated rule whose description is formatted when first read.
     *
     * @param table     declared table
     * @param priority  priority, from the table's band in {@link Priorities}
     * @param selector  match
     * @param treatment actions (apply-actions, write-metadata, goto)
     * @param source    model object key, e.g. "port:p1"
     * @param format    one-line description, a {@link String#format} pattern
     * @param args      its arguments (immutable values)
     * @return the compiled rule
     * @throws IllegalStateException if the rule breaks its table's declaration
     */
    public CompiledRule build(PipelineTable table, int priority, TrafficSelector selector,
                              TrafficTreatment treatment, String source, String format, Object... args) {
        return new CompiledRule(flowRule(table, priority, selector, treatment), table, format, args, source);
    }

    private FlowRule flowRule(PipelineTable table, int priority, TrafficSelector selector,
                              TrafficTreatment treatment) {
        validate(table, priority, selector, treatment);
        FlowRule rule = DefaultFlowRule.builder()
                .forDevice(deviceId)
                .forTable(table.id())
                .withPriority(priority)
                .withSelector(selector)
                .withTreatment(treatment)
                .fromApp(appId)
                .makePermanent()
                .build();
        return rule;
    }

    /**
     * Builds the table-miss rule of a table from its declaration.
     *
     * @param table table
     * @return priority-0 rule that drops or continues to the miss target
     */
    public CompiledRule missRule(PipelineTable table) {
        TrafficTreatment.Builder t = DefaultTrafficTreatment.builder();
        String what;
        if (table.miss() == PipelineTable.Miss.GOTO) {
            PipelineTable target = table.missTarget()
                    .orElseThrow(() -> new IllegalStateException(table + ": goto miss without target"));
            t.transition(target.id());
            what = "goto " + target.tableName();
        } else {
            t.drop();
            what = "drop";
        }
        return build(table, Priorities.MISS, DefaultTrafficSelector.emptySelector(), t.build(), "pipeline",
                     "table-miss: " + what);
    }

    /**
     * Checks a rule against its table's declaration: priority range (0 only for the miss rule), allowed match
     * fields and their OpenFlow prerequisites, allowed actions, allowed forward gotos and recirculations.
     *
     * @param table     table
     * @param priority  priority
     * @param selector  match
     * @param treatment actions
     * @throws IllegalStateException on the first violation
     */
    public static void validate(PipelineTable table, int priority, TrafficSelector selector,
                                TrafficTreatment treatment) {
        check(priority >= 0 && priority <= MAX_PRIORITY, "%s: priority %s out of range", table, priority);
        check(priority != Priorities.MISS || selector.criteria().isEmpty(),
              "%s: priority 0 is reserved for the table-miss rule", table);
        for (Criterion c : selector.criteria()) {
            check(table.allowedMatches().contains(c.type()), "%s: match on %s is not declared", table, c.type());
            checkPrerequisite(table, selector, c.type());
        }
        check(treatment.deferred().isEmpty() && !treatment.clearedDeferred(),
              "%s: write-actions/clear-actions are not used by the pipeline", table);
        for (Instruction i : treatment.immediate()) {
            Optional<PipelineAction> kind = PipelineAction.of(i);
            kind.ifPresent(k -> checkAction(table, k));
            if (i instanceof Instructions.ExtensionInstructionWrapper) {
                checkExtension(table, ((Instructions.ExtensionInstructionWrapper) i).extensionInstruction());
            }
        }
        if (treatment.writeMetadata() != null) {
            checkAction(table, PipelineAction.WRITE_METADATA);
        }
        if (treatment.tableTransition() != null) {
            checkGoto(table, treatment.tableTransition().tableId(), "goto");
        }
    }

    private static void checkAction(PipelineTable table, PipelineAction action) {
        check(table.allowedActions().contains(action), "%s: action %s is not declared", table, action);
    }

    private static void checkExtension(PipelineTable table, ExtensionTreatment ext) {
        if (PipelineAction.ofExtension(ext.type()) != PipelineAction.CT) {
            return;
        }
        Object recirc = property(ext, "recircTable");
        if (recirc instanceof Number && (((Number) recirc).intValue() & 0xff) != 0xff) {
            checkGoto(table, ((Number) recirc).intValue() & 0xff, "ct recirculation");
        }
        Object nested = property(ext, "nestedActions");
        if (nested instanceof List) {
            for (Object n : (List<?>) nested) {
                check(n instanceof ExtensionTreatment, "%s: ct nests a non-extension action %s", table, n);
                checkAction(table, PipelineAction.ofExtension(((ExtensionTreatment) n).type()));
            }
        }
    }

    private static Object property(ExtensionTreatment ext, String name) {
        try {
            return ext.getPropertyValue(name);
        } catch (ExtensionPropertyException e) {
            throw new IllegalStateException("extension " + ext.type() + " has no property " + name, e);
        }
    }

    private static void checkGoto(PipelineTable table, int target, String how) {
        Optional<PipelineTable> to = PipelineTable.byId(target);
        check(to.isPresent(), "%s: %s to undeclared table %s", table, how, target);
        check(to.get().id() > table.id(), "%s: %s to %s goes backward", table, how, to.get());
        check(table.allowedGotos().contains(to.get()), "%s: %s to %s is not declared", table, how, to.get());
    }

    private static void checkPrerequisite(PipelineTable table, TrafficSelector s, Criterion.Type type) {
        switch (type) {
            case IPV4_SRC:
            case IPV4_DST:
            case IP_PROTO:
                check(ethType(s) == EthType.EtherType.IPV4.ethType().toShort(),
                      "%s: %s needs eth_type=ipv4", table, type);
                break;
            case ARP_OP:
            case ARP_SPA:
            case ARP_TPA:
            case ARP_SHA:
                check(ethType(s) == EthType.EtherType.ARP.ethType().toShort(),
                      "%s: %s needs eth_type=arp", table, type);
                break;
            case ICMPV4_TYPE:
                check(ipProto(s) == IPv4.PROTOCOL_ICMP, "%s: %s needs ip_proto=icmp", table, type);
                break;
            case UDP_DST:
                check(ipProto(s) == IPv4.PROTOCOL_UDP, "%s: %s needs ip_proto=udp", table, type);
                break;
            default:
                break;
        }
    }

    private static short ethType(TrafficSelector s) {
        Criterion c = s.getCriterion(Criterion.Type.ETH_TYPE);
        return c == null ? 0 : ((EthTypeCriterion) c).ethType().toShort();
    }

    private static short ipProto(TrafficSelector s) {
        Criterion c = s.getCriterion(Criterion.Type.IP_PROTO);
        return c == null ? -1 : ((IPProtocolCriterion) c).protocol();
    }

    private static void check(boolean ok, String format, Object... args) {
        if (!ok) {
            throw new IllegalStateException(String.format(format, args));
        }
    }
}
