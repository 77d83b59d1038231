package org.onosdvr.rest;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.common.io.ByteStreams;

import javax.ws.rs.WebApplicationException;
import java.io.IOException;
import java.io.InputStream;
import java.util.Iterator;

/**
 * Reads request bodies defensively: at most {@link #MAX_BYTES}, nesting at most {@link #MAX_DEPTH} deep,
 * strict JSON (no duplicate keys, no trailing content), one top-level object.
 */
final class JsonBodies {

    /** Largest accepted body. */
    static final int MAX_BYTES = 1 << 20;
    /** Deepest accepted nesting of arrays and objects. */
    static final int MAX_DEPTH = 32;

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private JsonBodies() {
    }

    /** @return the mapper used for request bodies */
    static ObjectMapper mapper() {
        return MAPPER;
    }

    /**
     * Reads a body that must be a JSON object.
     *
     * @param input request body
     * @return the object
     * @throws IOException on malformed JSON (a JsonProcessingException)
     */
    static ObjectNode readObject(InputStream input) throws IOException {
        byte[] bytes = input == null ? new byte[0] : ByteStreams.toByteArray(ByteStreams.limit(input, MAX_BYTES + 1));
        if (bytes.length > MAX_BYTES) {
            throw new WebApplicationException("request body larger than " + MAX_BYTES + " bytes", 413);
        }
        if (bytes.length == 0) {
            throw new IllegalArgumentException("missing request body");
        }
        checkDepth(bytes);
        JsonNode node = MAPPER.readTree(bytes);
        if (node == null || !node.isObject()) {
            throw new IllegalArgumentException("the request body must be a JSON object");
        }
        return (ObjectNode) node;
    }

    /**
     * Reads a Neutron body {@code {"<wrapper>": {...}}}.
     *
     * @param input   request body
     * @param wrapper the single top-level key
     * @return the wrapped object
     * @throws IOException on malformed JSON
     */
    static ObjectNode readWrapped(InputStream input, String wrapper) throws IOException {
        ObjectNode body = readObject(input);
        Iterator<String> names = body.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            if (!name.equals(wrapper)) {
                throw new IllegalArgumentException("unknown field " + shorten(name) + " (expected {\"" + wrapper
                                                           + "\": {...}})");
            }
        }
        JsonNode inner = body.get(wrapper);
        if (inner == null || inner.isNull()) {
            throw new IllegalArgumentException("missing field " + wrapper);
        }
        if (!inner.isObject()) {
            throw new IllegalArgumentException("invalid value for " + wrapper + ": expected an object");
        }
        return (ObjectNode) inner;
    }

    private static String shorten(String s) {
        return s.length() <= 64 ? s : s.substring(0, 64) + "...";
    }

    /** Rejects deep nesting before Jackson recurses into it. */
    private static void checkDepth(byte[] bytes) {
        int depth = 0;
        boolean inString = false;
        for (int i = 0; i < bytes.length; i++) {
            byte b = bytes[i];
            if (inString) {
                if (b == '\\') {
                    i++;
                } else if (b == '"') {
                    inString = false;
                }
            } else if (b == '"') {
                inString = true;
            } else if (b == '{' || b == '[') {
                depth++;
                if (depth > MAX_DEPTH) {
                    throw new IllegalArgumentException("JSON nested deeper than " + MAX_DEPTH + " levels");
                }
            } else if (b == '}' || b == ']') {
                depth--;
            }
        }
    }
}
