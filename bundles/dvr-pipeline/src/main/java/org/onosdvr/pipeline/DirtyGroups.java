package org.onosdvr.pipeline;

import org.onosdvr.api.DvrNode;
import org.onosdvr.api.DvrSnapshot;
import org.onosdvr.api.ExternalNeighbor;
import org.onosdvr.api.FloatingIpId;
import org.onosdvr.api.NetworkId;
import org.onosdvr.api.PortId;
import org.onosdvr.api.Router;
import org.onosdvr.api.RouterId;
import org.onosdvr.api.VmPort;
import org.onosproject.net.DeviceId;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The (device, source object) groups a change of VM ports, floating IPs or external neighbors can alter, found
 * from what each group depends on ({@link FlowFeature}):
 * <ul>
 * <li>a port's group: on every node taking part in its network before or after;</li>
 * <li>a network's group (tunnel VNI, flooding): on its old and new hosting node, and on every node hosting it
 * when the set of hosting nodes changes (the flood's remote list);</li>
 * <li>a node that gains or loses a hosted network, a routed router or a network it takes part in (only the
 * port's old and new node can): the groups of those routers, those networks, the routers on those networks
 * and the ports of those networks and of those routers' networks (their arp_resolve entries);</li>
 * <li>a floating IP's group: on its serving node before and after, for the changed floating IPs and those of
 * the changed ports (the serving node depends on nothing else that can change here: a VM's node always routes
 * the router of its floating IP, which is attached to the VM's subnet; a floating IP centralized on the SNAT
 * gateway, its VM's node having no external port, moves with the VM's node, a port change, or with the gateway
 * assignment, a structural one);</li>
 * <li>the neighbors' and node groups on every node with an external port, when the neighbors change.</li>
 * </ul>
 * Over-approximating costs a recompiled group that turns out equal; the property test checks it never misses
 * one. Structural changes recompile every device instead.
 */
final class DirtyGroups {

    /** Sources to recompile on one device. */
    private static final class Dirty {
        final Set<PortId> ports = new LinkedHashSet<>();
        final Set<RouterId> routers = new LinkedHashSet<>();
        final Set<NetworkId> networks = new LinkedHashSet<>();
        final Set<FloatingIpId> floatingIps = new LinkedHashSet<>();
        boolean external;
    }

    private final DvrTopology prev;
    private final DvrTopology next;
    private final Map<DeviceId, Dirty> devices = new TreeMap<>(DvrTopology.DEVICE_ORDER);

    private DirtyGroups(DvrTopology prev, DvrTopology next) {
        this.prev = prev;
        this.next = next;
    }

    /**
     * @param prev   topology before (same structure as after)
     * @param next   topology after
     * @param change what changed
     * @return the groups to recompile
     */
    static DirtyGroups of(DvrTopology prev, DvrTopology next, ChangeSet change) {
        DirtyGroups d = new DirtyGroups(prev, next);
        Set<DeviceId> touched = new HashSet<>();
        for (PortId id : change.ports()) {
            d.port(id, touched);
        }
        Set<FloatingIpId> fips = new HashSet<>(change.floatingIps());
        for (PortId id : change.ports()) {
            prev.snapshot().floatingIps(id).forEach(f -> fips.add(f.id()));
            next.snapshot().floatingIps(id).forEach(f -> fips.add(f.id()));
        }
        for (DeviceId h : touched) {
            d.viewChange(h);
        }
        for (FloatingIpId id : fips) {
            prev.snapshot().floatingIp(id).flatMap(prev::fipNode).ifPresent(n -> d.at(n).floatingIps.add(id));
            next.snapshot().floatingIp(id).flatMap(next::fipNode).ifPresent(n -> d.at(n).floatingIps.add(id));
        }
        if (change.neighbors()) {
            next.snapshot().nodes().stream().filter(n -> n.externalPort().isPresent())
                    .forEach(n -> d.at(n).external = true);
        }
        return d;
    }

    private Dirty at(DvrNode node) {
        return at(node.deviceId());
    }

    private Dirty at(DeviceId device) {
        return devices.computeIfAbsent(device, k -> new Dirty());
    }

    private void port(PortId id, Set<DeviceId> touched) {
        VmPort before = prev.snapshot().port(id).orElse(null);
        VmPort after = next.snapshot().port(id).orElse(null);
        Set<NetworkId> nets = new LinkedHashSet<>();
        Set<DeviceId> homes = new HashSet<>();
        if (before != null) {
            nets.add(before.networkId());
            prev.node(before).ifPresent(n -> homes.add(n.deviceId()));
        }
        if (after != null) {
            nets.add(after.networkId());
            next.node(after).ifPresent(n -> homes.add(n.deviceId()));
        }
        touched.addAll(homes);
        for (NetworkId n : nets) {
            for (DvrNode node : next.snapshot().nodes()) {
                if (prev.takesPart(node.deviceId(), n) || next.takesPart(node.deviceId(), n)) {
                    at(node).ports.add(id);
                }
            }
            boolean hostsChanged = !prev.hosts(n).equals(next.hosts(n));
            Set<DeviceId> hosting = new HashSet<>(prev.hosts(n));
            hosting.addAll(next.hosts(n));
            for (DeviceId h : hosting) {
                if (hostsChanged || homes.contains(h)) {
                    at(h).networks.add(n);
                }
            }
        }
    }

    /** A node whose hosted networks, routers or networks changed. */
    private void viewChange(DeviceId h) {
        NodeView before = prev.view(h);
        NodeView after = next.view(h);
        Set<NetworkId> takingPart = new LinkedHashSet<>();
        symmetricDifference(before.networks(), after.networks(), takingPart);
        Set<NetworkId> hostedBefore = new HashSet<>();
        Set<NetworkId> hostedAfter = new HashSet<>();
        before.localPorts().forEach(p -> hostedBefore.add(p.networkId()));
        after.localPorts().forEach(p -> hostedAfter.add(p.networkId()));
        Set<NetworkId> nets = new LinkedHashSet<>(takingPart);
        symmetricDifference(hostedBefore, hostedAfter, nets);
        Set<Router> routers = new LinkedHashSet<>();
        symmetricDifference(before.routed(), after.routed(), routers);
        // port groups depend on taking part in their network and on resolving their IPs (routing their router)
        Set<NetworkId> portNets = new LinkedHashSet<>(takingPart);
        routers.forEach(r -> portNets.addAll(next.placement().networks(r)));
        // router groups depend on routing, on taking part in the router's networks and on hosting them (restore)
        nets.forEach(n -> routers.addAll(next.placement().routers(n)));
        Dirty dirty = at(h);
        routers.forEach(r -> dirty.routers.add(r.id()));
        dirty.networks.addAll(nets);
        for (NetworkId n : portNets) {
            prev.locatedPorts(n).forEach(p -> dirty.ports.add(p.id()));
            next.locatedPorts(n).forEach(p -> dirty.ports.add(p.id()));
        }
    }

    private static <T> void symmetricDifference(Iterable<T> a, Iterable<T> b, Set<T> out) {
        Set<T> sa = new HashSet<>();
        a.forEach(sa::add);
        Set<T> sb = new HashSet<>();
        b.forEach(sb::add);
        for (T x : sa) {
            if (!sb.contains(x)) {
                out.add(x);
            }
        }
        for (T x : sb) {
            if (!sa.contains(x)) {
                out.add(x);
            }
        }
    }

    /** @return devices with groups to recompile, in id order */
    Set<DeviceId> devices() {
        return devices.keySet();
    }

    /**
     * Recompiles the dirty groups against the next topology.
     *
     * @param compiler compiler (contexts)
     * @param groups   group compiler of the next topology
     * @return per device, the new group of every dirty source (empty groups for sources that no longer put
     *         rules there)
     */
    Map<DeviceId, List<RuleGroup>> compile(DvrCompiler compiler, GroupCompiler groups) {
        DvrSnapshot s = next.snapshot();
        Map<DeviceId, List<RuleGroup>> out = new LinkedHashMap<>();
        devices.forEach((device, dirty) -> {
            DeviceContext ctx = compiler.context(next, s.node(device).get());
            List<RuleGroup> list = new ArrayList<>();
            for (PortId id : dirty.ports) {
                list.add(s.port(id).map(p -> groups.port(ctx, p)).orElseGet(() -> empty(Sources.port(id))));
            }
            for (RouterId id : dirty.routers) {
                list.add(s.router(id).filter(Router::adminStateUp).map(r -> groups.router(ctx, r))
                                 .orElseGet(() -> empty(Sources.router(id))));
            }
            for (NetworkId id : dirty.networks) {
                list.add(groups.network(ctx, s.network(id).get()));
            }
            for (FloatingIpId id : dirty.floatingIps) {
                list.add(s.floatingIp(id).map(f -> groups.floatingIp(ctx, f)).orElseGet(() -> empty(Sources.fip(id))));
            }
            if (dirty.external) {
                list.add(groups.node(ctx));
                Set<String> seen = new HashSet<>();
                for (ExternalNeighbor nb : s.neighbors()) {
                    seen.add(Sources.neighbor(nb));
                    list.add(groups.neighbor(ctx, nb));
                }
                for (ExternalNeighbor nb : prev.snapshot().neighbors()) {
                    if (seen.add(Sources.neighbor(nb))) {
                        list.add(empty(Sources.neighbor(nb)));
                    }
                }
            }
            out.put(device, list);
        });
        return out;
    }

    private static RuleGroup empty(String source) {
        return new GroupBuilder(source).build();
    }
}
