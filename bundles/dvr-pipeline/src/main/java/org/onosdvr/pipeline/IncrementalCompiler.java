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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Incremental compilation: holds the last snapshot and its rules grouped per device and source object, and
 * turns each new snapshot into a per-device delta. Only the devices a change can affect ({@link ChangeScope})
 * are recompiled; their rules are then diffed against the previous ones (by device, table, priority, selector
 * and treatment). Applying the deltas in sequence gives exactly the full compile of the last snapshot
 * (property-tested). Not thread-safe: call from one thread (the app's event executor).
 */
public final class IncrementalCompiler {

    private final DvrCompiler compiler;
    private DvrTopology topology;
    private final Map<DeviceId, List<Rule>> rules = new TreeMap<>(DvrTopology.DEVICE_ORDER);
    private final Map<DeviceId, List<CompiledGroup>> groups = new TreeMap<>(DvrTopology.DEVICE_ORDER);

    IncrementalCompiler(DvrCompiler compiler, DvrSnapshot initial) {
        this.compiler = compiler;
        this.topology = new DvrTopology(initial);
        for (DvrNode n : initial.nodes()) {
            DeviceContext ctx = compiler.compileNode(topology, n);
            rules.put(n.deviceId(), ctx.rules());
            groups.put(n.deviceId(), ctx.groups());
        }
    }

    /** @return the last snapshot */
    public DvrSnapshot snapshot() {
        return topology.snapshot();
    }

    /** @return the rules of the last snapshot (equal to a full compile of it) */
    public CompiledPipeline current() {
        return compiler.pipeline(rules, groups);
    }

    /**
     * Returns a device's current rules grouped by source object ({@link CompiledRule#source()}).
     *
     * @param device device
     * @return rules per source, sources in first-seen order
     */
    public Map<String, List<CompiledRule>> groups(DeviceId device) {
        Map<String, List<CompiledRule>> out = new LinkedHashMap<>();
        DvrFlowBuilder b = compiler.flowBuilder(device);
        rules.getOrDefault(device, List.of()).forEach(
                r -> out.computeIfAbsent(r.source(), k -> new ArrayList<>()).add(new CompiledRule(b, r)));
        Map<String, List<CompiledRule>> frozen = new LinkedHashMap<>();
        out.forEach((k, v) -> frozen.put(k, ImmutableList.copyOf(v)));
        return ImmutableMap.copyOf(frozen);
    }

    /**
     * Moves to a new snapshot.
     *
     * @param next new snapshot
     * @return rules to remove and add, per device
     */
    public PipelineDelta update(DvrSnapshot next) {
        DvrTopology nextTopology = new DvrTopology(next);
        List<DeviceId> affected = new ArrayList<>(new ChangeScope(topology, nextTopology).affectedDevices());
        Map<DeviceId, List<CompiledRule>> added = new LinkedHashMap<>();
        Map<DeviceId, List<CompiledRule>> removed = new LinkedHashMap<>();
        for (DeviceId d : affected) {
            DvrFlowBuilder b = compiler.flowBuilder(d);
            List<Rule> before = rules.getOrDefault(d, List.of());
            DeviceContext ctx = next.node(d).map(n -> compiler.compileNode(nextTopology, n)).orElse(null);
            List<Rule> after = ctx == null ? List.of() : ctx.rules();
            Map<Entry, Rule> beforeKeys = keyed(before);
            Map<Entry, Rule> afterKeys = keyed(after);
            List<CompiledRule> add = new ArrayList<>();
            List<CompiledRule> remove = new ArrayList<>();
            afterKeys.forEach((k, r) -> {
                if (!beforeKeys.containsKey(k)) {
                    add.add(new CompiledRule(b, r));
                }
            });
            beforeKeys.forEach((k, r) -> {
                if (!afterKeys.containsKey(k)) {
                    remove.add(new CompiledRule(b, r));
                }
            });
            added.put(d, add);
            removed.put(d, remove);
            if (ctx != null) {
                rules.put(d, after);
                groups.put(d, ctx.groups());
            } else {
                rules.remove(d);
                groups.remove(d);
            }
        }
        this.topology = nextTopology;
        return new PipelineDelta(added, removed, new java.util.HashSet<>(affected));
    }

    private static Map<Entry, Rule> keyed(List<Rule> list) {
        Map<Entry, Rule> out = new LinkedHashMap<>();
        list.forEach(r -> out.putIfAbsent(new Entry(r), r));
        return out;
    }

    /** A rule as the switch holds it: table, priority, match and actions. */
    private static final class Entry {
        private final Rule rule;

        Entry(Rule rule) {
            this.rule = rule;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Entry && rule.sameEntry(((Entry) o).rule);
        }

        @Override
        public int hashCode() {
            return rule.keyHash() * 31 + rule.actions().hashCode();
        }
    }

    /**
     * Adds (or replaces) a VM port.
     *
     * @param port port
     * @return delta
     */
    public PipelineDelta portAdded(VmPort port) {
        return update(snapshot().toBuilder().port(port).build());
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
        return update(snapshot().toBuilder().port(p.withLocation(location)).build());
    }

    /**
     * Removes a VM port, disassociating its floating IPs (as Neutron does on port delete).
     *
     * @param portId port
     * @return delta
     */
    public PipelineDelta portRemoved(PortId portId) {
        DvrSnapshot.Builder b = snapshot().toBuilder().removePort(portId);
        for (FloatingIp f : snapshot().floatingIps(portId)) {
            b.floatingIp(f.toBuilder().portId(null).fixedIp(null).routerId(null).build());
        }
        return update(b.build());
    }

    /**
     * Adds, replaces (associates, disassociates) a floating IP.
     *
     * @param fip floating IP
     * @return delta
     */
    public PipelineDelta floatingIpChanged(FloatingIp fip) {
        return update(snapshot().toBuilder().floatingIp(fip).build());
    }

    /**
     * Removes a floating IP.
     *
     * @param id floating IP
     * @return delta
     */
    public PipelineDelta floatingIpRemoved(FloatingIpId id) {
        return update(snapshot().toBuilder().removeFloatingIp(id).build());
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
