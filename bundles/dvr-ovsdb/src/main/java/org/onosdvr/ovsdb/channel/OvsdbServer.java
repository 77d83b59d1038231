package org.onosdvr.ovsdb.channel;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;
import org.onosproject.net.DeviceId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * OVSDB manager endpoint: switches configured with {@code ovs-vsctl set-manager tcp:<us>:6640} connect here.
 * One {@link OvsdbSession} per connection; sessions are known by device once their integration bridge has a
 * datapath id. Listener calls and call completions run on one thread, in event order, off the I/O threads.
 */
public final class OvsdbServer {

    private static final Logger log = LoggerFactory.getLogger(OvsdbServer.class);
    private static final long SHUTDOWN_TIMEOUT_MS = 3_000;

    private final OvsdbServerConfig config;
    private final ExecutorService callbacks;
    private final Set<OvsdbSession> sessions = ConcurrentHashMap.newKeySet();
    private final Map<DeviceId, OvsdbSession> devices = new ConcurrentHashMap<>();
    private final SessionListeners listeners = new SessionListeners();
    private EventLoopGroup bossGroup;
    private EventLoopGroup ioGroup;
    private Channel serverChannel;

    /**
     * @param config configuration
     */
    public OvsdbServer(OvsdbServerConfig config) {
        this.config = config;
        this.callbacks = Executors.newSingleThreadExecutor(new DefaultThreadFactory("ovsdb-events", true));
    }

    /**
     * Binds the listen address.
     *
     * @throws UncheckedIOException if it cannot be bound
     * @throws IllegalStateException if started before, or stopped
     */
    public synchronized void start() {
        if (bossGroup != null || callbacks.isShutdown()) {
            throw new IllegalStateException("an OVSDB server starts once");
        }
        bossGroup = new NioEventLoopGroup(1, new DefaultThreadFactory("ovsdb-accept", true));
        ioGroup = new NioEventLoopGroup(1, new DefaultThreadFactory("ovsdb-io", true));
        ServerBootstrap b = new ServerBootstrap().group(bossGroup, ioGroup)
                .channel(NioServerSocketChannel.class)
                .option(ChannelOption.SO_REUSEADDR, true)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childOption(ChannelOption.SO_KEEPALIVE, true)
                .childHandler(new OvsdbChannelInitializer(this));
        ChannelFuture f = b.bind(config.listen()).awaitUninterruptibly();
        if (!f.isSuccess()) {
            stop();
            throw new UncheckedIOException(new IOException("cannot listen on " + config.listen() + ": "
                                                                   + f.cause(), f.cause()));
        }
        serverChannel = f.channel();
        log.info("OVSDB server listening on {} (bridge {})", serverChannel.localAddress(), config.bridgeName());
    }

    /**
     * Closes the listener and every connection (listeners hear the disconnects), then releases the threads.
     */
    public synchronized void stop() {
        if (serverChannel != null) {
            serverChannel.close().awaitUninterruptibly();
            serverChannel = null;
        }
        sessions.forEach(OvsdbSession::close);
        if (bossGroup != null) {
            bossGroup.shutdownGracefully(0, SHUTDOWN_TIMEOUT_MS, TimeUnit.MILLISECONDS).awaitUninterruptibly();
            ioGroup.shutdownGracefully(0, SHUTDOWN_TIMEOUT_MS, TimeUnit.MILLISECONDS).awaitUninterruptibly();
        }
        callbacks.shutdown();
        try {
            callbacks.awaitTermination(SHUTDOWN_TIMEOUT_MS, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** @return the bound address (port 0 resolved), while started */
    public synchronized Optional<InetSocketAddress> boundAddress() {
        return serverChannel == null ? Optional.empty()
                : Optional.of((InetSocketAddress) serverChannel.localAddress());
    }

    public OvsdbServerConfig config() {
        return config;
    }

    /**
     * @param listener listener to add
     */
    public void addListener(OvsdbSessionListener listener) {
        listeners.add(listener);
    }

    /**
     * @param listener listener to remove
     */
    public void removeListener(OvsdbSessionListener listener) {
        listeners.remove(listener);
    }

    /**
     * @param deviceId device
     * @return the device's current session
     */
    public Optional<OvsdbSession> session(DeviceId deviceId) {
        return Optional.ofNullable(devices.get(deviceId));
    }

    /** @return every open connection, identified or not */
    public Set<OvsdbSession> sessions() {
        return Set.copyOf(sessions);
    }

    // ---- from the channel handlers, on a connection's I/O thread ----

    Executor callbacks() {
        return callbacks;
    }

    void sessionOpened(OvsdbSession s) {
        sessions.add(s);
    }

    void tablesChanged(OvsdbSession s) {
        DeviceId before = s.deviceId().orElse(null);
        DeviceId now = s.bridgeDevice().orElse(null);
        if (Objects.equals(before, now)) {
            if (now != null) {
                notify(l -> l.updated(now, s));
            }
            return;
        }
        if (before != null && devices.remove(before, s)) {
            notify(l -> l.disconnected(before, s));
        }
        s.deviceId(now);
        if (now == null) {
            log.info("{}: bridge {} gone or without datapath id", s, config.bridgeName());
            return;
        }
        OvsdbSession old = devices.put(now, s);
        if (old != null && old != s) {
            log.info("{}: replaces the older connection {} of the device", s, old);
            notify(l -> l.disconnected(now, old));
            old.close();
        }
        log.info("OVSDB {} connected ({} bridge {})", now, s.remoteAddress(), config.bridgeName());
        notify(l -> l.connected(now, s));
    }

    void sessionClosed(OvsdbSession s) {
        sessions.remove(s);
        s.deviceId().ifPresent(id -> {
            if (devices.remove(id, s)) {
                log.info("OVSDB {} disconnected", id);
                notify(l -> l.disconnected(id, s));
            }
        });
    }

    private void notify(Consumer<OvsdbSessionListener> call) {
        try {
            callbacks.execute(() -> call.accept(listeners));
        } catch (RejectedExecutionException e) {
            log.debug("OVSDB server stopped; event dropped");
        }
    }
}
