package org.onosdvr.ovsdb.db;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.common.base.MoreObjects;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The monitored columns of one {@code Bridge} row.
 */
public final class BridgeRow {

    /** Table name. */
    public static final String TABLE = "Bridge";
    /** Columns monitored. */
    public static final List<String> COLUMNS = List.of("name", "datapath_id", "ports", "controller");

    private final String uuid;
    private final String name;
    private final Optional<String> datapathId;
    private final Set<String> ports;
    private final Set<String> controllers;

    private BridgeRow(String uuid, String name, Optional<String> datapathId, Set<String> ports,
                      Set<String> controllers) {
        this.uuid = uuid;
        this.name = name;
        this.datapathId = datapathId;
        this.ports = ports;
        this.controllers = controllers;
    }

    /**
     * @param uuid row UUID
     * @param row  the row's columns as OVSDB sends them
     * @return the row
     */
    public static BridgeRow from(String uuid, JsonNode row) {
        return new BridgeRow(uuid, OvsdbData.string(row.get("name")).orElse(""),
                             OvsdbData.string(row.get("datapath_id")).filter(s -> !s.isEmpty()),
                             OvsdbData.uuids(row.get("ports")), OvsdbData.uuids(row.get("controller")));
    }

    public String uuid() {
        return uuid;
    }

    public String name() {
        return name;
    }

    /** @return the datapath id as 16 hex digits, once ovs-vswitchd has set it */
    public Optional<String> datapathId() {
        return datapathId;
    }

    /** @return UUIDs of the bridge's Port rows */
    public Set<String> ports() {
        return ports;
    }

    /** @return UUIDs of the bridge's Controller rows (column {@code controller}) */
    public Set<String> controllers() {
        return controllers;
    }

    @Override
    public String toString() {
        return MoreObjects.toStringHelper(this).add("uuid", uuid).add("name", name)
                .add("datapathId", datapathId.orElse(null)).add("ports", ports.size())
                .add("controllers", controllers.size()).toString();
    }
}
