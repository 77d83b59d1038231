package org.onosdvr.app.manager;

/**
 * Names and defaults of the component properties of the DVR manager.
 */
public final class OsgiPropertyConstants {

    /** Whether routers created without an explicit flag are distributed (Neutron {@code router_distributed}). */
    public static final String ROUTER_DISTRIBUTED = "routerDistributed";
    /** Default of {@link #ROUTER_DISTRIBUTED}. */
    public static final boolean ROUTER_DISTRIBUTED_DEFAULT = false;

    /** Base of the per-node DVR MACs (Neutron {@code dvr_base_mac}). */
    public static final String DVR_BASE_MAC = "dvrBaseMac";
    /** Default of {@link #DVR_BASE_MAC}. */
    public static final String DVR_BASE_MAC_DEFAULT = "fa:16:3f:00:00:00";

    private OsgiPropertyConstants() {
    }
}
