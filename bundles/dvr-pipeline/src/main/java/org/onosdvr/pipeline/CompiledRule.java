package org.onosdvr.pipeline;

import com.google.common.base.MoreObjects;
import org.onosproject.net.DeviceId;
import org.onosproject.net.flow.FlowRule;

import java.util.Objects;

/**
 * A compiled rule of one device with its provenance: the declared table, a one-line description and the model
 * object it comes from. The ONOS {@link FlowRule} is made when first asked for ({@link DvrFlowBuilder}: app id,
 * table, priority, permanent, cookie), so compiling a large cloud costs the compact rules only. Made by the
 * compiler; equal when device, table, priority, match, actions and provenance are.
 */
public final class CompiledRule {

    private final DvrFlowBuilder device;
    private final Rule rule;
    /** The ONOS rule, made when first read. */
    private volatile FlowRule flowRule;

    CompiledRule(DvrFlowBuilder device, Rule rule) {
        this.device = device;
        this.rule = rule;
    }

    /** @return the device-independent rule */
    Rule rule() {
        return rule;
    }

    /** @return the device */
    public DeviceId deviceId() {
        return device.deviceId();
    }

    /** @return the ONOS flow rule (app id, table, priority, permanent; cookie from {@link DvrFlowBuilder#cookie}) */
    public FlowRule flowRule() {
        FlowRule r = flowRule;
        if (r == null) {
            r = device.flowRule(rule);
            flowRule = r;   // benign race: equal rules
        }
        return r;
    }

    /** @return the declared table */
    public PipelineTable table() {
        return rule.table();
    }

    /** @return one line, e.g. "ARP reply for 10.0.1.1 (router r1, subnet s1)" */
    public String description() {
        return rule.description();
    }

    /** @return model object key, e.g. "router:r1", "port:p1", "node:of:...", "fip:f1", "pipeline" */
    public String source() {
        return rule.source();
    }

    /** @return priority of the rule */
    public int priority() {
        return rule.priority();
    }

    /**
     * Returns a one-line explanation: table, priority, description and source.
     *
     * @return explanation
     */
    public String explain() {
        return rule.table().tableName() + " priority " + rule.priority() + ": " + description() + " ["
                + rule.source() + "]";
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
        return rule.equals(r.rule) && deviceId().equals(r.deviceId());
    }

    @Override
    public int hashCode() {
        return Objects.hash(deviceId(), rule);
    }

    @Override
    public String toString() {
        return MoreObjects.toStringHelper(this).add("device", deviceId()).add("table", rule.table())
                .add("priority", rule.priority()).add("match", rule.match()).add("actions", rule.actions())
                .add("description", description()).add("source", rule.source()).toString();
    }
}
