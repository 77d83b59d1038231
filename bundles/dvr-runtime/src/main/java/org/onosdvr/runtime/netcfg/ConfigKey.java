package org.onosdvr.runtime.netcfg;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Objects;

/**
 * Identifies one stored configuration by strings only, as it appears in a netcfg JSON document:
 * {@code subjectClassKey} ("apps", "devices", ...), {@code subjectKey} ("org.onosdvr.app",
 * "of:0000000000000001", ...) and {@code configKey} ("dvr", "basic", ...). Because no subject object or
 * config class is needed, a configuration can be stored before its factory (or even its subject factory)
 * is registered, and survives restarts in a stable text form.
 */
final class ConfigKey {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    final String subjectClassKey;
    final String subjectKey;
    final String configKey;

    ConfigKey(String subjectClassKey, String subjectKey, String configKey) {
        this.subjectClassKey = Objects.requireNonNull(subjectClassKey, "Subject class key cannot be null");
        this.subjectKey = Objects.requireNonNull(subjectKey, "Subject key cannot be null");
        this.configKey = Objects.requireNonNull(configKey, "Config key cannot be null");
    }

    /**
     * Encodes the key as a JSON array string (unambiguous whatever characters the parts contain).
     *
     * @return encoded key
     */
    String encode() {
        ArrayNode array = MAPPER.createArrayNode().add(subjectClassKey).add(subjectKey).add(configKey);
        return array.toString();
    }

    /**
     * Decodes a key made by {@link #encode()}.
     *
     * @param text encoded key
     * @return key
     */
    static ConfigKey decode(String text) {
        try {
            JsonNode array = MAPPER.readTree(text);
            return new ConfigKey(array.get(0).asText(), array.get(1).asText(), array.get(2).asText());
        } catch (IOException e) {
            throw new UncheckedIOException("Bad stored config key " + text, e);
        }
    }

    @Override
    public boolean equals(Object obj) {
        if (!(obj instanceof ConfigKey)) {
            return false;
        }
        ConfigKey other = (ConfigKey) obj;
        return subjectClassKey.equals(other.subjectClassKey) && subjectKey.equals(other.subjectKey)
                && configKey.equals(other.configKey);
    }

    @Override
    public int hashCode() {
        return Objects.hash(subjectClassKey, subjectKey, configKey);
    }

    @Override
    public String toString() {
        return subjectClassKey + "/" + subjectKey + "/" + configKey;
    }
}
