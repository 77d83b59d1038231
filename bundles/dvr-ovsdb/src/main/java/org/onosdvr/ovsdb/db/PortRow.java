package org.onosdvr.ovsdb.db;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.common.base.MoreObjects;

import java.util.List;
import java.util.Set;

/**
 * The monitored columns of one {@code Port} row.
 */
public final class PortRow {

    /** Table name. */
    public static final String TABLE = "Port";
    /** Columns monitored. */
    public static final List<String> COLUMNS = List.of("name", "interfaces");

    private final String uuid;
    private final String name;
    private final Set<String> interfaces;

    private PortRow(String uuid, String name, Set<String> interfaces) {
        this.uuid = uuid;
        this.name = name;
        this.interfaces = interfaces;
    }

    /**
     * @param uuid row UUID
     * @param row  the row's columns as OVSDB sends them
     * @return the row
     */
    public static PortRow from(String uuid, JsonNode row) {
        return new PortRow(uuid, OvsdbData.string(row.get("name")).orElse(""),
                           OvsdbData.uuids(row.get("interfaces")));
    }

    public String uuid() {
        return uuid;
    }

    public String name() {
        return name;
    }

    /** @return UUIDs of the port's Interface rows */
    public Set<String> interfaces() {
        return interfaces;
    }

    @Override
    public String toString() {
        return MoreObjects.toStringHelper(this).add("uuid", uuid).add("name", name)
                .add("interfaces", interfaces).toString();
    }
}
