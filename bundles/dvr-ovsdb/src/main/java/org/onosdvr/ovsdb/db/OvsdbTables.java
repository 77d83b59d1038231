package org.onosdvr.ovsdb.db;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.common.collect.ImmutableMap;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;

/**
 * What we know of one switch's {@code Open_vSwitch} database: the monitored columns of its Bridge, Port,
 * Interface and Controller rows. Immutable: {@link #apply(JsonNode)} returns the next snapshot, so readers on other
 * threads always see a consistent one.
 */
public final class OvsdbTables {

    /** Database name. */
    public static final String DATABASE = "Open_vSwitch";
    /** The tables before the first update. */
    public static final OvsdbTables EMPTY = new OvsdbTables(Map.of(), Map.of(), Map.of(), Map.of());

    private final Map<String, BridgeRow> bridges;
    private final Map<String, PortRow> ports;
    private final Map<String, InterfaceRow> interfaces;
    private final Map<String, ControllerRow> controllers;

    private OvsdbTables(Map<String, BridgeRow> bridges, Map<String, PortRow> ports,
                        Map<String, InterfaceRow> interfaces, Map<String, ControllerRow> controllers) {
        this.bridges = bridges;
        this.ports = ports;
        this.interfaces = interfaces;
        this.controllers = controllers;
    }

    /**
     * The monitor-requests parameter of our {@code monitor} call: the columns of {@link BridgeRow},
     * {@link PortRow}, {@link InterfaceRow} and {@link ControllerRow}.
     *
     * @return a new JSON object
     */
    public static ObjectNode monitorRequests() {
        JsonNodeFactory json = JsonNodeFactory.instance;
        ObjectNode req = json.objectNode();
        Map<String, List<String>> columns = Map.of(BridgeRow.TABLE, BridgeRow.COLUMNS, PortRow.TABLE,
                                                   PortRow.COLUMNS, InterfaceRow.TABLE, InterfaceRow.COLUMNS,
                                                   ControllerRow.TABLE, ControllerRow.COLUMNS);
        columns.forEach((table, cols) -> {
            ObjectNode t = req.putObject(table);
            cols.forEach(t.putArray("columns")::add);
        });
        return req;
    }

    /**
     * Applies a table-updates object (the monitor reply or an {@code update} notification): a row
     * update with {@code new} replaces the row (ovsdb-server sends every monitored column in {@code new}), one
     * without removes it. Tables we do not monitor are ignored.
     *
     * @param tableUpdates {@code {table: {uuid: {"old": ..., "new": ...}}}}
     * @return the tables after the update
     */
    public OvsdbTables apply(JsonNode tableUpdates) {
        if (tableUpdates == null || !tableUpdates.isObject() || tableUpdates.size() == 0) {
            return this;
        }
        return new OvsdbTables(merge(bridges, tableUpdates.get(BridgeRow.TABLE), BridgeRow::from),
                               merge(ports, tableUpdates.get(PortRow.TABLE), PortRow::from),
                               merge(interfaces, tableUpdates.get(InterfaceRow.TABLE), InterfaceRow::from),
                               merge(controllers, tableUpdates.get(ControllerRow.TABLE), ControllerRow::from));
    }

    private static <R> Map<String, R> merge(Map<String, R> rows, JsonNode updates,
                                            BiFunction<String, JsonNode, R> decode) {
        if (updates == null || !updates.isObject() || updates.size() == 0) {
            return rows;
        }
        Map<String, R> next = new HashMap<>(rows);
        Iterator<Map.Entry<String, JsonNode>> it = updates.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode row = e.getValue().get("new");
            if (row != null && row.isObject()) {
                next.put(e.getKey(), decode.apply(e.getKey(), row));
            } else {
                next.remove(e.getKey());
            }
        }
        return ImmutableMap.copyOf(next);
    }

    /**
     * @param name bridge name
     * @return the bridge with that name
     */
    public Optional<BridgeRow> bridge(String name) {
        return bridges.values().stream().filter(b -> b.name().equals(name)).findFirst();
    }

    /**
     * @param bridge a bridge of these tables
     * @return its ports that we know, in no particular order
     */
    public List<PortRow> ports(BridgeRow bridge) {
        List<PortRow> out = new ArrayList<>();
        for (String uuid : bridge.ports()) {
            PortRow p = ports.get(uuid);
            if (p != null) {
                out.add(p);
            }
        }
        return out;
    }

    /**
     * @param port a port of these tables
     * @return its interfaces that we know
     */
    public List<InterfaceRow> interfaces(PortRow port) {
        List<InterfaceRow> out = new ArrayList<>();
        for (String uuid : port.interfaces()) {
            InterfaceRow i = interfaces.get(uuid);
            if (i != null) {
                out.add(i);
            }
        }
        return out;
    }

    /**
     * @param bridge a bridge of these tables
     * @return its controllers that we know, in no particular order
     */
    public List<ControllerRow> controllers(BridgeRow bridge) {
        List<ControllerRow> out = new ArrayList<>();
        for (String uuid : bridge.controllers()) {
            ControllerRow c = controllers.get(uuid);
            if (c != null) {
                out.add(c);
            }
        }
        return out;
    }

    /** @return every bridge row */
    public Map<String, BridgeRow> bridges() {
        return bridges;
    }

    /** @return every port row */
    public Map<String, PortRow> ports() {
        return ports;
    }

    /** @return every interface row */
    public Map<String, InterfaceRow> interfaces() {
        return interfaces;
    }

    /** @return every controller row */
    public Map<String, ControllerRow> controllers() {
        return controllers;
    }

    @Override
    public String toString() {
        return "OvsdbTables{bridges=" + bridges.size() + ", ports=" + ports.size() + ", interfaces="
                + interfaces.size() + ", controllers=" + controllers.size() + "}";
    }
}
