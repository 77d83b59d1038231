package org.onosdvr.pipeline;

import java.util.Arrays;
import java.util.Objects;

/**
 * The rules (and OpenFlow groups) one model object puts on a device: the unit of incremental compilation.
 * Immutable; a group that does not depend on the device (e.g. a remote VM's l2_lookup and arp_resolve rules)
 * is one object shared by every device holding it.
 */
final class RuleGroup {

    private static final Rule[] NO_RULES = new Rule[0];
    private static final CompiledGroup[] NO_GROUPS = new CompiledGroup[0];

    private final String source;
    private final Rule[] rules;
    private final CompiledGroup[] groups;
    private final int hash;

    RuleGroup(String source, Rule[] rules, CompiledGroup[] groups) {
        this.source = source;
        this.rules = rules.length == 0 ? NO_RULES : rules;
        this.groups = groups.length == 0 ? NO_GROUPS : groups;
        this.hash = Objects.hash(source, Arrays.hashCode(rules));
    }

    /** @return model object key of every rule, e.g. "port:p1" */
    String source() {
        return source;
    }

    /** @return number of rules */
    int size() {
        return rules.length;
    }

    /**
     * @param i index
     * @return the i-th rule, in the order the features made them
     */
    Rule rule(int i) {
        return rules[i];
    }

    /** @return the OpenFlow groups (usually none) */
    CompiledGroup[] groups() {
        return groups.clone();
    }

    /** @return true if it holds no rule and no group */
    boolean isEmpty() {
        return rules.length == 0 && groups.length == 0;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof RuleGroup)) {
            return false;
        }
        RuleGroup g = (RuleGroup) o;
        return hash == g.hash && source.equals(g.source) && Arrays.equals(rules, g.rules)
                && Arrays.equals(groups, g.groups);
    }

    @Override
    public int hashCode() {
        return hash;
    }

    @Override
    public String toString() {
        return "RuleGroup{" + source + ": " + rules.length + " rules, " + groups.length + " groups}";
    }
}
