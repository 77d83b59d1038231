package org.onosdvr.app.store;

import com.google.common.collect.ImmutableList;
import org.onlab.packet.IpAddress;
import org.onosdvr.api.DvrEvent;
import org.onosdvr.api.DvrNode;
import org.onosdvr.api.DvrSnapshot;
import org.onosdvr.api.ExternalNeighbor;
import org.onosdvr.api.FloatingIp;
import org.onosdvr.api.FloatingIpId;
import org.onosdvr.api.GatewayAssignment;
import org.onosdvr.api.Network;
import org.onosdvr.api.NetworkId;
import org.onosdvr.api.PortId;
import org.onosdvr.api.Router;
import org.onosdvr.api.RouterId;
import org.onosdvr.api.RouterInterface;
import org.onosdvr.api.Subnet;
import org.onosdvr.api.SubnetId;
import org.onosdvr.api.VmPort;
import org.onosproject.net.DeviceId;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * One kind of object of the DVR state, described once: how to list it in a snapshot, its key, how to put it
 * into and remove it from a snapshot builder, the name of its map and its event types. The store's persistence,
 * its rebuild and its diff are written once against this description instead of once per kind.
 *
 * @param <K> key type
 * @param <V> value type
 */
public final class EntityKind<K, V> {

    /** Networks. */
    public static final EntityKind<Object, Network> NETWORKS = new EntityKind<>(
            "networks", Network.class, DvrSnapshot::networks, Network::id,
            DvrSnapshot.Builder::network, (b, k) -> b.removeNetwork((NetworkId) k),
            DvrEvent.Type.NETWORK_UPDATED, DvrEvent.Type.NETWORK_REMOVED);

    /** Subnets. */
    public static final EntityKind<Object, Subnet> SUBNETS = new EntityKind<>(
            "subnets", Subnet.class, DvrSnapshot::subnets, Subnet::id,
            DvrSnapshot.Builder::subnet, (b, k) -> b.removeSubnet((SubnetId) k),
            DvrEvent.Type.SUBNET_UPDATED, DvrEvent.Type.SUBNET_REMOVED);

    /** VM ports. */
    public static final EntityKind<Object, VmPort> PORTS = new EntityKind<>(
            "ports", VmPort.class, DvrSnapshot::ports, VmPort::id,
            DvrSnapshot.Builder::port, (b, k) -> b.removePort((PortId) k),
            DvrEvent.Type.PORT_UPDATED, DvrEvent.Type.PORT_REMOVED);

    /** Routers. */
    public static final EntityKind<Object, Router> ROUTERS = new EntityKind<>(
            "routers", Router.class, DvrSnapshot::routers, Router::id,
            DvrSnapshot.Builder::router, (b, k) -> b.removeRouter((RouterId) k),
            DvrEvent.Type.ROUTER_UPDATED, DvrEvent.Type.ROUTER_REMOVED);

    /** Router interfaces, keyed by subnet. */
    public static final EntityKind<Object, RouterInterface> INTERFACES = new EntityKind<>(
            "router-interfaces", RouterInterface.class, DvrSnapshot::routerInterfaces, RouterInterface::subnetId,
            DvrSnapshot.Builder::routerInterface,
            (b, k) -> b.removeRouterInterface((SubnetId) k),
            DvrEvent.Type.ROUTER_INTERFACE_UPDATED, DvrEvent.Type.ROUTER_INTERFACE_REMOVED);

    /** Floating IPs. */
    public static final EntityKind<Object, FloatingIp> FLOATING_IPS = new EntityKind<>(
            "floating-ips", FloatingIp.class, DvrSnapshot::floatingIps, FloatingIp::id,
            DvrSnapshot.Builder::floatingIp, (b, k) -> b.removeFloatingIp((FloatingIpId) k),
            DvrEvent.Type.FLOATING_IP_UPDATED, DvrEvent.Type.FLOATING_IP_REMOVED);

    /** DVR nodes, keyed by device. */
    public static final EntityKind<Object, DvrNode> NODES = new EntityKind<>(
            "nodes", DvrNode.class, DvrSnapshot::nodes, DvrNode::deviceId,
            DvrSnapshot.Builder::node, (b, k) -> b.removeNode((DeviceId) k),
            DvrEvent.Type.NODE_UPDATED, DvrEvent.Type.NODE_REMOVED);

    /** Gateway assignments, keyed by router. */
    public static final EntityKind<Object, GatewayAssignment> GATEWAYS = new EntityKind<>(
            "gateway-assignments", GatewayAssignment.class, DvrSnapshot::gatewayAssignments,
            GatewayAssignment::routerId, DvrSnapshot.Builder::gatewayAssignment,
            (b, k) -> b.removeGatewayAssignment((RouterId) k),
            DvrEvent.Type.GATEWAY_ASSIGNMENT_UPDATED, DvrEvent.Type.GATEWAY_ASSIGNMENT_REMOVED);

    /** External neighbors, keyed by "network/ip" (a network id cannot contain '/'). */
    public static final EntityKind<Object, ExternalNeighbor> NEIGHBORS = new EntityKind<>(
            "neighbors", ExternalNeighbor.class, DvrSnapshot::neighbors, EntityKind::neighborKey,
            DvrSnapshot.Builder::neighbor, (b, k) -> removeNeighbor(b, (String) k),
            DvrEvent.Type.NEIGHBOR_UPDATED, DvrEvent.Type.NEIGHBOR_REMOVED);

    /** Every kind, referenced objects before the objects referring to them. */
    public static final ImmutableList<EntityKind<Object, ?>> ALL = ImmutableList.of(
            NETWORKS, SUBNETS, PORTS, ROUTERS, INTERFACES, FLOATING_IPS, NODES, GATEWAYS, NEIGHBORS);

    private final String name;
    private final Class<V> valueClass;
    private final Function<DvrSnapshot, Collection<V>> values;
    private final Function<V, K> key;
    private final BiConsumer<DvrSnapshot.Builder, V> put;
    private final BiConsumer<DvrSnapshot.Builder, K> remove;
    private final DvrEvent.Type updated;
    private final DvrEvent.Type removed;

    @SuppressWarnings("unchecked")
    private EntityKind(String name, Class<V> valueClass, Function<DvrSnapshot, ? extends Collection<V>> values,
                       Function<V, ?> key, BiConsumer<DvrSnapshot.Builder, V> put,
                       BiConsumer<DvrSnapshot.Builder, K> remove, DvrEvent.Type updated, DvrEvent.Type removed) {
        this.name = name;
        this.valueClass = valueClass;
        this.values = (Function<DvrSnapshot, Collection<V>>) values;
        this.key = (Function<V, K>) key;
        this.put = put;
        this.remove = remove;
        this.updated = updated;
        this.removed = removed;
    }

    /** @return short name, used in the map name */
    public String name() {
        return name;
    }

    /** @return class of the values */
    public Class<V> valueClass() {
        return valueClass;
    }

    /**
     * @param value object
     * @return its key
     */
    public K key(V value) {
        return key.apply(value);
    }

    /**
     * Indexes the objects of this kind in a snapshot by key.
     *
     * @param snapshot snapshot
     * @return key to value, in the snapshot's order
     */
    public Map<K, V> index(DvrSnapshot snapshot) {
        Map<K, V> map = new LinkedHashMap<>();
        values.apply(snapshot).forEach(v -> map.put(key.apply(v), v));
        return map;
    }

    /**
     * Puts an object (given untyped, as read from a map) into a builder.
     *
     * @param builder builder
     * @param value   object of this kind
     */
    public void put(DvrSnapshot.Builder builder, Object value) {
        put.accept(builder, valueClass.cast(value));
    }

    /**
     * Removes an object from a builder.
     *
     * @param builder builder
     * @param k       its key
     */
    public void remove(DvrSnapshot.Builder builder, K k) {
        remove.accept(builder, k);
    }

    /** @return event type for a created or changed object */
    public DvrEvent.Type updatedType() {
        return updated;
    }

    /** @return event type for a removed object */
    public DvrEvent.Type removedType() {
        return removed;
    }

    /**
     * Key of a neighbor.
     *
     * @param n neighbor
     * @return "network/ip"
     */
    public static String neighborKey(ExternalNeighbor n) {
        return n.networkId() + "/" + n.ip();
    }

    private static void removeNeighbor(DvrSnapshot.Builder b, String k) {
        int slash = k.lastIndexOf('/');
        b.removeNeighbor(NetworkId.of(k.substring(0, slash)),
                         IpAddress.valueOf(k.substring(slash + 1)));
    }

    @Override
    public String toString() {
        return name;
    }
}
