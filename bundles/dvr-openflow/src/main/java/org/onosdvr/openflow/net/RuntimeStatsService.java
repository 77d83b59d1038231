package org.onosdvr.openflow.net;

import org.onosproject.net.DeviceId;

import java.util.Map;

/**
 * Counters of the embedded runtime's packet path, e.g. for tests that assert "no PACKET_IN during gateway
 * ARP". Counts every PACKET_IN received from a switch (parsed or not) and every PACKET_OUT sent, since start.
 */
public interface RuntimeStatsService {

    /**
     * PACKET_INs received from a device.
     *
     * @param deviceId device
     * @return count
     */
    long packetInCount(DeviceId deviceId);

    /**
     * PACKET_INs received, per device.
     *
     * @return counts
     */
    Map<DeviceId, Long> packetInCounts();

    /**
     * PACKET_OUTs sent to a device.
     *
     * @param deviceId device
     * @return count
     */
    long packetOutCount(DeviceId deviceId);
}
