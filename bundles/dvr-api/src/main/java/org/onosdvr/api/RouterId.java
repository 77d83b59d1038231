package org.onosdvr.api;

/**
 * Identifier of a router.
 */
public final class RouterId extends DvrId {

    private RouterId(String value) {
        super(value);
    }

    /**
     * Returns the router identifier of the given string.
     *
     * @param value identifier string
     * @return identifier
     * @throws IllegalArgumentException if the string is not a valid identifier
     */
    public static RouterId of(String value) {
        return new RouterId(value);
    }
}
