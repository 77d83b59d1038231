package org.onosdvr.cli;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.onosdvr.api.DvrSnapshot;
import org.onosdvr.cli.codec.RuntimeStats;
import org.onosproject.net.DeviceId;

import java.util.Optional;
import java.util.Set;

/**
 * Shows the embedded runtime's packet-in / packet-out counters per device (runtime only: ONOS has no such
 * service).
 */
@Service
@Command(scope = "onos", name = "dvr-stats",
        description = "Shows packet-in/packet-out counters per device (embedded runtime only)")
public class DvrStatsCommand extends DvrCommand {

    @Override
    protected void run() {
        Optional<RuntimeStats> stats = RuntimeStats.lookup(directory());
        if (stats.isEmpty()) {
            error("%s", RuntimeStats.ABSENT);
            return;
        }
        DvrSnapshot s = admin().snapshot();
        Set<DeviceId> devices = stats.get().devices(s);
        if (outputJson()) {
            printJson(stats.get().encode(mapper(), devices));
            return;
        }
        Table t = new Table("device", "packet_in", "packet_out");
        devices.forEach(d -> t.row(d, stats.get().packetIns(d), stats.get().packetOuts(d)));
        printTable(t);
    }
}
