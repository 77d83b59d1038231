package org.onosdvr.api;

import org.onlab.util.Identifier;

import static com.google.common.base.Preconditions.checkArgument;

/**
 * Base of the string identifiers of the DVR model (Neutron UUIDs or any other opaque string).
 */
public abstract class DvrId extends Identifier<String> implements Comparable<DvrId> {

    /** Longest accepted identifier. */
    public static final int MAX_LENGTH = 255;

    /**
     * Creates an identifier.
     *
     * @param value non-empty string without control characters, at most {@link #MAX_LENGTH} long
     */
    protected DvrId(String value) {
        super(validate(value));
    }

    private static String validate(String value) {
        checkArgument(value != null, "id must not be null");
        checkArgument(!value.isEmpty(), "id must not be empty");
        checkArgument(value.length() <= MAX_LENGTH, "id longer than %s characters", MAX_LENGTH);
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            checkArgument(c > ' ' && c != 0x7f && c != '/', "id contains an invalid character: '%s'", value);
        }
        return value;
    }

    @Override
    public int compareTo(DvrId o) {
        return identifier.compareTo(o.identifier);
    }

    @Override
    public String toString() {
        return identifier;
    }
}
