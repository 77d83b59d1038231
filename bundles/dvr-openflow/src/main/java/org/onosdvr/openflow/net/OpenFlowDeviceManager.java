package org.onosdvr.openflow.net;

import com.google.common.collect.ImmutableList;
import org.onlab.packet.ChassisId;
import org.onosproject.event.AbstractListenerManager;
import org.onosproject.net.AnnotationKeys;
import org.onosproject.net.DefaultAnnotations;
import org.onosproject.net.DefaultDevice;
import org.onosproject.net.Device;
import org.onosproject.net.DeviceId;
import org.onosproject.net.MastershipRole;
import org.onosproject.net.Port;
import org.onosproject.net.PortNumber;
import org.onosproject.net.device.DeviceEvent;
import org.onosproject.net.device.DeviceListener;
import org.onosproject.net.device.DeviceService;
import org.onosproject.net.device.PortStatistics;
import org.onosproject.net.provider.ProviderId;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.projectfloodlight.openflow.protocol.OFDescStatsReply;
import org.projectfloodlight.openflow.protocol.OFMessage;
import org.projectfloodlight.openflow.protocol.OFPortDesc;
import org.projectfloodlight.openflow.protocol.OFPortStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;

import static org.onosproject.net.device.DeviceEvent.Type.DEVICE_ADDED;
import static org.onosproject.net.device.DeviceEvent.Type.DEVICE_AVAILABILITY_CHANGED;
import static org.onosproject.net.device.DeviceEvent.Type.DEVICE_UPDATED;
import static org.onosproject.net.device.DeviceEvent.Type.PORT_ADDED;
import static org.onosproject.net.device.DeviceEvent.Type.PORT_REMOVED;
import static org.onosproject.net.device.DeviceEvent.Type.PORT_UPDATED;

/**
 * {@link DeviceService} of the embedded runtime: every switch that completes the OpenFlow handshake is a
 * {@link Device.Type#SWITCH} device {@code of:<dpid>} with the switch description (DESC multipart) and
 * annotations {@code channelId} (remote address), {@code managementAddress} and {@code protocol} = OF_13.
 * As in ONOS, a switch that disconnects stays known and becomes unavailable; ports follow PORT_DESC and
 * PORT_STATUS. This single instance is master of every device it knows.
 */
@Component(immediate = true, service = DeviceService.class)
public class OpenFlowDeviceManager extends AbstractListenerManager<DeviceEvent, DeviceListener>
        implements DeviceService {

    /** Provider id of devices, ports and hosts created by this package. */
    public static final ProviderId PROVIDER_ID = new ProviderId("of", "org.onosdvr.openflow");
    /** Value of the {@code protocol} annotation. */
    public static final String PROTOCOL = "OF_13";
    static final long DESC_TIMEOUT_MS = 3_000;
    private static final String UNKNOWN = "unknown";

    private final Logger log = LoggerFactory.getLogger(getClass());

    @Reference(cardinality = ReferenceCardinality.MANDATORY)
    protected OpenFlowControllerService controller;

    private final Map<DeviceId, DeviceRecord> devices = new ConcurrentHashMap<>();
    private final Map<DeviceId, SwitchConnection> current = new ConcurrentHashMap<>();
    private final SwitchConnectionListener switchListener = new InternalSwitchListener();

    /** Starts: registers the event sink and takes over switches already connected. */
    @Activate
    protected void activate() {
        eventDispatcher.addSink(DeviceEvent.class, listenerRegistry);
        controller.addListener(switchListener);
        controller.connections().forEach(switchListener::connected);
        log.info("Started");
    }

    /** Stops listening. */
    @Deactivate
    protected void deactivate() {
        controller.removeListener(switchListener);
        eventDispatcher.removeSink(DeviceEvent.class);
        log.info("Stopped");
    }

    // ---- DeviceService ----

    @Override
    public int getDeviceCount() {
        return devices.size();
    }

    @Override
    public Iterable<Device> getDevices() {
        return devices.values().stream().map(r -> r.device).collect(ImmutableList.toImmutableList());
    }

    @Override
    public Iterable<Device> getDevices(Device.Type type) {
        return StreamSupport.stream(getDevices().spliterator(), false)
                .filter(d -> d.type() == type).collect(ImmutableList.toImmutableList());
    }

    @Override
    public Iterable<Device> getAvailableDevices() {
        return devices.values().stream().filter(r -> r.available).map(r -> r.device)
                .collect(ImmutableList.toImmutableList());
    }

    @Override
    public Iterable<Device> getAvailableDevices(Device.Type type) {
        return StreamSupport.stream(getAvailableDevices().spliterator(), false)
                .filter(d -> d.type() == type).collect(ImmutableList.toImmutableList());
    }

    @Override
    public Device getDevice(DeviceId deviceId) {
        DeviceRecord r = devices.get(deviceId);
        return r == null ? null : r.device;
    }

    @Override
    public MastershipRole getRole(DeviceId deviceId) {
        return devices.containsKey(deviceId) ? MastershipRole.MASTER : MastershipRole.NONE;
    }

    @Override
    public List<Port> getPorts(DeviceId deviceId) {
        DeviceRecord r = devices.get(deviceId);
        return r == null ? List.of() : ImmutableList.copyOf(r.ports.values());
    }

    @Override
    public List<PortStatistics> getPortStatistics(DeviceId deviceId) {
        return List.of();
    }

    @Override
    public List<PortStatistics> getPortDeltaStatistics(DeviceId deviceId) {
        return List.of();
    }

    @Override
    public Port getPort(DeviceId deviceId, PortNumber portNumber) {
        DeviceRecord r = devices.get(deviceId);
        return r == null ? null : r.ports.get(portNumber);
    }

    @Override
    public boolean isAvailable(DeviceId deviceId) {
        DeviceRecord r = devices.get(deviceId);
        return r != null && r.available;
    }

    @Override
    public String localStatus(DeviceId deviceId) {
        DeviceRecord r = devices.get(deviceId);
        if (r == null) {
            return null;
        }
        return (r.available ? "connected" : "disconnected") + " " + r.device.annotations().value(
                AnnotationKeys.CHANNEL_ID);
    }

    @Override
    public long getLastUpdatedInstant(DeviceId deviceId) {
        DeviceRecord r = devices.get(deviceId);
        return r == null ? 0L : r.lastUpdate;
    }

    // ---- switch events (controller callback thread) ----

    private void switchActive(SwitchConnection sw, OFDescStatsReply desc) {
        DeviceId id = sw.deviceId();
        if (current.get(id) != sw || !sw.isConnected()) {
            return; // went away while we asked for its description
        }
        Device device = describe(sw, desc);
        DeviceRecord r = devices.get(id);
        if (r == null) {
            r = new DeviceRecord(device);
            r.available = true;
            devices.put(id, r);
            post(new DeviceEvent(DEVICE_ADDED, device));
        } else {
            boolean descChanged = !sameDescription(r.device, device);
            r.device = device;
            r.touch();
            if (descChanged) {
                post(new DeviceEvent(DEVICE_UPDATED, device));
            }
            if (!r.available) {
                r.available = true;
                post(new DeviceEvent(DEVICE_AVAILABILITY_CHANGED, device));
            }
        }
        syncPorts(r, sw.ports());
    }

    private void syncPorts(DeviceRecord r, List<OFPortDesc> descs) {
        Map<PortNumber, Port> seen = new LinkedHashMap<>();
        for (OFPortDesc d : descs) {
            Port p = OfPortDescriptions.toPort(r.device, d);
            seen.put(p.number(), p);
        }
        for (Port old : List.copyOf(r.ports.values())) {
            if (!seen.containsKey(old.number())) {
                r.ports.remove(old.number());
                post(new DeviceEvent(PORT_REMOVED, r.device, old));
            }
        }
        seen.values().forEach(p -> updatePort(r, p));
    }

    private void updatePort(DeviceRecord r, Port p) {
        Port old = r.ports.put(p.number(), p);
        if (old == null) {
            post(new DeviceEvent(PORT_ADDED, r.device, p));
        } else if (OfPortDescriptions.changed(old, p)) {
            post(new DeviceEvent(PORT_UPDATED, r.device, p));
        }
    }

    private void portStatus(SwitchConnection sw, OFPortStatus status) {
        DeviceRecord r = devices.get(sw.deviceId());
        if (r == null || current.get(sw.deviceId()) != sw) {
            return; // not announced yet: the DESC completion reads the up-to-date port list
        }
        r.touch();
        Port p = OfPortDescriptions.toPort(r.device, status.getDesc());
        switch (status.getReason()) {
            case DELETE:
                if (r.ports.remove(p.number()) != null) {
                    post(new DeviceEvent(PORT_REMOVED, r.device, p));
                }
                break;
            case ADD:
            case MODIFY:
            default:
                updatePort(r, p);
                break;
        }
    }

    private void switchGone(SwitchConnection sw) {
        DeviceId id = sw.deviceId();
        if (!current.remove(id, sw)) {
            return;
        }
        DeviceRecord r = devices.get(id);
        if (r != null && r.available) {
            r.available = false;
            r.touch();
            post(new DeviceEvent(DEVICE_AVAILABILITY_CHANGED, r.device));
        }
    }

    static Device describe(SwitchConnection sw, OFDescStatsReply desc) {
        SocketAddress remote = sw.remoteAddress();
        DefaultAnnotations.Builder a = DefaultAnnotations.builder()
                .set(AnnotationKeys.PROTOCOL, PROTOCOL)
                .set(AnnotationKeys.CHANNEL_ID, String.valueOf(remote));
        if (remote instanceof InetSocketAddress && ((InetSocketAddress) remote).getAddress() != null) {
            a.set(AnnotationKeys.MANAGEMENT_ADDRESS, ((InetSocketAddress) remote).getAddress().getHostAddress());
        }
        return new DefaultDevice(PROVIDER_ID, sw.deviceId(), Device.Type.SWITCH,
                                 desc == null ? UNKNOWN : desc.getMfrDesc(),
                                 desc == null ? UNKNOWN : desc.getHwDesc(),
                                 desc == null ? UNKNOWN : desc.getSwDesc(),
                                 desc == null ? UNKNOWN : desc.getSerialNum(),
                                 new ChassisId(sw.dpid()), a.build());
    }

    private static boolean sameDescription(Device a, Device b) {
        return Objects.equals(a.manufacturer(), b.manufacturer()) && Objects.equals(a.hwVersion(), b.hwVersion())
                && Objects.equals(a.swVersion(), b.swVersion())
                && Objects.equals(a.serialNumber(), b.serialNumber())
                && Objects.equals(a.annotations().value(AnnotationKeys.CHANNEL_ID),
                                  b.annotations().value(AnnotationKeys.CHANNEL_ID));
    }

    private static OFDescStatsReply descOf(List<OFMessage> replies) {
        return replies.stream().filter(m -> m instanceof OFDescStatsReply).map(m -> (OFDescStatsReply) m)
                .findFirst().orElse(null);
    }

    @Override
    public String toString() {
        return "OpenFlowDeviceManager" + devices.keySet().stream().map(Object::toString)
                .collect(Collectors.joining(",", "[", "]"));
    }

    /** Known device with availability and ports. */
    private static final class DeviceRecord {
        private volatile Device device;
        private volatile boolean available;
        private volatile long lastUpdate = System.currentTimeMillis();
        private final Map<PortNumber, Port> ports = new ConcurrentHashMap<>();

        private DeviceRecord(Device device) {
            this.device = device;
        }

        private void touch() {
            lastUpdate = System.currentTimeMillis();
        }
    }

    private final class InternalSwitchListener implements SwitchConnectionListener {
        @Override
        public void connected(SwitchConnection sw) {
            current.put(sw.deviceId(), sw);
            sw.request(sw.factory().buildDescStatsRequest().build(), DESC_TIMEOUT_MS).whenComplete((replies, e) -> {
                if (e != null) {
                    log.warn("No description from {} ({}); announcing it without", sw.deviceId(), e.getMessage());
                }
                switchActive(sw, e == null ? descOf(replies) : null);
            });
        }

        @Override
        public void disconnected(SwitchConnection sw) {
            switchGone(sw);
        }

        @Override
        public void portStatus(SwitchConnection sw, OFPortStatus status) {
            OpenFlowDeviceManager.this.portStatus(sw, status);
        }
    }
}
