package org.onosdvr.pipeline;

import org.onosdvr.api.DvrNode;
import org.onosdvr.api.DvrSnapshot;
import org.onosproject.net.DeviceId;
import org.onosproject.net.flow.DefaultTrafficSelector;
import org.onosproject.net.flow.DefaultTrafficTreatment;
import org.onosproject.net.flow.TrafficSelector;
import org.onosproject.net.flow.TrafficTreatment;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything a {@link FlowFeature} needs to build one device's rules, and where they are collected. Two rules
 * with the same table, priority and match are either identical (the second is dropped) or a compiler bug
 * ({@link IllegalStateException}).
 */
final class DeviceContext {

    private final DvrNode node;
    private final DvrTopology topology;
    private final DvrFlowBuilder flows;
    private final NiciraActions nicira;
    private final List<CompiledRule> rules = new ArrayList<>();
    private final Map<RuleKey.MatchKey, CompiledRule> byMatch = new HashMap<>();
    private final Map<Integer, CompiledGroup> groups = new LinkedHashMap<>();

    DeviceContext(DvrNode node, DvrTopology topology, DvrFlowBuilder flows, NiciraActions nicira) {
        this.node = node;
        this.topology = topology;
        this.flows = flows;
        this.nicira = nicira;
    }

    DvrNode node() {
        return node;
    }

    DeviceId device() {
        return node.deviceId();
    }

    DvrTopology topology() {
        return topology;
    }

    DvrSnapshot snapshot() {
        return topology.snapshot();
    }

    NiciraActions nicira() {
        return nicira;
    }

    DvrFlowBuilder flows() {
        return flows;
    }

    /** @return a new selector builder */
    static TrafficSelector.Builder match() {
        return DefaultTrafficSelector.builder();
    }

    /** @return a new treatment builder */
    static TrafficTreatment.Builder actions() {
        return DefaultTrafficTreatment.builder();
    }

    /**
     * Builds, validates and records a rule.
     *
     * @param table       table
     * @param priority    priority
     * @param selector    match
     * @param treatment   actions
     * @param source      model object key
     * @param description one line
     */
    void add(PipelineTable table, int priority, TrafficSelector.Builder selector,
             TrafficTreatment.Builder treatment, String source, String description) {
        add(flows.build(table, priority, selector.build(), treatment.build(), source, description));
    }

    /**
     * Builds, validates and records a rule whose description is formatted only when read: formatting a line
     * per rule is a third of a large compile, and the reconciler never reads most of them.
     *
     * @param table     table
     * @param priority  priority
     * @param selector  match
     * @param treatment actions
     * @param source    model object key
     * @param format    description, a {@link String#format} pattern
     * @param args      its arguments (immutable values)
     */
    void add(PipelineTable table, int priority, TrafficSelector.Builder selector,
             TrafficTreatment.Builder treatment, String source, String format, Object... args) {
        add(flows.build(table, priority, selector.build(), treatment.build(), source, format, args));
    }

    void add(CompiledRule rule) {
        RuleKey.MatchKey key = RuleKey.of(rule.flowRule()).matchKey();
        CompiledRule existing = byMatch.putIfAbsent(key, rule);
        if (existing == null) {
            rules.add(rule);
        } else if (!RuleKey.of(existing.flowRule()).equals(RuleKey.of(rule.flowRule()))) {
            throw new IllegalStateException("conflicting rules on " + device() + ": " + existing.explain()
                                                    + " / " + rule.explain());
        }
    }

    /**
     * Records a group; adding the same group twice keeps one, two different groups with one id are a compiler
     * bug ({@link IllegalStateException}).
     *
     * @param group group of this device
     * @return the group
     */
    CompiledGroup addGroup(CompiledGroup group) {
        if (!group.deviceId().equals(device())) {
            throw new IllegalStateException("group " + group + " is not for " + device());
        }
        CompiledGroup existing = groups.putIfAbsent(group.group().givenGroupId(), group);
        if (existing != null && !existing.equals(group)) {
            throw new IllegalStateException("conflicting groups on " + device() + ": " + existing.explain()
                                                    + " / " + group.explain());
        }
        return group;
    }

    /** @return groups added so far, in order */
    List<CompiledGroup> groups() {
        return List.copyOf(groups.values());
    }

    /** @return rules added so far, in order */
    List<CompiledRule> rules() {
        return Collections.unmodifiableList(rules);
    }
}
