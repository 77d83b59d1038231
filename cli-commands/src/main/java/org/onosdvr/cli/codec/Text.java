package org.onosdvr.cli.codec;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Message formatting for decode errors: quoted, shortened, never echoing megabytes back to the client.
 */
final class Text {

    private static final int MAX_ECHO = 64;

    private Text() {
    }

    static String shorten(String s) {
        return s.length() <= MAX_ECHO ? s : s.substring(0, MAX_ECHO) + "...";
    }

    static String quote(String s) {
        return "\"" + shorten(s) + "\"";
    }

    static String describe(JsonNode v) {
        if (v.isTextual()) {
            return "string " + quote(v.textValue());
        }
        if (v.isContainerNode()) {
            return v.isArray() ? "an array" : "an object";
        }
        return shorten(v.toString());
    }

    /**
     * Accepts only dotted-quad IPv4 (four decimal parts 0..255) or an IPv6 literal; rejects the forms
     * {@code InetAddress} would otherwise resolve or guess (host names, "1", "010.0.0.1").
     *
     * @param s text
     * @return the same text
     */
    static String strictIp(String s) {
        if (s.indexOf(':') >= 0) {
            if (!s.matches("[0-9a-fA-F:.]{2,45}")) {
                throw new IllegalArgumentException("not an IP address");
            }
            return s;
        }
        String[] parts = s.split("\\.", -1);
        if (parts.length != 4) {
            throw new IllegalArgumentException("not an IPv4 address");
        }
        for (String p : parts) {
            if (!p.matches("0|[1-9][0-9]{0,2}") || Integer.parseInt(p) > 255) {
                throw new IllegalArgumentException("not an IPv4 address");
            }
        }
        return s;
    }
}
