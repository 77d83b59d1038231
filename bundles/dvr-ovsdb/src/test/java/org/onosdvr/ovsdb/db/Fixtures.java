package org.onosdvr.ovsdb.db;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * JSON fixtures of this package's test resources, and JSON from text.
 */
public final class Fixtures {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private Fixtures() {
    }

    /**
     * @param name resource next to this class
     * @return parsed JSON
     */
    public static JsonNode resource(String name) {
        try (InputStream in = Fixtures.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalArgumentException("no test resource " + name);
            }
            return MAPPER.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * @param text JSON text; single quotes stand for double quotes
     * @return parsed JSON
     */
    public static JsonNode json(String text) {
        try {
            return MAPPER.readTree(text.replace('\'', '"'));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** @return the tables of {@code monitor-reply.json}: br-int (vxlan0, bfd-c6134602 up) and br-phy */
    public static OvsdbTables monitored() {
        return OvsdbTables.EMPTY.apply(resource("monitor-reply.json"));
    }
}
