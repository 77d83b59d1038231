package org.onosdvr.ovsdb.sync;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.onosdvr.ovsdb.db.OvsdbData;
import org.onosdvr.ovsdb.db.OvsdbTables;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A switch database for tests: Bridge/Port/Interface/Controller rows that the operations of our diffs emit
 * (insert with named UUIDs, update by UUID, mutate of a bridge's ports or controllers) really change, with
 * ovsdb-server's garbage collection of unreferenced Port, Interface and Controller rows, and a per-operation result
 * like ovsdb-server's. {@link #failNext(int)} makes transactions fail with a commit error instead.
 */
public final class FakeOvsdb implements OvsdbTarget {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final List<String> TABLES = List.of("Bridge", "Port", "Interface", "Controller");

    private final Map<String, Map<String, ObjectNode>> rows = new TreeMap<>();
    private final List<List<ObjectNode>> transactions = new CopyOnWriteArrayList<>();
    private final AtomicInteger failures = new AtomicInteger();
    private final String bridgeName;
    private volatile OvsdbTables tables = OvsdbTables.EMPTY;
    private int nextUuid;

    /**
     * @param monitorReply initial rows, as a monitor reply
     * @param bridgeName   bridge the reconciler works on
     */
    public FakeOvsdb(JsonNode monitorReply, String bridgeName) {
        this.bridgeName = bridgeName;
        TABLES.forEach(t -> rows.put(t, new TreeMap<>()));
        monitorReply.fields().forEachRemaining(t -> t.getValue().fields().forEachRemaining(
                r -> rows.get(t.getKey()).put(r.getKey(), (ObjectNode) r.getValue().get("new").deepCopy())));
        publish();
    }

    @Override
    public OvsdbTables tables() {
        return tables;
    }

    @Override
    public String bridgeName() {
        return bridgeName;
    }

    @Override
    public synchronized CompletableFuture<JsonNode> transact(List<ObjectNode> ops) {
        transactions.add(ops);
        ArrayNode result = JSON.arrayNode();
        if (failures.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            ops.forEach(op -> result.addObject());
            result.addObject().put("error", "constraint violation").put("details", "injected by the test");
            return CompletableFuture.completedFuture(result);
        }
        Map<String, String> named = new HashMap<>();
        for (ObjectNode op : ops) {
            result.add(apply(op, named));
        }
        collectGarbage();
        publish();
        return CompletableFuture.completedFuture(result);
    }

    /** @param n the next n transactions fail (nothing applied) */
    public void failNext(int n) {
        failures.set(n);
    }

    /** @return every transaction received, in order */
    public List<List<ObjectNode>> transactions() {
        return transactions;
    }

    /**
     * @param table table
     * @param name  row name
     * @return the row's columns, or null
     */
    public synchronized ObjectNode row(String table, String name) {
        return rows.get(table).values().stream().filter(r -> name.equals(r.path("name").asText())).findFirst()
                .orElse(null);
    }

    private ObjectNode apply(ObjectNode op, Map<String, String> named) {
        Map<String, ObjectNode> table = rows.get(op.get("table").asText());
        switch (op.get("op").asText()) {
            case "insert":
                String uuid = String.format("f%07d-0000-0000-0000-000000000000", nextUuid++);
                named.put(op.get("uuid-name").asText(), uuid);
                table.put(uuid, (ObjectNode) resolve(op.get("row"), named));
                return JSON.objectNode().set("uuid", OvsdbData.uuid(uuid));
            case "update":
                table.get(target(op)).setAll((ObjectNode) resolve(op.get("row"), named));
                return JSON.objectNode().put("count", 1);
            case "mutate":
                JsonNode m = op.get("mutations").get(0);
                ObjectNode row = table.get(target(op));
                Set<String> refs = new HashSet<>(OvsdbData.uuids(row.get(m.get(0).asText())));
                Set<String> change = OvsdbData.uuids(resolve(m.get(2), named));
                if ("insert".equals(m.get(1).asText())) {
                    refs.addAll(change);
                } else {
                    refs.removeAll(change);
                }
                row.set(m.get(0).asText(), refs(refs));
                return JSON.objectNode().put("count", 1);
            default:
                throw new IllegalArgumentException("unsupported op " + op);
        }
    }

    private static String target(ObjectNode op) {
        return op.get("where").get(0).get(2).get(1).asText();
    }

    private static JsonNode resolve(JsonNode value, Map<String, String> named) {
        if (value.isArray() && value.size() == 2 && "named-uuid".equals(value.get(0).asText())) {
            return OvsdbData.uuid(named.get(value.get(1).asText()));
        }
        if (value.isContainerNode()) {
            JsonNode copy = value.deepCopy();
            if (copy.isArray()) {
                ArrayNode a = (ArrayNode) copy;
                for (int i = 0; i < a.size(); i++) {
                    a.set(i, resolve(a.get(i), named));
                }
            } else {
                ObjectNode o = (ObjectNode) copy;
                o.fields().forEachRemaining(e -> e.setValue(resolve(e.getValue(), named)));
            }
            return copy;
        }
        return value;
    }

    private static ArrayNode refs(Set<String> uuids) {
        List<JsonNode> list = new ArrayList<>();
        uuids.forEach(u -> list.add(OvsdbData.uuid(u)));
        return OvsdbData.set(list);
    }

    private void collectGarbage() {
        Set<String> ports = new HashSet<>();
        rows.get("Bridge").values().forEach(b -> ports.addAll(OvsdbData.uuids(b.get("ports"))));
        rows.get("Port").keySet().retainAll(ports);
        Set<String> ifaces = new HashSet<>();
        rows.get("Port").values().forEach(p -> ifaces.addAll(OvsdbData.uuids(p.get("interfaces"))));
        rows.get("Interface").keySet().retainAll(ifaces);
        Set<String> controllers = new HashSet<>();
        rows.get("Bridge").values().forEach(b -> controllers.addAll(OvsdbData.uuids(b.get("controller"))));
        rows.get("Controller").keySet().retainAll(controllers);
    }

    private void publish() {
        ObjectNode dump = JSON.objectNode();
        rows.forEach((t, byUuid) -> {
            ObjectNode table = dump.putObject(t);
            byUuid.forEach((uuid, row) -> table.putObject(uuid).set("new", row.deepCopy()));
        });
        tables = OvsdbTables.EMPTY.apply(dump);
    }
}
