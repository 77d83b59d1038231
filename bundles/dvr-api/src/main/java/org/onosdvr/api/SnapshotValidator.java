package org.onosdvr.api;

import org.onlab.packet.IpAddress;
import org.onlab.packet.IpPrefix;
import org.onlab.packet.MacAddress;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.onosdvr.api.Checks.check;

/**
 * The cross-object rules of a {@link DvrSnapshot}. Each failure is an {@link IllegalArgumentException} whose
 * message names the objects involved.
 */
final class SnapshotValidator {

    private final DvrSnapshot s;

    SnapshotValidator(DvrSnapshot snapshot) {
        this.s = snapshot;
    }

    void validate() {
        networks();
        subnets();
        ports();
        routers();
        interfaces();
        floatingIps();
        nodes();
        gateways();
        neighbors();
    }

    /**
     * Checks only what a change of some VM ports, floating IPs and the neighbors can break, on a snapshot whose
     * structure (networks, subnets, routers, interfaces, nodes, gateway assignments) is that of a valid one: the
     * rules of each changed port (with uniqueness against its network's other ports), those of every floating
     * IP that is changed or names a changed port, and the neighbors. The same rules as {@link #validate()}, so
     * it passes exactly when the full check would; it reports no details (the caller runs the full check to
     * name the broken rule).
     *
     * @param ports       ids of changed, added or removed ports
     * @param floatingIps ids of changed, added or removed floating IPs
     * @param neighbors   whether the neighbors changed
     * @return true if the snapshot is valid
     */
    boolean validChanges(Set<PortId> ports, Set<FloatingIpId> floatingIps, boolean neighbors) {
        try {
            for (PortId id : ports) {
                s.port(id).ifPresent(this::port);
            }
            Set<FloatingIpId> fips = new HashSet<>(floatingIps);
            for (PortId id : ports) {
                s.floatingIps(id).forEach(f -> fips.add(f.id()));
            }
            if (!fips.isEmpty()) {
                Map<IpAddress, String> used = usedExternalIps(fips);
                for (FloatingIpId id : fips) {
                    s.floatingIp(id).ifPresent(f -> floatingIp(f, used, true));
                }
            }
            if (neighbors) {
                neighbors();
            }
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** One port's rules, uniqueness checked against the other ports of its network. */
    private void port(VmPort p) {
        Network n = network(p.networkId(), "port " + p.id());
        check(!n.external(), "port %s is on external network %s", p.id(), n.id());
        for (VmPort other : s.ports(n.id())) {
            if (!other.id().equals(p.id())) {
                check(!other.mac().equals(p.mac()), "port %s: mac_address %s is already used", p.id(), p.mac());
                for (IpAddress ip : p.fixedIps()) {
                    check(!other.fixedIps().contains(ip), "port %s: fixed ip %s is already used", p.id(), ip);
                }
            }
        }
        portAddresses(p, n);
        portLocation(p);
    }

    /** External addresses held by routers and by the floating IPs not being checked. */
    private Map<IpAddress, String> usedExternalIps(Set<FloatingIpId> checked) {
        Map<IpAddress, String> used = new HashMap<>();
        s.routers().forEach(r -> r.externalGateway().ifPresent(g -> used.put(g.externalIp(), "router " + r.id())));
        for (FloatingIp f : s.floatingIps()) {
            if (!checked.contains(f.id())) {
                used.put(f.floatingIp(), "floating ip " + f.id());
            }
        }
        return used;
    }

    private Network network(NetworkId id, String what) {
        Network n = s.network(id).orElse(null);
        check(n != null, "%s refers to unknown network %s", what, id);
        return n;
    }

    private Subnet subnet(SubnetId id, String what) {
        Subnet sn = s.subnet(id).orElse(null);
        check(sn != null, "%s refers to unknown subnet %s", what, id);
        return sn;
    }

    private void networks() {
        Map<Integer, NetworkId> segments = new HashMap<>();
        for (Network n : s.networks()) {
            NetworkId other = segments.putIfAbsent(n.segmentId(), n.id());
            check(other == null, "networks %s and %s share segmentation_id %d", other, n.id(), n.segmentId());
        }
    }

    private void subnets() {
        for (Network n : s.networks()) {
            List<Subnet> list = s.subnets(n.id());
            for (int i = 0; i < list.size(); i++) {
                for (int j = i + 1; j < list.size(); j++) {
                    check(!overlap(list.get(i).cidr(), list.get(j).cidr()),
                          "subnets %s and %s of network %s overlap", list.get(i).id(), list.get(j).id(), n.id());
                }
            }
        }
        s.subnets().forEach(sn -> network(sn.networkId(), "subnet " + sn.id()));
    }

    private void ports() {
        Map<NetworkId, Set<MacAddress>> macs = new HashMap<>();
        Map<NetworkId, Set<IpAddress>> ips = new HashMap<>();
        for (VmPort p : s.ports()) {
            Network n = network(p.networkId(), "port " + p.id());
            check(!n.external(), "port %s is on external network %s", p.id(), n.id());
            check(macs.computeIfAbsent(n.id(), k -> new HashSet<>()).add(p.mac()),
                  "port %s: mac_address %s is already used on network %s", p.id(), p.mac(), n.id());
            for (IpAddress ip : p.fixedIps()) {
                Subnet sn = s.subnetOf(n.id(), ip).orElse(null);
                check(sn != null, "port %s: fixed ip %s is in no subnet of network %s", p.id(), ip, n.id());
                check(sn.isHostAddress(ip) && !ip.equals(sn.gatewayIp()),
                      "port %s: fixed ip %s is not a usable host address of subnet %s", p.id(), ip, sn.id());
                check(ips.computeIfAbsent(n.id(), k -> new HashSet<>()).add(ip),
                      "port %s: fixed ip %s is already used on network %s", p.id(), ip, n.id());
            }
            portLocation(p);
        }
    }

    private void portAddresses(VmPort p, Network n) {
        for (IpAddress ip : p.fixedIps()) {
            Subnet sn = s.subnetOf(n.id(), ip).orElse(null);
            check(sn != null, "port %s: fixed ip %s is in no subnet of network %s", p.id(), ip, n.id());
            check(sn.isHostAddress(ip) && !ip.equals(sn.gatewayIp()),
                  "port %s: fixed ip %s is not a usable host address of subnet %s", p.id(), ip, sn.id());
        }
    }

    private void portLocation(VmPort p) {
        p.location().ifPresent(loc -> {
            check(s.node(loc.deviceId()).map(node -> node.role().isCompute()).orElse(true),
                  "port %s is located on gateway-only node %s", p.id(), loc.deviceId());
            DvrNode node = s.node(loc.deviceId()).orElse(null);
            check(node == null || (!loc.port().equals(node.tunnelPort())
                          && !node.externalPort().map(loc.port()::equals).orElse(false)),
                  "port %s is located on the tunnel or external port of %s", p.id(), loc.deviceId());
        });
    }

    private void routers() {
        Set<Integer> keys = new HashSet<>();
        for (Router r : s.routers()) {
            check(r.key() >= 1, "router %s has no key", r.id());
            check(keys.add(r.key()), "router %s: key %d is already used", r.id(), r.key());
            r.externalGateway().ifPresent(g -> {
                Network n = network(g.networkId(), "router " + r.id() + " external gateway");
                check(n.external(), "router %s: gateway network %s is not external", r.id(), n.id());
                check(g.mac() != null, "router %s: external gateway has no MAC", r.id());
                Subnet sn = subnet(g.subnetId(), "router " + r.id() + " external gateway");
                check(sn.networkId().equals(n.id()), "router %s: subnet %s is not on network %s",
                      r.id(), sn.id(), n.id());
                check(sn.isHostAddress(g.externalIp()) && !g.externalIp().equals(sn.gatewayIp()),
                      "router %s: external ip %s is not a usable address of subnet %s",
                      r.id(), g.externalIp(), sn.id());
            });
        }
    }

    private void interfaces() {
        for (RouterInterface i : s.routerInterfaces()) {
            check(s.router(i.routerId()).isPresent(), "router interface on subnet %s refers to unknown router %s",
                  i.subnetId(), i.routerId());
            Subnet sn = subnet(i.subnetId(), "router interface of " + i.routerId());
            check(i.mac() != null, "router %s: interface on subnet %s has no MAC", i.routerId(), i.subnetId());
            check(!network(sn.networkId(), "subnet " + sn.id()).external(),
                  "router %s: cannot add an interface on external subnet %s", i.routerId(), sn.id());
        }
        for (Router r : s.routers()) {
            List<RouterInterface> list = s.routerInterfaces(r.id());
            for (int a = 0; a < list.size(); a++) {
                for (int b = a + 1; b < list.size(); b++) {
                    IpPrefix pa = s.subnet(list.get(a).subnetId()).get().cidr();
                    IpPrefix pb = s.subnet(list.get(b).subnetId()).get().cidr();
                    check(!overlap(pa, pb), "router %s: subnets %s and %s overlap", r.id(),
                          list.get(a).subnetId(), list.get(b).subnetId());
                }
            }
        }
    }

    private void floatingIps() {
        Map<IpAddress, String> used = new HashMap<>();
        s.routers().forEach(r -> r.externalGateway().ifPresent(
                g -> used.put(g.externalIp(), "router " + r.id())));
        for (FloatingIp f : s.floatingIps()) {
            floatingIp(f, used, false);
        }
    }

    /**
     * One floating IP's rules; {@code used} holds the external addresses taken so far and receives this one's.
     * A fixed IP has at most one floating IP: checked against the port's floating IPs of lower id (so the full
     * check names the later one), or against all of them ({@code symmetric}, when only some are checked).
     */
    private void floatingIp(FloatingIp f, Map<IpAddress, String> used, boolean symmetric) {
        Network n = network(f.floatingNetworkId(), "floating ip " + f.id());
        check(n.external(), "floating ip %s: network %s is not external", f.id(), n.id());
        Subnet sn = s.subnetOf(n.id(), f.floatingIp()).orElse(null);
        check(sn != null && sn.isHostAddress(f.floatingIp()) && !f.floatingIp().equals(sn.gatewayIp()),
              "floating ip %s: %s is not a usable address of external network %s", f.id(), f.floatingIp(), n.id());
        String other = used.putIfAbsent(f.floatingIp(), "floating ip " + f.id());
        check(other == null, "floating ip %s: address %s is already used by %s", f.id(), f.floatingIp(), other);
        if (!f.associated()) {
            return;
        }
        VmPort p = s.port(f.portId().get()).orElse(null);
        check(p != null, "floating ip %s refers to unknown port %s", f.id(), f.portId().get());
        check(f.fixedIp().isPresent() && f.routerId().isPresent(),
              "floating ip %s: associated without fixed ip or router", f.id());
        IpAddress fixedIp = f.fixedIp().get();
        check(p.fixedIps().contains(fixedIp), "floating ip %s: %s is not a fixed ip of port %s", f.id(), fixedIp,
              p.id());
        for (FloatingIp g : s.floatingIps(p.id())) {
            boolean earlier = symmetric ? !g.id().equals(f.id()) : g.id().compareTo(f.id()) < 0;
            check(!earlier || !g.fixedIp().equals(f.fixedIp()),
                  "floating ip %s: %s of port %s already has one", f.id(), fixedIp, p.id());
        }
        Router r = s.router(f.routerId().get()).orElse(null);
        check(r != null, "floating ip %s refers to unknown router %s", f.id(), f.routerId().get());
        check(r.externalGateway().map(g -> g.networkId().equals(n.id())).orElse(false),
              "floating ip %s: router %s has no gateway on network %s", f.id(), r.id(), n.id());
        Subnet internal = s.subnetOf(p.networkId(), fixedIp).get();
        check(s.routerInterface(internal.id()).map(i -> i.routerId().equals(r.id())).orElse(false),
              "floating ip %s: subnet %s of %s is not attached to router %s", f.id(), internal.id(), fixedIp, r.id());
    }

    private void nodes() {
        Set<Integer> indexes = new HashSet<>();
        Set<IpAddress> tunnelIps = new HashSet<>();
        for (DvrNode n : s.nodes()) {
            check(n.index() >= 1, "node %s has no index", n.deviceId());
            check(indexes.add(n.index()), "node %s: index %d is already used", n.deviceId(), n.index());
            check(tunnelIps.add(n.tunnelIp()), "node %s: tunnel ip %s is already used", n.deviceId(),
                  n.tunnelIp());
            check(n.dvrMac().equals(DvrMacs.dvrMac(s.baseMac(), n.index())),
                  "node %s: DVR MAC %s does not derive from base %s", n.deviceId(), n.dvrMac(), s.baseMac());
        }
    }

    private void gateways() {
        for (GatewayAssignment a : s.gatewayAssignments()) {
            check(s.router(a.routerId()).isPresent(), "gateway assignment for unknown router %s", a.routerId());
            check(isGateway(a.primary()), "router %s: %s is not a gateway node", a.routerId(), a.primary());
            a.backups().forEach(d -> check(isGateway(d), "router %s: backup %s is not a gateway node",
                                           a.routerId(), d));
        }
    }

    private boolean isGateway(org.onosproject.net.DeviceId d) {
        return s.node(d).map(n -> n.role().isGateway()).orElse(false);
    }

    private void neighbors() {
        for (ExternalNeighbor n : s.neighbors()) {
            check(network(n.networkId(), "neighbor " + n.ip()).external(),
                  "neighbor %s: network %s is not external", n.ip(), n.networkId());
        }
    }

    static boolean overlap(IpPrefix a, IpPrefix b) {
        return a.contains(b.address()) || b.contains(a.address());
    }
}
