package org.onosdvr.api;

/**
 * Identifier of a tenant.
 */
public final class TenantId extends DvrId {

    private TenantId(String value) {
        super(value);
    }

    /**
     * Returns the tenant identifier of the given string.
     *
     * @param value identifier string
     * @return identifier
     * @throws IllegalArgumentException if the string is not a valid identifier
     */
    public static TenantId of(String value) {
        return new TenantId(value);
    }
}
