package org.onosdvr.pipeline;

import org.onosdvr.api.DvrNode;
import org.onosdvr.api.DvrSnapshot;
import org.onosproject.net.DeviceId;

import java.util.ArrayList;
import java.util.Collections;
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
    private final List<Rule> rules = new ArrayList<>();
    private final RuleIndex index = new RuleIndex(64);
    private final Map<Integer, CompiledGroup> groups = new LinkedHashMap<>();

    DeviceContext(DvrNode node, DvrTopology topology, DvrFlowBuilder flows) {
        this.node = node;
        this.topology = topology;
        this.flows = flows;
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
        return flows.nicira();
    }

    DvrFlowBuilder flows() {
        return flows;
    }

    /** @return a new match builder */
    static Match.Builder match() {
        return Match.builder();
    }

    /** @return a new actions builder */
    static Actions.Builder actions() {
        return Actions.builder();
    }

    /**
     * Builds, validates and records a rule whose description is formatted only when read: formatting a line
     * per rule is a third of a large compile, and the reconciler never reads most of them.
     *
     * @param table    table
     * @param priority priority
     * @param match    match
     * @param actions  actions
     * @param source   model object key
     * @param format   description, a {@link String#format} pattern if args are given
     * @param args     its arguments (immutable values)
     */
    void add(PipelineTable table, int priority, Match.Builder match, Actions.Builder actions, String source,
             String format, Object... args) {
        add(DvrFlowBuilder.rule(table, priority, match.build(), actions.build(), source, format, args));
    }

    void add(Rule rule) {
        Rule held = index.get(rule);
        if (held == null) {
            index.add(rule);
            rules.add(rule);
        } else if (!held.actions().equals(rule.actions())) {
            throw new IllegalStateException("conflicting rules on " + device() + ": " + held + " / " + rule);
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
    List<Rule> rules() {
        return Collections.unmodifiableList(rules);
    }
}
