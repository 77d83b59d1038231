package org.onosdvr.ovsdb.ratelimit;

import java.util.Objects;
import java.util.Optional;

/**
 * The limit ovs-vswitchd puts on the PACKET_INs it sends to each controller of a bridge: at most {@code rate}
 * packets per second, with {@code burst} credits ({@code Controller.controller_rate_limit} and
 * {@code controller_burst_limit}). Over the rate, OVS queues the packets per input port (at most {@code burst}
 * in all), sends them round-robin across ports and drops from the longest queue: one flooding port cannot starve
 * the others. {@link #NONE} is no limit (both columns empty).
 */
public final class PacketInLimit {

    /** Smallest rate the OVS schema accepts. */
    public static final int MIN_RATE = 100;
    /** Smallest burst the OVS schema accepts. */
    public static final int MIN_BURST = 25;
    /** No limit. */
    public static final PacketInLimit NONE = new PacketInLimit(0, 0);

    private final int rate;
    private final int burst;

    private PacketInLimit(int rate, int burst) {
        this.rate = rate;
        this.burst = burst;
    }

    /**
     * @param rate  packets per second, at least {@value #MIN_RATE}; 0 = no limit (the burst is then ignored)
     * @param burst packets, at least {@value #MIN_BURST}
     * @return the limit
     * @throws IllegalArgumentException for values the switch would reject
     */
    public static PacketInLimit of(int rate, int burst) {
        if (rate == 0) {
            return NONE;
        }
        if (rate < MIN_RATE) {
            throw new IllegalArgumentException("packet-in rate limit must be 0 (none) or at least " + MIN_RATE
                                                       + " per second: " + rate);
        }
        if (burst < MIN_BURST) {
            throw new IllegalArgumentException("packet-in burst limit must be at least " + MIN_BURST + ": " + burst);
        }
        return new PacketInLimit(rate, burst);
    }

    /** @return true if there is no limit */
    public boolean isNone() {
        return rate == 0;
    }

    /** @return the {@code controller_rate_limit} value; empty for no limit */
    public Optional<Long> rate() {
        return isNone() ? Optional.empty() : Optional.of((long) rate);
    }

    /** @return the {@code controller_burst_limit} value; empty for no limit */
    public Optional<Long> burst() {
        return isNone() ? Optional.empty() : Optional.of((long) burst);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PacketInLimit && ((PacketInLimit) o).rate == rate && ((PacketInLimit) o).burst == burst;
    }

    @Override
    public int hashCode() {
        return Objects.hash(rate, burst);
    }

    @Override
    public String toString() {
        return isNone() ? "none" : rate + "/s burst " + burst;
    }
}
