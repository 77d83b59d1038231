package org.onosdvr.openflow.net;

import org.onlab.packet.ARP;
import org.onlab.packet.DHCP;
import org.onlab.packet.Ethernet;
import org.onlab.packet.IPv4;
import org.onlab.packet.Ip4Address;
import org.onlab.packet.IpAddress;
import org.onlab.packet.MacAddress;
import org.onlab.packet.UDP;
import org.onlab.packet.VlanId;
import org.onosproject.cfg.ComponentConfigService;
import org.onosproject.event.AbstractListenerManager;
import org.onosproject.net.ConnectPoint;
import org.onosproject.net.DeviceId;
import org.onosproject.net.Host;
import org.onosproject.net.HostId;
import org.onosproject.net.device.DeviceEvent;
import org.onosproject.net.device.DeviceListener;
import org.onosproject.net.device.DeviceService;
import org.onosproject.net.flow.DefaultTrafficTreatment;
import org.onosproject.net.host.HostEvent;
import org.onosproject.net.host.HostListener;
import org.onosproject.net.host.HostService;
import org.onosproject.net.packet.DefaultOutboundPacket;
import org.onosproject.net.packet.PacketContext;
import org.onosproject.net.packet.PacketProcessor;
import org.onosproject.net.packet.PacketService;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import static org.onosdvr.openflow.net.OsgiPropertyConstants.PROBE_INTERVAL_SEC;
import static org.onosdvr.openflow.net.OsgiPropertyConstants.PROBE_INTERVAL_SEC_DEFAULT;
import static org.onosdvr.openflow.net.OsgiPropertyConstants.PROBE_PORTS;
import static org.onosdvr.openflow.net.OsgiPropertyConstants.PROBE_PORTS_DEFAULT;
import static org.onosdvr.openflow.net.OsgiPropertyConstants.PROBE_PORT_PATTERN;
import static org.onosdvr.openflow.net.OsgiPropertyConstants.PROBE_PORT_PATTERN_DEFAULT;
import static org.onosdvr.openflow.net.OsgiPropertyConstants.PROBE_SOURCE_IP;
import static org.onosdvr.openflow.net.OsgiPropertyConstants.PROBE_SOURCE_IP_DEFAULT;
import static org.onosdvr.openflow.net.OsgiPropertyConstants.PROBE_SOURCE_MAC;
import static org.onosdvr.openflow.net.OsgiPropertyConstants.PROBE_SOURCE_MAC_DEFAULT;

/**
 * {@link HostService} of the embedded runtime with host learning (the role of ONOS's host location provider):
 * an ARP packet-in teaches the sender's MAC, IP (unless 0.0.0.0) and location (device + in-port); a DHCP packet
 * from a client teaches its MAC and location (and its IP when it already has one). A host removed from its port
 * (PORT_REMOVED, DEVICE_REMOVED) is removed. {@link #requestMac} sends one ARP probe for an IP out of the probe
 * ports (see {@link ArpProbes}); monitored IPs are probed every {@code probeIntervalSec}. The replies are learnt
 * like any ARP packet-in, provided the pipeline sends them to the controller.
 */
@Component(immediate = true, service = HostService.class,
        property = {
                PROBE_PORTS + "=" + PROBE_PORTS_DEFAULT,
                PROBE_PORT_PATTERN + "=" + PROBE_PORT_PATTERN_DEFAULT,
                PROBE_SOURCE_MAC + "=" + PROBE_SOURCE_MAC_DEFAULT,
                PROBE_SOURCE_IP + "=" + PROBE_SOURCE_IP_DEFAULT,
                PROBE_INTERVAL_SEC + ":Integer=" + PROBE_INTERVAL_SEC_DEFAULT,
        })
public class OpenFlowHostManager extends AbstractListenerManager<HostEvent, HostListener> implements HostService {

    private static final int DHCP_CLIENT_PORT = 68;

    private final Logger log = LoggerFactory.getLogger(getClass());

    @Reference(cardinality = ReferenceCardinality.MANDATORY)
    protected PacketService packetService;

    @Reference(cardinality = ReferenceCardinality.MANDATORY)
    protected DeviceService deviceService;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policyOption = ReferencePolicyOption.GREEDY)
    protected ComponentConfigService cfgService;

    private final HostTable table = new HostTable();
    private final Set<IpAddress> monitored = ConcurrentHashMap.newKeySet();
    private final PacketProcessor processor = this::process;
    private final DeviceListener deviceListener = this::deviceEvent;
    private volatile ArpProbes probes;
    private ScheduledExecutorService scheduler;
    private ScheduledFuture<?> monitorTask;

    /**
     * Starts learning.
     *
     * @param properties component properties
     */
    @Activate
    protected void activate(Map<String, Object> properties) {
        eventDispatcher.addSink(HostEvent.class, listenerRegistry);
        if (cfgService != null) {
            cfgService.registerProperties(getClass());
        }
        scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "of-host-probe");
            t.setDaemon(true);
            return t;
        });
        configure(properties);
        deviceService.addListener(deviceListener);
        packetService.addProcessor(processor, PacketProcessor.advisor(1));
        log.info("Started");
    }

    /**
     * Re-reads the probe settings.
     *
     * @param properties component properties
     */
    @Modified
    protected void modified(Map<String, Object> properties) {
        configure(properties);
    }

    /** Stops learning. */
    @Deactivate
    protected void deactivate() {
        packetService.removeProcessor(processor);
        deviceService.removeListener(deviceListener);
        scheduler.shutdownNow();
        if (cfgService != null) {
            cfgService.unregisterProperties(getClass(), false);
        }
        eventDispatcher.removeSink(HostEvent.class);
        log.info("Stopped");
    }

    private synchronized void configure(Map<String, Object> properties) {
        ComponentProperties p = new ComponentProperties(properties);
        ArpProbes next;
        int interval;
        try {
            List<ConnectPoint> ports = new ArrayList<>();
            for (String s : p.string(PROBE_PORTS, PROBE_PORTS_DEFAULT).split(",")) {
                if (!s.isBlank()) {
                    ports.add(ConnectPoint.deviceConnectPoint(s.trim()));
                }
            }
            next = new ArpProbes(ports, p.string(PROBE_PORT_PATTERN, PROBE_PORT_PATTERN_DEFAULT),
                                 MacAddress.valueOf(p.string(PROBE_SOURCE_MAC, PROBE_SOURCE_MAC_DEFAULT)),
                                 Ip4Address.valueOf(p.string(PROBE_SOURCE_IP, PROBE_SOURCE_IP_DEFAULT)));
            interval = p.positive(PROBE_INTERVAL_SEC, PROBE_INTERVAL_SEC_DEFAULT);
        } catch (IllegalArgumentException e) {
            log.warn("Ignoring invalid host probe configuration: {}", e.getMessage());
            if (probes != null) {
                return;
            }
            next = new ArpProbes(List.of(), PROBE_PORT_PATTERN_DEFAULT,
                                 MacAddress.valueOf(PROBE_SOURCE_MAC_DEFAULT),
                                 Ip4Address.valueOf(PROBE_SOURCE_IP_DEFAULT));
            interval = PROBE_INTERVAL_SEC_DEFAULT;
        }
        probes = next;
        if (monitorTask != null) {
            monitorTask.cancel(false);
        }
        monitorTask = scheduler.scheduleWithFixedDelay(this::probeMonitored, interval, interval, TimeUnit.SECONDS);
    }

    // ---- HostService ----

    @Override
    public int getHostCount() {
        return table.hosts().size();
    }

    @Override
    public Iterable<Host> getHosts() {
        return table.hosts();
    }

    @Override
    public Host getHost(HostId hostId) {
        return table.get(hostId);
    }

    @Override
    public Set<Host> getHostsByVlan(VlanId vlanId) {
        return table.matching(h -> h.vlan().equals(vlanId));
    }

    @Override
    public Set<Host> getHostsByMac(MacAddress mac) {
        return table.matching(h -> h.mac().equals(mac));
    }

    @Override
    public Set<Host> getHostsByIp(IpAddress ip) {
        return table.matching(h -> h.ipAddresses().contains(ip));
    }

    @Override
    public Set<Host> getConnectedHosts(ConnectPoint connectPoint) {
        return table.matching(h -> h.location().deviceId().equals(connectPoint.deviceId())
                && h.location().port().equals(connectPoint.port()));
    }

    @Override
    public Set<Host> getConnectedHosts(DeviceId deviceId) {
        return table.matching(h -> h.location().deviceId().equals(deviceId));
    }

    @Override
    public void startMonitoringIp(IpAddress ip) {
        if (monitored.add(ip)) {
            requestMac(ip);
        }
    }

    @Override
    public void stopMonitoringIp(IpAddress ip) {
        monitored.remove(ip);
    }

    @Override
    public void requestMac(IpAddress ip) {
        if (!ip.isIp4()) {
            log.debug("No ARP probe for {} (IPv4 only)", ip);
            return;
        }
        ArpProbes p = probes;
        byte[] frame = p.request(ip.getIp4Address()).serialize();
        List<ConnectPoint> ports = p.ports(deviceService);
        if (ports.isEmpty()) {
            log.debug("No probe port for an ARP probe of {}", ip);
        }
        for (ConnectPoint cp : ports) {
            packetService.emit(new DefaultOutboundPacket(
                    cp.deviceId(), DefaultTrafficTreatment.builder().setOutput(cp.port()).build(),
                    ByteBuffer.wrap(frame)));
        }
    }

    private void probeMonitored() {
        try {
            monitored.forEach(this::requestMac);
        } catch (RuntimeException e) {
            log.warn("ARP probes failed", e);
        }
    }

    // ---- learning ----

    private void process(PacketContext context) {
        Ethernet eth = context.inPacket().parsed();
        ConnectPoint at = context.inPacket().receivedFrom();
        if (eth == null || at == null) {
            return;
        }
        MacAddress src = eth.getSourceMAC();
        if (src.isMulticast() || src.equals(probes.sourceMac()) || src.equals(MacAddress.ZERO)) {
            return;
        }
        VlanId vlan = VlanId.vlanId(eth.getVlanID());
        IpAddress ip = null;
        if (eth.getEtherType() == Ethernet.TYPE_ARP && eth.getPayload() instanceof ARP) {
            ARP arp = (ARP) eth.getPayload();
            MacAddress sha = MacAddress.valueOf(arp.getSenderHardwareAddress());
            if (!sha.equals(src)) {
                return; // proxied or forged: the frame's source is what sits at this port
            }
            Ip4Address spa = Ip4Address.valueOf(arp.getSenderProtocolAddress());
            ip = spa.toInt() == 0 ? null : spa;
        } else if (dhcpFromClient(eth)) {
            DHCP dhcp = (DHCP) eth.getPayload().getPayload().getPayload();
            ip = dhcp.getClientIPAddress() == 0 ? null : Ip4Address.valueOf(dhcp.getClientIPAddress());
        } else {
            return;
        }
        table.learn(src, vlan, at, ip).forEach(e -> {
            log.info("{} {} at {} {}", e.type(), e.subject().id(), e.subject().location(),
                     e.subject().ipAddresses());
            post(e);
        });
    }

    private static boolean dhcpFromClient(Ethernet eth) {
        if (eth.getEtherType() != Ethernet.TYPE_IPV4 || !(eth.getPayload() instanceof IPv4)) {
            return false;
        }
        IPv4 ip = (IPv4) eth.getPayload();
        if (ip.getProtocol() != IPv4.PROTOCOL_UDP || !(ip.getPayload() instanceof UDP)) {
            return false;
        }
        UDP udp = (UDP) ip.getPayload();
        return udp.getSourcePort() == DHCP_CLIENT_PORT && udp.getPayload() instanceof DHCP;
    }

    private void deviceEvent(DeviceEvent event) {
        List<HostEvent> removed;
        switch (event.type()) {
            case PORT_REMOVED:
                removed = table.removeAt(new ConnectPoint(event.subject().id(), event.port().number()));
                break;
            case DEVICE_REMOVED:
                removed = table.removeOn(event.subject().id());
                break;
            default:
                return;
        }
        removed.forEach(e -> {
            log.info("HOST_REMOVED {} (was at {})", e.subject().id(), e.subject().location());
            post(e);
        });
    }
}
