package org.onosdvr.pipeline;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One device's compiled rules while they change: the immutable {@link DeviceRules} (what pipelines hand out)
 * plus the {@link RuleIndex} of its OpenFlow entries, which tells whether a rule a group stops or starts making
 * is the last or first rule of its entry, hence what the switch must lose or gain. Not thread-safe.
 */
final class DeviceState {

    private DeviceRules rules;
    private final RuleIndex index;

    private DeviceState(DeviceRules rules, RuleIndex index) {
        this.rules = rules;
        this.index = index;
    }

    /**
     * Builds a device's state from all its groups.
     *
     * @param groups non-empty groups, one per source
     * @return state
     * @throws IllegalStateException if two groups make conflicting rules (same entry key, other actions)
     */
    static DeviceState of(List<RuleGroup> groups) {
        int n = 0;
        for (RuleGroup g : groups) {
            n += g.size();
        }
        RuleIndex index = new RuleIndex(n);
        for (RuleGroup g : groups) {
            for (int i = 0; i < g.size(); i++) {
                index.add(g.rule(i));
            }
        }
        return new DeviceState(DeviceRules.of(groups, index.size(), index.duplicates()), index);
    }

    /**
     * Lists one rule per OpenFlow entry of the device.
     *
     * @param out receives them
     */
    void entries(List<Rule> out) {
        index.forEach(out::add);
    }

    /** @return the device's rules now */
    DeviceRules rules() {
        return rules;
    }

    /**
     * Replaces groups and tells what changes on the switch.
     *
     * @param changed new groups by source (an empty group removes its source); equal groups are ignored
     * @param added   receives the entries the switch must gain
     * @param removed receives the entries the switch must lose
     * @throws IllegalStateException if a new rule conflicts with a rule of another group
     */
    void apply(Collection<RuleGroup> changed, List<Rule> added, List<Rule> removed) {
        List<RuleGroup> replaced = new ArrayList<>(changed.size());
        List<Rule> gone = new ArrayList<>();
        List<Rule> fresh = new ArrayList<>();
        for (RuleGroup g : changed) {
            RuleGroup old = rules.group(g.source());
            if (old == g || (old == null && g.isEmpty()) || g.equals(old)) {
                continue;
            }
            replaced.add(g);
            diff(old, g, gone, fresh);
        }
        if (replaced.isEmpty()) {
            return;
        }
        List<Rule> lost = new ArrayList<>();
        List<Rule> gained = new ArrayList<>();
        for (Rule r : gone) {
            if (index.remove(r)) {
                lost.add(r);
            }
        }
        for (Rule r : fresh) {
            if (index.add(r)) {
                gained.add(r);
            }
        }
        cancel(lost, gained, added, removed);
        rules = rules.with(replaced, index.size(), index.duplicates());
    }

    /** Rules of {@code before} that {@code after} does not make (by entry), and the other way round. */
    private static void diff(RuleGroup before, RuleGroup after, List<Rule> gone, List<Rule> fresh) {
        int b = before == null ? 0 : before.size();
        for (int i = 0; i < b; i++) {
            if (!makes(after, before.rule(i))) {
                gone.add(before.rule(i));
            }
        }
        for (int i = 0; i < after.size(); i++) {
            if (b == 0 || !makes(before, after.rule(i))) {
                fresh.add(after.rule(i));
            }
        }
    }

    private static boolean makes(RuleGroup g, Rule r) {
        for (int i = 0; i < g.size(); i++) {
            if (g.rule(i).sameEntry(r)) {
                return true;
            }
        }
        return false;
    }

    /** An entry lost by one group and gained by another in the same step does not change on the switch. */
    private static void cancel(List<Rule> lost, List<Rule> gained, List<Rule> added, List<Rule> removed) {
        if (lost.isEmpty() || gained.isEmpty()) {
            added.addAll(gained);
            removed.addAll(lost);
            return;
        }
        Map<Integer, List<Rule>> byKey = new HashMap<>();
        lost.forEach(r -> byKey.computeIfAbsent(r.keyHash(), k -> new ArrayList<>()).add(r));
        Set<Rule> kept = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Rule r : gained) {
            Rule match = null;
            for (Rule x : byKey.getOrDefault(r.keyHash(), List.of())) {
                if (x.sameEntry(r) && !kept.contains(x)) {
                    match = x;
                    break;
                }
            }
            if (match != null) {
                kept.add(match);
            } else {
                added.add(r);
            }
        }
        lost.stream().filter(r -> !kept.contains(r)).forEach(removed::add);
    }
}
