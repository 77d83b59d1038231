package org.onosdvr.cli;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;

/**
 * Read-only: PACKET_IN / PACKET_OUT counters of the embedded runtime per switch (not available in an ONOS
 * cluster, where the embedded runtime is not installed). The end-to-end tests use it to prove that an ARP for
 * a gateway IP is answered by the switch and never reaches the controller. The same as {@code dvr-stats}
 * (the name the end-to-end harness uses).
 */
@Service
@Command(scope = "onos", name = "dvr-packet-stats",
        description = "Shows the embedded runtime's PACKET_IN/PACKET_OUT counters per switch (= dvr-stats)")
public class DvrPacketStatsCommand extends DvrStatsCommand {
}
