package org.onosdvr.app.manager;

import org.onlab.packet.IpAddress;
import org.onlab.packet.MacAddress;
import org.onlab.util.Tools;
import org.onosdvr.api.DvrAdminService;
import org.onosdvr.api.DvrEvent;
import org.onosdvr.api.DvrException;
import org.onosdvr.api.DvrListener;
import org.onosdvr.api.DvrMacs;
import org.onosdvr.api.DvrNode;
import org.onosdvr.api.DvrService;
import org.onosdvr.api.DvrSnapshot;
import org.onosdvr.api.DvrStore;
import org.onosdvr.api.DvrStoreDelegate;
import org.onosdvr.api.ExternalGateway;
import org.onosdvr.api.ExternalNeighbor;
import org.onosdvr.api.FloatingIp;
import org.onosdvr.api.FloatingIpId;
import org.onosdvr.api.Network;
import org.onosdvr.api.NetworkId;
import org.onosdvr.api.PortId;
import org.onosdvr.api.Router;
import org.onosdvr.api.RouterId;
import org.onosdvr.api.RouterInterface;
import org.onosdvr.api.Subnet;
import org.onosdvr.api.SubnetId;
import org.onosdvr.api.VmPort;
import org.onosdvr.app.config.DvrConfig;
import org.onosdvr.app.gateway.GatewaySelector;
import org.onosproject.cfg.ComponentConfigService;
import org.onosproject.core.ApplicationId;
import org.onosproject.core.CoreService;
import org.onosproject.event.AbstractListenerManager;
import org.onosproject.net.DeviceId;
import org.onosproject.net.config.NetworkConfigEvent;
import org.onosproject.net.config.NetworkConfigListener;
import org.onosproject.net.config.NetworkConfigService;
import org.osgi.service.component.ComponentContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.slf4j.Logger;

import java.util.Dictionary;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiFunction;
import java.util.stream.Collectors;

import static org.onosdvr.app.manager.OsgiPropertyConstants.DVR_BASE_MAC;
import static org.onosdvr.app.manager.OsgiPropertyConstants.DVR_BASE_MAC_DEFAULT;
import static org.onosdvr.app.manager.OsgiPropertyConstants.ROUTER_DISTRIBUTED;
import static org.onosdvr.app.manager.OsgiPropertyConstants.ROUTER_DISTRIBUTED_DEFAULT;
import static org.slf4j.LoggerFactory.getLogger;

/**
 * The DVR admin service: checks every request against the current state (existence, use by other objects),
 * allocates router keys, router MACs and node indexes, resolves floating IPs, and applies each request as one
 * atomic change of the {@link DvrStore}. Settings come from the component properties, overridden by the
 * {@code dvr} network config when it sets them.
 */
@Component(immediate = true, service = {DvrService.class, DvrAdminService.class},
        property = {
                ROUTER_DISTRIBUTED + ":Boolean=" + ROUTER_DISTRIBUTED_DEFAULT,
                DVR_BASE_MAC + "=" + DVR_BASE_MAC_DEFAULT,
        })
public class DvrManager extends AbstractListenerManager<DvrEvent, DvrListener> implements DvrAdminService {

    /** Application name. */
    public static final String APP_NAME = "org.onosdvr.app";

    private final Logger log = getLogger(getClass());

    @Reference(cardinality = ReferenceCardinality.MANDATORY)
    protected CoreService coreService;

    @Reference(cardinality = ReferenceCardinality.MANDATORY)
    protected DvrStore store;

    @Reference(cardinality = ReferenceCardinality.MANDATORY)
    protected ComponentConfigService cfgService;

    @Reference(cardinality = ReferenceCardinality.MANDATORY)
    protected NetworkConfigService netcfgService;

    /** Component property {@code routerDistributed}. */
    private boolean routerDistributed = ROUTER_DISTRIBUTED_DEFAULT;
    /** Component property {@code dvrBaseMac}. */
    private MacAddress dvrBaseMac = MacAddress.valueOf(DVR_BASE_MAC_DEFAULT);

    private final DvrStoreDelegate delegate = this::post;
    private final NetworkConfigListener netcfgListener = new InternalConfigListener();
    private ApplicationId appId;

    @Activate
    protected void activate(ComponentContext context) {
        appId = coreService.registerApplication(APP_NAME);
        eventDispatcher.addSink(DvrEvent.class, listenerRegistry);
        store.setDelegate(delegate);
        cfgService.registerProperties(getClass());
        netcfgService.addListener(netcfgListener);
        readComponentConfiguration(context);
        log.info("Started");
    }

    @Deactivate
    protected void deactivate() {
        netcfgService.removeListener(netcfgListener);
        cfgService.unregisterProperties(getClass(), false);
        store.unsetDelegate(delegate);
        eventDispatcher.removeSink(DvrEvent.class);
        log.info("Stopped");
    }

    @Modified
    protected void modified(ComponentContext context) {
        readComponentConfiguration(context);
    }

    private void readComponentConfiguration(ComponentContext context) {
        Dictionary<?, ?> properties = context == null ? null : context.getProperties();
        if (properties != null) {
            Boolean distributed = Tools.isPropertyEnabled(properties, ROUTER_DISTRIBUTED);
            routerDistributed = distributed == null ? ROUTER_DISTRIBUTED_DEFAULT : distributed;
            String mac = Tools.get(properties, DVR_BASE_MAC);
            try {
                dvrBaseMac = DvrMacs.checkBase(MacAddress.valueOf(mac == null ? DVR_BASE_MAC_DEFAULT : mac));
            } catch (IllegalArgumentException e) {
                log.warn("Ignoring invalid {} '{}': {}", DVR_BASE_MAC, mac, e.getMessage());
            }
        }
        log.info("Settings: {}={}, {}={}", ROUTER_DISTRIBUTED, defaultDistributed(), DVR_BASE_MAC, baseMac());
        applyBaseMac(baseMac());
    }

    private DvrConfig config() {
        return appId == null ? null : netcfgService.getConfig(appId, DvrConfig.class);
    }

    private MacAddress baseMac() {
        DvrConfig c = config();
        return c != null && c.dvrBaseMac().isPresent() ? c.dvrBaseMac().get() : dvrBaseMac;
    }

    /** Moves the state to another base MAC: every node's DVR MAC is derived again. */
    private void applyBaseMac(MacAddress base) {
        if (store.snapshot().baseMac().equals(base)) {
            return;
        }
        try {
            store.apply(b -> {
                b.baseMac(base);
                store.snapshot().nodes().forEach(n -> b.node(n.toBuilder().baseMac(base).build()));
                return b;
            });
            log.info("DVR base MAC is now {}", base);
        } catch (IllegalArgumentException e) {
            log.warn("Cannot use DVR base MAC {}: {}", base, e.getMessage());
        }
    }

    @Override
    public DvrSnapshot snapshot() {
        return store.snapshot();
    }

    @Override
    public boolean defaultDistributed() {
        DvrConfig c = config();
        return c != null && c.routerDistributed().isPresent() ? c.routerDistributed().get() : routerDistributed;
    }

    /**
     * Applies one change: {@code edit} gets the current state (to check preconditions against) and the builder
     * to edit, and returns the value to hand back to the caller.
     */
    private <T> T change(BiFunction<DvrSnapshot, DvrSnapshot.Builder, T> edit) {
        AtomicReference<T> result = new AtomicReference<>();
        store.apply(b -> {
            result.set(edit.apply(store.snapshot(), b));
            return b;
        });
        return result.get();
    }


    // ---- networks

    @Override
    public Network createNetwork(Network network) {
        return change((s, b) -> {
            if (s.network(network.id()).isPresent()) {
                throw DvrException.conflict("network %s already exists", network.id());
            }
            RequestChecks.checkSegment(s, network);
            b.network(network);
            return network;
        });
    }

    @Override
    public Network updateNetwork(Network network) {
        return change((s, b) -> {
            Network old = s.network(network.id()).orElseThrow(() -> RequestChecks.missing("network", network.id()));
            if (old.external() != network.external()
                    && (!s.subnets(old.id()).isEmpty() || !s.ports(old.id()).isEmpty())) {
                throw DvrException.conflict("network %s has subnets or ports: router:external cannot change",
                                            old.id());
            }
            RequestChecks.checkSegment(s, network);
            b.network(network);
            return network;
        });
    }


    @Override
    public void removeNetwork(NetworkId id) {
        change((s, b) -> {
            RequestChecks.exists(s.network(id), "network", id);
            if (!s.subnets(id).isEmpty() || !s.ports(id).isEmpty()) {
                throw DvrException.conflict("network %s still has %d subnets and %d ports", id,
                                            s.subnets(id).size(), s.ports(id).size());
            }
            s.neighbors().stream().filter(n -> n.networkId().equals(id))
                    .forEach(n -> b.removeNeighbor(id, n.ip()));
            b.removeNetwork(id);
            return null;
        });
        log.info("Removed network {}", id);
    }

    // ---- subnets

    @Override
    public Subnet createSubnet(Subnet subnet) {
        return change((s, b) -> {
            if (s.subnet(subnet.id()).isPresent()) {
                throw DvrException.conflict("subnet %s already exists", subnet.id());
            }
            RequestChecks.exists(s.network(subnet.networkId()), "network", subnet.networkId());
            b.subnet(subnet);
            return subnet;
        });
    }

    @Override
    public Subnet updateSubnet(Subnet subnet) {
        return change((s, b) -> {
            Subnet old = s.subnet(subnet.id()).orElseThrow(() -> RequestChecks.missing("subnet", subnet.id()));
            if (!old.networkId().equals(subnet.networkId())) {
                throw DvrException.badRequest("subnet %s: network_id cannot change", subnet.id());
            }
            if (!old.cidr().equals(subnet.cidr())) {
                throw DvrException.badRequest("subnet %s: cidr cannot change", subnet.id());
            }
            if (!old.gatewayIp().equals(subnet.gatewayIp()) && s.routerInterface(subnet.id()).isPresent()) {
                throw DvrException.conflict("subnet %s is attached to a router: gateway_ip cannot change",
                                            subnet.id());
            }
            b.subnet(subnet);
            return subnet;
        });
    }

    @Override
    public void removeSubnet(SubnetId id) {
        change((s, b) -> {
            Subnet subnet = s.subnet(id).orElseThrow(() -> RequestChecks.missing("subnet", id));
            String user = RequestChecks.subnetUser(s, subnet);
            if (user != null) {
                throw DvrException.conflict("subnet %s is in use by %s", id, user);
            }
            b.removeSubnet(id);
            return null;
        });
        log.info("Removed subnet {}", id);
    }


    // ---- ports

    @Override
    public VmPort createPort(VmPort port) {
        return change((s, b) -> {
            if (s.port(port.id()).isPresent()) {
                throw DvrException.conflict("port %s already exists", port.id());
            }
            RequestChecks.checkPort(s, port);
            b.port(port);
            return port;
        });
    }

    @Override
    public VmPort updatePort(VmPort port) {
        return change((s, b) -> {
            VmPort old = s.port(port.id()).orElseThrow(() -> RequestChecks.missing("port", port.id()));
            if (!old.networkId().equals(port.networkId())) {
                throw DvrException.badRequest("port %s: network_id cannot change", port.id());
            }
            RequestChecks.checkPort(s, port);
            for (FloatingIp f : s.floatingIps(port.id())) {
                if (!port.fixedIps().contains(f.fixedIp().get())) {
                    throw DvrException.conflict("port %s: fixed IP %s has floating IP %s; disassociate it first",
                                                port.id(), f.fixedIp().get(), f.id());
                }
            }
            b.port(port);
            return port;
        });
    }


    @Override
    public void removePort(PortId id) {
        change((s, b) -> {
            RequestChecks.exists(s.port(id), "port", id);
            s.floatingIps(id).forEach(f -> b.floatingIp(f.toBuilder().portId(null).fixedIp(null).routerId(null)
                                                                .build()));
            b.removePort(id);
            return null;
        });
        log.info("Removed port {}", id);
    }

    // ---- routers

    @Override
    public Router createRouter(Router router) {
        return change((s, b) -> {
            if (s.router(router.id()).isPresent()) {
                throw DvrException.conflict("router %s already exists", router.id());
            }
            Set<Integer> keys = s.routers().stream().map(Router::key).collect(Collectors.toSet());
            int key = router.key();
            if (key == 0) {
                key = Allocations.lowestFree(keys, Router.MAX_KEY, "router key");
            } else if (keys.contains(key)) {
                throw DvrException.conflict("router key %d is already used", key);
            }
            Router stored = router.toBuilder().key(key)
                    .externalGateway(RequestChecks.gateway(s, router, null)).build();
            b.router(stored);
            return stored;
        });
    }

    @Override
    public Router updateRouter(Router router) {
        return change((s, b) -> {
            Router old = s.router(router.id()).orElseThrow(() -> RequestChecks.missing("router", router.id()));
            ExternalGateway gw = RequestChecks.gateway(s, router, old);
            boolean sameNetwork = gw != null && old.externalGateway()
                    .map(g -> g.networkId().equals(gw.networkId())).orElse(false);
            if (!sameNetwork && s.floatingIps().stream()
                    .anyMatch(f -> f.routerId().map(router.id()::equals).orElse(false))) {
                throw DvrException.conflict("router %s has associated floating IPs: its external network "
                                                    + "cannot change", router.id());
            }
            Router stored = router.toBuilder().key(old.key()).externalGateway(gw).build();
            b.router(stored);
            if (!GatewaySelector.needsGateway(stored)) {
                b.removeGatewayAssignment(stored.id());
            }
            return stored;
        });
    }


    @Override
    public void removeRouter(RouterId id) {
        change((s, b) -> {
            RequestChecks.exists(s.router(id), "router", id);
            if (!s.routerInterfaces(id).isEmpty()) {
                throw DvrException.conflict("router %s still has %d interfaces", id, s.routerInterfaces(id).size());
            }
            s.floatingIps().stream().filter(f -> f.routerId().map(id::equals).orElse(false)).findFirst()
                    .ifPresent(f -> {
                        throw DvrException.conflict("router %s is used by floating IP %s", id, f.id());
                    });
            b.removeGatewayAssignment(id);
            b.removeRouter(id);
            return null;
        });
        log.info("Removed router {}", id);
    }

    @Override
    public RouterInterface addRouterInterface(RouterId routerId, SubnetId subnetId) {
        return change((s, b) -> {
            RequestChecks.exists(s.router(routerId), "router", routerId);
            Subnet subnet = s.subnet(subnetId).orElseThrow(() -> RequestChecks.missing("subnet", subnetId));
            s.routerInterface(subnetId).ifPresent(i -> {
                throw DvrException.conflict("subnet %s is already attached to router %s", subnetId, i.routerId());
            });
            if (s.network(subnet.networkId()).get().external()) {
                throw DvrException.badRequest("subnet %s is on an external network; use an external gateway",
                                              subnetId);
            }
            for (VmPort p : s.ports(subnet.networkId())) {
                if (p.fixedIps().contains(subnet.gatewayIp())) {
                    throw DvrException.conflict("gateway IP %s of subnet %s is used by port %s",
                                                subnet.gatewayIp(), subnetId, p.id());
                }
            }
            Set<MacAddress> used = Allocations.usedMacs(s);
            RouterInterface ri = new RouterInterface(
                    routerId, subnetId, Allocations.mac("router-interface:" + routerId + "/" + subnetId, used));
            b.routerInterface(ri);
            return ri;
        });
    }

    @Override
    public RouterInterface removeRouterInterface(RouterId routerId, SubnetId subnetId) {
        return change((s, b) -> {
            RequestChecks.exists(s.router(routerId), "router", routerId);
            RouterInterface ri = s.routerInterface(subnetId).filter(i -> i.routerId().equals(routerId))
                    .orElseThrow(() -> DvrException.notFound("router %s has no interface on subnet %s",
                                                             routerId, subnetId));
            Subnet subnet = s.subnet(subnetId).get();
            s.floatingIps().stream()
                    .filter(f -> f.routerId().map(routerId::equals).orElse(false)
                            && subnet.cidr().contains(f.fixedIp().get())
                            && s.port(f.portId().get()).get().networkId().equals(subnet.networkId()))
                    .findFirst().ifPresent(f -> {
                        throw DvrException.conflict("floating IP %s uses subnet %s through router %s",
                                                    f.id(), subnetId, routerId);
                    });
            b.removeRouterInterface(subnetId);
            return ri;
        });
    }

    // ---- floating IPs

    @Override
    public FloatingIp createFloatingIp(FloatingIp floatingIp) {
        return change((s, b) -> {
            if (s.floatingIp(floatingIp.id()).isPresent()) {
                throw DvrException.conflict("floating IP %s already exists", floatingIp.id());
            }
            RequestChecks.checkFloatingAddress(s, floatingIp);
            FloatingIp stored = FloatingIpResolver.resolve(s, floatingIp);
            b.floatingIp(stored);
            return stored;
        });
    }

    @Override
    public FloatingIp updateFloatingIp(FloatingIp floatingIp) {
        return change((s, b) -> {
            FloatingIp old = s.floatingIp(floatingIp.id()).orElseThrow(() -> RequestChecks.missing("floating IP",
                                                                                     floatingIp.id()));
            if (!old.floatingNetworkId().equals(floatingIp.floatingNetworkId())
                    || !old.floatingIp().equals(floatingIp.floatingIp())) {
                throw DvrException.badRequest("floating IP %s: network and address cannot change",
                                              floatingIp.id());
            }
            FloatingIp stored = FloatingIpResolver.resolve(s, floatingIp);
            b.floatingIp(stored);
            return stored;
        });
    }


    @Override
    public void removeFloatingIp(FloatingIpId id) {
        change((s, b) -> {
            RequestChecks.exists(s.floatingIp(id), "floating IP", id);
            b.removeFloatingIp(id);
            return null;
        });
    }

    // ---- nodes and neighbors

    @Override
    public DvrNode updateNode(DvrNode node) {
        return change((s, b) -> {
            DvrNode old = s.node(node.deviceId()).orElse(null);
            for (DvrNode other : s.nodes()) {
                if (other.deviceId().equals(node.deviceId())) {
                    continue;
                }
                if (other.tunnelIp().equals(node.tunnelIp())) {
                    throw DvrException.conflict("tunnel IP %s is already used by node %s", node.tunnelIp(),
                                                other.deviceId());
                }
                if (node.index() != 0 && other.index() == node.index()) {
                    throw DvrException.conflict("node index %d is already used by node %s", node.index(),
                                                other.deviceId());
                }
            }
            int index = node.index();
            if (index == 0) {
                index = old != null ? old.index() : Allocations.lowestFree(
                        s.nodes().stream().map(DvrNode::index).collect(Collectors.toSet()), DvrMacs.MAX_INDEX,
                        "node index");
            }
            DvrNode stored = node.toBuilder().index(index).baseMac(s.baseMac()).build();
            b.node(stored);
            if (!stored.role().isGateway()) {
                RequestChecks.dropGateway(s, b, stored.deviceId());
            }
            return stored;
        });
    }

    @Override
    public void removeNode(DeviceId deviceId) {
        change((s, b) -> {
            RequestChecks.exists(s.node(deviceId), "node", deviceId);
            RequestChecks.dropGateway(s, b, deviceId);
            b.removeNode(deviceId);
            return null;
        });
        log.info("Removed node {}", deviceId);
    }


    @Override
    public void updateNeighbor(ExternalNeighbor neighbor) {
        change((s, b) -> {
            Network n = s.network(neighbor.networkId()).orElseThrow(() -> RequestChecks.missing("network",
                                                                                  neighbor.networkId()));
            if (!n.external()) {
                throw DvrException.badRequest("neighbor %s: network %s is not external", neighbor.ip(), n.id());
            }
            b.neighbor(neighbor);
            return null;
        });
    }

    @Override
    public void removeNeighbor(NetworkId networkId, IpAddress ip) {
        change((s, b) -> {
            if (s.neighbors().stream().noneMatch(n -> n.networkId().equals(networkId) && n.ip().equals(ip))) {
                throw DvrException.notFound("no neighbor %s on network %s", ip, networkId);
            }
            b.removeNeighbor(networkId, ip);
            return null;
        });
    }

    private class InternalConfigListener implements NetworkConfigListener {
        @Override
        public boolean isRelevant(NetworkConfigEvent event) {
            return event.configClass() == DvrConfig.class;
        }

        @Override
        public void event(NetworkConfigEvent event) {
            switch (event.type()) {
                case CONFIG_ADDED:
                case CONFIG_UPDATED:
                case CONFIG_REMOVED:
                case CONFIG_REGISTERED:
                    applyBaseMac(baseMac());
                    break;
                default:
                    break;
            }
        }
    }
}
