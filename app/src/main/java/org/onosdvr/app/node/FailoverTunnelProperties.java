package org.onosdvr.app.node;

import org.onosdvr.api.FailoverTunnel;

/**
 * Names and defaults of the component properties of {@link FailoverTunnelManager}.
 */
public final class FailoverTunnelProperties {

    /** Whether nodes get BFD failover tunnel ports (and so SNAT fast-failover groups). */
    public static final String FAILOVER_TUNNELS = "failoverTunnels";
    /** Default of {@link #FAILOVER_TUNNELS}. */
    public static final boolean FAILOVER_TUNNELS_DEFAULT = true;
    /** BFD min_tx of the failover ports, ms. */
    public static final String BFD_MIN_TX_MS = "bfdMinTxMs";
    /** Default of {@link #BFD_MIN_TX_MS}. */
    public static final int BFD_MIN_TX_MS_DEFAULT = 100;
    /** BFD min_rx of the failover ports, ms (a peer is declared down after about 3 x the slower interval). */
    public static final String BFD_MIN_RX_MS = "bfdMinRxMs";
    /** Default of {@link #BFD_MIN_RX_MS}. */
    public static final int BFD_MIN_RX_MS_DEFAULT = 100;
    /** VXLAN UDP port of the BFD-only tunnels (not the data port 4789). */
    public static final String FAILOVER_UDP_PORT = "failoverUdpPort";
    /** Default of {@link #FAILOVER_UDP_PORT}. */
    public static final int FAILOVER_UDP_PORT_DEFAULT = FailoverTunnel.DEFAULT_UDP_PORT;

    private FailoverTunnelProperties() {
    }
}
