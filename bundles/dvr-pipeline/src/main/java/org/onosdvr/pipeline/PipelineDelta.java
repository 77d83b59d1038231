package org.onosdvr.pipeline;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableSet;
import com.google.common.collect.ImmutableSortedMap;
import com.google.common.collect.ImmutableSortedSet;
import org.onosproject.net.DeviceId;
import org.onosproject.net.flow.FlowRule;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Per-device change of the desired rules made by one {@link IncrementalCompiler} step: the rules to remove and
 * the rules to add (compared by device, table, priority, selector and treatment), and which devices were
 * recompiled to find them.
 */
public final class PipelineDelta {

    private final ImmutableSortedMap<DeviceId, ImmutableList<CompiledRule>> added;
    private final ImmutableSortedMap<DeviceId, ImmutableList<CompiledRule>> removed;
    private final ImmutableSortedSet<DeviceId> recompiled;

    PipelineDelta(Map<DeviceId, List<CompiledRule>> added, Map<DeviceId, List<CompiledRule>> removed,
                  Set<DeviceId> recompiled) {
        this.added = copy(added);
        this.removed = copy(removed);
        this.recompiled = ImmutableSortedSet.copyOf(DvrTopology.DEVICE_ORDER, recompiled);
    }

    private static ImmutableSortedMap<DeviceId, ImmutableList<CompiledRule>> copy(
            Map<DeviceId, List<CompiledRule>> m) {
        ImmutableSortedMap.Builder<DeviceId, ImmutableList<CompiledRule>> b =
                ImmutableSortedMap.orderedBy(DvrTopology.DEVICE_ORDER);
        m.forEach((d, l) -> {
            if (!l.isEmpty()) {
                b.put(d, ImmutableList.copyOf(l));
            }
        });
        return b.build();
    }

    /** @return devices with rules to add or remove, in id order */
    public Set<DeviceId> devices() {
        return ImmutableSortedSet.orderedBy(DvrTopology.DEVICE_ORDER).addAll(added.keySet())
                .addAll(removed.keySet()).build();
    }

    /** @return devices the step recompiled (a superset of {@link #devices()}) */
    public Set<DeviceId> recompiled() {
        return recompiled;
    }

    /**
     * @param device device
     * @return rules to add on it
     */
    public List<CompiledRule> addedRules(DeviceId device) {
        return added.getOrDefault(device, ImmutableList.of());
    }

    /**
     * @param device device
     * @return rules to remove from it
     */
    public List<CompiledRule> removedRules(DeviceId device) {
        return removed.getOrDefault(device, ImmutableList.of());
    }

    /**
     * @param device device
     * @return flow rules to add on it
     */
    public Set<FlowRule> added(DeviceId device) {
        return flowRules(addedRules(device));
    }

    /**
     * @param device device
     * @return flow rules to remove from it
     */
    public Set<FlowRule> removed(DeviceId device) {
        return flowRules(removedRules(device));
    }

    private static Set<FlowRule> flowRules(List<CompiledRule> rules) {
        List<FlowRule> out = new ArrayList<>();
        rules.forEach(r -> out.add(r.flowRule()));
        return ImmutableSet.copyOf(out);
    }

    /** @return true if nothing changes */
    public boolean isEmpty() {
        return added.isEmpty() && removed.isEmpty();
    }

    /** @return number of rules added plus removed */
    public int size() {
        return added.values().stream().mapToInt(List::size).sum()
                + removed.values().stream().mapToInt(List::size).sum();
    }

    @Override
    public String toString() {
        return "PipelineDelta{recompiled=" + recompiled.size() + ", added="
                + added.values().stream().mapToInt(List::size).sum() + ", removed="
                + removed.values().stream().mapToInt(List::size).sum() + "}";
    }
}
