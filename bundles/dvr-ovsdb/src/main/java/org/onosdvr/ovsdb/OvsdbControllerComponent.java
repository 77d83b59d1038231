package org.onosdvr.ovsdb;

import org.onlab.util.Tools;
import org.onosdvr.ovsdb.channel.OvsdbServer;
import org.onosdvr.ovsdb.channel.OvsdbServerConfig;
import org.onosdvr.ovsdb.channel.OvsdbSession;
import org.onosdvr.ovsdb.channel.OvsdbSessionListener;
import org.onosdvr.ovsdb.channel.SessionListeners;
import org.onosproject.cfg.ComponentConfigService;
import org.onosproject.net.DeviceId;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetSocketAddress;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.onosdvr.ovsdb.OsgiPropertyConstants.BRIDGE_NAME;
import static org.onosdvr.ovsdb.OsgiPropertyConstants.BRIDGE_NAME_DEFAULT;
import static org.onosdvr.ovsdb.OsgiPropertyConstants.ECHO_INTERVAL_MS;
import static org.onosdvr.ovsdb.OsgiPropertyConstants.ECHO_INTERVAL_MS_DEFAULT;
import static org.onosdvr.ovsdb.OsgiPropertyConstants.ECHO_TIMEOUT_MS;
import static org.onosdvr.ovsdb.OsgiPropertyConstants.ECHO_TIMEOUT_MS_DEFAULT;
import static org.onosdvr.ovsdb.OsgiPropertyConstants.LISTEN_ADDRESS;
import static org.onosdvr.ovsdb.OsgiPropertyConstants.LISTEN_ADDRESS_DEFAULT;

/**
 * Owns the {@link OvsdbServer}: starts it with the component properties, restarts it when they change (switches
 * reconnect), stops it on deactivation. If the address cannot be bound the component stays active without a
 * server (logged as an error; every device reads as not connected) until the properties change.
 */
@Component(immediate = true, service = OvsdbController.class,
        property = {
                LISTEN_ADDRESS + "=" + LISTEN_ADDRESS_DEFAULT,
                BRIDGE_NAME + "=" + BRIDGE_NAME_DEFAULT,
                ECHO_INTERVAL_MS + ":Integer=" + ECHO_INTERVAL_MS_DEFAULT,
                ECHO_TIMEOUT_MS + ":Integer=" + ECHO_TIMEOUT_MS_DEFAULT,
        })
public class OvsdbControllerComponent implements OvsdbController {

    private final Logger log = LoggerFactory.getLogger(getClass());

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policyOption = ReferencePolicyOption.GREEDY)
    protected ComponentConfigService cfgService;

    /** Our listeners; added to each server we start, so they outlive restarts. */
    private final SessionListeners listeners = new SessionListeners();
    private volatile OvsdbServer server;
    private OvsdbServerConfig config;

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
        try {
            start(configFrom(properties));
        } catch (IllegalArgumentException e) {
            log.error("Invalid OVSDB configuration ({}); using the defaults", e.getMessage());
            start(OvsdbServerConfig.builder().build());
        }
        log.info("Started");
    }

    /**
     * Re-reads the properties; restarts the server if they changed. A bad value is logged and ignored.
     *
     * @param properties component properties
     */
    @Modified
    protected void modified(Map<String, Object> properties) {
        OvsdbServerConfig next;
        try {
            next = configFrom(properties);
        } catch (IllegalArgumentException e) {
            log.warn("Ignoring invalid OVSDB configuration: {}", e.getMessage());
            return;
        }
        synchronized (this) {
            if (next.equals(config) && server != null) {
                return;
            }
        }
        log.info("OVSDB configuration changed to {}; restarting", next);
        stop();
        start(next);
    }

    /**
     * Stops the server.
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
     * Starts a server with the given configuration (also used outside OSGi, e.g. by tests). A bind failure is
     * logged; the component then has no server.
     *
     * @param cfg configuration
     */
    public synchronized void start(OvsdbServerConfig cfg) {
        if (server != null) {
            throw new IllegalStateException("OVSDB server already running");
        }
        config = cfg;
        OvsdbServer s = new OvsdbServer(cfg);
        s.addListener(listeners);
        try {
            s.start();
        } catch (RuntimeException e) {
            log.error("OVSDB server not started: {}", e.getMessage());
            return;
        }
        server = s;
    }

    /**
     * Stops the server if running (listeners hear every disconnect).
     */
    public synchronized void stop() {
        OvsdbServer s = server;
        if (s != null) {
            server = null;
            s.stop();
            s.removeListener(listeners);
        }
    }

    static OvsdbServerConfig configFrom(Map<String, ?> properties) {
        Dictionary<String, Object> d = new Hashtable<>(properties == null ? Map.of() : properties);
        String listen = Tools.get(d, LISTEN_ADDRESS);
        String bridge = Tools.get(d, BRIDGE_NAME);
        return OvsdbServerConfig.builder()
                .listen(listen == null ? LISTEN_ADDRESS_DEFAULT : listen)
                .bridgeName(bridge == null ? BRIDGE_NAME_DEFAULT : bridge)
                .echoIntervalMs(Tools.getIntegerProperty(d, ECHO_INTERVAL_MS, ECHO_INTERVAL_MS_DEFAULT))
                .echoTimeoutMs(Tools.getIntegerProperty(d, ECHO_TIMEOUT_MS, ECHO_TIMEOUT_MS_DEFAULT))
                .build();
    }

    @Override
    public Optional<OvsdbSession> session(DeviceId deviceId) {
        OvsdbServer s = server;
        return s == null ? Optional.empty() : s.session(deviceId);
    }

    @Override
    public Set<OvsdbSession> sessions() {
        OvsdbServer s = server;
        return s == null ? Set.of() : s.sessions();
    }

    @Override
    public void addListener(OvsdbSessionListener listener) {
        listeners.add(listener);
    }

    @Override
    public void removeListener(OvsdbSessionListener listener) {
        listeners.remove(listener);
    }

    @Override
    public Optional<InetSocketAddress> boundAddress() {
        OvsdbServer s = server;
        return s == null ? Optional.empty() : s.boundAddress();
    }

}
