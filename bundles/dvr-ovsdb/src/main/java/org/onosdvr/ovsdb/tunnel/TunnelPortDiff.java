package org.onosdvr.ovsdb.tunnel;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.onosdvr.api.FailoverTunnel;
import org.onosdvr.ovsdb.db.BridgeRow;
import org.onosdvr.ovsdb.db.InterfaceRow;
import org.onosdvr.ovsdb.db.Ops;
import org.onosdvr.ovsdb.db.OvsdbData;
import org.onosdvr.ovsdb.db.OvsdbTables;
import org.onosdvr.ovsdb.db.PortRow;
import org.onosdvr.ovsdb.sync.OvsdbDiff;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * What one {@code transact} must do so that a bridge's failover tunnel ports are exactly the wanted ones: pure,
 * computed from the monitored tables. Ports named {@link FailoverTunnel#NAME_PREFIX}* that are not wanted are
 * removed from the bridge (ovsdb-server then deletes their Port and Interface rows, which nothing else refers
 * to); a wanted port whose Interface has another type, options or BFD settings gets them updated in place; a
 * wanted port that is missing is inserted (Interface + Port + the bridge's {@code ports}); a wanted port that
 * is malformed (not exactly one interface of the same name) is removed and inserted again in the same
 * transaction. Every other port of the bridge is left alone. Empty when the tables already match.
 */
public final class TunnelPortDiff extends OvsdbDiff {

    /** Interface type of failover tunnel ports. */
    public static final String TYPE = "vxlan";

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private TunnelPortDiff(List<ObjectNode> ops, List<String> changes) {
        super(ops, changes);
    }

    /**
     * @param t a failover tunnel
     * @return the Interface {@code options} it needs
     */
    public static Map<String, String> options(FailoverTunnel t) {
        Map<String, String> m = new TreeMap<>();
        m.put("remote_ip", t.remoteIp().toString());
        m.put("local_ip", t.localIp().toString());
        m.put("key", "flow");
        m.put("dst_port", Integer.toString(t.udpPort()));
        return m;
    }

    /**
     * @param t a failover tunnel
     * @return the Interface {@code bfd} settings it needs
     */
    public static Map<String, String> bfd(FailoverTunnel t) {
        Map<String, String> m = new TreeMap<>();
        m.put("enable", "true");
        m.put("min_tx", Integer.toString(t.minTxMs()));
        m.put("min_rx", Integer.toString(t.minRxMs()));
        return m;
    }

    /**
     * Compares the wanted ports with a bridge's current ones.
     *
     * @param tables     monitored tables of the switch
     * @param bridgeName bridge holding the ports
     * @param wanted     wanted failover tunnels (unique names)
     * @return the operations; empty if the bridge does not exist or already matches
     */
    public static TunnelPortDiff of(OvsdbTables tables, String bridgeName, Collection<FailoverTunnel> wanted) {
        Optional<BridgeRow> bridge = tables.bridge(bridgeName);
        if (bridge.isEmpty()) {
            return new TunnelPortDiff(List.of(), List.of());
        }
        Map<String, FailoverTunnel> want = new TreeMap<>();
        wanted.forEach(t -> want.put(t.name(), t));
        List<PortRow> current = new ArrayList<>(tables.ports(bridge.get()));
        current.sort(Comparator.comparing(PortRow::name));

        List<ObjectNode> updates = new ArrayList<>();
        List<JsonNode> removed = new ArrayList<>();
        List<String> changes = new ArrayList<>();
        Map<String, FailoverTunnel> missing = new TreeMap<>(want);
        Set<String> replaced = new HashSet<>();
        for (PortRow port : current) {
            if (!port.name().startsWith(FailoverTunnel.NAME_PREFIX)) {
                continue;
            }
            FailoverTunnel t = missing.remove(port.name());
            List<InterfaceRow> ifaces = tables.interfaces(port);
            if (t == null) {
                removed.add(OvsdbData.uuid(port.uuid()));
                changes.add("remove " + port.name());
            } else if (ifaces.size() != 1 || port.interfaces().size() != 1
                    || !ifaces.get(0).name().equals(port.name())) {
                removed.add(OvsdbData.uuid(port.uuid()));
                missing.put(t.name(), t);
                replaced.add(t.name());
                changes.add("replace malformed " + port.name());
            } else {
                differences(ifaces.get(0), t).ifPresent(what -> {
                    updates.add(Ops.update(InterfaceRow.TABLE, ifaces.get(0).uuid(), interfaceRow(t, false)));
                    changes.add("update " + t.name() + " (" + what + ")");
                });
            }
        }

        List<ObjectNode> ops = new ArrayList<>();
        String br = bridge.get().uuid();
        if (!removed.isEmpty()) {
            ops.add(Ops.mutate(BridgeRow.TABLE, br, "ports", "delete", OvsdbData.set(removed)));
        }
        ops.addAll(updates);
        List<JsonNode> inserted = new ArrayList<>();
        int n = 0;
        for (FailoverTunnel t : missing.values()) {
            String iface = "iface" + n;
            String port = "port" + n;
            n++;
            ops.add(Ops.insert(InterfaceRow.TABLE, interfaceRow(t, true), iface));
            ObjectNode portRow = JSON.objectNode().put("name", t.name());
            portRow.set("interfaces", OvsdbData.namedUuid(iface));
            ops.add(Ops.insert(PortRow.TABLE, portRow, port));
            inserted.add(OvsdbData.namedUuid(port));
            if (!replaced.contains(t.name())) {
                changes.add("add " + t.name());
            }
        }
        if (!inserted.isEmpty()) {
            ops.add(Ops.mutate(BridgeRow.TABLE, br, "ports", "insert", OvsdbData.set(inserted)));
        }
        return new TunnelPortDiff(ops, changes);
    }

    private static Optional<String> differences(InterfaceRow i, FailoverTunnel t) {
        List<String> what = new ArrayList<>();
        if (!TYPE.equals(i.type())) {
            what.add("type");
        }
        if (!options(t).equals(i.options())) {
            what.add("options");
        }
        if (!bfd(t).equals(i.bfd())) {
            what.add("bfd");
        }
        return what.isEmpty() ? Optional.empty() : Optional.of(String.join(", ", what));
    }

    private static ObjectNode interfaceRow(FailoverTunnel t, boolean withName) {
        ObjectNode row = JSON.objectNode();
        if (withName) {
            row.put("name", t.name());
        }
        row.put("type", TYPE);
        row.set("options", OvsdbData.map(options(t)));
        row.set("bfd", OvsdbData.map(bfd(t)));
        return row;
    }
}
