package org.onosdvr.ovsdb.db;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.common.base.MoreObjects;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The monitored columns of one {@code Interface} row.
 */
public final class InterfaceRow {

    /** Table name. */
    public static final String TABLE = "Interface";
    /** Columns monitored. */
    public static final List<String> COLUMNS = List.of("name", "type", "options", "bfd", "bfd_status", "ofport");

    private final String uuid;
    private final String name;
    private final String type;
    private final Map<String, String> options;
    private final Map<String, String> bfd;
    private final Map<String, String> bfdStatus;
    private final Optional<Long> ofport;

    private InterfaceRow(String uuid, JsonNode row) {
        this.uuid = uuid;
        this.name = OvsdbData.string(row.get("name")).orElse("");
        this.type = OvsdbData.string(row.get("type")).orElse("");
        this.options = OvsdbData.stringMap(row.get("options"));
        this.bfd = OvsdbData.stringMap(row.get("bfd"));
        this.bfdStatus = OvsdbData.stringMap(row.get("bfd_status"));
        this.ofport = OvsdbData.integer(row.get("ofport"));
    }

    /**
     * @param uuid row UUID
     * @param row  the row's columns as OVSDB sends them
     * @return the row
     */
    public static InterfaceRow from(String uuid, JsonNode row) {
        return new InterfaceRow(uuid, row);
    }

    public String uuid() {
        return uuid;
    }

    public String name() {
        return name;
    }

    /** @return interface type ({@code ""} = a system interface, {@code vxlan}, {@code internal}, ...) */
    public String type() {
        return type;
    }

    public Map<String, String> options() {
        return options;
    }

    /** @return BFD configuration ({@code enable}, {@code min_tx}, {@code min_rx}, ...) */
    public Map<String, String> bfd() {
        return bfd;
    }

    /** @return BFD status as ovs-vswitchd reports it ({@code state}, {@code forwarding}, ...) */
    public Map<String, String> bfdStatus() {
        return bfdStatus;
    }

    /** @return OpenFlow port number; empty until assigned, -1 if the interface could not be created */
    public Optional<Long> ofport() {
        return ofport;
    }

    @Override
    public String toString() {
        return MoreObjects.toStringHelper(this).add("uuid", uuid).add("name", name).add("type", type)
                .add("options", options).add("bfd", bfd).add("bfdStatus", bfdStatus)
                .add("ofport", ofport.orElse(null)).toString();
    }
}
