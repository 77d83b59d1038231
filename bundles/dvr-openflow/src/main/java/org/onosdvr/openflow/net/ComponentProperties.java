package org.onosdvr.openflow.net;

import java.util.Map;

/**
 * Reads typed values out of a component's configuration map (values may arrive as strings from the config
 * service or typed from the {@code @Component} defaults).
 */
final class ComponentProperties {

    private final Map<String, ?> props;

    ComponentProperties(Map<String, ?> props) {
        this.props = props == null ? Map.of() : props;
    }

    String string(String name, String dflt) {
        Object v = props.get(name);
        return v == null ? dflt : v.toString().trim();
    }

    int integer(String name, int dflt) {
        Object v = props.get(name);
        if (v == null || v.toString().isBlank()) {
            return dflt;
        }
        try {
            return Integer.parseInt(v.toString().trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("property " + name + " is not an integer: '" + v + "'", e);
        }
    }

    int positive(String name, int dflt) {
        int v = integer(name, dflt);
        if (v <= 0) {
            throw new IllegalArgumentException("property " + name + " must be > 0, got " + v);
        }
        return v;
    }
}
