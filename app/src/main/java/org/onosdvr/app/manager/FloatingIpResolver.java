package org.onosdvr.app.manager;

import org.onlab.packet.IpAddress;
import org.onosdvr.api.DvrException;
import org.onosdvr.api.DvrSnapshot;
import org.onosdvr.api.FloatingIp;
import org.onosdvr.api.Router;
import org.onosdvr.api.RouterId;
import org.onosdvr.api.Subnet;
import org.onosdvr.api.VmPort;

import java.util.Optional;

/**
 * Resolves a floating IP's association the way Neutron does: from a port (and optionally one of its fixed IPs)
 * to the fixed IP and the router that connects that fixed IP's subnet to the floating IP's external network.
 */
public final class FloatingIpResolver {

    private FloatingIpResolver() {
    }

    /**
     * Returns the floating IP with its fixed IP and router filled in (or cleared when it has no port).
     *
     * @param s   current state
     * @param fip requested floating IP
     * @return resolved floating IP
     * @throws DvrException NOT_FOUND for an unknown port or when no router reaches the external network,
     *                      BAD_REQUEST for a fixed IP that is not the port's, CONFLICT when the fixed IP
     *                      already has another floating IP
     */
    public static FloatingIp resolve(DvrSnapshot s, FloatingIp fip) {
        if (!fip.portId().isPresent()) {
            return fip.toBuilder().fixedIp(null).routerId(null).build();
        }
        VmPort port = s.port(fip.portId().get())
                .orElseThrow(() -> DvrException.notFound("port %s not found", fip.portId().get()));
        IpAddress fixedIp;
        RouterId routerId;
        if (fip.fixedIp().isPresent()) {
            IpAddress requested = fip.fixedIp().get();
            if (!port.fixedIps().contains(requested)) {
                throw DvrException.badRequest("%s is not a fixed IP of port %s", requested, port.id());
            }
            fixedIp = requested;
            routerId = routerFor(s, port, requested, fip).orElseThrow(() -> DvrException.notFound(
                    "external network %s is not reachable from %s of port %s (no router with a gateway there)",
                    fip.floatingNetworkId(), requested, port.id()));
        } else {
            fixedIp = null;
            routerId = null;
            for (IpAddress ip : port.fixedIps()) {
                Optional<RouterId> r = routerFor(s, port, ip, fip);
                if (r.isPresent()) {
                    fixedIp = ip;
                    routerId = r.get();
                    break;
                }
            }
            if (fixedIp == null) {
                throw DvrException.notFound("external network %s is not reachable from any address of port %s",
                                            fip.floatingNetworkId(), port.id());
            }
        }
        IpAddress ip = fixedIp;
        s.floatingIps(port.id()).stream()
                .filter(other -> !other.id().equals(fip.id()) && other.fixedIp().map(ip::equals).orElse(false))
                .findFirst().ifPresent(other -> {
                    throw DvrException.conflict("fixed IP %s of port %s already has floating IP %s (%s)",
                                                ip, port.id(), other.floatingIp(), other.id());
                });
        return fip.toBuilder().fixedIp(fixedIp).routerId(routerId).build();
    }

    private static Optional<RouterId> routerFor(DvrSnapshot s, VmPort port, IpAddress ip, FloatingIp fip) {
        return s.subnetOf(port.networkId(), ip)
                .map(Subnet::id)
                .flatMap(s::routerInterface)
                .flatMap(i -> s.router(i.routerId()))
                .filter(r -> r.externalGateway().map(g -> g.networkId().equals(fip.floatingNetworkId()))
                        .orElse(false))
                .map(Router::id);
    }
}
