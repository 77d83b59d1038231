package org.onosdvr.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.onlab.osgi.ServiceNotFoundException;
import org.onosdvr.openflow.net.RuntimeStatsService;
import org.onosproject.net.DeviceId;

import java.util.Comparator;
import java.util.Map;
import java.util.TreeMap;

/**
 * Read-only: PACKET_IN / PACKET_OUT counters of the embedded runtime per switch (not available in an ONOS
 * cluster, where the embedded runtime is not installed). The end-to-end tests use it to prove that an ARP for
 * a gateway IP is answered by the switch and never reaches the controller.
 */
@Service
@Command(scope = "onos", name = "dvr-packet-stats",
        description = "Shows the embedded runtime's PACKET_IN/PACKET_OUT counters per switch")
public class DvrPacketStatsCommand extends DvrCommand {

    @Override
    protected void run() {
        RuntimeStatsService stats;
        try {
            stats = service(RuntimeStatsService.class);
        } catch (ServiceNotFoundException | NoClassDefFoundError e) {
            error("packet statistics are only available in the embedded runtime");
            return;
        }
        Map<DeviceId, Long> ins = new TreeMap<>(Comparator.comparing(DeviceId::toString));
        ins.putAll(stats.packetInCounts());
        if (outputJson()) {
            ObjectNode root = mapper().createObjectNode();
            ArrayNode devices = root.putArray("devices");
            ins.forEach((d, n) -> devices.addObject().put("device_id", d.toString()).put("packet_in", n)
                    .put("packet_out", stats.packetOutCount(d)));
            printJson(root);
            return;
        }
        Table t = new Table("device", "packet_in", "packet_out");
        ins.forEach((d, n) -> t.row(d, n, stats.packetOutCount(d)));
        printTable(t);
    }
}
