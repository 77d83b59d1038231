package org.onosdvr.openflow.net;

import org.onosdvr.openflow.channel.OpenFlowController;
import org.onosdvr.openflow.channel.OpenFlowControllerConfig;
import org.onosdvr.openflow.channel.OpenFlowSwitchListener;
import org.onosdvr.openflow.channel.OpenFlowSwitchSession;
import org.onosproject.cfg.ComponentConfigService;
import org.onosproject.net.DeviceId;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.projectfloodlight.openflow.protocol.OFFlowRemoved;
import org.projectfloodlight.openflow.protocol.OFMessage;
import org.projectfloodlight.openflow.protocol.OFPacketIn;
import org.projectfloodlight.openflow.protocol.OFPortStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import static org.onosdvr.openflow.net.OsgiPropertyConstants.ECHO_INTERVAL_MS;
import static org.onosdvr.openflow.net.OsgiPropertyConstants.ECHO_INTERVAL_MS_DEFAULT;
import static org.onosdvr.openflow.net.OsgiPropertyConstants.ECHO_TIMEOUT_MS;
import static org.onosdvr.openflow.net.OsgiPropertyConstants.ECHO_TIMEOUT_MS_DEFAULT;
import static org.onosdvr.openflow.net.OsgiPropertyConstants.LISTEN_ADDRESS;
import static org.onosdvr.openflow.net.OsgiPropertyConstants.LISTEN_ADDRESS_DEFAULT;

/**
 * Owns the lifecycle of the {@link OpenFlowController}: starts it with the component properties, restarts it
 * when they change (switches reconnect), stops it on deactivation. Switch events are forwarded to the listeners
 * of {@link OpenFlowControllerService}, which survive restarts.
 */
@Component(immediate = true, service = OpenFlowControllerService.class,
        property = {
                LISTEN_ADDRESS + "=" + LISTEN_ADDRESS_DEFAULT,
                ECHO_INTERVAL_MS + ":Integer=" + ECHO_INTERVAL_MS_DEFAULT,
                ECHO_TIMEOUT_MS + ":Integer=" + ECHO_TIMEOUT_MS_DEFAULT,
        })
public class OpenFlowControllerComponent implements OpenFlowControllerService {

    private final Logger log = LoggerFactory.getLogger(getClass());

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policyOption = ReferencePolicyOption.GREEDY)
    protected ComponentConfigService cfgService;

    private final List<SwitchConnectionListener> listeners = new CopyOnWriteArrayList<>();
    private final Map<OpenFlowSwitchSession, SessionConnection> connections = new ConcurrentHashMap<>();
    private final Forwarder forwarder = new Forwarder();
    private volatile OpenFlowController controller;
    private OpenFlowControllerConfig config;

    /**
     * Activates with the component properties.
     *
     * @param properties component properties
     */
    @Activate
    protected void activate(Map<String, Object> properties) {
        if (cfgService != null) {
            cfgService.registerProperties(getClass());
        }
        start(configFrom(properties));
        log.info("Started");
    }

    /**
     * Re-reads the properties; restarts the controller if they changed. A bad value is logged and ignored.
     *
     * @param properties component properties
     */
    @Modified
    protected void modified(Map<String, Object> properties) {
        OpenFlowControllerConfig next;
        try {
            next = configFrom(properties);
        } catch (IllegalArgumentException e) {
            log.warn("Ignoring invalid OpenFlow controller configuration: {}", e.getMessage());
            return;
        }
        synchronized (this) {
            if (config != null && next.toString().equals(config.toString())) {
                return;
            }
        }
        log.info("OpenFlow controller configuration changed to {}; restarting", next);
        stop();
        start(next);
    }

    /**
     * Stops the controller.
     */
    @Deactivate
    protected void deactivate() {
        stop();
        if (cfgService != null) {
            cfgService.unregisterProperties(getClass(), false);
        }
        log.info("Stopped");
    }

    /**
     * Starts a controller with the given configuration (also used outside OSGi, e.g. by tests).
     *
     * @param cfg configuration
     */
    public synchronized void start(OpenFlowControllerConfig cfg) {
        if (controller != null) {
            throw new IllegalStateException("OpenFlow controller already running");
        }
        OpenFlowController c = new OpenFlowController(cfg);
        c.addListener(forwarder);
        c.start();
        controller = c;
        config = cfg;
    }

    /**
     * Stops the controller if running (listeners see every switch disconnect).
     */
    public synchronized void stop() {
        OpenFlowController c = controller;
        if (c != null) {
            c.stop();
            c.removeListener(forwarder);
            controller = null;
        }
    }

    static OpenFlowControllerConfig configFrom(Map<String, ?> properties) {
        ComponentProperties p = new ComponentProperties(properties);
        return OpenFlowControllerConfig.builder()
                .listen(p.string(LISTEN_ADDRESS, LISTEN_ADDRESS_DEFAULT))
                .echoIntervalMs(p.positive(ECHO_INTERVAL_MS, ECHO_INTERVAL_MS_DEFAULT))
                .echoTimeoutMs(p.positive(ECHO_TIMEOUT_MS, ECHO_TIMEOUT_MS_DEFAULT))
                .build();
    }

    @Override
    public Optional<SwitchConnection> connection(DeviceId deviceId) {
        OpenFlowController c = controller;
        if (c == null) {
            return Optional.empty();
        }
        return c.getSwitch(deviceId).map(this::wrap);
    }

    @Override
    public Collection<SwitchConnection> connections() {
        OpenFlowController c = controller;
        List<SwitchConnection> out = new ArrayList<>();
        if (c != null) {
            c.switches().forEach(s -> out.add(wrap(s)));
        }
        return out;
    }

    @Override
    public void addListener(SwitchConnectionListener listener) {
        listeners.add(listener);
    }

    @Override
    public void removeListener(SwitchConnectionListener listener) {
        listeners.remove(listener);
    }

    @Override
    public List<InetSocketAddress> boundAddresses() {
        OpenFlowController c = controller;
        return c == null ? List.of() : c.boundAddresses();
    }

    private SessionConnection wrap(OpenFlowSwitchSession s) {
        return connections.computeIfAbsent(s, SessionConnection::new);
    }

    private void each(Consumer<SwitchConnectionListener> call) {
        for (SwitchConnectionListener l : listeners) {
            try {
                call.accept(l);
            } catch (RuntimeException e) {
                log.warn("switch listener {} failed", l, e);
            }
        }
    }

    /** Forwards channel events with stable per-session wrappers. */
    private final class Forwarder implements OpenFlowSwitchListener {
        @Override
        public void switchConnected(OpenFlowSwitchSession sw) {
            SessionConnection c = wrap(sw);
            log.info("Switch {} connected from {}", c.deviceId(), sw.remoteAddress());
            each(l -> l.connected(c));
        }

        @Override
        public void switchDisconnected(OpenFlowSwitchSession sw) {
            SessionConnection c = wrap(sw);
            log.info("Switch {} disconnected", c.deviceId());
            each(l -> l.disconnected(c));
            connections.remove(sw);
        }

        @Override
        public void portStatus(OpenFlowSwitchSession sw, OFPortStatus status) {
            SessionConnection c = wrap(sw);
            each(l -> l.portStatus(c, status));
        }

        @Override
        public void packetIn(OpenFlowSwitchSession sw, OFPacketIn packetIn) {
            SessionConnection c = wrap(sw);
            each(l -> l.packetIn(c, packetIn));
        }

        @Override
        public void message(OpenFlowSwitchSession sw, OFMessage msg) {
            if (msg instanceof OFFlowRemoved) {
                SessionConnection c = wrap(sw);
                each(l -> l.flowRemoved(c, (OFFlowRemoved) msg));
            }
        }
    }
}
