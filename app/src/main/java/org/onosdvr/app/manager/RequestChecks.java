package org.onosdvr.app.manager;

import org.onlab.packet.IpAddress;
import org.onlab.packet.MacAddress;
import org.onosdvr.api.DvrException;
import org.onosdvr.api.DvrSnapshot;
import org.onosdvr.api.ExternalGateway;
import org.onosdvr.api.FloatingIp;
import org.onosdvr.api.GatewayAssignment;
import org.onosdvr.api.Network;
import org.onosdvr.api.Router;
import org.onosdvr.api.Subnet;
import org.onosdvr.api.VmPort;
import org.onosproject.net.DeviceId;

import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The checks of admin requests against the current state that go beyond value validation: existence (404) and
 * use by other objects (409), with messages naming both sides.
 */
final class RequestChecks {

    private RequestChecks() {
    }

    static void checkSegment(DvrSnapshot s, Network network) {
        s.networks().stream()
                .filter(n -> n.segmentId() == network.segmentId() && !n.id().equals(network.id()))
                .findFirst().ifPresent(n -> {
                    throw DvrException.conflict("segmentation_id %d is already used by network %s",
                                                network.segmentId(), n.id());
                });
    }

    static String subnetUser(DvrSnapshot s, Subnet subnet) {
        for (VmPort p : s.ports(subnet.networkId())) {
            if (p.fixedIps().stream().anyMatch(subnet.cidr()::contains)) {
                return "port " + p.id();
            }
        }
        if (s.routerInterface(subnet.id()).isPresent()) {
            return "an interface of router " + s.routerInterface(subnet.id()).get().routerId();
        }
        for (Router r : s.routers()) {
            if (r.externalGateway().map(g -> g.subnetId().equals(subnet.id())).orElse(false)) {
                return "the external gateway of router " + r.id();
            }
        }
        for (FloatingIp f : s.floatingIps()) {
            if (f.floatingNetworkId().equals(subnet.networkId()) && subnet.cidr().contains(f.floatingIp())) {
                return "floating IP " + f.id();
            }
        }
        return null;
    }

    static void checkPort(DvrSnapshot s, VmPort port) {
        Network network = s.network(port.networkId()).orElseThrow(() -> missing("network", port.networkId()));
        if (network.external()) {
            throw DvrException.badRequest("port %s: network %s is external", port.id(), network.id());
        }
        for (VmPort other : s.ports(network.id())) {
            if (other.id().equals(port.id())) {
                continue;
            }
            if (other.mac().equals(port.mac())) {
                throw DvrException.conflict("MAC %s is already used by port %s", port.mac(), other.id());
            }
            for (IpAddress ip : port.fixedIps()) {
                if (other.fixedIps().contains(ip)) {
                    throw DvrException.conflict("IP %s is already used by port %s", ip, other.id());
                }
            }
        }
        for (Subnet sn : s.subnets(network.id())) {
            if (s.routerInterface(sn.id()).map(i -> i.mac().equals(port.mac())).orElse(false)) {
                throw DvrException.conflict("MAC %s is the router interface MAC of subnet %s", port.mac(), sn.id());
            }
        }
    }

    /**
     * Checks a requested external gateway and gives it a MAC (kept from the old one when unchanged).
     *
     * @param s      current state
     * @param router requested router
     * @param old    router as stored, null on creation
     * @return the gateway to store, null if none
     */
    static ExternalGateway gateway(DvrSnapshot s, Router router, Router old) {
        if (!router.externalGateway().isPresent()) {
            return null;
        }
        ExternalGateway g = router.externalGateway().get();
        Network n = s.network(g.networkId()).orElseThrow(() -> missing("network", g.networkId()));
        if (!n.external()) {
            throw DvrException.badRequest("router %s: network %s is not external", router.id(), n.id());
        }
        exists(s.subnet(g.subnetId()), "subnet", g.subnetId());
        for (Router r : s.routers()) {
            if (!r.id().equals(router.id())
                    && r.externalGateway().map(o -> o.externalIp().equals(g.externalIp())).orElse(false)) {
                throw DvrException.conflict("external IP %s is already used by router %s", g.externalIp(), r.id());
            }
        }
        for (FloatingIp f : s.floatingIps()) {
            if (f.floatingIp().equals(g.externalIp())) {
                throw DvrException.conflict("external IP %s is already used by floating IP %s", g.externalIp(),
                                            f.id());
            }
        }
        if (g.mac() != null) {
            return g;
        }
        MacAddress oldMac = old == null ? null : old.externalGateway().map(ExternalGateway::mac).orElse(null);
        return g.withMac(oldMac != null ? oldMac : Allocations.mac("router-gateway:" + router.id(),
                                                                   Allocations.usedMacs(s)));
    }

    static void checkFloatingAddress(DvrSnapshot s, FloatingIp f) {
        Network n = s.network(f.floatingNetworkId()).orElseThrow(() -> missing("network",
                                                                               f.floatingNetworkId()));
        if (!n.external()) {
            throw DvrException.badRequest("floating IP %s: network %s is not external", f.id(), n.id());
        }
        s.floatingIps().stream().filter(o -> o.floatingIp().equals(f.floatingIp())).findFirst().ifPresent(o -> {
            throw DvrException.conflict("address %s is already floating IP %s", f.floatingIp(), o.id());
        });
        s.routers().stream()
                .filter(r -> r.externalGateway().map(g -> g.externalIp().equals(f.floatingIp())).orElse(false))
                .findFirst().ifPresent(r -> {
                    throw DvrException.conflict("address %s is the external IP of router %s", f.floatingIp(),
                                                r.id());
                });
    }

    /**
     * Takes a node out of every gateway assignment (the gateway selector assigns again).
     *
     * @param s        current state
     * @param b        change being built
     * @param deviceId node
     */
    static void dropGateway(DvrSnapshot s, DvrSnapshot.Builder b, DeviceId deviceId) {
        for (GatewayAssignment a : s.gatewayAssignments()) {
            if (a.primary().equals(deviceId)) {
                b.removeGatewayAssignment(a.routerId());
            } else if (a.backups().contains(deviceId)) {
                b.gatewayAssignment(new GatewayAssignment(
                        a.routerId(), a.primary(),
                        a.backups().stream().filter(d -> !d.equals(deviceId)).collect(Collectors.toList())));
            }
        }
    }

    static <T> T exists(Optional<T> value, String what, Object id) {
        return value.orElseThrow(() -> missing(what, id));
    }

    static DvrException missing(String what, Object id) {
        return DvrException.notFound("%s %s not found", what, id);
    }
}
