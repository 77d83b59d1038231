package org.onosdvr.api;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableListMultimap;
import com.google.common.collect.ImmutableMap;
import com.google.common.collect.ImmutableSortedMap;
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
import java.util.SortedMap;
import java.util.TreeMap;

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
    private final ImmutableListMultimap<NetworkId, VmPort> portsByNetwork;
    private final ImmutableListMultimap<RouterId, RouterInterface> interfacesByRouter;
    private final ImmutableMap<IpAddress, DvrNode> nodesByTunnelIp;
    private final ImmutableMap<PortId, List<FloatingIp>> floatingIpsByPort;

    private DvrSnapshot(Builder b) {
        this.baseMac = DvrMacs.checkBase(b.baseMac);
        this.networks = ImmutableSortedMap.copyOf(b.networks);
        this.subnets = ImmutableSortedMap.copyOf(b.subnets);
        this.ports = ImmutableSortedMap.copyOf(b.ports);
        this.routers = ImmutableSortedMap.copyOf(b.routers);
        this.interfacesBySubnet = ImmutableSortedMap.copyOf(b.interfaces);
        this.floatingIps = ImmutableSortedMap.copyOf(b.floatingIps);
        this.nodes = ImmutableSortedMap.copyOf(b.nodes, DEVICE_ORDER);
        this.gateways = ImmutableSortedMap.copyOf(b.gateways);
        this.neighbors = ImmutableList.copyOf(b.neighbors.values());

        ImmutableListMultimap.Builder<NetworkId, Subnet> sbn = ImmutableListMultimap.builder();
        subnets.values().forEach(s -> sbn.put(s.networkId(), s));
        this.subnetsByNetwork = sbn.build();
        ImmutableListMultimap.Builder<NetworkId, VmPort> pbn = ImmutableListMultimap.builder();
        ports.values().forEach(p -> pbn.put(p.networkId(), p));
        this.portsByNetwork = pbn.build();
        ImmutableListMultimap.Builder<RouterId, RouterInterface> ibr = ImmutableListMultimap.builder();
        interfacesBySubnet.values().forEach(i -> ibr.put(i.routerId(), i));
        this.interfacesByRouter = ibr.build();
        Map<IpAddress, DvrNode> byIp = new HashMap<>();
        nodes.values().forEach(n -> byIp.put(n.tunnelIp(), n));
        this.nodesByTunnelIp = ImmutableMap.copyOf(byIp);
        Map<PortId, List<FloatingIp>> fbp = new HashMap<>();
        floatingIps.values().stream().filter(FloatingIp::associated)
                .forEach(f -> fbp.computeIfAbsent(f.portId().get(), k -> new ArrayList<>()).add(f));
        this.floatingIpsByPort = ImmutableMap.copyOf(fbp);

        new SnapshotValidator(this).validate();
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
        return portsByNetwork.get(networkId);
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

    /** @return a builder holding this snapshot's content */
    public Builder toBuilder() {
        Builder b = builder().baseMac(baseMac);
        b.networks.putAll(networks);
        b.subnets.putAll(subnets);
        b.ports.putAll(ports);
        b.routers.putAll(routers);
        b.interfaces.putAll(interfacesBySubnet);
        b.floatingIps.putAll(floatingIps);
        b.nodes.putAll(nodes);
        b.gateways.putAll(gateways);
        neighbors.forEach(b::neighbor);
        return b;
    }

    /** @return an empty builder with the default base MAC */
    public static Builder builder() {
        return new Builder();
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
        private MacAddress baseMac = DvrMacs.DEFAULT_BASE_MAC;
        private final SortedMap<NetworkId, Network> networks = new TreeMap<>();
        private final SortedMap<SubnetId, Subnet> subnets = new TreeMap<>();
        private final SortedMap<PortId, VmPort> ports = new TreeMap<>();
        private final SortedMap<RouterId, Router> routers = new TreeMap<>();
        private final SortedMap<SubnetId, RouterInterface> interfaces = new TreeMap<>();
        private final SortedMap<FloatingIpId, FloatingIp> floatingIps = new TreeMap<>();
        private final SortedMap<DeviceId, DvrNode> nodes = new TreeMap<>(DEVICE_ORDER);
        private final SortedMap<RouterId, GatewayAssignment> gateways = new TreeMap<>();
        private final Map<List<Object>, ExternalNeighbor> neighbors = new java.util.LinkedHashMap<>();

        private Builder() {
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

        /** @return read-only view of the routers being built (for key allocation) */
        public Map<RouterId, Router> routers() {
            return java.util.Collections.unmodifiableMap(routers);
        }

        /** @return read-only view of the nodes being built (for index allocation) */
        public Map<DeviceId, DvrNode> nodes() {
            return java.util.Collections.unmodifiableMap(nodes);
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
    }
}
