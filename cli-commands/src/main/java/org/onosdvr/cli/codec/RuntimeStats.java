package org.onosdvr.cli.codec;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.onlab.osgi.ServiceDirectory;
import org.onlab.osgi.ServiceNotFoundException;
import org.onosdvr.api.DvrNode;
import org.onosdvr.api.DvrSnapshot;
import org.onosdvr.openflow.net.RuntimeStatsService;
import org.onosproject.net.DeviceId;

import java.util.Comparator;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The embedded runtime's packet-in / packet-out counters ({@code org.onosdvr.openflow.net.RuntimeStatsService}),
 * read only. The service is optional: ONOS has none (its package is imported optionally), and then
 * {@link #lookup} is empty. Shared by {@code GET /stats} and {@code dvr-stats}.
 */
public final class RuntimeStats {

    /** Message when the service is absent. */
    public static final String ABSENT = "packet statistics are only available in the embedded runtime "
            + "(no RuntimeStatsService: ONOS has none)";

    private final RuntimeStatsService service;

    private RuntimeStats(RuntimeStatsService service) {
        this.service = service;
    }

    /**
     * Finds the service.
     *
     * @param directory service directory
     * @return the counters, empty if there is no such service (or its bundle is not installed)
     */
    public static Optional<RuntimeStats> lookup(ServiceDirectory directory) {
        try {
            return Optional.of(new RuntimeStats(directory.get(RuntimeStatsService.class)));
        } catch (ServiceNotFoundException | NoClassDefFoundError e) {
            return Optional.empty();
        }
    }

    /**
     * The devices to report: the DVR nodes and every device that sent a packet-in.
     *
     * @param snapshot state
     * @return devices, sorted
     */
    public Set<DeviceId> devices(DvrSnapshot snapshot) {
        Set<DeviceId> out = new TreeSet<>(Comparator.comparing(DeviceId::toString));
        snapshot.nodes().stream().map(DvrNode::deviceId).forEach(out::add);
        out.addAll(service.packetInCounts().keySet());
        return out;
    }

    /**
     * @param d device
     * @return packet-ins received from it since start
     */
    public long packetIns(DeviceId d) {
        return service.packetInCount(d);
    }

    /**
     * @param d device
     * @return packet-outs sent to it since start
     */
    public long packetOuts(DeviceId d) {
        return service.packetOutCount(d);
    }

    /**
     * Encodes the counters.
     *
     * @param mapper  mapper
     * @param devices devices
     * @return {"runtime_only": true, "devices": [{"device_id", "packet_in", "packet_out"}]}
     */
    public ObjectNode encode(ObjectMapper mapper, Iterable<DeviceId> devices) {
        ObjectNode json = mapper.createObjectNode().put("runtime_only", true);
        ArrayNode list = json.putArray("devices");
        for (DeviceId d : devices) {
            list.addObject().put("device_id", d.toString()).put("packet_in", packetIns(d))
                    .put("packet_out", packetOuts(d));
        }
        return json;
    }
}
