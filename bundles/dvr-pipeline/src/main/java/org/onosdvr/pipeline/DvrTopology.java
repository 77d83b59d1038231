package org.onosdvr.pipeline;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableSortedSet;
import org.onosdvr.api.DvrNode;
import org.onosdvr.api.DvrSnapshot;
import org.onosdvr.api.FloatingIp;
import org.onosdvr.api.Network;
import org.onosdvr.api.NetworkId;
import org.onosdvr.api.NodeRole;
import org.onosdvr.api.Router;
import org.onosdvr.api.RouterId;
import org.onosdvr.api.RouterInterface;
import org.onosdvr.api.Subnet;
import org.onosdvr.api.VmPort;
import org.onosproject.net.DeviceId;

import java.util.ArrayList;
import java.util.Collections;
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
 */
final class DvrTopology {

    static final Comparator<DeviceId> DEVICE_ORDER = Comparator.comparing(DeviceId::toString);

    private final DvrSnapshot snapshot;
    private final Map<DeviceId, List<VmPort>> localPorts = new HashMap<>();
    private final Map<NetworkId, List<VmPort>> locatedPorts = new HashMap<>();
    private final Map<NetworkId, SortedSet<DeviceId>> hosts = new HashMap<>();
    private final Map<DeviceId, List<Router>> routed = new HashMap<>();
    private final Map<DeviceId, Set<RouterId>> routedIds = new HashMap<>();
    private final Map<DeviceId, SortedSet<NetworkId>> networks = new HashMap<>();
    private final Map<DeviceId, List<FloatingIp>> fips = new HashMap<>();
    private final Network externalNetwork;

    DvrTopology(DvrSnapshot snapshot) {
        this.snapshot = snapshot;
        this.externalNetwork = chooseExternalNetwork(snapshot);    // before routed: hotBackup() needs it
        for (VmPort p : snapshot.ports()) {
            node(p).ifPresent(n -> {
                localPorts.computeIfAbsent(n.deviceId(), k -> new ArrayList<>()).add(p);
                locatedPorts.computeIfAbsent(p.networkId(), k -> new ArrayList<>()).add(p);
                hosts.computeIfAbsent(p.networkId(), k -> new TreeSet<>(DEVICE_ORDER)).add(n.deviceId());
            });
        }
        for (DvrNode n : snapshot.nodes()) {
            SortedSet<NetworkId> nets = new TreeSet<>();
            localPorts(n.deviceId()).forEach(p -> nets.add(p.networkId()));
            List<Router> routers = new ArrayList<>();
            for (Router r : routers()) {
                if (computeRoutes(n.deviceId(), r, nets)) {
                    routers.add(r);
                }
            }
            routers.forEach(r -> nets.addAll(networks(r)));
            routed.put(n.deviceId(), ImmutableList.copyOf(routers));
            Set<RouterId> ids = new HashSet<>();
            routers.forEach(r -> ids.add(r.id()));
            routedIds.put(n.deviceId(), ids);
            networks.put(n.deviceId(), ImmutableSortedSet.copyOf(nets));
        }
        for (FloatingIp f : snapshot.floatingIps()) {
            fipNode(f).ifPresent(n -> fips.computeIfAbsent(n.deviceId(), k -> new ArrayList<>()).add(f));
        }
    }

    /**
     * @param device node
     * @return floating IPs it serves ({@link #fipNode}), in id order
     */
    List<FloatingIp> floatingIps(DeviceId device) {
        return fips.getOrDefault(device, List.of());
    }

    private boolean computeRoutes(DeviceId device, Router r, SortedSet<NetworkId> hosted) {
        if (gatewayNode(r).map(g -> g.deviceId().equals(device)).orElse(false)) {
            return true;
        }
        if (hotBackup(r).map(g -> g.deviceId().equals(device)).orElse(false)) {
            return true;
        }
        return r.distributed() && networks(r).stream().anyMatch(hosted::contains);
    }

    /**
     * The external network of every node's external port: the lowest-id external network used by a router
     * gateway, else the lowest-id external network. One flat provider network per external port.
     */
    private static Network chooseExternalNetwork(DvrSnapshot s) {
        Optional<Network> used = s.routers().stream().filter(Router::adminStateUp)
                .flatMap(r -> r.externalGateway().stream())
                .map(g -> s.network(g.networkId()).get())
                .min(Comparator.comparing(Network::id));
        return used.orElseGet(() -> s.networks().stream().filter(Network::external).findFirst().orElse(null));
    }

    DvrSnapshot snapshot() {
        return snapshot;
    }

    /**
     * @param port VM port
     * @return the node it is located on, if that node is in the snapshot
     */
    Optional<DvrNode> node(VmPort port) {
        return port.location().flatMap(loc -> snapshot.node(loc.deviceId()));
    }

    /**
     * @param device node
     * @return VM ports located on it, in port id order
     */
    List<VmPort> localPorts(DeviceId device) {
        return localPorts.getOrDefault(device, List.of());
    }

    /**
     * @param networkId network
     * @return located VM ports of the network, in port id order
     */
    List<VmPort> locatedPorts(NetworkId networkId) {
        return Collections.unmodifiableList(locatedPorts.getOrDefault(networkId, List.of()));
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
        List<Router> out = new ArrayList<>();
        snapshot.routers().stream().filter(Router::adminStateUp).forEach(out::add);
        return out;
    }

    /**
     * @param device node
     * @return routers routed on the node, in id order
     */
    List<Router> routedRouters(DeviceId device) {
        return routed.getOrDefault(device, List.of());
    }

    /**
     * @param device node
     * @param router router
     * @return true if the node routes for the router
     */
    boolean routes(DeviceId device, Router router) {
        return routedIds.getOrDefault(device, Set.of()).contains(router.id());
    }

    /**
     * @param device node
     * @return networks the node hosts or routes into, in id order
     */
    SortedSet<NetworkId> networks(DeviceId device) {
        return networks.getOrDefault(device, ImmutableSortedSet.of());
    }

    /**
     * @param router router
     * @return networks with an interface of the router, in id order
     */
    SortedSet<NetworkId> networks(Router router) {
        SortedSet<NetworkId> out = new TreeSet<>();
        interfaces(router).forEach(i -> out.add(subnet(i).networkId()));
        return out;
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
     * @param router router
     * @return its gateway node (assignment primary), if assigned and in the snapshot
     */
    Optional<DvrNode> gatewayNode(Router router) {
        return snapshot.gatewayAssignment(router.id()).flatMap(a -> snapshot.node(a.primary()));
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
        return Optional.ofNullable(externalNetwork);
    }

    /**
     * The node that serves a floating IP: the VM's node for a distributed router, the gateway node for a
     * legacy one; only if that node routes the router and has an external port on the floating IP's network.
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
        return node.filter(n -> routes(n.deviceId(), router.get()))
                .filter(n -> servesExternal(n, fip.floatingNetworkId()));
    }

    /**
     * The SNAT gateway node of a router: its gateway node, if the router has SNAT enabled and that node has an
     * external port on the router's external network.
     *
     * @param router router
     * @return the node
     */
    Optional<DvrNode> snatNode(Router router) {
        if (!router.snatEnabled()) {
            return Optional.empty();
        }
        return gatewayNode(router).filter(n -> servesExternal(n, router.externalGateway().get().networkId()));
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
     * @param router router
     * @return the node, if the router has SNAT on a primary and such a backup
     */
    Optional<DvrNode> hotBackup(Router router) {
        if (!router.distributed() || snatNode(router).isEmpty()) {
            return Optional.empty();
        }
        NetworkId ext = router.externalGateway().get().networkId();
        return snapshot.gatewayAssignment(router.id()).stream().flatMap(a -> a.backups().stream())
                .filter(d -> !d.equals(snatNode(router).get().deviceId()))
                .map(snapshot::node).flatMap(Optional::stream)
                .filter(n -> n.role() == NodeRole.GATEWAY && servesExternal(n, ext))
                .findFirst();
    }

    /**
     * @param router router
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
        return node.externalPort().isPresent() && externalNetwork != null
                && externalNetwork.id().equals(networkId);
    }

    /**
     * @param device this node
     * @return the other nodes of the snapshot, in device id order
     */
    List<DvrNode> otherNodes(DeviceId device) {
        List<DvrNode> out = new ArrayList<>();
        snapshot.nodes().stream().filter(n -> !n.deviceId().equals(device)).forEach(out::add);
        return out;
    }
}
