package org.onosdvr.pipeline;

import org.onlab.packet.IpAddress;
import org.onosdvr.api.DvrNode;
import org.onosdvr.api.Network;
import org.onosdvr.api.Router;
import org.onosdvr.api.Subnet;
import org.onosdvr.api.VmPort;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * A located VM port and the rule groups it puts on devices. Which rules a port puts on a device depends only on
 * whether the port is local there and on which of its fixed IPs the device resolves (routes their subnet's
 * router): its {@link View}. A group is made once per view and shared by every device with that view, so a VM
 * of a network taking part on 100 nodes costs its rules once, not 100 times. Made per topology (a changed port
 * is a new {@code VmPort}, hence new {@code PortRules}). Devices compiled concurrently may both make the group
 * of a view: they make equal groups (immutable, final fields) and either is kept, a benign race.
 */
final class PortRules {

    /** Views per port are at most 2^(1 + this) before falling back to a map. */
    private static final int ARRAY_IPS = 4;

    private final VmPort port;
    private final Network network;
    private final DvrNode host;
    private final String source;
    private final IpAddress[] ips;
    private final Subnet[] subnets;
    private final Router[] routers;
    /** Position of each IP's router in {@link RouterPlacement#routers()}, -1 if none. */
    private final int[] routerIndex;
    private final RuleGroup[] byView;
    private final Map<Integer, RuleGroup> byViewMap;

    /**
     * @param topology topology the port is located in
     * @param port     VM port located on a node of the topology
     */
    PortRules(DvrTopology topology, VmPort port) {
        this.port = port;
        this.network = topology.snapshot().network(port.networkId()).get();
        this.host = topology.node(port).orElseThrow(() -> new IllegalArgumentException(port + " is not located"));
        this.source = Sources.port(port);
        int n = port.fixedIps().size();
        this.ips = port.fixedIps().toArray(new IpAddress[0]);
        this.subnets = new Subnet[n];
        this.routers = new Router[n];
        this.routerIndex = new int[n];
        for (int i = 0; i < n; i++) {
            subnets[i] = topology.snapshot().subnetOf(port.networkId(), ips[i]).orElse(null);
            routers[i] = subnets[i] == null ? null : topology.router(subnets[i]).orElse(null);
            routerIndex[i] = routers[i] == null ? -1 : topology.placement().index(routers[i]);
        }
        this.byView = n <= ARRAY_IPS ? new RuleGroup[2 << n] : null;
        this.byViewMap = n <= ARRAY_IPS ? null : new ConcurrentHashMap<>();
    }

    VmPort port() {
        return port;
    }

    Network network() {
        return network;
    }

    /** @return the node the port is on */
    DvrNode host() {
        return host;
    }

    /** @return model object key of its rules */
    String source() {
        return source;
    }

    /** @return number of fixed IPs */
    int ipCount() {
        return ips.length;
    }

    IpAddress ip(int i) {
        return ips[i];
    }

    /**
     * @param i fixed IP index
     * @return the subnet of the port's network holding it, or null
     */
    Subnet subnet(int i) {
        return subnets[i];
    }

    /**
     * @param i fixed IP index
     * @return the admin-up router attached to its subnet, or null
     */
    Router router(int i) {
        return routers[i];
    }

    /**
     * Returns the port's group on a device, made by {@code make} the first time a device sees it that way.
     *
     * @param device a device taking part in the port's network
     * @param make   makes the group of a view
     * @return the group
     */
    RuleGroup group(NodeView device, Function<View, RuleGroup> make) {
        int resolved = 0;
        for (int i = 0; i < routerIndex.length; i++) {
            if (routerIndex[i] >= 0 && device.routes(routerIndex[i])) {
                resolved |= 1 << i;
            }
        }
        boolean local = host.deviceId().equals(device.node().deviceId());
        int key = (resolved << 1) | (local ? 1 : 0);
        RuleGroup g = byView == null ? byViewMap.get(key) : byView[key];
        if (g == null) {
            g = make.apply(new View(local, resolved));
            if (byView == null) {
                byViewMap.put(key, g);
            } else {
                byView[key] = g;
            }
        }
        return g;
    }

    /** @return the groups made so far (for tests of the sharing) */
    List<RuleGroup> madeGroups() {
        List<RuleGroup> out = new java.util.ArrayList<>();
        if (byView != null) {
            for (RuleGroup g : byView) {
                if (g != null) {
                    out.add(g);
                }
            }
        } else {
            out.addAll(byViewMap.values());
        }
        return out;
    }

    /** How one device sees a port: local or not, and which fixed IPs it resolves in arp_resolve. */
    final class View {
        private final boolean local;
        private final int resolved;

        private View(boolean local, int resolved) {
            this.local = local;
            this.resolved = resolved;
        }

        /** @return the port */
        PortRules port() {
            return PortRules.this;
        }

        /** @return true on the port's own node */
        boolean local() {
            return local;
        }

        /**
         * @param i fixed IP index
         * @return true if the device routes the router of that IP's subnet
         */
        boolean resolves(int i) {
            return (resolved & (1 << i)) != 0;
        }
    }
}
