package org.onosdvr.cli.codec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.onlab.packet.IpAddress;
import org.onlab.packet.IpPrefix;
import org.onlab.packet.MacAddress;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Strict reader of one JSON object: every accessor either returns a valid value or throws an
 * {@link IllegalArgumentException} whose message is {@code "missing field X"} or
 * {@code "invalid value for X: ..."} (X with its path, e.g. {@code fixed_ips[0].ip_address}). Never an NPE.
 */
public final class FieldReader {

    /** Longest accepted free-text value (names, descriptions), as in Neutron. */
    public static final int MAX_TEXT = 255;

    /** JSON types of accepted-but-ignored Neutron attributes. */
    public enum Type {
        /** true / false. */
        BOOLEAN,
        /** string. */
        STRING,
        /** non-negative 32-bit integer. */
        INTEGER,
        /** array. */
        ARRAY,
        /** object. */
        OBJECT
    }

    private final ObjectNode node;
    private final String prefix;

    private FieldReader(ObjectNode node, String prefix) {
        this.node = node;
        this.prefix = prefix;
    }

    /**
     * Wraps a JSON value that must be an object.
     *
     * @param json the value (may be null)
     * @param what its name, used in error messages ("" for a top-level body)
     * @return reader
     * @throws IllegalArgumentException if the value is not an object
     */
    public static FieldReader of(JsonNode json, String what) {
        if (json == null || json.isMissingNode() || json.isNull()) {
            throw new IllegalArgumentException("missing field " + (what.isEmpty() ? "(body)" : what));
        }
        if (!json.isObject()) {
            throw new IllegalArgumentException("invalid value for " + (what.isEmpty() ? "(body)" : what)
                                                       + ": expected an object");
        }
        return new FieldReader((ObjectNode) json, what.isEmpty() ? "" : what + ".");
    }

    /** @return the wrapped object */
    public ObjectNode node() {
        return node;
    }

    /**
     * Rejects fields that are not in the known set.
     *
     * @param known accepted field names
     * @return this reader
     */
    public FieldReader allowOnly(Set<String> known) {
        Iterator<String> names = node.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            if (!known.contains(name)) {
                throw new IllegalArgumentException("unknown field " + prefix + Text.shorten(name));
            }
        }
        return this;
    }

    /**
     * Checks the JSON types of accepted-but-ignored attributes (null is always accepted).
     *
     * @param ignored attribute name to expected type
     * @return this reader
     */
    public FieldReader checkIgnored(Map<String, Type> ignored) {
        ignored.forEach((name, type) -> {
            JsonNode v = node.get(name);
            if (v != null && !v.isNull() && !hasType(v, type)) {
                throw invalid(name, "expected " + type.name().toLowerCase());
            }
        });
        return this;
    }

    private static boolean hasType(JsonNode v, Type type) {
        switch (type) {
            case BOOLEAN:
                return v.isBoolean();
            case STRING:
                return v.isTextual() && v.textValue().length() <= MAX_TEXT;
            case INTEGER:
                return v.isIntegralNumber() && v.canConvertToInt() && v.intValue() >= 0;
            case ARRAY:
                return v.isArray();
            default:
                return v.isObject();
        }
    }

    /**
     * @param field field name
     * @return true if the field is present and not null
     */
    public boolean has(String field) {
        JsonNode v = node.get(field);
        return v != null && !v.isNull();
    }

    /**
     * @param field field name
     * @return true if the field is present (possibly null)
     */
    public boolean present(String field) {
        return node.has(field);
    }

    /**
     * @param field field name
     * @param why   reason
     * @return an "invalid value for" exception
     */
    public IllegalArgumentException invalid(String field, String why) {
        return new IllegalArgumentException("invalid value for " + prefix + field + ": " + why);
    }

    /**
     * @param field field name
     * @return a "missing field" exception
     */
    public IllegalArgumentException missing(String field) {
        return new IllegalArgumentException("missing field " + prefix + field);
    }

    private JsonNode required(String field) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            throw missing(field);
        }
        return v;
    }

    /**
     * @param field field name
     * @return the non-empty string value
     */
    public String string(String field) {
        JsonNode v = required(field);
        if (!v.isTextual()) {
            throw invalid(field, "expected a string, got " + Text.describe(v));
        }
        return v.textValue();
    }

    /**
     * @param field field name
     * @param dflt  value if absent or null
     * @return the free-text value, at most {@link #MAX_TEXT} characters
     */
    public String text(String field, String dflt) {
        if (!has(field)) {
            return dflt;
        }
        String s = string(field);
        if (s.length() > MAX_TEXT) {
            throw invalid(field, "longer than " + MAX_TEXT + " characters");
        }
        return s;
    }

    /**
     * Parses a required string with a parser whose {@link IllegalArgumentException} is reported for the field.
     *
     * @param field  field name
     * @param parser parser
     * @param <T>    value type
     * @return parsed value
     */
    public <T> T parse(String field, Function<String, T> parser) {
        String s = string(field);
        try {
            T value = parser.apply(s);
            if (value == null) {
                throw invalid(field, Text.quote(s));
            }
            return value;
        } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
            throw invalid(field, Text.quote(s) + (e.getMessage() == null ? "" : " (" + e.getMessage() + ")"));
        }
    }

    /**
     * Like {@link #parse} for an optional field.
     *
     * @param field  field name
     * @param parser parser
     * @param <T>    value type
     * @return parsed value, null if absent or null
     */
    public <T> T parseOptional(String field, Function<String, T> parser) {
        return has(field) ? parse(field, parser) : null;
    }

    /**
     * @param field field name
     * @param min   smallest accepted value
     * @param max   largest accepted value
     * @return the integral value
     */
    public long integer(String field, long min, long max) {
        JsonNode v = required(field);
        if (!v.isIntegralNumber() || !v.canConvertToLong()) {
            throw invalid(field, "expected an integer, got " + Text.describe(v));
        }
        long value = v.longValue();
        if (value < min || value > max) {
            throw invalid(field, value + " is not in " + min + ".." + max);
        }
        return value;
    }

    /**
     * @param field field name
     * @param dflt  value if absent or null
     * @return the boolean value
     */
    public boolean bool(String field, boolean dflt) {
        if (!has(field)) {
            return dflt;
        }
        JsonNode v = node.get(field);
        if (!v.isBoolean()) {
            throw invalid(field, "expected true or false, got " + Text.describe(v));
        }
        return v.booleanValue();
    }

    /**
     * @param field field name
     * @return IPv4 address
     */
    public IpAddress ipv4(String field) {
        IpAddress ip = parse(field, s -> IpAddress.valueOf(Text.strictIp(s)));
        if (!ip.isIp4()) {
            throw invalid(field, "not an IPv4 address: " + Text.quote(ip.toString()));
        }
        return ip;
    }

    /**
     * @param field field name
     * @return IPv4 address, null if absent or null
     */
    public IpAddress optIpv4(String field) {
        return has(field) ? ipv4(field) : null;
    }

    /**
     * @param field field name
     * @return IPv4 prefix in canonical form (host bits zero)
     */
    public IpPrefix cidr(String field) {
        String s = string(field);
        IpPrefix prefix = parse(field, v -> {
            int slash = v.indexOf('/');
            if (slash < 0) {
                throw new IllegalArgumentException("expected address/length");
            }
            Text.strictIp(v.substring(0, slash));
            return IpPrefix.valueOf(v);
        });
        if (!prefix.isIp4()) {
            throw invalid(field, "not an IPv4 prefix: " + Text.quote(s));
        }
        if (!IpAddress.valueOf(s.substring(0, s.indexOf('/'))).equals(prefix.address())) {
            throw invalid(field, Text.quote(s) + " has host bits set (network is " + prefix + ")");
        }
        return prefix;
    }

    /**
     * @param field field name
     * @return MAC address in xx:xx:xx:xx:xx:xx form
     */
    public MacAddress mac(String field) {
        return parse(field, s -> {
            if (!s.matches("[0-9a-fA-F]{2}(:[0-9a-fA-F]{2}){5}")) {
                throw new IllegalArgumentException("expected xx:xx:xx:xx:xx:xx");
            }
            return MacAddress.valueOf(s);
        });
    }

    /**
     * @param field field name
     * @return MAC address, null if absent or null
     */
    public MacAddress optMac(String field) {
        return has(field) ? mac(field) : null;
    }

    /**
     * @param field field name
     * @return reader of the nested object
     */
    public FieldReader object(String field) {
        return of(required(field), prefix + field);
    }

    /**
     * @param field field name
     * @return the elements of a required array, each of which must be an object
     */
    public List<FieldReader> objects(String field) {
        JsonNode v = required(field);
        if (!v.isArray()) {
            throw invalid(field, "expected an array, got " + Text.describe(v));
        }
        List<FieldReader> list = new ArrayList<>();
        for (int i = 0; i < v.size(); i++) {
            list.add(of(v.get(i), prefix + field + "[" + i + "]"));
        }
        return list;
    }

    /**
     * @param field field name
     * @return the elements of a required array, each of which must be a string
     */
    public List<String> strings(String field) {
        JsonNode v = required(field);
        if (!v.isArray()) {
            throw invalid(field, "expected an array, got " + Text.describe(v));
        }
        List<String> list = new ArrayList<>();
        for (int i = 0; i < v.size(); i++) {
            if (!v.get(i).isTextual()) {
                throw invalid(field + "[" + i + "]", "expected a string, got " + Text.describe(v.get(i)));
            }
            list.add(v.get(i).textValue());
        }
        return list;
    }
}
