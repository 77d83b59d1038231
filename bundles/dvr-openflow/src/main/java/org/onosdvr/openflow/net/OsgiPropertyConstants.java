package org.onosdvr.openflow.net;

/**
 * Names and defaults of the component properties of this package (ONOS style: {@code NAME} / {@code NAME_DEFAULT}).
 */
public final class OsgiPropertyConstants {

    /** OpenFlow listen addresses, comma-separated {@code host:port}. */
    public static final String LISTEN_ADDRESS = "listenAddress";
    /** Default listen address. */
    public static final String LISTEN_ADDRESS_DEFAULT = "127.0.0.1:6653";

    /** Idle time (ms) before an ECHO_REQUEST is sent to a switch. */
    public static final String ECHO_INTERVAL_MS = "echoIntervalMs";
    /** Default echo interval. */
    public static final int ECHO_INTERVAL_MS_DEFAULT = 5_000;

    /** Time (ms) to wait for an echo reply before disconnecting a switch. */
    public static final String ECHO_TIMEOUT_MS = "echoTimeoutMs";
    /** Default echo timeout. */
    public static final int ECHO_TIMEOUT_MS_DEFAULT = 10_000;

    /** Flow statistics polling interval in seconds. */
    public static final String POLL_INTERVAL_SEC = "pollIntervalSec";
    /** Default poll interval. */
    public static final int POLL_INTERVAL_SEC_DEFAULT = 5;

    /** Explicit ports to send ARP probes from ({@code of:.../N}, comma-separated); empty = use the pattern. */
    public static final String PROBE_PORTS = "probePorts";
    /** Default: none, use {@link #PROBE_PORT_PATTERN}. */
    public static final String PROBE_PORTS_DEFAULT = "";

    /** Glob on the port name selecting the external ports ARP probes go out of. */
    public static final String PROBE_PORT_PATTERN = "probePortPattern";
    /** Default pattern. */
    public static final String PROBE_PORT_PATTERN_DEFAULT = "ext*";

    /** Source MAC of ARP probes. */
    public static final String PROBE_SOURCE_MAC = "probeSourceMac";
    /** Default: a locally administered unicast MAC no VM uses. */
    public static final String PROBE_SOURCE_MAC_DEFAULT = "02:0d:0e:0a:00:01";

    /** Sender IP of ARP probes; 0.0.0.0 makes an RFC 5227 probe that no neighbour caches. */
    public static final String PROBE_SOURCE_IP = "probeSourceIp";
    /** Default sender IP. */
    public static final String PROBE_SOURCE_IP_DEFAULT = "0.0.0.0";

    /** Seconds between ARP probes for monitored IPs. */
    public static final String PROBE_INTERVAL_SEC = "probeIntervalSec";
    /** Default probe interval. */
    public static final int PROBE_INTERVAL_SEC_DEFAULT = 30;

    private OsgiPropertyConstants() {
    }
}
