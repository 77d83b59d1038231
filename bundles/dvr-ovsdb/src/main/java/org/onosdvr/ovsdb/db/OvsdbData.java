package org.onosdvr.ovsdb.db;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The OVSDB data notation (RFC 7047 section 5.1) for the column types this bundle reads and writes: atoms,
 * {@code ["set", [...]]} (a set of one may be the bare atom), {@code ["map", [[k, v], ...]]},
 * {@code ["uuid", "..."]} and {@code ["named-uuid", "..."]}. Decoding is lenient (a missing or malformed column
 * reads as empty), since a row we cannot read must not break the connection.
 */
public final class OvsdbData {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final String SET = "set";
    private static final String MAP = "map";
    private static final String UUID = "uuid";
    private static final String NAMED_UUID = "named-uuid";

    private OvsdbData() {
    }

    /**
     * @param value a column value, or null
     * @return the elements of a set (a bare atom is a set of one); empty for null or an empty set
     */
    public static List<JsonNode> elements(JsonNode value) {
        if (value == null || value.isNull() || value.isMissingNode()) {
            return List.of();
        }
        if (isTagged(value, SET)) {
            List<JsonNode> out = new ArrayList<>();
            value.get(1).forEach(out::add);
            return out;
        }
        return List.of(value);
    }

    /**
     * @param value a string column (or an optional string: a set of zero or one)
     * @return the string; empty if absent
     */
    public static Optional<String> string(JsonNode value) {
        List<JsonNode> e = elements(value);
        return e.size() == 1 && e.get(0).isTextual() ? Optional.of(e.get(0).asText()) : Optional.empty();
    }

    /**
     * @param value an integer column (or an optional integer)
     * @return the integer; empty if absent
     */
    public static Optional<Long> integer(JsonNode value) {
        List<JsonNode> e = elements(value);
        return e.size() == 1 && e.get(0).isIntegralNumber() ? Optional.of(e.get(0).asLong()) : Optional.empty();
    }

    /**
     * @param value a set of UUIDs (row references)
     * @return the UUIDs, sorted
     */
    public static Set<String> uuids(JsonNode value) {
        Set<String> out = new TreeSet<>();
        for (JsonNode e : elements(value)) {
            if (isTagged(e, UUID)) {
                out.add(e.get(1).asText());
            }
        }
        return Collections.unmodifiableSet(out);
    }

    /**
     * @param value a map column; keys and values are read as text
     * @return the map, sorted by key; empty if absent or malformed
     */
    public static Map<String, String> stringMap(JsonNode value) {
        Map<String, String> out = new TreeMap<>();
        if (isTagged(value, MAP)) {
            for (JsonNode pair : value.get(1)) {
                if (pair.isArray() && pair.size() == 2) {
                    out.put(pair.get(0).asText(), pair.get(1).asText());
                }
            }
        }
        return Collections.unmodifiableMap(out);
    }

    /**
     * @param map a string to string map
     * @return {@code ["map", [[k, v], ...]]}, keys in order
     */
    public static ArrayNode map(Map<String, String> map) {
        ArrayNode pairs = JSON.arrayNode();
        new TreeMap<>(map).forEach((k, v) -> pairs.add(JSON.arrayNode().add(k).add(v)));
        return JSON.arrayNode().add(MAP).add(pairs);
    }

    /**
     * @param elements atoms
     * @return {@code ["set", [...]]}
     */
    public static ArrayNode set(Collection<? extends JsonNode> elements) {
        ArrayNode list = JSON.arrayNode();
        elements.forEach(list::add);
        return JSON.arrayNode().add(SET).add(list);
    }

    /**
     * @param uuid a row's UUID
     * @return {@code ["uuid", uuid]}
     */
    public static ArrayNode uuid(String uuid) {
        return JSON.arrayNode().add(UUID).add(uuid);
    }

    /**
     * @param name the {@code uuid-name} of a row inserted by the same transaction
     * @return {@code ["named-uuid", name]}
     */
    public static ArrayNode namedUuid(String name) {
        return JSON.arrayNode().add(NAMED_UUID).add(name);
    }

    private static boolean isTagged(JsonNode value, String tag) {
        return value != null && value.isArray() && value.size() == 2 && tag.equals(value.get(0).asText())
                && (!SET.equals(tag) && !MAP.equals(tag) || value.get(1).isArray());
    }
}
