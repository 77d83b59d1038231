package org.onosdvr.openflow.channel;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.GlobalEventExecutor;
import org.onosproject.net.DeviceId;
import org.projectfloodlight.openflow.protocol.OFMessage;
import org.projectfloodlight.openflow.protocol.OFPacketIn;
import org.projectfloodlight.openflow.protocol.OFPortStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * OpenFlow 1.3 controller endpoint: listens for switches, runs one {@link OpenFlowSwitchSession} per connection,
 * keeps the active switches by dpid and tells listeners what happens. Listener calls and request futures run on
 * one callback thread, in event order, so a slow listener never stalls the I/O threads.
 */
public final class OpenFlowController {

    private static final Logger log = LoggerFactory.getLogger(OpenFlowController.class);
    private static final int LOW_WATER_MARK = 512 * 1024;
    private static final int HIGH_WATER_MARK = 2 * 1024 * 1024;
    private static final long SHUTDOWN_TIMEOUT_MS = 3_000;

    private final OpenFlowControllerConfig config;
    private final Executor callbacks;
    private final ExecutorService ownedCallbacks;
    private final Map<Long, OpenFlowSwitchSession> switches = new ConcurrentHashMap<>();
    private final List<OpenFlowSwitchListener> listeners = new CopyOnWriteArrayList<>();
    private final List<Channel> serverChannels = new ArrayList<>();
    private ChannelGroup connections;
    private EventLoopGroup bossGroup;
    private EventLoopGroup ioGroup;

    /**
     * Creates a controller (not started).
     *
     * @param config configuration
     */
    public OpenFlowController(OpenFlowControllerConfig config) {
        this.config = config;
        this.ownedCallbacks = Executors.newSingleThreadExecutor(new DefaultThreadFactory("of-ctl-events", true));
        this.callbacks = ownedCallbacks;
    }

    /**
     * Creates a controller whose callbacks run on the given executor (tests use a direct one).
     *
     * @param config    configuration
     * @param callbacks executor for listener calls and future completion; must preserve submission order
     */
    OpenFlowController(OpenFlowControllerConfig config, Executor callbacks) {
        this.config = config;
        this.ownedCallbacks = null;
        this.callbacks = callbacks;
    }

    /**
     * Binds every listen address.
     *
     * @throws UncheckedIOException if an address cannot be bound (everything bound so far is released)
     * @throws IllegalStateException if already started
     */
    public synchronized void start() {
        if (bossGroup != null) {
            throw new IllegalStateException("already started");
        }
        if (ownedCallbacks != null && ownedCallbacks.isShutdown()) {
            throw new IllegalStateException("a stopped controller cannot be restarted; create a new one");
        }
        bossGroup = new NioEventLoopGroup(1, new DefaultThreadFactory("of-ctl-accept", true));
        ioGroup = new NioEventLoopGroup(config.ioThreads(), new DefaultThreadFactory("of-ctl-io", true));
        connections = new DefaultChannelGroup("openflow-switches", GlobalEventExecutor.INSTANCE);
        ServerBootstrap b = new ServerBootstrap()
                .group(bossGroup, ioGroup)
                .channel(NioServerSocketChannel.class)
                .option(ChannelOption.SO_REUSEADDR, true)
                .option(ChannelOption.SO_BACKLOG, 128)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childOption(ChannelOption.SO_KEEPALIVE, true)
                .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK,
                             new WriteBufferWaterMark(LOW_WATER_MARK, HIGH_WATER_MARK))
                .childHandler(new OfChannelInitializer(this));
        try {
            for (InetSocketAddress a : config.listenAddresses()) {
                ChannelFuture f = b.bind(a).awaitUninterruptibly();
                if (!f.isSuccess()) {
                    throw new UncheckedIOException(new IOException("cannot listen on " + a + ": " + f.cause(),
                                                                   f.cause()));
                }
                serverChannels.add(f.channel());
                log.info("OpenFlow controller listening on {}", f.channel().localAddress());
            }
        } catch (RuntimeException e) {
            stop();
            throw e;
        }
    }

    /**
     * Closes the listeners and every switch connection (listeners get the disconnects), then releases threads.
     * A stopped controller cannot be started again.
     */
    public synchronized void stop() {
        if (bossGroup == null) {
            return;
        }
        serverChannels.forEach(c -> c.close().awaitUninterruptibly());
        serverChannels.clear();
        connections.close().awaitUninterruptibly();
        bossGroup.shutdownGracefully(0, SHUTDOWN_TIMEOUT_MS, TimeUnit.MILLISECONDS).awaitUninterruptibly();
        ioGroup.shutdownGracefully(0, SHUTDOWN_TIMEOUT_MS, TimeUnit.MILLISECONDS).awaitUninterruptibly();
        bossGroup = null;
        ioGroup = null;
        if (ownedCallbacks != null) {
            // let the disconnect notifications run; the executor is not reused after stop
            ownedCallbacks.shutdown();
            try {
                ownedCallbacks.awaitTermination(SHUTDOWN_TIMEOUT_MS, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        log.info("OpenFlow controller stopped");
    }

    /**
     * The addresses actually bound (resolves port 0).
     *
     * @return bound addresses
     */
    public synchronized List<InetSocketAddress> boundAddresses() {
        List<InetSocketAddress> out = new ArrayList<>();
        serverChannels.forEach(c -> out.add((InetSocketAddress) c.localAddress()));
        return out;
    }

    /**
     * Adds a listener.
     *
     * @param listener listener
     */
    public void addListener(OpenFlowSwitchListener listener) {
        listeners.add(listener);
    }

    /**
     * Removes a listener.
     *
     * @param listener listener
     */
    public void removeListener(OpenFlowSwitchListener listener) {
        listeners.remove(listener);
    }

    /**
     * The active session of a switch.
     *
     * @param dpid datapath id
     * @return session if the switch is connected and active
     */
    public Optional<OpenFlowSwitchSession> getSwitch(long dpid) {
        return Optional.ofNullable(switches.get(dpid));
    }

    /**
     * The active session of a switch.
     *
     * @param deviceId {@code of:...} device id
     * @return session if the switch is connected and active
     */
    public Optional<OpenFlowSwitchSession> getSwitch(DeviceId deviceId) {
        return getSwitch(Dpids.dpid(deviceId));
    }

    /**
     * Every active switch.
     *
     * @return sessions
     */
    public Collection<OpenFlowSwitchSession> switches() {
        return List.copyOf(switches.values());
    }

    /**
     * Configuration.
     *
     * @return configuration
     */
    public OpenFlowControllerConfig config() {
        return config;
    }

    // ---- used by the channel handlers ----

    Executor callbacks() {
        return callbacks;
    }

    void channelOpened(Channel ch) {
        ChannelGroup g = connections;
        if (g != null) {
            g.add(ch);
        }
    }

    void sessionActivated(OpenFlowSwitchSession s) {
        OpenFlowSwitchSession old = switches.put(s.dpid(), s);
        if (old != null && old != s) {
            log.info("switch {} reconnected from {}; closing its previous connection", Dpids.toHex(s.dpid()),
                     s.remoteAddress());
            notify(l -> l.switchDisconnected(old));
            old.disconnect();
        }
        notify(l -> l.switchConnected(s));
    }

    void sessionClosed(OpenFlowSwitchSession s) {
        if (!s.isIdentified()) {
            log.debug("connection from {} closed during the handshake", s.remoteAddress());
        } else if (switches.remove(s.dpid(), s)) {
            notify(l -> l.switchDisconnected(s));
        }
    }

    void packetIn(OpenFlowSwitchSession s, OFPacketIn m) {
        notify(l -> l.packetIn(s, m));
    }

    void portStatus(OpenFlowSwitchSession s, OFPortStatus m) {
        notify(l -> l.portStatus(s, m));
    }

    void error(OpenFlowSwitchSession s, SwitchError e) {
        notify(l -> l.switchError(s, e));
    }

    void message(OpenFlowSwitchSession s, OFMessage m) {
        notify(l -> l.message(s, m));
    }

    void undecodable(OpenFlowSwitchSession s, UndecodableMessage m) {
        notify(l -> l.undecodable(s, m));
    }

    private void notify(Consumer<OpenFlowSwitchListener> call) {
        try {
            callbacks.execute(() -> {
                for (OpenFlowSwitchListener l : listeners) {
                    try {
                        call.accept(l);
                    } catch (RuntimeException e) {
                        log.warn("OpenFlow listener {} failed", l, e);
                    }
                }
            });
        } catch (RejectedExecutionException e) {
            log.debug("controller stopped; event dropped");
        }
    }
}
