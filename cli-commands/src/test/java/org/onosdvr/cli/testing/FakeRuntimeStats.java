package org.onosdvr.cli.testing;

import org.onosdvr.openflow.net.RuntimeStatsService;
import org.onosproject.net.DeviceId;

import java.util.Map;
import java.util.TreeMap;

/**
 * TEST ONLY: runtime counters set by the test.
 */
public class FakeRuntimeStats implements RuntimeStatsService {

    private final Map<DeviceId, Long> in = new TreeMap<>((a, b) -> a.toString().compareTo(b.toString()));
    private final Map<DeviceId, Long> out = new TreeMap<>((a, b) -> a.toString().compareTo(b.toString()));

    /**
     * Sets the counters of a device.
     *
     * @param d         device
     * @param packetIns packet-ins
     * @param packetOuts packet-outs
     * @return this
     */
    public FakeRuntimeStats set(DeviceId d, long packetIns, long packetOuts) {
        in.put(d, packetIns);
        out.put(d, packetOuts);
        return this;
    }

    @Override
    public long packetInCount(DeviceId deviceId) {
        return in.getOrDefault(deviceId, 0L);
    }

    @Override
    public Map<DeviceId, Long> packetInCounts() {
        return Map.copyOf(in);
    }

    @Override
    public long packetOutCount(DeviceId deviceId) {
        return out.getOrDefault(deviceId, 0L);
    }
}
