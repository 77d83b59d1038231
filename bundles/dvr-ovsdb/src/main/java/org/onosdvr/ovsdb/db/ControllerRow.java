package org.onosdvr.ovsdb.db;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.common.base.MoreObjects;

import java.util.List;
import java.util.Optional;

/**
 * The monitored columns of one {@code Controller} row: an OpenFlow controller of a bridge and the limits
 * ovs-vswitchd puts on the PACKET_INs it sends there.
 */
public final class ControllerRow {

    /** Table name. */
    public static final String TABLE = "Controller";
    /** Packets per second sent to the controller at most (optional integer, at least 100). */
    public static final String RATE_LIMIT = "controller_rate_limit";
    /** Unused packet credits that may accumulate (optional integer, at least 25). */
    public static final String BURST_LIMIT = "controller_burst_limit";
    /** Columns monitored. */
    public static final List<String> COLUMNS = List.of("target", RATE_LIMIT, BURST_LIMIT);

    private final String uuid;
    private final String target;
    private final Optional<Long> rateLimit;
    private final Optional<Long> burstLimit;

    private ControllerRow(String uuid, JsonNode row) {
        this.uuid = uuid;
        this.target = OvsdbData.string(row.get("target")).orElse("");
        this.rateLimit = OvsdbData.integer(row.get(RATE_LIMIT));
        this.burstLimit = OvsdbData.integer(row.get(BURST_LIMIT));
    }

    /**
     * @param uuid row UUID
     * @param row  the row's columns as OVSDB sends them
     * @return the row
     */
    public static ControllerRow from(String uuid, JsonNode row) {
        return new ControllerRow(uuid, row);
    }

    public String uuid() {
        return uuid;
    }

    /** @return the controller's connection target, e.g. {@code tcp:198.19.60.1:6653} */
    public String target() {
        return target;
    }

    /** @return {@code controller_rate_limit}; empty = not set (no limit) */
    public Optional<Long> rateLimit() {
        return rateLimit;
    }

    /** @return {@code controller_burst_limit}; empty = not set (OVS uses a quarter of the rate) */
    public Optional<Long> burstLimit() {
        return burstLimit;
    }

    @Override
    public String toString() {
        return MoreObjects.toStringHelper(this).add("uuid", uuid).add("target", target)
                .add("rateLimit", rateLimit.orElse(null)).add("burstLimit", burstLimit.orElse(null)).toString();
    }
}
