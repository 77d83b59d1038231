package org.onosdvr.pipeline;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableSortedSet;
import org.onosdvr.api.DvrNode;
import org.onosdvr.api.NetworkId;
import org.onosdvr.api.Router;
import org.onosdvr.api.VmPort;
import org.onosproject.net.DeviceId;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * What one node hosts and routes: its located VM ports (per network too), the routers it routes for (a
 * distributed router where it hosts one of the router's networks, any router where it is the gateway or hot
 * backup) and the networks it takes part in (hosted, plus those of its routers). Immutable.
 */
final class NodeView {

    private final DvrNode node;
    private final List<VmPort> localPorts;
    private final Map<NetworkId, List<VmPort>> localByNetwork = new HashMap<>();
    private final List<Router> routed;
    private final BitSet routedBits = new BitSet();
    private final SortedSet<NetworkId> networks;
    private final Set<NetworkId> networkSet;

    /**
     * @param node       node
     * @param localPorts VM ports located on it, in id order
     * @param placement  where routers live
     */
    NodeView(DvrNode node, List<VmPort> localPorts, RouterPlacement placement) {
        this.node = node;
        this.localPorts = ImmutableList.copyOf(localPorts);
        Map<NetworkId, List<VmPort>> byNet = new HashMap<>();
        localPorts.forEach(p -> byNet.computeIfAbsent(p.networkId(), k -> new ArrayList<>()).add(p));
        byNet.forEach((n, l) -> localByNetwork.put(n, ImmutableList.copyOf(l)));
        SortedSet<NetworkId> nets = new TreeSet<>(byNet.keySet());
        List<Router> routers = new ArrayList<>();
        for (Router r : placement.routers()) {
            if (routes(node.deviceId(), r, placement)) {
                routers.add(r);
                routedBits.set(placement.index(r));
            }
        }
        routers.forEach(r -> nets.addAll(placement.networks(r)));
        this.routed = ImmutableList.copyOf(routers);
        this.networks = ImmutableSortedSet.copyOfSorted(nets);
        this.networkSet = new HashSet<>(nets);
    }

    private boolean routes(DeviceId device, Router r, RouterPlacement placement) {
        if (placement.gatewayNode(r).map(g -> g.deviceId().equals(device)).orElse(false)
                || placement.hotBackup(r).map(g -> g.deviceId().equals(device)).orElse(false)) {
            return true;
        }
        if (!r.distributed()) {
            return false;
        }
        for (NetworkId n : placement.networks(r)) {
            if (localByNetwork.containsKey(n)) {
                return true;
            }
        }
        return false;
    }

    DvrNode node() {
        return node;
    }

    /** @return VM ports located on the node, in id order */
    List<VmPort> localPorts() {
        return localPorts;
    }

    /**
     * @param network network
     * @return the node's VM ports on it, in id order
     */
    List<VmPort> localPorts(NetworkId network) {
        return localByNetwork.getOrDefault(network, List.of());
    }

    /**
     * @param network network
     * @return true if the node hosts a VM port of it
     */
    boolean hosts(NetworkId network) {
        return localByNetwork.containsKey(network);
    }

    /** @return routers routed here, in id order */
    List<Router> routed() {
        return routed;
    }

    /**
     * @param routerIndex position of an admin-up router in {@link RouterPlacement#routers()}
     * @return true if it is routed here
     */
    boolean routes(int routerIndex) {
        return routedBits.get(routerIndex);
    }

    /** @return networks the node hosts or routes into, in id order */
    SortedSet<NetworkId> networks() {
        return networks;
    }

    /**
     * @param network network
     * @return true if the node takes part in it
     */
    boolean takesPart(NetworkId network) {
        return networkSet.contains(network);
    }
}
