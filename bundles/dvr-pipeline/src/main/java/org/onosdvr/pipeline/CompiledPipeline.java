package org.onosdvr.pipeline;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableSet;
import com.google.common.collect.ImmutableSortedMap;
import org.onosproject.net.DeviceId;
import org.onosproject.net.flow.FlowRule;

import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The desired rules of every device, each with its provenance. Immutable; devices iterate in id order, rules
 * by table, then priority (highest first), then the order the compiler made them.
 */
public final class CompiledPipeline {

    private static final Comparator<CompiledRule> RULE_ORDER =
            Comparator.comparingInt((CompiledRule r) -> r.table().id()).thenComparing(r -> -r.priority());

    private final ImmutableSortedMap<DeviceId, ImmutableList<CompiledRule>> rules;

    CompiledPipeline(Map<DeviceId, List<CompiledRule>> rules) {
        ImmutableSortedMap.Builder<DeviceId, ImmutableList<CompiledRule>> b =
                ImmutableSortedMap.orderedBy(DvrTopology.DEVICE_ORDER);
        rules.forEach((d, list) -> b.put(d, ImmutableList.sortedCopyOf(RULE_ORDER, list)));
        this.rules = b.build();
    }

    /** @return devices with rules */
    public Set<DeviceId> devices() {
        return rules.keySet();
    }

    /**
     * @param device device
     * @return its rules in deterministic order (empty if the device is not a DVR node)
     */
    public Collection<CompiledRule> rules(DeviceId device) {
        return rules.getOrDefault(device, ImmutableList.of());
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
        rules.values().forEach(b::addAll);
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
        return this == o || (o instanceof CompiledPipeline && rules.equals(((CompiledPipeline) o).rules));
    }

    @Override
    public int hashCode() {
        return rules.hashCode();
    }

    @Override
    public String toString() {
        return "CompiledPipeline{devices=" + rules.size() + ", rules=" + size() + "}";
    }
}
