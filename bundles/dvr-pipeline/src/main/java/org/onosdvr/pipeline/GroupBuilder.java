package org.onosdvr.pipeline;

import java.util.ArrayList;
import java.util.List;

/**
 * Collects the rules and groups one model object ({@link #source()}) puts on a device. A rule made twice is kept
 * once; two rules with the same table, priority and match but other actions are a compiler bug
 * ({@link IllegalStateException}).
 */
final class GroupBuilder {

    private final String source;
    private final List<Rule> rules = new ArrayList<>(4);
    private final List<CompiledGroup> groups = new ArrayList<>(0);

    /**
     * @param source model object key of the rules
     */
    GroupBuilder(String source) {
        this.source = source;
    }

    /** @return model object key of the rules */
    String source() {
        return source;
    }

    /**
     * Builds, validates and records a rule. The description is formatted only when read: formatting a line per
     * rule was a third of a large compile, and the reconciler never reads most of them.
     *
     * @param table    table
     * @param priority priority
     * @param match    match
     * @param actions  actions
     * @param format   description, a {@link String#format} pattern if args are given
     * @param args     its arguments (immutable values)
     */
    void add(PipelineTable table, int priority, Match.Builder match, Actions.Builder actions, String format,
             Object... args) {
        add(DvrFlowBuilder.rule(table, priority, match.build(), actions.build(), source, format, args));
    }

    /**
     * Records a rule of this source.
     *
     * @param rule rule
     */
    void add(Rule rule) {
        for (Rule r : rules) {
            if (r.sameKey(rule)) {
                if (!r.actions().equals(rule.actions())) {
                    throw new IllegalStateException("conflicting rules of " + source + ": " + r + " / " + rule);
                }
                return;
            }
        }
        rules.add(rule);
    }

    /**
     * Records a group; the same group twice is kept once, two different groups with one id are a compiler bug
     * ({@link IllegalStateException}).
     *
     * @param group group
     * @return the group
     */
    CompiledGroup addGroup(CompiledGroup group) {
        for (CompiledGroup g : groups) {
            if (g.group().givenGroupId().equals(group.group().givenGroupId())) {
                if (!g.equals(group)) {
                    throw new IllegalStateException("conflicting groups: " + g.explain() + " / " + group.explain());
                }
                return g;
            }
        }
        groups.add(group);
        return group;
    }

    /** @return the rules and groups recorded, in order */
    RuleGroup build() {
        return new RuleGroup(source, rules.toArray(new Rule[0]), groups.toArray(new CompiledGroup[0]));
    }
}
