package org.onosdvr.pipeline;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableSet;
import com.google.common.collect.ImmutableSortedMap;
import org.onosproject.net.DeviceId;
import org.onosproject.net.flow.FlowRule;

import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The desired rules and groups of every device, each with its provenance. Immutable; devices iterate in id order, rules
 * by table, then priority (highest first), then the order the compiler made them.
 */
public final class CompiledPipeline {

    private static final Comparator<Rule> RULE_ORDER =
            Comparator.comparingInt((Rule r) -> r.table().id()).thenComparing(r -> -r.priority());

    private static final Comparator<CompiledGroup> GROUP_ORDER =
            Comparator.comparingInt(g -> g.group().givenGroupId());

    private final ImmutableSortedMap<DeviceId, ImmutableList<Rule>> rules;
    private final ImmutableSortedMap<DeviceId, ImmutableList<CompiledGroup>> groups;
    private final Function<DeviceId, DvrFlowBuilder> builders;

    CompiledPipeline(Map<DeviceId, List<Rule>> rules, Map<DeviceId, List<CompiledGroup>> groups,
                     Function<DeviceId, DvrFlowBuilder> builders) {
        this.builders = builders;
        ImmutableSortedMap.Builder<DeviceId, ImmutableList<Rule>> b =
                ImmutableSortedMap.orderedBy(DvrTopology.DEVICE_ORDER);
        rules.forEach((d, list) -> b.put(d, ImmutableList.sortedCopyOf(RULE_ORDER, list)));
        this.rules = b.build();
        ImmutableSortedMap.Builder<DeviceId, ImmutableList<CompiledGroup>> g =
                ImmutableSortedMap.orderedBy(DvrTopology.DEVICE_ORDER);
        groups.forEach((d, list) -> {
            if (!list.isEmpty()) {
                g.put(d, ImmutableList.sortedCopyOf(GROUP_ORDER, list));
            }
        });
        this.groups = g.build();
    }

    /**
     * @param device device
     * @return its groups in id order (empty if none)
     */
    public List<CompiledGroup> groups(DeviceId device) {
        return groups.getOrDefault(device, ImmutableList.of());
    }

    /** @return number of groups over all devices */
    public int groupCount() {
        return groups.values().stream().mapToInt(List::size).sum();
    }

    /** @return devices with rules */
    public Set<DeviceId> devices() {
        return rules.keySet();
    }

    /**
     * @param device device
     * @return its rules in deterministic order (empty if the device is not a DVR node)
     */
    public List<CompiledRule> rules(DeviceId device) {
        ImmutableList<Rule> list = rules.get(device);
        if (list == null) {
            return ImmutableList.of();
        }
        DvrFlowBuilder b = builders.apply(device);
        ImmutableList.Builder<CompiledRule> out = ImmutableList.builder();
        list.forEach(r -> out.add(new CompiledRule(b, r)));
        return out.build();
    }

    /**
     * @param device device
     * @return the flow rules to install on it, in the order of {@link #rules(DeviceId)}
     */
    public Set<FlowRule> flowRules(DeviceId device) {
        ImmutableSet.Builder<FlowRule> b = ImmutableSet.builder();
        rules(device).forEach(r -> b.add(r.flowRule()));
        return b.build();
    }

    /** @return every rule of every device, devices in id order */
    public List<CompiledRule> allRules() {
        ImmutableList.Builder<CompiledRule> b = ImmutableList.builder();
        rules.keySet().forEach(d -> b.addAll(rules(d)));
        return b.build();
    }

    /**
     * Explanations of the rules, keyed by flow rule (ONOS identity: device, table, priority, selector), for
     * traces: "table priority N: description [source]".
     *
     * @return explanation per flow rule
     */
    public Map<FlowRule, String> explanations() {
        Map<FlowRule, String> out = new HashMap<>();
        allRules().forEach(r -> out.put(r.flowRule(), r.explain()));
        return out;
    }

    /** @return total number of rules */
    public int size() {
        return rules.values().stream().mapToInt(List::size).sum();
    }

    @Override
    public boolean equals(Object o) {
        return this == o || (o instanceof CompiledPipeline && rules.equals(((CompiledPipeline) o).rules)
                && groups.equals(((CompiledPipeline) o).groups));
    }

    @Override
    public int hashCode() {
        return rules.hashCode() * 31 + groups.hashCode();
    }

    @Override
    public String toString() {
        return "CompiledPipeline{devices=" + rules.size() + ", rules=" + size() + ", groups=" + groupCount() + "}";
    }
}
