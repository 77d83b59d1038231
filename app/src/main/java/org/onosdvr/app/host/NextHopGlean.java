package org.onosdvr.app.host;

import org.onlab.packet.IpAddress;

import java.util.HashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Throttles the ARP probes sent for unknown next hops, like a router's ARP glean throttling: a destination is
 * probed at most once per {@code intervalMs}, and at most {@code perSecond} probes go out per second in all, so a
 * flood of packets to addresses that never answer costs a bounded number of probes. Remembers at most
 * {@code maxEntries} destinations (older ones are forgotten first). Thread-safe.
 */
final class NextHopGlean {

    /** Default: one probe per destination per second. */
    static final long INTERVAL_MS = 1_000;
    /** Default: at most this many probes per second in all. */
    static final int PER_SECOND = 50;
    /** Default: destinations remembered. */
    static final int MAX_ENTRIES = 4_096;

    private final long intervalMs;
    private final int perSecond;
    private final int maxEntries;
    private final LongSupplier clockMs;
    private final Map<IpAddress, Long> lastProbe = new HashMap<>();
    private long windowStart = Long.MIN_VALUE;
    private int inWindow;

    /**
     * @param intervalMs least time between two probes of one destination
     * @param perSecond  most probes per second in all
     * @param maxEntries most destinations remembered
     * @param clockMs    current time in ms
     */
    NextHopGlean(long intervalMs, int perSecond, int maxEntries, LongSupplier clockMs) {
        this.intervalMs = intervalMs;
        this.perSecond = perSecond;
        this.maxEntries = maxEntries;
        this.clockMs = clockMs;
    }

    /** @return the defaults, with the system clock */
    static NextHopGlean defaults() {
        return new NextHopGlean(INTERVAL_MS, PER_SECOND, MAX_ENTRIES, System::currentTimeMillis);
    }

    /**
     * Asks whether a destination may be probed now; if yes, counts the probe.
     *
     * @param ip destination
     * @return true if a probe should be sent
     */
    synchronized boolean admit(IpAddress ip) {
        long now = clockMs.getAsLong();
        Long last = lastProbe.get(ip);
        if (last != null && now - last < intervalMs) {
            return false;
        }
        if (windowStart == Long.MIN_VALUE || now - windowStart >= 1_000) {
            windowStart = now;
            inWindow = 0;
        }
        if (inWindow >= perSecond) {
            return false;
        }
        inWindow++;
        if (last == null && lastProbe.size() >= maxEntries) {
            lastProbe.values().removeIf(t -> now - t >= intervalMs);
            if (lastProbe.size() >= maxEntries) {
                return false;
            }
        }
        lastProbe.put(ip, now);
        return true;
    }
}
