package org.onosdvr.api;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableListMultimap;
import com.google.common.collect.ImmutableMap;
import com.google.common.collect.ImmutableSortedMap;
import com.google.common.collect.Ordering;
import org.onlab.packet.IpAddress;
import org.onlab.packet.MacAddress;
import org.onosproject.net.DeviceId;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;

import static org.onosdvr.api.Checks.required;

/**
 * An immutable, referentially consistent view of the whole DVR state: the input of the pipeline compiler.
 * {@link Builder#build()} checks every cross-object rule (the admin service validates a change by building the
 * snapshot that would result), so a snapshot that exists is always compilable. Collections iterate in id order.
 */
public final class DvrSnapshot {

    private static final Comparator<DeviceId> DEVICE_ORDER = Comparator.comparing(DeviceId::toString);

    private final MacAddress baseMac;
    private final ImmutableSortedMap<NetworkId, Network> networks;
    private final ImmutableSortedMap<SubnetId, Subnet> subnets;
    private final ImmutableSortedMap<PortId, VmPort> ports;
    private final ImmutableSortedMap<RouterId, Router> routers;
    private final ImmutableSortedMap<SubnetId, RouterInterface> interfacesBySubnet;
    private final ImmutableSortedMap<FloatingIpId, FloatingIp> floatingIps;
    private final ImmutableSortedMap<DeviceId, DvrNode> nodes;
    private final ImmutableSortedMap<RouterId, GatewayAssignment> gateways;
    private final ImmutableList<ExternalNeighbor> neighbors;

    private final ImmutableListMultimap<NetworkId, Subnet> subnetsByNetwork;
    private final ImmutableMap<NetworkId, List<VmPort>> portsByNetwork;
    private final ImmutableListMultimap<RouterId, RouterInterface> interfacesByRouter;
    private final ImmutableMap<IpAddress, DvrNode> nodesByTunnelIp;
    private final ImmutableMap<PortId, List<FloatingIp>> floatingIpsByPort;

    private DvrSnapshot(Builder b) {
        this.baseMac = DvrMacs.checkBase(b.baseMac);
        this.networks = b.networks.build();
        this.subnets = b.subnets.build();
        this.ports = b.ports.build();
        this.routers = b.routers.build();
        this.interfacesBySubnet = b.interfaces.build();
        this.floatingIps = b.floatingIps.build();
        this.nodes = b.nodes.build();
        this.gateways = b.gateways.build();
        this.neighbors = ImmutableList.copyOf(b.neighbors.values());
        DvrSnapshot base = b.base;
        boolean sameStructure = base != null && base.baseMac.equals(baseMac) && !b.networks.modified()
                && !b.subnets.modified() && !b.routers.modified() && !b.interfaces.modified()
                && !b.nodes.modified() && !b.gateways.modified();
        if (sameStructure) {
            // only ports, floating IPs and neighbors changed: keep the structure's indexes, redo the touched parts
            this.subnetsByNetwork = base.subnetsByNetwork;
            this.interfacesByRouter = base.interfacesByRouter;
            this.nodesByTunnelIp = base.nodesByTunnelIp;
            this.portsByNetwork = b.ports.modified()
                    ? portsByNetwork(base, b.ports.changedKeys()) : base.portsByNetwork;
            this.floatingIpsByPort = b.floatingIps.modified()
                    ? floatingIpsByPort(base, b.floatingIps.changedKeys()) : base.floatingIpsByPort;
            boolean neighborsChanged = !neighbors.equals(base.neighbors);
            if (!new SnapshotValidator(this).validChanges(b.ports.changedKeys(), b.floatingIps.changedKeys(),
                                                          neighborsChanged)) {
                new SnapshotValidator(this).validate();     // the full check names the broken rule
            }
            return;
        }
        ImmutableListMultimap.Builder<NetworkId, Subnet> sbn = ImmutableListMultimap.builder();
        subnets.values().forEach(s -> sbn.put(s.networkId(), s));
        this.subnetsByNetwork = sbn.build();
        Map<NetworkId, List<VmPort>> pbn = new HashMap<>();
        ports.values().forEach(p -> pbn.computeIfAbsent(p.networkId(), k -> new ArrayList<>()).add(p));
        this.portsByNetwork = immutableLists(pbn);
        ImmutableListMultimap.Builder<RouterId, RouterInterface> ibr = ImmutableListMultimap.builder();
        interfacesBySubnet.values().forEach(i -> ibr.put(i.routerId(), i));
        this.interfacesByRouter = ibr.build();
        Map<IpAddress, DvrNode> byIp = new HashMap<>();
        nodes.values().forEach(n -> byIp.put(n.tunnelIp(), n));
        this.nodesByTunnelIp = ImmutableMap.copyOf(byIp);
        Map<PortId, List<FloatingIp>> fbp = new HashMap<>();
        floatingIps.values().stream().filter(FloatingIp::associated)
                .forEach(f -> fbp.computeIfAbsent(f.portId().get(), k -> new ArrayList<>()).add(f));
        this.floatingIpsByPort = immutableLists(fbp);

        new SnapshotValidator(this).validate();
    }

    private static <K, V> ImmutableMap<K, List<V>> immutableLists(Map<K, List<V>> m) {
        ImmutableMap.Builder<K, List<V>> b = ImmutableMap.builder();
        m.forEach((k, list) -> b.put(k, ImmutableList.copyOf(list)));
        return b.build();
    }

    /** The base's ports per network, with the lists of the changed ports' old and new networks redone. */
    private ImmutableMap<NetworkId, List<VmPort>> portsByNetwork(DvrSnapshot base, Set<PortId> changed) {
        Set<NetworkId> nets = new HashSet<>();
        List<VmPort> now = new ArrayList<>();
        for (PortId id : changed) {
            base.port(id).ifPresent(p -> nets.add(p.networkId()));
            port(id).ifPresent(p -> {
                nets.add(p.networkId());
                now.add(p);
            });
        }
        return reindex(base.portsByNetwork, nets, p -> !changed.contains(p.id()), now,
                       p -> Optional.of(p.networkId()), Comparator.comparing(VmPort::id));
    }

    /** The base's floating IPs per port, with the entries of the changed floating IPs' old and new ports redone. */
    private ImmutableMap<PortId, List<FloatingIp>> floatingIpsByPort(DvrSnapshot base, Set<FloatingIpId> changed) {
        Set<PortId> portIds = new HashSet<>();
        List<FloatingIp> now = new ArrayList<>();
        for (FloatingIpId id : changed) {
            base.floatingIp(id).flatMap(FloatingIp::portId).ifPresent(portIds::add);
            floatingIp(id).ifPresent(f -> {
                f.portId().ifPresent(portIds::add);
                now.add(f);
            });
        }
        return reindex(base.floatingIpsByPort, portIds, f -> !changed.contains(f.id()), now,
                       f -> f.associated() ? f.portId() : Optional.empty(), Comparator.comparing(FloatingIp::id));
    }

    /**
     * An index of lists with some keys' lists redone: the base list's kept values plus the changed values now
     * under that key, in order; empty lists are dropped.
     */
    private static <K, V> ImmutableMap<K, List<V>> reindex(Map<K, List<V>> base, Set<K> keys, Predicate<V> kept,
                                                          List<V> changed, Function<V, Optional<K>> keyOf,
                                                          Comparator<V> order) {
        Map<K, List<V>> out = new HashMap<>(base);
        for (K k : keys) {
            List<V> list = new ArrayList<>();
            base.getOrDefault(k, List.of()).stream().filter(kept).forEach(list::add);
            changed.stream().filter(v -> keyOf.apply(v).map(k::equals).orElse(false)).forEach(list::add);
            list.sort(order);
            if (list.isEmpty()) {
                out.remove(k);
            } else {
                out.put(k, ImmutableList.copyOf(list));
            }
        }
        return ImmutableMap.copyOf(out);
    }

    /** @return the base MAC node DVR MACs derive from */
    public MacAddress baseMac() {
        return baseMac;
    }

    public Collection<Network> networks() {
        return networks.values();
    }

    public Optional<Network> network(NetworkId id) {
        return Optional.ofNullable(networks.get(id));
    }

    public Collection<Subnet> subnets() {
        return subnets.values();
    }

    public Optional<Subnet> subnet(SubnetId id) {
        return Optional.ofNullable(subnets.get(id));
    }

    /**
     * @param networkId network
     * @return its subnets in id order
     */
    public List<Subnet> subnets(NetworkId networkId) {
        return subnetsByNetwork.get(networkId);
    }

    /**
     * Finds the subnet of a network that contains an address.
     *
     * @param networkId network
     * @param ip        address
     * @return the subnet, if any
     */
    public Optional<Subnet> subnetOf(NetworkId networkId, IpAddress ip) {
        return subnetsByNetwork.get(networkId).stream().filter(s -> s.cidr().contains(ip)).findFirst();
    }

    public Collection<VmPort> ports() {
        return ports.values();
    }

    public Optional<VmPort> port(PortId id) {
        return Optional.ofNullable(ports.get(id));
    }

    /**
     * @param networkId network
     * @return its VM ports in id order
     */
    public List<VmPort> ports(NetworkId networkId) {
        return portsByNetwork.getOrDefault(networkId, ImmutableList.of());
    }

    public Collection<Router> routers() {
        return routers.values();
    }

    public Optional<Router> router(RouterId id) {
        return Optional.ofNullable(routers.get(id));
    }

    /** @return all router interfaces, in subnet id order */
    public Collection<RouterInterface> routerInterfaces() {
        return interfacesBySubnet.values();
    }

    /**
     * @param routerId router
     * @return its interfaces in subnet id order
     */
    public List<RouterInterface> routerInterfaces(RouterId routerId) {
        return interfacesByRouter.get(routerId);
    }

    /**
     * @param subnetId subnet
     * @return the router interface on that subnet, if attached
     */
    public Optional<RouterInterface> routerInterface(SubnetId subnetId) {
        return Optional.ofNullable(interfacesBySubnet.get(subnetId));
    }

    public Collection<FloatingIp> floatingIps() {
        return floatingIps.values();
    }

    public Optional<FloatingIp> floatingIp(FloatingIpId id) {
        return Optional.ofNullable(floatingIps.get(id));
    }

    /**
     * @param portId VM port
     * @return floating IPs associated with the port
     */
    public List<FloatingIp> floatingIps(PortId portId) {
        return floatingIpsByPort.getOrDefault(portId, List.of());
    }

    /** @return DVR nodes in device id order */
    public Collection<DvrNode> nodes() {
        return nodes.values();
    }

    public Optional<DvrNode> node(DeviceId deviceId) {
        return Optional.ofNullable(nodes.get(deviceId));
    }

    /**
     * @param tunnelIp tunnel endpoint address
     * @return the node owning it
     */
    public Optional<DvrNode> nodeByTunnelIp(IpAddress tunnelIp) {
        return Optional.ofNullable(nodesByTunnelIp.get(tunnelIp));
    }

    /** @return gateway assignments in router id order */
    public Collection<GatewayAssignment> gatewayAssignments() {
        return gateways.values();
    }

    public Optional<GatewayAssignment> gatewayAssignment(RouterId routerId) {
        return Optional.ofNullable(gateways.get(routerId));
    }

    public List<ExternalNeighbor> neighbors() {
        return neighbors;
    }

    /**
     * Returns a builder holding this snapshot's content. It copies nothing up front, and a snapshot built from it
     * that differs only in VM ports, floating IPs and neighbors reuses this one's other maps and indexes and
     * validates only what changed (the same rules, so it accepts and rejects exactly as a full build).
     *
     * @return builder
     */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** @return an empty builder with the default base MAC */
    public static Builder builder() {
        return new Builder(null);
    }

    /** @return the empty snapshot */
    public static DvrSnapshot empty() {
        return builder().build();
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof DvrSnapshot)) {
            return false;
        }
        DvrSnapshot s = (DvrSnapshot) o;
        return baseMac.equals(s.baseMac) && networks.equals(s.networks) && subnets.equals(s.subnets)
                && ports.equals(s.ports) && routers.equals(s.routers)
                && interfacesBySubnet.equals(s.interfacesBySubnet) && floatingIps.equals(s.floatingIps)
                && nodes.equals(s.nodes) && gateways.equals(s.gateways)
                && new HashSet<>(neighbors).equals(new HashSet<>(s.neighbors));
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(networks, subnets, ports, routers, interfacesBySubnet, floatingIps, nodes);
    }

    @Override
    public String toString() {
        return String.format("DvrSnapshot{networks=%d, subnets=%d, ports=%d, routers=%d, interfaces=%d, "
                                     + "floatingIps=%d, nodes=%d}", networks.size(), subnets.size(), ports.size(),
                             routers.size(), interfacesBySubnet.size(), floatingIps.size(), nodes.size());
    }

    /**
     * Mutable builder of a snapshot; put replaces by id, remove by id.
     */
    public static final class Builder {
        private final DvrSnapshot base;
        private MacAddress baseMac = DvrMacs.DEFAULT_BASE_MAC;
        private final MapDraft<NetworkId, Network> networks;
        private final MapDraft<SubnetId, Subnet> subnets;
        private final MapDraft<PortId, VmPort> ports;
        private final MapDraft<RouterId, Router> routers;
        private final MapDraft<SubnetId, RouterInterface> interfaces;
        private final MapDraft<FloatingIpId, FloatingIp> floatingIps;
        private final MapDraft<DeviceId, DvrNode> nodes;
        private final MapDraft<RouterId, GatewayAssignment> gateways;
        private final Map<List<Object>, ExternalNeighbor> neighbors = new java.util.LinkedHashMap<>();

        private Builder(DvrSnapshot base) {
            this.base = base;
            boolean empty = base == null;
            this.networks = draft(empty ? ImmutableSortedMap.of() : base.networks);
            this.subnets = draft(empty ? ImmutableSortedMap.of() : base.subnets);
            this.ports = draft(empty ? ImmutableSortedMap.of() : base.ports);
            this.routers = draft(empty ? ImmutableSortedMap.of() : base.routers);
            this.interfaces = draft(empty ? ImmutableSortedMap.of() : base.interfacesBySubnet);
            this.floatingIps = draft(empty ? ImmutableSortedMap.of() : base.floatingIps);
            this.nodes = new MapDraft<>(empty ? ImmutableSortedMap.<DeviceId, DvrNode>orderedBy(DEVICE_ORDER).build()
                                                : base.nodes, DEVICE_ORDER);
            this.gateways = draft(empty ? ImmutableSortedMap.of() : base.gateways);
            if (base != null) {
                this.baseMac = base.baseMac;
                base.neighbors.forEach(this::neighbor);
            }
        }

        private static <K extends Comparable<? super K>, V> MapDraft<K, V> draft(ImmutableSortedMap<K, V> base) {
            return new MapDraft<>(base, Ordering.natural());
        }

        public Builder baseMac(MacAddress mac) {
            this.baseMac = required(mac, "dvr_base_mac");
            return this;
        }

        public Builder network(Network n) {
            networks.put(n.id(), n);
            return this;
        }

        public Builder removeNetwork(NetworkId id) {
            networks.remove(id);
            return this;
        }

        public Builder subnet(Subnet s) {
            subnets.put(s.id(), s);
            return this;
        }

        public Builder removeSubnet(SubnetId id) {
            subnets.remove(id);
            return this;
        }

        public Builder port(VmPort p) {
            ports.put(p.id(), p);
            return this;
        }

        public Builder removePort(PortId id) {
            ports.remove(id);
            return this;
        }

        public Builder router(Router r) {
            routers.put(r.id(), r);
            return this;
        }

        public Builder removeRouter(RouterId id) {
            routers.remove(id);
            return this;
        }

        public Builder routerInterface(RouterInterface i) {
            interfaces.put(i.subnetId(), i);
            return this;
        }

        public Builder removeRouterInterface(SubnetId subnetId) {
            interfaces.remove(subnetId);
            return this;
        }

        public Builder floatingIp(FloatingIp f) {
            floatingIps.put(f.id(), f);
            return this;
        }

        public Builder removeFloatingIp(FloatingIpId id) {
            floatingIps.remove(id);
            return this;
        }

        public Builder node(DvrNode n) {
            nodes.put(n.deviceId(), n);
            return this;
        }

        public Builder removeNode(DeviceId id) {
            nodes.remove(id);
            return this;
        }

        public Builder gatewayAssignment(GatewayAssignment a) {
            gateways.put(a.routerId(), a);
            return this;
        }

        public Builder removeGatewayAssignment(RouterId id) {
            gateways.remove(id);
            return this;
        }

        public Builder neighbor(ExternalNeighbor n) {
            neighbors.put(List.of(n.networkId(), n.ip()), n);
            return this;
        }

        public Builder removeNeighbor(NetworkId networkId, IpAddress ip) {
            neighbors.remove(List.of(networkId, ip));
            return this;
        }

        /** @return read-only copy of the routers being built (for key allocation) */
        public Map<RouterId, Router> routers() {
            return routers.view();
        }

        /** @return read-only copy of the nodes being built (for index allocation) */
        public Map<DeviceId, DvrNode> nodes() {
            return nodes.view();
        }

        /**
         * Builds and validates the snapshot.
         *
         * @return the snapshot
         * @throws IllegalArgumentException naming the first broken rule (a dangling reference, a duplicate
         *                                  address, an overlap, ...)
         */
        public DvrSnapshot build() {
            return new DvrSnapshot(this);
        }

        /**
         * Builds the same content without reusing the base snapshot: every index made and every rule checked
         * (what {@link #build()} must equal; for tests).
         *
         * @return the snapshot
         */
        DvrSnapshot buildFromScratch() {
            Builder b = new Builder(null).baseMac(baseMac);
            networks.view().values().forEach(b::network);
            subnets.view().values().forEach(b::subnet);
            ports.view().values().forEach(b::port);
            routers.view().values().forEach(b::router);
            interfaces.view().values().forEach(b::routerInterface);
            floatingIps.view().values().forEach(b::floatingIp);
            nodes.view().values().forEach(b::node);
            gateways.view().values().forEach(b::gatewayAssignment);
            neighbors.values().forEach(b::neighbor);
            return b.build();
        }
    }
}
