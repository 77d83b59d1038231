package org.onosdvr.pipeline;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableSortedSet;
import org.onosdvr.api.DvrNode;
import org.onosdvr.api.DvrSnapshot;
import org.onosdvr.api.FloatingIp;
import org.onosdvr.api.FloatingIpId;
import org.onosdvr.api.Network;
import org.onosdvr.api.NetworkId;
import org.onosdvr.api.PortId;
import org.onosdvr.api.Router;
import org.onosdvr.api.RouterInterface;
import org.onosdvr.api.Subnet;
import org.onosdvr.api.VmPort;
import org.onosproject.net.DeviceId;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * What the pipeline derives from a snapshot about where things are: which VM ports are located on a DVR node,
 * which networks each node hosts, which routers each node routes for, where floating IPs and SNAT live.
 * Immutable; every collection iterates in a fixed order.
 * <p>
 * Rules: a VM port counts only when its location is on a node of the snapshot. An admin-down router does not
 * exist for the pipeline. A distributed router is routed on every node hosting a VM port on one of its
 * networks, on its SNAT gateway node and on its hot backup SNAT gateway ({@link #hotBackup}); a legacy router
 * only on its gateway node (GatewayAssignment primary).
 * A node's networks are those it hosts plus those of the routers it routes for.
 * <p>
 * Held as per-key immutable parts (per node a {@link NodeView}, per network its located ports and hosts, the
 * router placement), so that {@link #withPorts} derives the topology of a snapshot that differs in a few VM
 * ports and floating IPs by replacing only the parts they touch.
 * </p>
 */
final class DvrTopology {

    static final Comparator<DeviceId> DEVICE_ORDER = Comparator.comparing(DeviceId::toString);

    private final DvrSnapshot snapshot;
    private final RouterPlacement placement;
    private final Map<NetworkId, List<VmPort>> locatedPorts;
    private final Map<NetworkId, SortedSet<DeviceId>> hosts;
    private final Map<DeviceId, NodeView> nodes;
    /** Floating IPs per serving node, in id order. */
    private final Map<DeviceId, List<FloatingIp>> fips;

    DvrTopology(DvrSnapshot snapshot) {
        this.snapshot = snapshot;
        this.placement = new RouterPlacement(snapshot);
        Map<DeviceId, List<VmPort>> local = new HashMap<>();
        Map<NetworkId, List<VmPort>> located = new HashMap<>();
        Map<NetworkId, SortedSet<DeviceId>> hosting = new HashMap<>();
        for (VmPort p : snapshot.ports()) {
            p.location().flatMap(loc -> snapshot.node(loc.deviceId())).ifPresent(n -> {
                local.computeIfAbsent(n.deviceId(), k -> new ArrayList<>()).add(p);
                located.computeIfAbsent(p.networkId(), k -> new ArrayList<>()).add(p);
                hosting.computeIfAbsent(p.networkId(), k -> new TreeSet<>(DEVICE_ORDER)).add(n.deviceId());
            });
        }
        this.locatedPorts = new HashMap<>();
        located.forEach((n, list) -> locatedPorts.put(n, ImmutableList.copyOf(list)));
        this.hosts = new HashMap<>();
        hosting.forEach((n, set) -> hosts.put(n, ImmutableSortedSet.copyOfSorted(set)));
        this.nodes = new HashMap<>();
        for (DvrNode n : snapshot.nodes()) {
            nodes.put(n.deviceId(), new NodeView(n, local.getOrDefault(n.deviceId(), List.of()), placement));
        }
        this.fips = new HashMap<>();
        Map<DeviceId, List<FloatingIp>> served = new HashMap<>();
        for (FloatingIp f : snapshot.floatingIps()) {
            fipNode(f).ifPresent(n -> served.computeIfAbsent(n.deviceId(), k -> new ArrayList<>()).add(f));
        }
        served.forEach((d, list) -> fips.put(d, ImmutableList.copyOf(list)));
    }

    private DvrTopology(DvrSnapshot snapshot, DvrTopology base) {
        this.snapshot = snapshot;
        this.placement = base.placement;
        this.locatedPorts = new HashMap<>(base.locatedPorts);
        this.hosts = new HashMap<>(base.hosts);
        this.nodes = new HashMap<>(base.nodes);
        this.fips = new HashMap<>(base.fips);
    }

    /**
     * Derives the topology of a snapshot that differs from this one's only in some VM ports and floating IPs
     * (same structure: nodes, networks, subnets, routers, interfaces, gateway assignments), replacing only the
     * parts they touch: the located ports and hosts of their networks, the views of the nodes they leave or
     * join, and the serving node of the floating IPs on those ports and nodes. Equal to
     * {@code new DvrTopology(next)} (tested).
     *
     * @param next        next snapshot
     * @param ports       ids of the ports that differ
     * @param floatingIps ids of the floating IPs that differ
     * @return the next topology
     */
    DvrTopology withChanges(DvrSnapshot next, Set<PortId> ports, Set<FloatingIpId> floatingIps) {
        DvrTopology t = new DvrTopology(next, this);
        Set<NetworkId> nets = new HashSet<>();
        Set<DeviceId> touched = new HashSet<>();
        for (PortId id : ports) {
            snapshot.port(id).ifPresent(p -> {
                nets.add(p.networkId());
                node(p).ifPresent(n -> touched.add(n.deviceId()));
            });
            next.port(id).ifPresent(p -> {
                nets.add(p.networkId());
                t.node(p).ifPresent(n -> touched.add(n.deviceId()));
            });
        }
        for (NetworkId n : nets) {
            List<VmPort> located = new ArrayList<>();
            SortedSet<DeviceId> hosting = new TreeSet<>(DEVICE_ORDER);
            for (VmPort p : next.ports(n)) {
                t.node(p).ifPresent(node -> {
                    located.add(p);
                    hosting.add(node.deviceId());
                });
            }
            t.put(t.locatedPorts, n, located.isEmpty() ? null : ImmutableList.copyOf(located));
            t.put(t.hosts, n, hosting.isEmpty() ? null : ImmutableSortedSet.copyOfSorted(hosting));
        }
        for (DeviceId d : touched) {
            List<VmPort> local = new ArrayList<>();
            for (VmPort p : nodes.get(d).localPorts()) {
                if (!ports.contains(p.id())) {
                    local.add(p);
                }
            }
            for (PortId id : ports) {
                next.port(id).filter(p -> t.node(p).map(n -> n.deviceId().equals(d)).orElse(false))
                        .ifPresent(local::add);
            }
            local.sort(Comparator.comparing(VmPort::id));
            t.nodes.put(d, new NodeView(next.node(d).get(), local, placement));
        }
        t.replaceFloatingIps(this, movedFloatingIps(next, ports, floatingIps));
        return t;
    }

    private static <K, V> void put(Map<K, V> map, K key, V value) {
        if (value == null) {
            map.remove(key);
        } else {
            map.put(key, value);
        }
    }

    /**
     * Floating IPs whose serving node may differ: the changed ones and those of changed ports. Nothing else that
     * can change here moves one: a VM's node always routes the router of its floating IPs (the router is attached
     * to the VM's subnet), and a legacy router's gateway node always routes it.
     */
    private Set<FloatingIpId> movedFloatingIps(DvrSnapshot next, Set<PortId> ports, Set<FloatingIpId> changed) {
        Set<FloatingIpId> out = new HashSet<>(changed);
        for (PortId id : ports) {
            snapshot.floatingIps(id).forEach(f -> out.add(f.id()));
            next.floatingIps(id).forEach(f -> out.add(f.id()));
        }
        return out;
    }

    /** Moves floating IPs from their serving node in {@code prev} to their serving node here. */
    private void replaceFloatingIps(DvrTopology prev, Set<FloatingIpId> ids) {
        Set<DeviceId> lists = new HashSet<>();
        Map<DeviceId, List<FloatingIp>> served = new HashMap<>();
        for (FloatingIpId id : ids) {
            prev.snapshot.floatingIp(id).flatMap(prev::fipNode).ifPresent(n -> lists.add(n.deviceId()));
            snapshot.floatingIp(id).ifPresent(f -> fipNode(f).ifPresent(n -> {
                lists.add(n.deviceId());
                served.computeIfAbsent(n.deviceId(), k -> new ArrayList<>()).add(f);
            }));
        }
        for (DeviceId d : lists) {
            List<FloatingIp> list = new ArrayList<>();
            for (FloatingIp f : prev.floatingIps(d)) {
                if (!ids.contains(f.id())) {
                    list.add(f);
                }
            }
            list.addAll(served.getOrDefault(d, List.of()));
            list.sort(Comparator.comparing(FloatingIp::id));
            put(fips, d, list.isEmpty() ? null : ImmutableList.copyOf(list));
        }
    }

    DvrSnapshot snapshot() {
        return snapshot;
    }

    /** @return where routers live (the structural part of the topology) */
    RouterPlacement placement() {
        return placement;
    }

    /**
     * @param device node
     * @return what the node hosts and routes, or null if it is not a node
     */
    NodeView view(DeviceId device) {
        return nodes.get(device);
    }

    /**
     * @param device node
     * @return floating IPs it serves ({@link #fipNode}), in id order
     */
    List<FloatingIp> floatingIps(DeviceId device) {
        return fips.getOrDefault(device, List.of());
    }

    /**
     * @param port VM port
     * @return the node it is located on, if that node is in the snapshot
     */
    Optional<DvrNode> node(VmPort port) {
        if (port.location().isEmpty()) {
            return Optional.empty();
        }
        NodeView v = nodes.get(port.location().get().deviceId());
        return v == null ? Optional.empty() : Optional.of(v.node());
    }

    /**
     * @param device node
     * @return VM ports located on it, in port id order
     */
    List<VmPort> localPorts(DeviceId device) {
        NodeView v = nodes.get(device);
        return v == null ? List.of() : v.localPorts();
    }

    /**
     * @param networkId network
     * @return located VM ports of the network, in port id order
     */
    List<VmPort> locatedPorts(NetworkId networkId) {
        return locatedPorts.getOrDefault(networkId, List.of());
    }

    /**
     * @param networkId network
     * @return nodes hosting a VM port of the network
     */
    SortedSet<DeviceId> hosts(NetworkId networkId) {
        return hosts.getOrDefault(networkId, ImmutableSortedSet.of());
    }

    /** @return routers that exist for the pipeline (admin up), in id order */
    List<Router> routers() {
        return placement.routers();
    }

    /**
     * @param device node
     * @return routers routed on the node, in id order
     */
    List<Router> routedRouters(DeviceId device) {
        NodeView v = nodes.get(device);
        return v == null ? List.of() : v.routed();
    }

    /**
     * @param device node
     * @param router admin-up router
     * @return true if the node routes for the router
     */
    boolean routes(DeviceId device, Router router) {
        NodeView v = nodes.get(device);
        return v != null && v.routes(placement.index(router));
    }

    /**
     * @param device node
     * @return networks the node hosts or routes into, in id order
     */
    SortedSet<NetworkId> networks(DeviceId device) {
        NodeView v = nodes.get(device);
        return v == null ? ImmutableSortedSet.of() : v.networks();
    }

    /**
     * @param device  node
     * @param network network
     * @return true if the node takes part in the network (hosts it or routes into it)
     */
    boolean takesPart(DeviceId device, NetworkId network) {
        NodeView v = nodes.get(device);
        return v != null && v.takesPart(network);
    }

    /**
     * @param router admin-up router
     * @return networks with an interface of the router, in id order
     */
    SortedSet<NetworkId> networks(Router router) {
        return placement.networks(router);
    }

    /**
     * @param router router
     * @return its interfaces, in subnet id order
     */
    List<RouterInterface> interfaces(Router router) {
        return snapshot.routerInterfaces(router.id());
    }

    Subnet subnet(RouterInterface i) {
        return snapshot.subnet(i.subnetId()).get();
    }

    Network network(Subnet s) {
        return snapshot.network(s.networkId()).get();
    }

    /**
     * @param router admin-up router
     * @return its gateway node (assignment primary), if assigned and in the snapshot
     */
    Optional<DvrNode> gatewayNode(Router router) {
        return placement.gatewayNode(router);
    }

    /**
     * @param subnet subnet
     * @return the admin-up router attached to it, if any
     */
    Optional<Router> router(Subnet subnet) {
        return snapshot.routerInterface(subnet.id()).flatMap(i -> snapshot.router(i.routerId()))
                .filter(Router::adminStateUp);
    }

    /** @return the external network of external ports, if any */
    Optional<Network> externalNetwork() {
        return placement.externalNetwork();
    }

    /**
     * The node that serves a floating IP: the VM's node for a distributed router, the gateway node for a
     * legacy one; only if that node routes the router and has an external port on the floating IP's network.
     * A distributed router's floating IP on a VM whose node has no external port on that network (a plain
     * {@code COMPUTE} node, Neutron's {@code dvr_no_external} agent mode) is centralized on the router's SNAT
     * gateway node ({@link #snatNode}): the VM's node already tunnels the VM's external traffic there by the
     * default route, and that node reaches the VM as it does for SNAT replies.
     *
     * @param fip floating IP
     * @return the serving node
     */
    Optional<DvrNode> fipNode(FloatingIp fip) {
        if (!fip.associated()) {
            return Optional.empty();
        }
        Optional<Router> router = snapshot.router(fip.routerId().get()).filter(Router::adminStateUp);
        Optional<VmPort> port = snapshot.port(fip.portId().get());
        if (router.isEmpty() || port.isEmpty() || node(port.get()).isEmpty()) {
            return Optional.empty();
        }
        Optional<DvrNode> node = router.get().distributed() ? node(port.get()) : gatewayNode(router.get());
        if (router.get().distributed() && !servesExternal(node.get(), fip.floatingNetworkId())) {
            node = snatNode(router.get());
        }
        return node.filter(n -> routes(n.deviceId(), router.get()))
                .filter(n -> servesExternal(n, fip.floatingNetworkId()));
    }

    /**
     * The SNAT gateway node of a router: its gateway node, if the router has SNAT enabled and that node has an
     * external port on the router's external network.
     *
     * @param router admin-up router
     * @return the node
     */
    Optional<DvrNode> snatNode(Router router) {
        return placement.snatNode(router);
    }

    /**
     * The hot standby SNAT gateway of a distributed router: the first backup of its gateway assignment that is
     * a node of the snapshot, has the plain {@code GATEWAY} role (it routes only traffic tunnelled to it, so
     * holding the router's SNAT rules cannot divert any local VM's traffic) and an external port on the router's
     * external network. It holds the router's SNAT rules at all times, except the ARP reply for the external IP
     * (only the primary answers, so the external network learns the router's MAC on one port), and compute
     * nodes' fast-failover groups fall back to it when BFD declares the primary dead. Legacy routers have none:
     * their gateway node does all their routing.
     *
     * @param router admin-up router
     * @return the node, if the router has SNAT on a primary and such a backup
     */
    Optional<DvrNode> hotBackup(Router router) {
        return placement.hotBackup(router);
    }

    /**
     * @param router admin-up router
     * @return the nodes holding the router's SNAT rules: its SNAT gateway, then its hot backup (if any)
     */
    List<DvrNode> snatNodes(Router router) {
        List<DvrNode> out = new ArrayList<>();
        snatNode(router).ifPresent(out::add);
        hotBackup(router).ifPresent(out::add);
        return out;
    }

    /**
     * @param node      node
     * @param networkId external network
     * @return true if the node's external port is on that network
     */
    boolean servesExternal(DvrNode node, NetworkId networkId) {
        return placement.servesExternal(node, networkId);
    }
}
