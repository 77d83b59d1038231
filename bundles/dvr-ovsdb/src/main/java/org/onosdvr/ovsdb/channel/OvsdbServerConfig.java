package org.onosdvr.ovsdb.channel;

import com.google.common.base.MoreObjects;
import com.google.common.net.HostAndPort;

import java.net.InetSocketAddress;

/**
 * Settings of an {@link OvsdbServer}: where it listens, which bridge identifies a switch, and the timers of every
 * connection.
 */
public final class OvsdbServerConfig {

    /** Default OVSDB manager port (IANA). */
    public static final int DEFAULT_PORT = 6640;
    /** Default listen address. */
    public static final String LISTEN_DEFAULT = "127.0.0.1:" + DEFAULT_PORT;
    /** Default integration bridge: its datapath id names the switch ({@code of:<datapath_id>}). */
    public static final String BRIDGE_DEFAULT = "br-int";
    /** Default time without input before we send an {@code echo}. */
    public static final long ECHO_INTERVAL_MS_DEFAULT = 5_000;
    /** Default time to wait for input after our {@code echo} before closing the connection. */
    public static final long ECHO_TIMEOUT_MS_DEFAULT = 10_000;
    /** Default time to wait for the response to a request ({@code monitor}, {@code transact}). */
    public static final long REQUEST_TIMEOUT_MS_DEFAULT = 30_000;

    private final InetSocketAddress listen;
    private final String bridgeName;
    private final long echoIntervalMs;
    private final long echoTimeoutMs;
    private final long requestTimeoutMs;

    private OvsdbServerConfig(Builder b) {
        this.listen = b.listen;
        this.bridgeName = b.bridgeName;
        this.echoIntervalMs = b.echoIntervalMs;
        this.echoTimeoutMs = b.echoTimeoutMs;
        this.requestTimeoutMs = b.requestTimeoutMs;
    }

    /** @return a builder with the defaults */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Parses a listen address: {@code host:port}, {@code [v6]:port} or {@code :port} (every address).
     *
     * @param spec e.g. {@code 0.0.0.0:6640}
     * @return the socket address (port 0 = any free port)
     * @throws IllegalArgumentException if malformed
     */
    public static InetSocketAddress parseListen(String spec) {
        String s = spec == null ? "" : spec.trim();
        if (s.startsWith(":")) {
            s = "0.0.0.0" + s;
        }
        HostAndPort hp = HostAndPort.fromString(s);
        if (!hp.hasPort()) {
            throw new IllegalArgumentException("listen address needs a port: '" + spec + "'");
        }
        return new InetSocketAddress(hp.getHost(), hp.getPort());
    }

    /** @return listen address */
    public InetSocketAddress listen() {
        return listen;
    }

    /** @return name of the bridge whose datapath id is the switch's device id */
    public String bridgeName() {
        return bridgeName;
    }

    /** @return reader-idle time before an echo is sent, ms */
    public long echoIntervalMs() {
        return echoIntervalMs;
    }

    /** @return time after an echo without any input before the connection is closed, ms */
    public long echoTimeoutMs() {
        return echoTimeoutMs;
    }

    /** @return request timeout, ms */
    public long requestTimeoutMs() {
        return requestTimeoutMs;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof OvsdbServerConfig && toString().equals(o.toString());
    }

    @Override
    public int hashCode() {
        return toString().hashCode();
    }

    @Override
    public String toString() {
        return MoreObjects.toStringHelper(this).add("listen", listen).add("bridge", bridgeName)
                .add("echoIntervalMs", echoIntervalMs).add("echoTimeoutMs", echoTimeoutMs)
                .add("requestTimeoutMs", requestTimeoutMs).toString();
    }

    /** Builder; every value is checked here. */
    public static final class Builder {
        private InetSocketAddress listen = parseListen(LISTEN_DEFAULT);
        private String bridgeName = BRIDGE_DEFAULT;
        private long echoIntervalMs = ECHO_INTERVAL_MS_DEFAULT;
        private long echoTimeoutMs = ECHO_TIMEOUT_MS_DEFAULT;
        private long requestTimeoutMs = REQUEST_TIMEOUT_MS_DEFAULT;

        private Builder() {
        }

        /**
         * @param spec listen address, see {@link #parseListen(String)}
         * @return this
         */
        public Builder listen(String spec) {
            this.listen = parseListen(spec);
            return this;
        }

        /**
         * @param name integration bridge name
         * @return this
         */
        public Builder bridgeName(String name) {
            if (name == null || name.isBlank()) {
                throw new IllegalArgumentException("bridge name must not be empty");
            }
            this.bridgeName = name.trim();
            return this;
        }

        /**
         * @param ms reader-idle time before an echo, > 0
         * @return this
         */
        public Builder echoIntervalMs(long ms) {
            this.echoIntervalMs = positive(ms, "echo interval");
            return this;
        }

        /**
         * @param ms echo timeout, > 0
         * @return this
         */
        public Builder echoTimeoutMs(long ms) {
            this.echoTimeoutMs = positive(ms, "echo timeout");
            return this;
        }

        /**
         * @param ms request timeout, > 0
         * @return this
         */
        public Builder requestTimeoutMs(long ms) {
            this.requestTimeoutMs = positive(ms, "request timeout");
            return this;
        }

        /** @return the configuration */
        public OvsdbServerConfig build() {
            return new OvsdbServerConfig(this);
        }

        private static long positive(long v, String what) {
            if (v <= 0) {
                throw new IllegalArgumentException(what + " must be > 0 ms, got " + v);
            }
            return v;
        }
    }
}
