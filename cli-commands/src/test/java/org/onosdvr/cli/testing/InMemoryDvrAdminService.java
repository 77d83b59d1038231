package org.onosdvr.cli.testing;

import org.onlab.packet.IpAddress;
import org.onlab.packet.MacAddress;
import org.onosdvr.api.DvrAdminService;
import org.onosdvr.api.DvrException;
import org.onosdvr.api.DvrListener;
import org.onosdvr.api.DvrNode;
import org.onosdvr.api.DvrSnapshot;
import org.onosdvr.api.ExternalGateway;
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

import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

/**
 * TEST ONLY: an in-memory {@link DvrAdminService} over {@link DvrSnapshot.Builder}, for northbound tests while
 * the app's DvrManager is not available to them. It applies the same contract: every change is validated by
 * building the resulting snapshot, and nothing changes on error (IllegalArgumentException or DvrException
 * NOT_FOUND / CONFLICT / BAD_REQUEST). Allocation (router keys, MACs, node indexes, gateway choice) is simple
 * and deterministic; it is not the app's algorithm.
 */
public class InMemoryDvrAdminService implements DvrAdminService {

    private static final long MAC_BASE = 0xfa163e000000L;

    private DvrSnapshot snapshot = DvrSnapshot.empty();
    private boolean defaultDistributed = true;
    private long macCounter;
    private int calls;

    /**
     * Sets the default of {@code distributed}.
     *
     * @param value default
     * @return this service
     */
    public InMemoryDvrAdminService defaultDistributed(boolean value) {
        this.defaultDistributed = value;
        return this;
    }

    /**
     * Replaces the whole state (tests that try several requests against the same starting point).
     *
     * @param state new state
     */
    public synchronized void restore(DvrSnapshot state) {
        this.snapshot = state;
    }

    /** @return number of write calls received */
    public int writeCalls() {
        return calls;
    }

    private synchronized void apply(UnaryOperator<DvrSnapshot.Builder> change) {
        calls++;
        snapshot = change.apply(snapshot.toBuilder()).build();
    }

    @Override
    public synchronized DvrSnapshot snapshot() {
        return snapshot;
    }

    @Override
    public boolean defaultDistributed() {
        return defaultDistributed;
    }

    @Override
    public void addListener(DvrListener listener) {
    }

    @Override
    public void removeListener(DvrListener listener) {
    }

    private static <T> T found(Optional<T> value, String what, Object id) {
        return value.orElseThrow(() -> DvrException.notFound("%s %s not found", what, id));
    }

    @Override
    public synchronized Network createNetwork(Network network) {
        if (snapshot.network(network.id()).isPresent()) {
            throw DvrException.conflict("network %s already exists", network.id());
        }
        apply(b -> b.network(network));
        return network;
    }

    @Override
    public synchronized Network updateNetwork(Network network) {
        found(snapshot.network(network.id()), "network", network.id());
        apply(b -> b.network(network));
        return network;
    }

    @Override
    public synchronized void removeNetwork(NetworkId id) {
        found(snapshot.network(id), "network", id);
        if (!snapshot.subnets(id).isEmpty() || !snapshot.ports(id).isEmpty()) {
            throw DvrException.conflict("network %s still has subnets or ports", id);
        }
        apply(b -> b.removeNetwork(id));
    }

    @Override
    public synchronized Subnet createSubnet(Subnet subnet) {
        if (snapshot.subnet(subnet.id()).isPresent()) {
            throw DvrException.conflict("subnet %s already exists", subnet.id());
        }
        found(snapshot.network(subnet.networkId()), "network", subnet.networkId());
        apply(b -> b.subnet(subnet));
        return subnet;
    }

    @Override
    public synchronized Subnet updateSubnet(Subnet subnet) {
        Subnet old = found(snapshot.subnet(subnet.id()), "subnet", subnet.id());
        if (!old.networkId().equals(subnet.networkId())) {
            throw DvrException.badRequest("subnet %s: network_id cannot change", subnet.id());
        }
        apply(b -> b.subnet(subnet));
        return subnet;
    }

    @Override
    public synchronized void removeSubnet(SubnetId id) {
        Subnet s = found(snapshot.subnet(id), "subnet", id);
        boolean used = snapshot.routerInterface(id).isPresent()
                || snapshot.ports(s.networkId()).stream().anyMatch(p -> p.fixedIps().stream().anyMatch(
                        ip -> s.cidr().contains(ip)))
                || snapshot.routers().stream().anyMatch(r -> r.externalGateway()
                        .map(g -> g.subnetId().equals(id)).orElse(false));
        if (used) {
            throw DvrException.conflict("subnet %s is in use", id);
        }
        apply(b -> b.removeSubnet(id));
    }

    @Override
    public synchronized VmPort createPort(VmPort port) {
        if (snapshot.port(port.id()).isPresent()) {
            throw DvrException.conflict("port %s already exists", port.id());
        }
        found(snapshot.network(port.networkId()), "network", port.networkId());
        apply(b -> b.port(port));
        return port;
    }

    @Override
    public synchronized VmPort updatePort(VmPort port) {
        VmPort old = found(snapshot.port(port.id()), "port", port.id());
        if (!old.networkId().equals(port.networkId())) {
            throw DvrException.badRequest("port %s: network_id cannot change", port.id());
        }
        apply(b -> b.port(port));
        return port;
    }

    @Override
    public synchronized void removePort(PortId id) {
        found(snapshot.port(id), "port", id);
        List<FloatingIp> fips = snapshot.floatingIps(id);
        apply(b -> {
            fips.forEach(f -> b.floatingIp(f.toBuilder().portId(null).fixedIp(null).routerId(null).build()));
            return b.removePort(id);
        });
    }

    private MacAddress newMac() {
        macCounter++;
        return MacAddress.valueOf(MAC_BASE + macCounter);
    }

    private Optional<GatewayAssignment> assignment(Router router) {
        if (!router.snatEnabled()) {
            return Optional.empty();
        }
        List<DeviceId> gateways = snapshot.nodes().stream().filter(n -> n.role().isGateway())
                .map(DvrNode::deviceId).collect(Collectors.toList());
        if (gateways.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new GatewayAssignment(router.id(), gateways.get(0), gateways.subList(1, gateways.size())));
    }

    private Router complete(Router router, int key) {
        Router.Builder b = router.toBuilder().key(key);
        router.externalGateway().filter(g -> g.mac() == null).ifPresent(g -> b.externalGateway(g.withMac(newMac())));
        return b.build();
    }

    @Override
    public synchronized Router createRouter(Router router) {
        if (snapshot.router(router.id()).isPresent()) {
            throw DvrException.conflict("router %s already exists", router.id());
        }
        int key = router.key();
        if (key == 0) {
            key = 1;
            while (keyUsed(key)) {
                key++;
            }
        } else if (keyUsed(key)) {
            throw DvrException.conflict("router key %d is already used", key);
        }
        Router stored = complete(router, key);
        Optional<GatewayAssignment> a = assignment(stored);
        apply(b -> {
            a.ifPresent(b::gatewayAssignment);
            return b.router(stored);
        });
        return stored;
    }

    private boolean keyUsed(int key) {
        return snapshot.routers().stream().anyMatch(r -> r.key() == key);
    }

    @Override
    public synchronized Router updateRouter(Router router) {
        Router old = found(snapshot.router(router.id()), "router", router.id());
        Router stored = complete(router, old.key());
        Optional<GatewayAssignment> a = assignment(stored);
        apply(b -> {
            b.removeGatewayAssignment(router.id());
            a.ifPresent(b::gatewayAssignment);
            return b.router(stored);
        });
        return stored;
    }

    @Override
    public synchronized void removeRouter(RouterId id) {
        found(snapshot.router(id), "router", id);
        if (!snapshot.routerInterfaces(id).isEmpty()) {
            throw DvrException.conflict("router %s still has %d interfaces", id,
                                        snapshot.routerInterfaces(id).size());
        }
        if (snapshot.floatingIps().stream().anyMatch(f -> f.routerId().map(id::equals).orElse(false))) {
            throw DvrException.conflict("router %s is used by a floating IP", id);
        }
        apply(b -> b.removeGatewayAssignment(id).removeRouter(id));
    }

    @Override
    public synchronized RouterInterface addRouterInterface(RouterId routerId, SubnetId subnetId) {
        found(snapshot.router(routerId), "router", routerId);
        found(snapshot.subnet(subnetId), "subnet", subnetId);
        snapshot.routerInterface(subnetId).ifPresent(i -> {
            throw DvrException.conflict("subnet %s is already attached to router %s", subnetId, i.routerId());
        });
        RouterInterface intf = new RouterInterface(routerId, subnetId, newMac());
        apply(b -> b.routerInterface(intf));
        return intf;
    }

    @Override
    public synchronized RouterInterface removeRouterInterface(RouterId routerId, SubnetId subnetId) {
        found(snapshot.router(routerId), "router", routerId);
        RouterInterface intf = snapshot.routerInterface(subnetId).filter(i -> i.routerId().equals(routerId))
                .orElseThrow(() -> DvrException.notFound("router %s has no interface on subnet %s", routerId,
                                                         subnetId));
        apply(b -> b.removeRouterInterface(subnetId));
        return intf;
    }

    private FloatingIp resolve(FloatingIp fip) {
        if (fip.portId().isEmpty()) {
            return fip;
        }
        VmPort port = found(snapshot.port(fip.portId().get()), "port", fip.portId().get());
        for (IpAddress ip : port.fixedIps()) {
            if (fip.fixedIp().isPresent() && !fip.fixedIp().get().equals(ip)) {
                continue;
            }
            Optional<Router> router = snapshot.subnetOf(port.networkId(), ip)
                    .flatMap(s -> snapshot.routerInterface(s.id()))
                    .flatMap(i -> snapshot.router(i.routerId()))
                    .filter(r -> r.externalGateway().map(ExternalGateway::networkId)
                            .map(fip.floatingNetworkId()::equals).orElse(false));
            if (router.isPresent()) {
                return fip.toBuilder().fixedIp(ip).routerId(router.get().id()).build();
            }
        }
        throw DvrException.badRequest("port %s has no address routed to network %s", port.id(),
                                      fip.floatingNetworkId());
    }

    @Override
    public synchronized FloatingIp createFloatingIp(FloatingIp floatingIp) {
        if (snapshot.floatingIp(floatingIp.id()).isPresent()) {
            throw DvrException.conflict("floating IP %s already exists", floatingIp.id());
        }
        found(snapshot.network(floatingIp.floatingNetworkId()), "network", floatingIp.floatingNetworkId());
        FloatingIp stored = resolve(floatingIp);
        apply(b -> b.floatingIp(stored));
        return stored;
    }

    @Override
    public synchronized FloatingIp updateFloatingIp(FloatingIp floatingIp) {
        FloatingIp old = found(snapshot.floatingIp(floatingIp.id()), "floating IP", floatingIp.id());
        if (!old.floatingIp().equals(floatingIp.floatingIp())
                || !old.floatingNetworkId().equals(floatingIp.floatingNetworkId())) {
            throw DvrException.badRequest("floating IP %s: network and address cannot change", floatingIp.id());
        }
        FloatingIp stored = resolve(floatingIp);
        apply(b -> b.floatingIp(stored));
        return stored;
    }

    @Override
    public synchronized void removeFloatingIp(FloatingIpId id) {
        found(snapshot.floatingIp(id), "floating IP", id);
        apply(b -> b.removeFloatingIp(id));
    }

    @Override
    public synchronized DvrNode updateNode(DvrNode node) {
        DvrNode stored = node;
        if (node.index() == 0) {
            int index = 1;
            while (indexUsed(index, node.deviceId())) {
                index++;
            }
            stored = node.toBuilder().index(index).baseMac(snapshot.baseMac()).build();
        }
        DvrNode finalNode = stored;
        apply(b -> b.node(finalNode));
        return stored;
    }

    private boolean indexUsed(int index, DeviceId except) {
        return snapshot.nodes().stream().anyMatch(n -> n.index() == index && !n.deviceId().equals(except));
    }

    @Override
    public synchronized void removeNode(DeviceId deviceId) {
        found(snapshot.node(deviceId), "node", deviceId);
        apply(b -> b.removeNode(deviceId));
    }

    /**
     * Sets a gateway assignment directly (the app's gateway selector does this).
     *
     * @param assignment assignment
     */
    public synchronized void assign(GatewayAssignment assignment) {
        apply(b -> b.gatewayAssignment(assignment));
    }

    @Override
    public synchronized void updateNeighbor(ExternalNeighbor neighbor) {
        apply(b -> b.neighbor(neighbor));
    }

    @Override
    public synchronized void removeNeighbor(NetworkId networkId, IpAddress ip) {
        apply(b -> b.removeNeighbor(networkId, ip));
    }
}
