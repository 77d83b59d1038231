package org.onosdvr.pipeline;

import org.onlab.packet.EthType;
import org.onlab.packet.IPv4;
import org.onosproject.core.ApplicationId;
import org.onosproject.net.DeviceId;
import org.onosproject.net.PortNumber;
import org.onosproject.net.flow.DefaultFlowRule;
import org.onosproject.net.flow.FlowRule;

import java.util.Optional;

import static com.google.common.base.Preconditions.checkNotNull;

/**
 * The only place that makes rules: {@link #rule} checks a rule against its table's declaration
 * ({@link PipelineTable}) and attaches its provenance; {@link #flowRule} turns it into the ONOS flow rule of one
 * device, setting the app id, cookie, table, priority and permanence. Every violation is an
 * {@link IllegalStateException}: a compiler bug, never a user error.
 * <p>
 * The cookie (the ONOS flow id) is {@code appId << 48 | h}, where {@code h} is the low 48 bits of a stable
 * 64-bit hash ({@link StableHash}) of the device id, table, priority and match: deterministic across restarts
 * and machines, equal for the rule a switch holds and the rule compiled again, and independent of the actions
 * (a changed treatment keeps its cookie, as with ONOS's own flow ids). ONOS derives its flow id from the same
 * inputs with murmur3 over the criteria's {@code toString()} and keeps 32 bits; that was a fifth of a large
 * compile, and 48 bits make a collision between two rules of one device (14,000 rules on the busiest node of
 * the reference cloud) about 10^-7 likely instead of 2%.
 * </p>
 */
public final class DvrFlowBuilder {

    /** Highest OpenFlow priority. */
    public static final int MAX_PRIORITY = 0xffff;
    private static final long HASH_BITS = 0xffff_ffff_ffffL;

    private final ApplicationId appId;
    private final DeviceId deviceId;
    private final long deviceHash;
    private final ExtensionResolvers extensions;
    /** The device's Nicira actions, made when a rule first needs one. */
    private volatile NiciraActions nicira;

    /**
     * Creates the flow rule factory of one device.
     *
     * @param appId      application id every rule carries
     * @param deviceId   device
     * @param extensions where the device's Nicira extensions come from
     */
    public DvrFlowBuilder(ApplicationId appId, DeviceId deviceId, ExtensionResolvers extensions) {
        this.appId = checkNotNull(appId, "appId");
        this.deviceId = checkNotNull(deviceId, "deviceId");
        this.extensions = checkNotNull(extensions, "extensions");
        this.deviceHash = StableHash.of(deviceId.toString());
    }

    /** @return the application id every rule carries */
    public ApplicationId appId() {
        return appId;
    }

    /** @return the device the rules are for */
    public DeviceId deviceId() {
        return deviceId;
    }

    /** @return the device's Nicira actions */
    NiciraActions nicira() {
        NiciraActions n = nicira;
        if (n == null) {
            n = new NiciraActions(extensions.treatments(deviceId));
            nicira = n;     // benign race: equivalent factories
        }
        return n;
    }

    /**
     * Returns the cookie of a rule on this device (see the class comment).
     *
     * @param table    table
     * @param priority priority
     * @param match    match
     * @return cookie = ONOS flow id
     */
    long cookie(PipelineTable table, int priority, Match match) {
        long h = StableHash.mix(deviceHash, table.id(), priority, match.stableHash());
        return ((long) appId.id() << 48) | (h & HASH_BITS);
    }

    /**
     * Makes the ONOS flow rule of a compiled rule on this device.
     *
     * @param rule rule
     * @return flow rule
     */
    FlowRule flowRule(Rule rule) {
        return DefaultFlowRule.builder()
                .forDevice(deviceId)
                .forTable(rule.table().id())
                .withPriority(rule.priority())
                .withSelector(rule.match().selector())
                .withTreatment(rule.actions().treatment(nicira(), deviceId))
                .withCookie(cookie(rule.table(), rule.priority(), rule.match()))
                .makePermanent()
                .build();
    }

    /**
     * Makes a validated rule.
     *
     * @param table    declared table
     * @param priority priority, from the table's band in {@link Priorities}
     * @param match    match
     * @param actions  actions (apply-actions, write-metadata, goto)
     * @param source   model object key, e.g. "port:p1"
     * @param format   one-line description, a {@link String#format} pattern when {@code args} are given
     * @param args     its arguments (immutable values), formatted when the description is first read
     * @return the rule
     * @throws IllegalStateException if the rule breaks its table's declaration
     */
    static Rule rule(PipelineTable table, int priority, Match match, Actions actions, String source,
                     String format, Object... args) {
        validate(table, priority, match, actions);
        return new Rule(table, priority, match, actions, source, format, args.length == 0 ? null : args);
    }

    /**
     * Makes the table-miss rule of a table from its declaration.
     *
     * @param table table
     * @return priority-0 rule that drops or continues to the miss target
     */
    static Rule missRule(PipelineTable table) {
        Actions.Builder a = Actions.builder();
        String what;
        if (table.miss() == PipelineTable.Miss.GOTO) {
            PipelineTable target = table.missTarget()
                    .orElseThrow(() -> new IllegalStateException(table + ": goto miss without target"));
            a.transition(target.id());
            what = "goto " + target.tableName();
        } else {
            a.drop();
            what = "drop";
        }
        return rule(table, Priorities.MISS, Match.empty(), a.build(), Sources.PIPELINE, "table-miss: " + what);
    }

    /**
     * Checks a rule against its table's declaration: priority range (0 only for the miss rule), allowed match
     * fields and their OpenFlow prerequisites, allowed actions, allowed forward gotos and recirculations.
     *
     * @param table    table
     * @param priority priority
     * @param match    match
     * @param actions  actions
     * @throws IllegalStateException on the first violation
     */
    static void validate(PipelineTable table, int priority, Match match, Actions actions) {
        check(priority >= 0 && priority <= MAX_PRIORITY, "%s: priority %s out of range", table, priority);
        check(priority != Priorities.MISS || match.size() == 0,
              "%s: priority 0 is reserved for the table-miss rule", table);
        for (Match.Field f : Match.fields()) {
            if (match.has(f)) {
                check(table.allowedMatches().contains(f.type()), "%s: match on %s is not declared", table,
                      f.type());
                checkPrerequisite(table, match, f);
            }
        }
        actions.forEach((op, v, i) -> {
            switch (op) {
                case OUTPUT:
                    checkAction(table, v[i] == PortNumber.CONTROLLER.toLong() ? PipelineAction.PUNT
                            : PipelineAction.OUTPUT);
                    break;
                case CT_COMMIT_SNAT:
                case CT_REVERSE_NAT:
                    checkActions(table, op);
                    checkGoto(table, (int) v[i + 1], "ct recirculation");
                    break;
                default:
                    checkActions(table, op);
                    break;
            }
        });
        if (actions.writesMetadata()) {
            checkAction(table, PipelineAction.WRITE_METADATA);
        }
        if (actions.gotoTable() >= 0) {
            checkGoto(table, actions.gotoTable(), "goto");
        }
    }

    private static void checkActions(PipelineTable table, Actions.Op op) {
        for (PipelineAction k : op.kindArray()) {
            checkAction(table, k);
        }
    }

    private static void checkAction(PipelineTable table, PipelineAction action) {
        check(table.allowedActions().contains(action), "%s: action %s is not declared", table, action);
    }

    private static void checkGoto(PipelineTable table, int target, String how) {
        Optional<PipelineTable> to = PipelineTable.byId(target);
        check(to.isPresent(), "%s: %s to undeclared table %s", table, how, target);
        check(to.get().id() > table.id(), "%s: %s to %s goes backward", table, how, to.get());
        check(table.allowedGotos().contains(to.get()), "%s: %s to %s is not declared", table, how, to.get());
    }

    private static void checkPrerequisite(PipelineTable table, Match m, Match.Field f) {
        switch (f) {
            case IPV4_SRC:
            case IPV4_DST:
            case IP_PROTO:
                check(ethType(m) == EthType.EtherType.IPV4.ethType().toShort(),
                      "%s: %s needs eth_type=ipv4", table, f.type());
                break;
            case ARP_OP:
            case ARP_SPA:
            case ARP_TPA:
            case ARP_SHA:
                check(ethType(m) == EthType.EtherType.ARP.ethType().toShort(),
                      "%s: %s needs eth_type=arp", table, f.type());
                break;
            case ICMPV4_TYPE:
                check(ipProto(m) == IPv4.PROTOCOL_ICMP, "%s: %s needs ip_proto=icmp", table, f.type());
                break;
            case UDP_DST:
                check(ipProto(m) == IPv4.PROTOCOL_UDP, "%s: %s needs ip_proto=udp", table, f.type());
                break;
            default:
                break;
        }
    }

    private static short ethType(Match m) {
        return m.has(Match.Field.ETH_TYPE) ? (short) m.get(Match.Field.ETH_TYPE) : 0;
    }

    private static short ipProto(Match m) {
        return m.has(Match.Field.IP_PROTO) ? (short) m.get(Match.Field.IP_PROTO) : -1;
    }

    private static void check(boolean ok, String format, Object... args) {
        if (!ok) {
            throw new IllegalStateException(String.format(format, args));
        }
    }
}
