package org.onosdvr.api;

/**
 * Identifier of a network.
 */
public final class NetworkId extends DvrId {

    private NetworkId(String value) {
        super(value);
    }

    /**
     * Returns the network identifier of the given string.
     *
     * @param value identifier string
     * @return identifier
     * @throws IllegalArgumentException if the string is not a valid identifier
     */
    public static NetworkId of(String value) {
        return new NetworkId(value);
    }
}
