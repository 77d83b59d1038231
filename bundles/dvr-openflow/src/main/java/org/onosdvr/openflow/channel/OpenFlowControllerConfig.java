package org.onosdvr.openflow.channel;

import com.google.common.base.MoreObjects;
import com.google.common.collect.ImmutableList;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;

/**
 * Settings of an {@link OpenFlowController}: listen addresses and the timers of every switch session.
 */
public final class OpenFlowControllerConfig {

    /** Default OpenFlow port (IANA). */
    public static final int DEFAULT_PORT = 6653;
    /** Default listen address. */
    public static final InetSocketAddress DEFAULT_ADDRESS = new InetSocketAddress("127.0.0.1", DEFAULT_PORT);
    /** Default time without any message from a switch before an ECHO_REQUEST is sent. */
    public static final long ECHO_INTERVAL_MS_DEFAULT = 5_000;
    /** Default time to wait for traffic (the echo reply) after an ECHO_REQUEST before disconnecting. */
    public static final long ECHO_TIMEOUT_MS_DEFAULT = 10_000;
    /** Default time for HELLO to ACTIVE. */
    public static final long HANDSHAKE_TIMEOUT_MS_DEFAULT = 15_000;
    /** Default timeout of requests (multipart, barrier). */
    public static final long REQUEST_TIMEOUT_MS_DEFAULT = 30_000;
    /** Default number of Netty I/O threads. */
    public static final int IO_THREADS_DEFAULT = 2;

    private final List<InetSocketAddress> listenAddresses;
    private final long echoIntervalMs;
    private final long echoTimeoutMs;
    private final long handshakeTimeoutMs;
    private final long requestTimeoutMs;
    private final int ioThreads;

    private OpenFlowControllerConfig(Builder b) {
        this.listenAddresses = ImmutableList.copyOf(b.listenAddresses);
        this.echoIntervalMs = b.echoIntervalMs;
        this.echoTimeoutMs = b.echoTimeoutMs;
        this.handshakeTimeoutMs = b.handshakeTimeoutMs;
        this.requestTimeoutMs = b.requestTimeoutMs;
        this.ioThreads = b.ioThreads;
    }

    /**
     * Configuration with every default (listening on 127.0.0.1:6653).
     *
     * @return default configuration
     */
    public static OpenFlowControllerConfig defaults() {
        return builder().build();
    }

    /**
     * New builder.
     *
     * @return builder with the defaults
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Parses a comma-separated list of listen addresses: {@code host:port}, {@code [v6]:port}, {@code :port}
     * (all addresses) or {@code port}.
     *
     * @param spec e.g. {@code "127.0.0.1:6653,0.0.0.0:6654"}
     * @return addresses, in order
     * @throws IllegalArgumentException on a malformed entry
     */
    public static List<InetSocketAddress> parseAddresses(String spec) {
        List<InetSocketAddress> out = new ArrayList<>();
        for (String raw : spec.split(",")) {
            String s = raw.trim();
            if (s.isEmpty()) {
                continue;
            }
            int colon = s.lastIndexOf(':');
            String host = colon < 0 ? "" : s.substring(0, colon);
            String port = colon < 0 ? s : s.substring(colon + 1);
            if (host.startsWith("[") && host.endsWith("]")) {
                host = host.substring(1, host.length() - 1);
            }
            int p;
            try {
                p = Integer.parseInt(port);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("bad port in listen address '" + s + "'", e);
            }
            if (p < 0 || p > 65535) {
                throw new IllegalArgumentException("port out of range in listen address '" + s + "'");
            }
            out.add(host.isEmpty() ? new InetSocketAddress(p) : new InetSocketAddress(host, p));
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException("no listen address in '" + spec + "'");
        }
        return out;
    }

    /**
     * Addresses the controller listens on (port 0 = any free port).
     *
     * @return listen addresses
     */
    public List<InetSocketAddress> listenAddresses() {
        return listenAddresses;
    }

    /**
     * Reader-idle time after which an ECHO_REQUEST is sent.
     *
     * @return milliseconds
     */
    public long echoIntervalMs() {
        return echoIntervalMs;
    }

    /**
     * Time without any inbound message after an ECHO_REQUEST before the switch is disconnected.
     *
     * @return milliseconds
     */
    public long echoTimeoutMs() {
        return echoTimeoutMs;
    }

    /**
     * Time allowed from connection to ACTIVE.
     *
     * @return milliseconds
     */
    public long handshakeTimeoutMs() {
        return handshakeTimeoutMs;
    }

    /**
     * Default timeout of a request (multipart, barrier).
     *
     * @return milliseconds
     */
    public long requestTimeoutMs() {
        return requestTimeoutMs;
    }

    /**
     * Number of Netty I/O threads serving switch connections.
     *
     * @return thread count
     */
    public int ioThreads() {
        return ioThreads;
    }

    @Override
    public String toString() {
        return MoreObjects.toStringHelper(this)
                .add("listen", listenAddresses)
                .add("echoIntervalMs", echoIntervalMs)
                .add("echoTimeoutMs", echoTimeoutMs)
                .add("handshakeTimeoutMs", handshakeTimeoutMs)
                .add("requestTimeoutMs", requestTimeoutMs)
                .add("ioThreads", ioThreads)
                .toString();
    }

    /**
     * Builder of {@link OpenFlowControllerConfig}; validates in {@link #build()}.
     */
    public static final class Builder {
        private List<InetSocketAddress> listenAddresses = List.of(DEFAULT_ADDRESS);
        private long echoIntervalMs = ECHO_INTERVAL_MS_DEFAULT;
        private long echoTimeoutMs = ECHO_TIMEOUT_MS_DEFAULT;
        private long handshakeTimeoutMs = HANDSHAKE_TIMEOUT_MS_DEFAULT;
        private long requestTimeoutMs = REQUEST_TIMEOUT_MS_DEFAULT;
        private int ioThreads = IO_THREADS_DEFAULT;

        private Builder() {
        }

        /**
         * Sets the listen addresses.
         *
         * @param addresses one or more addresses
         * @return this builder
         */
        public Builder listenAddresses(List<InetSocketAddress> addresses) {
            this.listenAddresses = List.copyOf(addresses);
            return this;
        }

        /**
         * Sets the listen addresses from a string (see {@link #parseAddresses(String)}).
         *
         * @param spec comma-separated addresses
         * @return this builder
         */
        public Builder listen(String spec) {
            return listenAddresses(parseAddresses(spec));
        }

        /**
         * Sets the echo interval.
         *
         * @param ms milliseconds
         * @return this builder
         */
        public Builder echoIntervalMs(long ms) {
            this.echoIntervalMs = ms;
            return this;
        }

        /**
         * Sets the echo timeout.
         *
         * @param ms milliseconds
         * @return this builder
         */
        public Builder echoTimeoutMs(long ms) {
            this.echoTimeoutMs = ms;
            return this;
        }

        /**
         * Sets the handshake timeout.
         *
         * @param ms milliseconds
         * @return this builder
         */
        public Builder handshakeTimeoutMs(long ms) {
            this.handshakeTimeoutMs = ms;
            return this;
        }

        /**
         * Sets the default request timeout.
         *
         * @param ms milliseconds
         * @return this builder
         */
        public Builder requestTimeoutMs(long ms) {
            this.requestTimeoutMs = ms;
            return this;
        }

        /**
         * Sets the number of I/O threads.
         *
         * @param n thread count
         * @return this builder
         */
        public Builder ioThreads(int n) {
            this.ioThreads = n;
            return this;
        }

        /**
         * Validates and builds.
         *
         * @return configuration
         * @throws IllegalArgumentException on a missing address or a non-positive timer
         */
        public OpenFlowControllerConfig build() {
            if (listenAddresses.isEmpty()) {
                throw new IllegalArgumentException("at least one listen address is required");
            }
            positive("echoIntervalMs", echoIntervalMs);
            positive("echoTimeoutMs", echoTimeoutMs);
            positive("handshakeTimeoutMs", handshakeTimeoutMs);
            positive("requestTimeoutMs", requestTimeoutMs);
            positive("ioThreads", ioThreads);
            return new OpenFlowControllerConfig(this);
        }

        private static void positive(String name, long value) {
            if (value <= 0) {
                throw new IllegalArgumentException(name + " must be > 0, got " + value);
            }
        }
    }
}
