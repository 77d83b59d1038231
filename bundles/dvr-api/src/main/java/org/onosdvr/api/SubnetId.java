package org.onosdvr.api;

/**
 * Identifier of a subnet.
 */
public final class SubnetId extends DvrId {

    private SubnetId(String value) {
        super(value);
    }

    /**
     * Returns the subnet identifier of the given string.
     *
     * @param value identifier string
     * @return identifier
     * @throws IllegalArgumentException if the string is not a valid identifier
     */
    public static SubnetId of(String value) {
        return new SubnetId(value);
    }
}
