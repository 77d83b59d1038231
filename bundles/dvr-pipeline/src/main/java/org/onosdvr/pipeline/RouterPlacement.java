package org.onosdvr.pipeline;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableSortedSet;
import org.onosdvr.api.DvrNode;
import org.onosdvr.api.DvrSnapshot;
import org.onosdvr.api.Network;
import org.onosdvr.api.NetworkId;
import org.onosdvr.api.NodeRole;
import org.onosdvr.api.Router;
import org.onosdvr.api.RouterId;
import org.onosdvr.api.RouterInterface;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * What the structure of a snapshot (networks, subnets, routers, interfaces, nodes, gateway assignments) says
 * about routers, independent of VM ports and floating IPs: the routers that exist for the pipeline (admin up),
 * their networks, gateway, SNAT and hot backup nodes, and the external network of external ports. Immutable;
 * an incremental step that changes only ports and floating IPs keeps it.
 */
final class RouterPlacement {

    private final List<Router> routers;
    private final Map<RouterId, Integer> index = new HashMap<>();
    private final List<SortedSet<NetworkId>> networks = new ArrayList<>();
    private final Map<NetworkId, List<Router>> byNetwork = new HashMap<>();
    private final List<Optional<DvrNode>> gateway = new ArrayList<>();
    private final List<Optional<DvrNode>> snat = new ArrayList<>();
    private final List<Optional<DvrNode>> backup = new ArrayList<>();
    private final Network externalNetwork;

    RouterPlacement(DvrSnapshot s) {
        this.externalNetwork = chooseExternalNetwork(s);
        List<Router> up = new ArrayList<>();
        s.routers().stream().filter(Router::adminStateUp).forEach(up::add);
        this.routers = ImmutableList.copyOf(up);
        for (Router r : routers) {
            index.put(r.id(), index.size());
            SortedSet<NetworkId> nets = new TreeSet<>();
            for (RouterInterface i : s.routerInterfaces(r.id())) {
                nets.add(s.subnet(i.subnetId()).get().networkId());
            }
            networks.add(ImmutableSortedSet.copyOf(nets));
            nets.forEach(n -> byNetwork.computeIfAbsent(n, k -> new ArrayList<>()).add(r));
            Optional<DvrNode> gw = s.gatewayAssignment(r.id()).flatMap(a -> s.node(a.primary()));
            gateway.add(gw);
            Optional<DvrNode> sn = r.snatEnabled()
                    ? gw.filter(n -> servesExternal(n, r.externalGateway().get().networkId())) : Optional.empty();
            snat.add(sn);
            backup.add(hotBackup(s, r, sn));
        }
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

    private Optional<DvrNode> hotBackup(DvrSnapshot s, Router r, Optional<DvrNode> snatNode) {
        if (!r.distributed() || snatNode.isEmpty()) {
            return Optional.empty();
        }
        NetworkId ext = r.externalGateway().get().networkId();
        return s.gatewayAssignment(r.id()).stream().flatMap(a -> a.backups().stream())
                .filter(d -> !d.equals(snatNode.get().deviceId()))
                .map(s::node).flatMap(Optional::stream)
                .filter(n -> n.role() == NodeRole.GATEWAY && servesExternal(n, ext))
                .findFirst();
    }

    /** @return routers that exist for the pipeline (admin up), in id order */
    List<Router> routers() {
        return routers;
    }

    /**
     * @param r admin-up router
     * @return its position in {@link #routers()}
     */
    int index(Router r) {
        return index.get(r.id());
    }

    /**
     * @param network network
     * @return admin-up routers with an interface on it, in id order
     */
    List<Router> routers(NetworkId network) {
        return byNetwork.getOrDefault(network, List.of());
    }

    /**
     * @param r admin-up router
     * @return networks with an interface of the router, in id order
     */
    SortedSet<NetworkId> networks(Router r) {
        return networks.get(index(r));
    }

    /**
     * @param r admin-up router
     * @return its gateway node (assignment primary), if assigned and in the snapshot
     */
    Optional<DvrNode> gatewayNode(Router r) {
        return gateway.get(index(r));
    }

    /**
     * @param r admin-up router
     * @return its SNAT gateway node (see {@link DvrTopology#snatNode})
     */
    Optional<DvrNode> snatNode(Router r) {
        return snat.get(index(r));
    }

    /**
     * @param r admin-up router
     * @return its hot backup SNAT gateway (see {@link DvrTopology#hotBackup})
     */
    Optional<DvrNode> hotBackup(Router r) {
        return backup.get(index(r));
    }

    /** @return the external network of external ports, if any */
    Optional<Network> externalNetwork() {
        return Optional.ofNullable(externalNetwork);
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
}
