package org.onosdvr.api;

/**
 * Identifier of a floating IP.
 */
public final class FloatingIpId extends DvrId {

    private FloatingIpId(String value) {
        super(value);
    }

    /**
     * Returns the floating IP identifier of the given string.
     *
     * @param value identifier string
     * @return identifier
     * @throws IllegalArgumentException if the string is not a valid identifier
     */
    public static FloatingIpId of(String value) {
        return new FloatingIpId(value);
    }
}
