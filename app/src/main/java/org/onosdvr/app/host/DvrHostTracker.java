package org.onosdvr.app.host;

import org.onlab.packet.Ethernet;
import org.onlab.packet.IPv4;
import org.onlab.packet.Ip4Address;
import org.onlab.packet.IpAddress;
import org.onosdvr.api.DvrAdminService;
import org.onosdvr.api.DvrEvent;
import org.onosdvr.api.DvrListener;
import org.onosdvr.api.DvrSnapshot;
import org.onosdvr.api.ExternalNeighbor;
import org.onosdvr.api.Network;
import org.onosdvr.api.Subnet;
import org.onosdvr.api.VmPort;
import org.onosproject.net.ConnectPoint;
import org.onosproject.net.Host;
import org.onosproject.net.HostLocation;
import org.onosproject.net.host.HostEvent;
import org.onosproject.net.host.HostListener;
import org.onosproject.net.host.HostService;
import org.onosproject.net.packet.PacketContext;
import org.onosproject.net.packet.PacketProcessor;
import org.onosproject.net.packet.PacketService;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.slf4j.Logger;

import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;

import static java.util.concurrent.Executors.newSingleThreadExecutor;
import static org.onlab.util.Tools.groupedThreads;
import static org.slf4j.LoggerFactory.getLogger;

/**
 * Learns from ONOS's host tracking: where declared VM ports are (a host whose MAC is a port's MAC and whose
 * addresses, if any, are among the port's fixed IPs), and the MACs of external neighbors (hosts on a node's
 * external port, or answering for an external subnet's gateway IP, which this tracker asks ONOS to resolve and
 * monitor so SNAT and floating-IP next hops get learned). Packets the switches punt to an unknown host of an
 * external subnet ({@code ext_out}) make it ask ONOS to resolve that host too, throttled ({@link NextHopGlean}):
 * the answer, seen on an external port, makes it a neighbor. All updates go through the admin service.
 */
@Component(immediate = true)
public class DvrHostTracker {

    private final Logger log = getLogger(getClass());

    @Reference(cardinality = ReferenceCardinality.MANDATORY)
    protected HostService hostService;

    @Reference(cardinality = ReferenceCardinality.MANDATORY)
    protected DvrAdminService adminService;

    @Reference(cardinality = ReferenceCardinality.MANDATORY)
    protected PacketService packetService;

    private final HostListener hostListener = this::hostEvent;
    private final DvrListener dvrListener = this::dvrEvent;
    private final PacketProcessor gleaner = this::glean;
    private final NextHopGlean throttle = NextHopGlean.defaults();
    private final Set<IpAddress> monitored = new HashSet<>();
    private ExecutorService executor;

    @Activate
    protected void activate() {
        executor = newSingleThreadExecutor(groupedThreads("onos-dvr", "hosts-%d", log));
        hostService.addListener(hostListener);
        adminService.addListener(dvrListener);
        packetService.addProcessor(gleaner, PacketProcessor.advisor(1));
        executor.execute(() -> {
            monitorGateways();
            hostService.getHosts().forEach(this::seen);
        });
        log.info("Started");
    }

    @Deactivate
    protected void deactivate() {
        packetService.removeProcessor(gleaner);
        adminService.removeListener(dvrListener);
        hostService.removeListener(hostListener);
        executor.shutdown();
        monitored.forEach(hostService::stopMonitoringIp);
        log.info("Stopped");
    }

    private void hostEvent(HostEvent event) {
        Host host = event.subject();
        switch (event.type()) {
            case HOST_ADDED:
            case HOST_MOVED:
            case HOST_UPDATED:
                executor.execute(() -> seen(host));
                break;
            case HOST_REMOVED:
                executor.execute(() -> gone(host));
                break;
            default:
                break;
        }
    }

    private void dvrEvent(DvrEvent event) {
        switch (event.type()) {
            case SUBNET_UPDATED:
            case SUBNET_REMOVED:
            case NETWORK_UPDATED:
            case NODE_UPDATED:
                executor.execute(this::monitorGateways);
                break;
            case PORT_UPDATED:
                VmPort port = (VmPort) event.subject();
                if (!port.location().isPresent()) {
                    executor.execute(() -> hostService.getHostsByMac(port.mac()).forEach(this::seen));
                }
                break;
            default:
                break;
        }
    }

    /** Asks ONOS to resolve and keep watching the gateway IPs of the external subnets. */
    private void monitorGateways() {
        DvrSnapshot s = adminService.snapshot();
        Set<IpAddress> wanted = new HashSet<>();
        for (Subnet sn : s.subnets()) {
            if (s.network(sn.networkId()).map(Network::external).orElse(false)) {
                wanted.add(sn.gatewayIp());
            }
        }
        for (IpAddress ip : wanted) {
            if (monitored.add(ip)) {
                hostService.startMonitoringIp(ip);
                hostService.requestMac(ip);
                log.info("Resolving external next hop {}", ip);
            }
        }
        for (IpAddress ip : new HashSet<>(monitored)) {
            if (!wanted.contains(ip)) {
                monitored.remove(ip);
                hostService.stopMonitoringIp(ip);
            }
        }
        wanted.forEach(ip -> hostService.getHostsByIp(ip).forEach(this::seen));
    }

    /**
     * A punted IPv4 packet to an address of an external subnet that is not a known neighbor: resolve it (at most
     * as often as the glean throttle allows). Never handles the packet.
     *
     * @param context the packet
     */
    void glean(PacketContext context) {
        Ethernet eth = context.inPacket().parsed();
        if (eth == null || eth.getEtherType() != Ethernet.TYPE_IPV4 || !(eth.getPayload() instanceof IPv4)) {
            return;
        }
        IpAddress dst = Ip4Address.valueOf(((IPv4) eth.getPayload()).getDestinationAddress());
        DvrSnapshot s = adminService.snapshot();
        if (externalNetworkOf(s, dst).isEmpty() || s.neighbors().stream().anyMatch(n -> n.ip().equals(dst))) {
            return;
        }
        if (throttle.admit(dst)) {
            executor.execute(() -> {
                log.debug("Resolving external host {} (punted by {})", dst, context.inPacket().receivedFrom());
                hostService.requestMac(dst);
            });
        }
    }

    private static ConnectPoint point(HostLocation location) {
        return new ConnectPoint(location.deviceId(), location.port());
    }

    private boolean onExternalPort(DvrSnapshot s, ConnectPoint cp) {
        return s.node(cp.deviceId()).flatMap(n -> n.externalPort()).map(cp.port()::equals).orElse(false);
    }

    /**
     * Handles a host that appeared or moved.
     *
     * @param host host
     */
    void seen(Host host) {
        DvrSnapshot s = adminService.snapshot();
        ConnectPoint cp = point(host.location());
        for (IpAddress ip : host.ipAddresses()) {
            if (!ip.isIp4()) {
                continue;
            }
            Optional<Network> external = externalNetworkOf(s, ip);
            if (external.isPresent() && (onExternalPort(s, cp) || monitored.contains(ip))) {
                ExternalNeighbor n = new ExternalNeighbor(external.get().id(), ip, host.mac());
                if (!s.neighbors().contains(n)) {
                    call(() -> adminService.updateNeighbor(n), "neighbor " + ip);
                    log.info("External neighbor {} is {}", ip, host.mac());
                }
            }
        }
        if (onExternalPort(s, cp)) {
            return;
        }
        for (VmPort p : s.ports()) {
            if (p.mac().equals(host.mac()) && matchesAddresses(p, host)
                    && !p.location().map(cp::equals).orElse(false)) {
                call(() -> adminService.updatePort(p.withLocation(cp)), "port " + p.id());
                log.info("Port {} is at {}", p.id(), cp);
            }
        }
    }

    /**
     * Handles a host that disappeared: clears the location it had and forgets it as neighbor.
     *
     * @param host host
     */
    void gone(Host host) {
        DvrSnapshot s = adminService.snapshot();
        ConnectPoint cp = point(host.location());
        for (VmPort p : s.ports()) {
            if (p.mac().equals(host.mac()) && p.location().map(cp::equals).orElse(false)) {
                call(() -> adminService.updatePort(p.withLocation(null)), "port " + p.id());
            }
        }
        for (ExternalNeighbor n : s.neighbors()) {
            if (n.mac().equals(host.mac()) && host.ipAddresses().contains(n.ip())) {
                call(() -> adminService.removeNeighbor(n.networkId(), n.ip()), "neighbor " + n.ip());
            }
        }
    }

    private static boolean matchesAddresses(VmPort p, Host host) {
        return host.ipAddresses().isEmpty() || host.ipAddresses().stream().anyMatch(p.fixedIps()::contains);
    }

    private static Optional<Network> externalNetworkOf(DvrSnapshot s, IpAddress ip) {
        return s.networks().stream().filter(Network::external)
                .filter(n -> s.subnetOf(n.id(), ip).isPresent()).findFirst();
    }

    private void call(Runnable update, String what) {
        try {
            update.run();
        } catch (RuntimeException e) {
            log.warn("Cannot update {}: {}", what, e.getMessage());
        }
    }

    /**
     * Waits for the queued work (for tests).
     *
     * @throws Exception if interrupted or failed
     */
    void flush() throws Exception {
        executor.submit(() -> { }).get(10, TimeUnit.SECONDS);
    }
}
