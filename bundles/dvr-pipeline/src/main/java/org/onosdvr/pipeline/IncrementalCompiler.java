package org.onosdvr.pipeline;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import org.onosdvr.api.DvrNode;
import org.onosdvr.api.DvrSnapshot;
import org.onosdvr.api.FloatingIp;
import org.onosdvr.api.FloatingIpId;
import org.onosdvr.api.GatewayAssignment;
import org.onosdvr.api.PortId;
import org.onosdvr.api.VmPort;
import org.onosproject.net.ConnectPoint;
import org.onosproject.net.DeviceId;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Incremental compilation: holds the last snapshot and its rules grouped per device and source object, and
 * turns each new snapshot into a per-device delta. Only the devices a change can affect ({@link ChangeScope})
 * are recompiled; their groups are compared with the previous ones and only the changed groups' rules are
 * diffed (by table, priority, match and actions, counting rules that two sources share). Applying the deltas
 * in sequence gives exactly the full compile of the last snapshot (property-tested). Not thread-safe: call
 * from one thread (the app's event executor); {@link #current()} and the deltas are immutable.
 */
public final class IncrementalCompiler {

    private final DvrCompiler compiler;
    private DvrTopology topology;
    private final Map<DeviceId, DeviceState> devices = new TreeMap<>(DvrTopology.DEVICE_ORDER);

    IncrementalCompiler(DvrCompiler compiler, DvrSnapshot initial) {
        this.compiler = compiler;
        this.topology = new DvrTopology(initial);
        devices.putAll(compiler.compileAll(topology));
    }

    /** @return the topology of the last snapshot (for tests) */
    DvrTopology topology() {
        return topology;
    }

    /** @return the last snapshot */
    public DvrSnapshot snapshot() {
        return topology.snapshot();
    }

    /** @return the rules of the last snapshot (equal to a full compile of it); O(devices) */
    public CompiledPipeline current() {
        Map<DeviceId, DeviceRules> out = new LinkedHashMap<>();
        devices.forEach((d, s) -> out.put(d, s.rules()));
        return compiler.pipeline(out);
    }

    /**
     * Returns a device's current rules grouped by source object ({@link CompiledRule#source()}).
     *
     * @param device device
     * @return rules per source, sources in order
     */
    public Map<String, List<CompiledRule>> groups(DeviceId device) {
        DeviceState state = devices.get(device);
        if (state == null) {
            return ImmutableMap.of();
        }
        DvrFlowBuilder b = compiler.flowBuilder(device);
        ImmutableMap.Builder<String, List<CompiledRule>> out = ImmutableMap.builder();
        for (RuleGroup g : state.rules().sortedGroups()) {
            ImmutableList.Builder<CompiledRule> rules = ImmutableList.builder();
            for (int i = 0; i < g.size(); i++) {
                rules.add(new CompiledRule(b, g.rule(i)));
            }
            out.put(g.source(), rules.build());
        }
        return out.build();
    }

    /**
     * Moves to a new snapshot.
     *
     * @param next new snapshot
     * @return rules to remove and add, per device
     */
    public PipelineDelta update(DvrSnapshot next) {
        return update(next, ChangeSet.between(snapshot(), next));
    }

    /**
     * Moves to a new snapshot that differs from the current one as {@code change} says. A change of VM ports,
     * floating IPs or external neighbors recompiles only the groups it can alter ({@link DirtyGroups}); any other
     * change recompiles every device and compares its groups with the previous ones.
     */
    private PipelineDelta update(DvrSnapshot next, ChangeSet change) {
        if (change.structural()) {
            return recompileAll(next);
        }
        DvrTopology nextTopology = topology.withChanges(next, change.ports(), change.floatingIps());
        DirtyGroups dirty = DirtyGroups.of(topology, nextTopology, change);
        Map<DeviceId, List<RuleGroup>> changed =
                dirty.compile(compiler, compiler.groupCompiler(nextTopology, new IdentityHashMap<>()));
        Map<DeviceId, List<Rule>> added = new LinkedHashMap<>();
        Map<DeviceId, List<Rule>> removed = new LinkedHashMap<>();
        changed.forEach((d, groups) -> {
            List<Rule> add = new ArrayList<>();
            List<Rule> remove = new ArrayList<>();
            devices.get(d).apply(groups, add, remove);
            added.put(d, add);
            removed.put(d, remove);
        });
        this.topology = nextTopology;
        return delta(added, removed, dirty.devices());
    }

    /** Recompiles every device of the next snapshot and compares each group with the previous one. */
    private PipelineDelta recompileAll(DvrSnapshot next) {
        DvrTopology nextTopology = new DvrTopology(next);
        GroupCompiler groups = compiler.groupCompiler(nextTopology, new IdentityHashMap<>());
        Map<DeviceId, List<Rule>> added = new LinkedHashMap<>();
        Map<DeviceId, List<Rule>> removed = new LinkedHashMap<>();
        Set<DeviceId> all = new TreeSet<>(DvrTopology.DEVICE_ORDER);
        all.addAll(devices.keySet());
        next.nodes().forEach(n -> all.add(n.deviceId()));
        for (DeviceId d : all) {
            List<Rule> add = new ArrayList<>();
            List<Rule> remove = new ArrayList<>();
            DeviceState state = devices.get(d);
            DvrNode node = next.node(d).orElse(null);
            if (node == null) {
                state.entries(remove);
                devices.remove(d);
            } else if (state == null) {
                state = compiler.compile(groups, node);
                state.entries(add);
                devices.put(d, state);
            } else {
                Map<String, RuleGroup> now = new HashMap<>();
                groups.device(compiler.context(nextTopology, node), g -> now.put(g.source(), g));
                List<RuleGroup> changed = new ArrayList<>(now.values());
                state.rules().forEach(g -> {
                    if (!now.containsKey(g.source())) {
                        changed.add(new GroupBuilder(g.source()).build());
                    }
                });
                state.apply(changed, add, remove);
            }
            added.put(d, add);
            removed.put(d, remove);
        }
        this.topology = nextTopology;
        return delta(added, removed, all);
    }

    private PipelineDelta delta(Map<DeviceId, List<Rule>> added, Map<DeviceId, List<Rule>> removed,
                                Set<DeviceId> recompiled) {
        return new PipelineDelta(wrap(added), wrap(removed), recompiled);
    }

    private Map<DeviceId, List<CompiledRule>> wrap(Map<DeviceId, List<Rule>> rules) {
        Map<DeviceId, List<CompiledRule>> out = new LinkedHashMap<>();
        rules.forEach((d, list) -> {
            DvrFlowBuilder b = compiler.flowBuilder(d);
            List<CompiledRule> wrapped = new ArrayList<>(list.size());
            list.forEach(r -> wrapped.add(new CompiledRule(b, r)));
            out.put(d, wrapped);
        });
        return out;
    }

    /**
     * Adds (or replaces) a VM port.
     *
     * @param port port
     * @return delta
     */
    public PipelineDelta portAdded(VmPort port) {
        return update(snapshot().toBuilder().port(port).build(), ChangeSet.of(List.of(port.id()), List.of()));
    }

    /**
     * Moves a VM port.
     *
     * @param portId   port
     * @param location new location, null if unknown
     * @return delta
     * @throws IllegalArgumentException if the port is unknown
     */
    public PipelineDelta portMoved(PortId portId, ConnectPoint location) {
        VmPort p = snapshot().port(portId)
                .orElseThrow(() -> new IllegalArgumentException("unknown port " + portId));
        return update(snapshot().toBuilder().port(p.withLocation(location)).build(),
                      ChangeSet.of(List.of(portId), List.of()));
    }

    /**
     * Removes a VM port, disassociating its floating IPs (as Neutron does on port delete).
     *
     * @param portId port
     * @return delta
     */
    public PipelineDelta portRemoved(PortId portId) {
        DvrSnapshot.Builder b = snapshot().toBuilder().removePort(portId);
        List<FloatingIpId> fips = new ArrayList<>();
        for (FloatingIp f : snapshot().floatingIps(portId)) {
            b.floatingIp(f.toBuilder().portId(null).fixedIp(null).routerId(null).build());
            fips.add(f.id());
        }
        return update(b.build(), ChangeSet.of(List.of(portId), fips));
    }

    /**
     * Adds, replaces (associates, disassociates) a floating IP.
     *
     * @param fip floating IP
     * @return delta
     */
    public PipelineDelta floatingIpChanged(FloatingIp fip) {
        return update(snapshot().toBuilder().floatingIp(fip).build(), ChangeSet.of(List.of(), List.of(fip.id())));
    }

    /**
     * Removes a floating IP.
     *
     * @param id floating IP
     * @return delta
     */
    public PipelineDelta floatingIpRemoved(FloatingIpId id) {
        return update(snapshot().toBuilder().removeFloatingIp(id).build(), ChangeSet.of(List.of(), List.of(id)));
    }

    /**
     * Adds (or replaces) a node.
     *
     * @param node node
     * @return delta
     */
    public PipelineDelta nodeAdded(DvrNode node) {
        return update(snapshot().toBuilder().node(node).build());
    }

    /**
     * Removes a node. Gateway assignments naming it drop it: a primary is replaced by its first backup, an
     * assignment left without gateway is removed (the app's gateway selection normally does this first).
     *
     * @param device node
     * @return delta
     */
    public PipelineDelta nodeRemoved(DeviceId device) {
        DvrSnapshot.Builder b = snapshot().toBuilder().removeNode(device);
        for (GatewayAssignment a : snapshot().gatewayAssignments()) {
            List<DeviceId> all = new ArrayList<>();
            all.add(a.primary());
            all.addAll(a.backups());
            if (!all.remove(device)) {
                continue;
            }
            if (all.isEmpty()) {
                b.removeGatewayAssignment(a.routerId());
            } else {
                b.gatewayAssignment(new GatewayAssignment(a.routerId(), all.get(0), all.subList(1, all.size())));
            }
        }
        return update(b.build());
    }
}
