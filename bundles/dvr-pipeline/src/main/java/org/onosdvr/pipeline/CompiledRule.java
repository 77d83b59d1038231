package org.onosdvr.pipeline;

import com.google.common.base.MoreObjects;
import org.onosproject.net.flow.FlowRule;

import java.util.Objects;

import static com.google.common.base.Preconditions.checkNotNull;

/**
 * A compiled flow rule with its provenance: the declared table, a one-line description and the model object it
 * comes from. Made only by {@link DvrFlowBuilder}, after validation against the table's declaration.
 */
public final class CompiledRule {

    private final FlowRule flowRule;
    private final PipelineTable table;
    private final String source;
    /** The description, or its {@link String#format} pattern when {@link #args} is not null. */
    private final String format;
    private final Object[] args;
    /** The formatted description, made when first read. */
    private volatile String description;

    CompiledRule(FlowRule flowRule, PipelineTable table, String description, String source) {
        this(flowRule, table, description, null, source);
    }

    CompiledRule(FlowRule flowRule, PipelineTable table, String format, Object[] args, String source) {
        this.flowRule = checkNotNull(flowRule);
        this.table = checkNotNull(table);
        this.format = checkNotNull(format);
        this.args = args;
        this.source = checkNotNull(source);
        this.description = args == null ? format : null;
    }

    /** @return the ONOS flow rule (app id, table, priority, permanent; cookie = ONOS flow id) */
    public FlowRule flowRule() {
        return flowRule;
    }

    /** @return the declared table */
    public PipelineTable table() {
        return table;
    }

    /** @return one line, e.g. "ARP reply for 10.0.1.1 (router r1, subnet s1)" */
    public String description() {
        String d = description;
        if (d == null) {
            // benign race: every thread formats the same immutable values to the same string
            d = String.format(format, args);
            description = d;
        }
        return d;
    }

    /** @return model object key, e.g. "router:r1", "port:p1", "node:of:...", "fip:f1", "pipeline" */
    public String source() {
        return source;
    }

    /** @return priority of the rule */
    public int priority() {
        return flowRule.priority();
    }

    /**
     * Returns a one-line explanation: table, priority, description and source.
     *
     * @return explanation
     */
    public String explain() {
        return table.tableName() + " priority " + flowRule.priority() + ": " + description() + " [" + source + "]";
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof CompiledRule)) {
            return false;
        }
        CompiledRule r = (CompiledRule) o;
        return RuleKey.of(flowRule).equals(RuleKey.of(r.flowRule)) && table == r.table
                && description().equals(r.description()) && source.equals(r.source);
    }

    @Override
    public int hashCode() {
        return Objects.hash(RuleKey.of(flowRule), description(), source);
    }

    @Override
    public String toString() {
        return MoreObjects.toStringHelper(this).add("table", table).add("priority", flowRule.priority())
                .add("selector", flowRule.selector().criteria()).add("treatment", flowRule.treatment())
                .add("description", description()).add("source", source).toString();
    }
}
