package org.onosdvr.ovsdb.tunnel;

import org.onlab.util.Tools;
import org.onosdvr.api.FailoverTunnel;
import org.onosdvr.api.TunnelPortService;
import org.onosdvr.ovsdb.OvsdbController;
import org.onosdvr.ovsdb.channel.OvsdbSession;
import org.onosdvr.ovsdb.channel.OvsdbSessionListener;
import org.onosdvr.ovsdb.db.BridgeRow;
import org.onosdvr.ovsdb.db.InterfaceRow;
import org.onosdvr.ovsdb.db.OvsdbTables;
import org.onosdvr.ovsdb.db.PortRow;
import org.onosdvr.ovsdb.sync.OvsdbTarget;
import org.onosproject.net.DeviceId;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Dictionary;
import java.util.HashSet;
import java.util.Hashtable;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

import static org.onosdvr.ovsdb.OsgiPropertyConstants.RETRY_MAX_MS;
import static org.onosdvr.ovsdb.OsgiPropertyConstants.RETRY_MAX_MS_DEFAULT;
import static org.onosdvr.ovsdb.OsgiPropertyConstants.RETRY_MIN_MS;
import static org.onosdvr.ovsdb.OsgiPropertyConstants.RETRY_MIN_MS_DEFAULT;

/**
 * {@link TunnelPortService} over the runtime's OVSDB connections: remembers each device's wanted failover tunnels
 * and has a {@link TunnelPortReconciler} make the switch's integration bridge match them whenever the wanted set
 * changes, the switch (re)connects or its tables change. BFD states are read from the monitored
 * {@code Interface.bfd_status}.
 */
@Component(immediate = true, service = TunnelPortService.class,
        property = {
                RETRY_MIN_MS + ":Integer=" + RETRY_MIN_MS_DEFAULT,
                RETRY_MAX_MS + ":Integer=" + RETRY_MAX_MS_DEFAULT,
        })
public class TunnelPortManager implements TunnelPortService {

    private final Logger log = LoggerFactory.getLogger(getClass());

    @Reference(cardinality = ReferenceCardinality.MANDATORY)
    protected OvsdbController controller;

    private final OvsdbSessionListener listener = new Listener();
    private ScheduledExecutorService executor;
    private TunnelPortReconciler reconciler;

    /**
     * Activates with the component properties.
     *
     * @param properties component properties
     */
    @Activate
    protected void activate(Map<String, Object> properties) {
        executor = Executors.newSingleThreadScheduledExecutor(Tools.groupedThreads("onos-dvr/ovsdb", "tunnels",
                                                                                    log));
        reconciler = new TunnelPortReconciler(executor, d -> controller.session(d).map(OvsdbTarget::of),
                                              RETRY_MIN_MS_DEFAULT, RETRY_MAX_MS_DEFAULT);
        modified(properties);
        controller.addListener(listener);
        controller.sessions().forEach(s -> s.deviceId().ifPresent(reconciler::connected));
        log.info("Started");
    }

    /**
     * Re-reads the retry delays; invalid values are logged and ignored.
     *
     * @param properties component properties
     */
    @Modified
    protected void modified(Map<String, Object> properties) {
        Dictionary<String, Object> d = new Hashtable<>(properties == null ? Map.of() : properties);
        int min = Tools.getIntegerProperty(d, RETRY_MIN_MS, RETRY_MIN_MS_DEFAULT);
        int max = Tools.getIntegerProperty(d, RETRY_MAX_MS, RETRY_MAX_MS_DEFAULT);
        try {
            reconciler.retry(min, max);
        } catch (IllegalArgumentException e) {
            log.warn("Ignoring invalid retry delays: {}", e.getMessage());
        }
    }

    /**
     * Stops reconciling; the switches keep their ports.
     */
    @Deactivate
    protected void deactivate() {
        controller.removeListener(listener);
        executor.shutdownNow();
        log.info("Stopped");
    }

    @Override
    public void setFailoverTunnels(DeviceId deviceId, Set<FailoverTunnel> tunnels) {
        if (deviceId == null || tunnels == null) {
            throw new IllegalArgumentException("device and tunnels are required");
        }
        Set<String> names = new HashSet<>();
        for (FailoverTunnel t : tunnels) {
            if (!t.deviceId().equals(deviceId)) {
                throw new IllegalArgumentException("failover tunnel " + t + " is not on " + deviceId);
            }
            if (!names.add(t.name())) {
                throw new IllegalArgumentException("two failover tunnels of " + deviceId + " named " + t.name());
            }
        }
        reconciler.setWanted(deviceId, tunnels);
    }

    @Override
    public Map<String, String> bfdStates(DeviceId deviceId) {
        return controller.session(deviceId).map(s -> bfdStates(s.tables(), s.bridgeName())).orElse(Map.of());
    }

    @Override
    public boolean isConnected(DeviceId deviceId) {
        return controller.session(deviceId).isPresent();
    }

    /**
     * @param deviceId device
     * @return the wanted set last given for the device
     */
    public Optional<Set<FailoverTunnel>> wanted(DeviceId deviceId) {
        return reconciler.wanted(deviceId);
    }

    /**
     * @param deviceId device
     * @return transactions sent for the device's failover tunnels so far
     */
    public long transactions(DeviceId deviceId) {
        return reconciler.transactions(deviceId);
    }

    /**
     * BFD state of every failover tunnel port of a bridge that reports one.
     *
     * @param tables     monitored tables
     * @param bridgeName bridge
     * @return port name to {@code bfd_status:state}, sorted
     */
    static Map<String, String> bfdStates(OvsdbTables tables, String bridgeName) {
        Map<String, String> out = new TreeMap<>();
        Optional<BridgeRow> bridge = tables.bridge(bridgeName);
        if (bridge.isEmpty()) {
            return out;
        }
        for (PortRow p : tables.ports(bridge.get())) {
            if (!p.name().startsWith(FailoverTunnel.NAME_PREFIX)) {
                continue;
            }
            for (InterfaceRow i : tables.interfaces(p)) {
                String state = i.bfdStatus().get("state");
                if (i.name().equals(p.name()) && state != null) {
                    out.put(p.name(), state);
                }
            }
        }
        return out;
    }

    /** Session events to reconciler triggers. */
    private final class Listener implements OvsdbSessionListener {
        @Override
        public void connected(DeviceId deviceId, OvsdbSession session) {
            reconciler.connected(deviceId);
        }

        @Override
        public void updated(DeviceId deviceId, OvsdbSession session) {
            reconciler.updated(deviceId);
        }

        @Override
        public void disconnected(DeviceId deviceId, OvsdbSession session) {
            // nothing to undo: the wanted set is re-applied when the device connects again
        }
    }
}
