package org.onosdvr.ovsdb;

import org.onosdvr.ovsdb.channel.OvsdbServerConfig;

/**
 * Names and defaults of the component properties of this bundle (ONOS style: {@code NAME} / {@code NAME_DEFAULT}).
 */
public final class OsgiPropertyConstants {

    /** OVSDB listen address {@code host:port} (switches: {@code ovs-vsctl set-manager tcp:host:port}). */
    public static final String LISTEN_ADDRESS = "listenAddress";
    /** Default listen address. */
    public static final String LISTEN_ADDRESS_DEFAULT = OvsdbServerConfig.LISTEN_DEFAULT;

    /** Integration bridge: its datapath id is the switch's device id, its ports are the ones we manage. */
    public static final String BRIDGE_NAME = "bridgeName";
    /** Default integration bridge. */
    public static final String BRIDGE_NAME_DEFAULT = OvsdbServerConfig.BRIDGE_DEFAULT;

    /** Time (ms) without input from a switch before we send an {@code echo}. */
    public static final String ECHO_INTERVAL_MS = "echoIntervalMs";
    /** Default echo interval. */
    public static final int ECHO_INTERVAL_MS_DEFAULT = (int) OvsdbServerConfig.ECHO_INTERVAL_MS_DEFAULT;

    /** Time (ms) after our {@code echo} without any input before the connection is closed. */
    public static final String ECHO_TIMEOUT_MS = "echoTimeoutMs";
    /** Default echo timeout. */
    public static final int ECHO_TIMEOUT_MS_DEFAULT = (int) OvsdbServerConfig.ECHO_TIMEOUT_MS_DEFAULT;

    /** First delay (ms) before a failed failover-tunnel transaction is retried; doubles up to the maximum. */
    public static final String RETRY_MIN_MS = "retryMinMs";
    /** Default first retry delay. */
    public static final int RETRY_MIN_MS_DEFAULT = 1_000;

    /** Longest delay (ms) between retries of a failing failover-tunnel transaction. */
    public static final String RETRY_MAX_MS = "retryMaxMs";
    /** Default longest retry delay. */
    public static final int RETRY_MAX_MS_DEFAULT = 30_000;

    /**
     * PACKET_INs per second each controller of the integration bridge gets at most from the switch (OVS
     * {@code Controller.controller_rate_limit}, at least 100); 0 = no limit (the columns are cleared).
     */
    public static final String PACKET_IN_RATE_LIMIT = "packetInRateLimit";
    /** Default packet-in rate limit. */
    public static final int PACKET_IN_RATE_LIMIT_DEFAULT = 100;

    /**
     * PACKET_INs that may go out at once after a quiet period, and that the switch queues while over the rate
     * (OVS {@code Controller.controller_burst_limit}, at least 25).
     */
    public static final String PACKET_IN_BURST_LIMIT = "packetInBurstLimit";
    /** Default packet-in burst limit (what OVS uses for a rate of 100 when none is set). */
    public static final int PACKET_IN_BURST_LIMIT_DEFAULT = 25;

    private OsgiPropertyConstants() {
    }
}
