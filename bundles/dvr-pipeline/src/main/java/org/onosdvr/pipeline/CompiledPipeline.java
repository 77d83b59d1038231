package org.onosdvr.pipeline;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableSet;
import com.google.common.collect.ImmutableSortedMap;
import org.onosproject.net.DeviceId;
import org.onosproject.net.flow.FlowRule;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * The desired rules and groups of every device, each with its provenance. Immutable; devices iterate in id
 * order, rules by table, then priority (highest first), then source object, then the order the compiler made
 * the source's rules. Held compactly (rule groups per source, shared between devices where they are equal);
 * {@link #rules} and {@link #flowRules} make each device's view and its ONOS flow rules when asked.
 */
public final class CompiledPipeline {

    private static final Comparator<CompiledRule> RULE_ORDER =
            Comparator.comparingInt((CompiledRule r) -> r.table().id()).thenComparing(r -> -r.priority());

    private static final Comparator<CompiledGroup> GROUP_ORDER =
            Comparator.comparingInt(g -> g.group().givenGroupId());

    private final ImmutableSortedMap<DeviceId, DeviceRules> devices;
    private final Function<DeviceId, DvrFlowBuilder> builders;
    /** Each device's rules, made on the first {@link #rules} call for it and then kept (same objects each call). */
    private final Map<DeviceId, List<CompiledRule>> made = new ConcurrentHashMap<>();

    /**
     * @param devices  rules per device
     * @param builders flow rule factory of a device
     */
    CompiledPipeline(Map<DeviceId, DeviceRules> devices, Function<DeviceId, DvrFlowBuilder> builders) {
        this.devices = ImmutableSortedMap.copyOf(devices, DvrTopology.DEVICE_ORDER);
        this.builders = builders;
    }

    /**
     * @param device device
     * @return its rule groups, or null if it is not a DVR node
     */
    DeviceRules device(DeviceId device) {
        return devices.get(device);
    }

    /**
     * @param device device
     * @return its groups in id order (empty if none)
     */
    public List<CompiledGroup> groups(DeviceId device) {
        DeviceRules d = devices.get(device);
        if (d == null) {
            return ImmutableList.of();
        }
        List<CompiledGroup> out = new ArrayList<>();
        d.forEach(g -> out.addAll(List.of(g.groups())));
        return ImmutableList.sortedCopyOf(GROUP_ORDER, out);
    }

    /** @return number of groups over all devices */
    public int groupCount() {
        return devices.keySet().stream().mapToInt(d -> groups(d).size()).sum();
    }

    /** @return devices with rules */
    public Set<DeviceId> devices() {
        return devices.keySet();
    }

    /**
     * Returns a device's rules. Made from the compact groups on the first call for the device (about a
     * millisecond per thousand rules), then kept: later calls return the same list of the same rule objects.
     *
     * @param device device
     * @return its rules in deterministic order (empty if the device is not a DVR node)
     */
    public List<CompiledRule> rules(DeviceId device) {
        DeviceRules d = devices.get(device);
        if (d == null) {
            return ImmutableList.of();
        }
        return made.computeIfAbsent(device, id -> make(id, d));
    }

    private List<CompiledRule> make(DeviceId device, DeviceRules d) {
        DvrFlowBuilder b = builders.apply(device);
        List<CompiledRule> out = new ArrayList<>(d.entries() + d.duplicates());
        for (RuleGroup g : d.sortedGroups()) {
            for (int i = 0; i < g.size(); i++) {
                out.add(new CompiledRule(b, g.rule(i)));
            }
        }
        out.sort(RULE_ORDER);   // stable: within a priority, by source, then the source's order
        if (d.duplicates() > 0) {
            dropDuplicates(out);
        }
        return ImmutableList.copyOf(out);
    }

    /** Keeps the first rule of each OpenFlow entry (the same entry compiled for two sources). */
    private static void dropDuplicates(List<CompiledRule> rules) {
        RuleIndex seen = new RuleIndex(rules.size());
        rules.removeIf(r -> !seen.add(r.rule()));
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
        devices.keySet().forEach(d -> b.addAll(rules(d)));
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

    /** @return total number of rules (distinct OpenFlow entries per device) */
    public int size() {
        return devices.values().stream().mapToInt(DeviceRules::entries).sum();
    }

    /**
     * @return the number of distinct rule objects: rules shared between devices count once (memory footprint)
     */
    int distinctRules() {
        Set<RuleGroup> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        int[] n = {0};
        devices.values().forEach(d -> d.forEach(g -> n[0] += seen.add(g) ? g.size() : 0));
        return n[0];
    }

    @Override
    public boolean equals(Object o) {
        return this == o || (o instanceof CompiledPipeline && devices.equals(((CompiledPipeline) o).devices));
    }

    @Override
    public int hashCode() {
        return devices.hashCode();
    }

    @Override
    public String toString() {
        return "CompiledPipeline{devices=" + devices.size() + ", rules=" + size() + ", groups=" + groupCount() + "}";
    }
}
