package org.onosdvr.api;

/**
 * Identifier of a VM port.
 */
public final class PortId extends DvrId {

    private PortId(String value) {
        super(value);
    }

    /**
     * Returns the VM port identifier of the given string.
     *
     * @param value identifier string
     * @return identifier
     * @throws IllegalArgumentException if the string is not a valid identifier
     */
    public static PortId of(String value) {
        return new PortId(value);
    }
}
