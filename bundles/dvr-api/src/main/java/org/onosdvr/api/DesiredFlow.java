package org.onosdvr.api;

import com.google.common.base.MoreObjects;
import org.onosproject.net.flow.FlowRule;

import java.util.Objects;

import static org.onosdvr.api.Checks.required;

/**
 * A rule the DVR wants on a device, with its provenance: the pipeline table's name, a one-line description and
 * the model object it comes from (e.g. "router:r1").
 */
public final class DesiredFlow {

    private final FlowRule flowRule;
    private final String table;
    private final String description;
    private final String source;

    /**
     * Creates a desired flow.
     *
     * @param flowRule    the rule
     * @param table       pipeline table name
     * @param description one line saying what it does
     * @param source      model object key it comes from
     */
    public DesiredFlow(FlowRule flowRule, String table, String description, String source) {
        this.flowRule = required(flowRule, "flowRule");
        this.table = table == null ? "" : table;
        this.description = description == null ? "" : description;
        this.source = source == null ? "" : source;
    }

    /** @return the rule */
    public FlowRule flowRule() {
        return flowRule;
    }

    /** @return pipeline table name */
    public String table() {
        return table;
    }

    /** @return what the rule does */
    public String description() {
        return description;
    }

    /** @return model object the rule comes from */
    public String source() {
        return source;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof DesiredFlow)) {
            return false;
        }
        DesiredFlow d = (DesiredFlow) o;
        return flowRule.exactMatch(d.flowRule) && table.equals(d.table) && description.equals(d.description)
                && source.equals(d.source);
    }

    @Override
    public int hashCode() {
        return Objects.hash(flowRule, table, description, source);
    }

    @Override
    public String toString() {
        return MoreObjects.toStringHelper(this).add("table", table).add("description", description)
                .add("source", source).add("rule", flowRule).toString();
    }
}
