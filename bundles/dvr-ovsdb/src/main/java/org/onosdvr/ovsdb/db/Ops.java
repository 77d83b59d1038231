package org.onosdvr.ovsdb.db;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.List;

/**
 * Builders of {@code transact} operations (RFC 7047 section 5.2) and the reading of a transaction's result.
 */
public final class Ops {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private Ops() {
    }

    /**
     * @param table    table
     * @param row      column values
     * @param uuidName name later operations of the same transaction refer to the row by
     * @return an {@code insert} operation
     */
    public static ObjectNode insert(String table, ObjectNode row, String uuidName) {
        ObjectNode op = op("insert", table);
        op.set("row", row);
        op.put("uuid-name", uuidName);
        return op;
    }

    /**
     * @param table table
     * @param uuid  the row
     * @param row   columns to set
     * @return an {@code update} operation on one row
     */
    public static ObjectNode update(String table, String uuid, ObjectNode row) {
        ObjectNode op = op("update", table);
        op.set("where", whereUuid(uuid));
        op.set("row", row);
        return op;
    }

    /**
     * @param table   table
     * @param uuid    the row
     * @param column  column to mutate
     * @param mutator {@code insert} or {@code delete} (for sets and maps)
     * @param value   the elements
     * @return a {@code mutate} operation on one row
     */
    public static ObjectNode mutate(String table, String uuid, String column, String mutator, JsonNode value) {
        ObjectNode op = op("mutate", table);
        op.set("where", whereUuid(uuid));
        op.putArray("mutations").add(JSON.arrayNode().add(column).add(mutator).add(value));
        return op;
    }

    /**
     * @param uuid a row's UUID
     * @return {@code [["_uuid", "==", ["uuid", uuid]]]}
     */
    public static ArrayNode whereUuid(String uuid) {
        return JSON.arrayNode().add(JSON.arrayNode().add("_uuid").add("==").add(OvsdbData.uuid(uuid)));
    }

    /**
     * The errors in a {@code transact} result: one entry per failed operation, plus the one ovsdb-server appends
     * after the operations when the commit itself fails (constraint violation, referential integrity).
     *
     * @param result  the {@code result} of the transact response
     * @param ops     the operations sent (to name the failed one)
     * @return human-readable errors; empty if the transaction committed
     */
    public static List<String> errors(JsonNode result, List<? extends JsonNode> ops) {
        List<String> out = new ArrayList<>();
        if (result == null || !result.isArray()) {
            out.add("transact result is not an array: " + result);
            return out;
        }
        for (int i = 0; i < result.size(); i++) {
            JsonNode r = result.get(i);
            if (r != null && r.hasNonNull("error")) {
                String where = i < ops.size() ? "operation " + i + " (" + ops.get(i).path("op").asText() + " "
                        + ops.get(i).path("table").asText() + ")" : "commit";
                out.add(where + ": " + r.get("error").asText()
                                + (r.hasNonNull("details") ? ": " + r.get("details").asText() : ""));
            }
        }
        return out;
    }

    private static ObjectNode op(String name, String table) {
        ObjectNode op = JSON.objectNode();
        op.put("op", name);
        op.put("table", table);
        return op;
    }
}
