package org.onosdvr.openflow.translate;

import com.google.common.base.MoreObjects;
import org.onosproject.net.DeviceId;
import org.onosproject.net.flow.DefaultFlowEntry;
import org.onosproject.net.flow.DefaultFlowRule;
import org.onosproject.net.flow.FlowEntry;
import org.onosproject.net.flow.FlowRule;
import org.onosproject.net.flow.TrafficSelector;
import org.onosproject.net.flow.TrafficTreatment;
import org.projectfloodlight.openflow.protocol.match.Match;

import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static com.google.common.base.Preconditions.checkNotNull;

/**
 * One flow as reported by a switch (FLOW stats entry), with its ONOS form when it could be decoded.
 * <p>
 * Always present: device, table, priority, cookie, timeouts, counters, duration and the raw OpenFlow
 * {@link #match()} (enough to reconcile by cookie + match + priority + table and to delete it strictly).
 * {@link #selector()} and {@link #treatment()} are present only if every field and action could be decoded;
 * otherwise {@link #decodeError()} says what could not.
 */
public final class InstalledFlow {

    private final DeviceId deviceId;
    private final int tableId;
    private final int priority;
    private final long cookie;
    private final int idleTimeout;
    private final int hardTimeout;
    private final long packets;
    private final long bytes;
    private final long durationNanos;
    private final Match match;
    private final TrafficSelector selector;
    private final TrafficTreatment treatment;
    private final String decodeError;

    @SuppressWarnings("checkstyle:ParameterNumber")
    InstalledFlow(DeviceId deviceId, int tableId, int priority, long cookie, int idleTimeout, int hardTimeout,
                  long packets, long bytes, long durationNanos, Match match,
                  TrafficSelector selector, TrafficTreatment treatment, String decodeError) {
        this.deviceId = checkNotNull(deviceId);
        this.tableId = tableId;
        this.priority = priority;
        this.cookie = cookie;
        this.idleTimeout = idleTimeout;
        this.hardTimeout = hardTimeout;
        this.packets = packets;
        this.bytes = bytes;
        this.durationNanos = durationNanos;
        this.match = checkNotNull(match);
        this.selector = selector;
        this.treatment = treatment;
        this.decodeError = decodeError;
    }

    /**
     * Returns the device the flow was read from.
     *
     * @return device id
     */
    public DeviceId deviceId() {
        return deviceId;
    }

    /**
     * Returns the table id.
     *
     * @return 0..254
     */
    public int tableId() {
        return tableId;
    }

    /**
     * Returns the priority.
     *
     * @return 0..65535
     */
    public int priority() {
        return priority;
    }

    /**
     * Returns the cookie (the ONOS flow id for flows we installed).
     *
     * @return cookie
     */
    public long cookie() {
        return cookie;
    }

    /**
     * Returns the idle timeout.
     *
     * @return seconds, 0 = none
     */
    public int idleTimeout() {
        return idleTimeout;
    }

    /**
     * Returns the hard timeout.
     *
     * @return seconds, 0 = none
     */
    public int hardTimeout() {
        return hardTimeout;
    }

    /**
     * Returns the packet counter.
     *
     * @return packets
     */
    public long packets() {
        return packets;
    }

    /**
     * Returns the byte counter.
     *
     * @return bytes
     */
    public long bytes() {
        return bytes;
    }

    /**
     * Returns how long the flow has been installed.
     *
     * @return nanoseconds
     */
    public long durationNanos() {
        return durationNanos;
    }

    /**
     * Returns the match exactly as the switch reported it.
     *
     * @return OpenFlow match
     */
    public Match match() {
        return match;
    }

    /**
     * Returns the decoded selector.
     *
     * @return selector, empty if the match could not be decoded
     */
    public Optional<TrafficSelector> selector() {
        return Optional.ofNullable(selector);
    }

    /**
     * Returns the decoded treatment.
     *
     * @return treatment, empty if the instructions could not be decoded
     */
    public Optional<TrafficTreatment> treatment() {
        return Optional.ofNullable(treatment);
    }

    /**
     * Returns why decoding failed.
     *
     * @return message, empty if fully decoded
     */
    public Optional<String> decodeError() {
        return Optional.ofNullable(decodeError);
    }

    /**
     * Tells whether selector and treatment were decoded.
     *
     * @return true if {@link #toFlowEntry()} can be called
     */
    public boolean isDecoded() {
        return decodeError == null;
    }

    /**
     * Builds the ONOS flow entry (state ADDED; the flow id is the cookie; no application id, as for any flow
     * read from a device).
     *
     * @return flow entry
     * @throws IllegalStateException if the flow was not fully decoded
     */
    public FlowEntry toFlowEntry() {
        if (!isDecoded()) {
            throw new IllegalStateException("flow with cookie 0x" + Long.toHexString(cookie)
                    + " was not decoded: " + decodeError);
        }
        FlowRule.Builder rule = DefaultFlowRule.builder()
                .forDevice(deviceId)
                .forTable(tableId)
                .withPriority(priority)
                .withCookie(cookie)
                .withSelector(selector)
                .withTreatment(treatment);
        if (hardTimeout != 0) {
            rule.withHardTimeout(hardTimeout); // ONOS also sets the idle timeout here: set it again below
        }
        if (idleTimeout == 0 && hardTimeout == 0) {
            rule.makePermanent();
        } else {
            rule.makeTemporary(idleTimeout);
        }
        return new DefaultFlowEntry(rule.build(), FlowEntry.FlowEntryState.ADDED,
                                    durationNanos, TimeUnit.NANOSECONDS, packets, bytes);
    }

    @Override
    public String toString() {
        return MoreObjects.toStringHelper(this)
                .add("deviceId", deviceId)
                .add("table", tableId)
                .add("priority", priority)
                .add("cookie", "0x" + Long.toHexString(cookie))
                .add("match", match)
                .add("treatment", treatment)
                .add("decodeError", decodeError)
                .omitNullValues()
                .toString();
    }
}
