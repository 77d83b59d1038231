package org.onosdvr.ovsdb.ratelimit;

import org.onlab.util.Tools;
import org.onosdvr.ovsdb.OvsdbController;
import org.onosdvr.ovsdb.channel.OvsdbSession;
import org.onosdvr.ovsdb.channel.OvsdbSessionListener;
import org.onosdvr.ovsdb.sync.OvsdbReconciler;
import org.onosdvr.ovsdb.sync.OvsdbTarget;
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

import java.util.Dictionary;
import java.util.Hashtable;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

import static org.onosdvr.ovsdb.OsgiPropertyConstants.PACKET_IN_BURST_LIMIT;
import static org.onosdvr.ovsdb.OsgiPropertyConstants.PACKET_IN_BURST_LIMIT_DEFAULT;
import static org.onosdvr.ovsdb.OsgiPropertyConstants.PACKET_IN_RATE_LIMIT;
import static org.onosdvr.ovsdb.OsgiPropertyConstants.PACKET_IN_RATE_LIMIT_DEFAULT;
import static org.onosdvr.ovsdb.OsgiPropertyConstants.RETRY_MAX_MS_DEFAULT;
import static org.onosdvr.ovsdb.OsgiPropertyConstants.RETRY_MIN_MS_DEFAULT;

/**
 * Protects the controller from PACKET_IN floods in the switches themselves: every controller of every switch's
 * integration bridge gets the configured {@link PacketInLimit} ({@code Controller.controller_rate_limit} /
 * {@code controller_burst_limit}, enforced by ovs-vswitchd per input port), set over the runtime's OVSDB
 * connections and kept level-triggered by an {@link OvsdbReconciler}: applied when a switch connects, again
 * when its controller rows change (a {@code set-controller} replaces them, a limit cleared by hand), and to every
 * connected switch when the properties change. Switches keep the limit in their database across restarts of
 * ovs-vswitchd and of the runtime.
 */
@Component(immediate = true, service = PacketInLimitManager.class,
        property = {
                PACKET_IN_RATE_LIMIT + ":Integer=" + PACKET_IN_RATE_LIMIT_DEFAULT,
                PACKET_IN_BURST_LIMIT + ":Integer=" + PACKET_IN_BURST_LIMIT_DEFAULT,
        })
public class PacketInLimitManager {

    private final Logger log = LoggerFactory.getLogger(getClass());

    @Reference(cardinality = ReferenceCardinality.MANDATORY)
    protected OvsdbController controller;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policyOption = ReferencePolicyOption.GREEDY)
    protected ComponentConfigService cfgService;

    private final OvsdbSessionListener listener = new Listener();
    private ScheduledExecutorService executor;
    private OvsdbReconciler<PacketInLimit> reconciler;
    private volatile PacketInLimit limit = PacketInLimit.of(PACKET_IN_RATE_LIMIT_DEFAULT,
                                                            PACKET_IN_BURST_LIMIT_DEFAULT);

    /**
     * Activates with the component properties and limits every connected switch.
     *
     * @param properties component properties
     */
    @Activate
    protected void activate(Map<String, Object> properties) {
        executor = Executors.newSingleThreadScheduledExecutor(Tools.groupedThreads("onos-dvr/ovsdb", "pin-limit",
                                                                                    log));
        reconciler = new OvsdbReconciler<>(executor, d -> controller.session(d).map(OvsdbTarget::of),
                                           (t, wanted) -> PacketInLimitDiff.of(t.tables(), t.bridgeName(), wanted),
                                           "packet-in limit", RETRY_MIN_MS_DEFAULT, RETRY_MAX_MS_DEFAULT);
        limit = limitFrom(properties).orElse(limit);
        controller.addListener(listener);
        applyToConnected();
        if (cfgService != null) {
            cfgService.registerProperties(getClass());
        }
        log.info("Started: packet-in limit {}", limit);
    }

    /**
     * Re-reads the limit and applies a changed one to every connected switch; invalid values are logged and
     * ignored.
     *
     * @param properties component properties
     */
    @Modified
    protected void modified(Map<String, Object> properties) {
        PacketInLimit next = limitFrom(properties).orElse(limit);
        if (!next.equals(limit)) {
            log.info("Packet-in limit changed from {} to {}", limit, next);
            limit = next;
            applyToConnected();
        }
    }

    /**
     * Stops reconciling; the switches keep their limits.
     */
    @Deactivate
    protected void deactivate() {
        controller.removeListener(listener);
        executor.shutdownNow();
        if (cfgService != null) {
            cfgService.unregisterProperties(getClass(), false);
        }
        log.info("Stopped");
    }

    /** @return the limit the switches are given */
    public PacketInLimit limit() {
        return limit;
    }

    /**
     * @param deviceId device
     * @return transactions sent for the device's controller rows so far
     */
    public long transactions(DeviceId deviceId) {
        return reconciler.transactions(deviceId);
    }

    private Optional<PacketInLimit> limitFrom(Map<String, Object> properties) {
        Dictionary<String, Object> d = new Hashtable<>(properties == null ? Map.of() : properties);
        int rate = Tools.getIntegerProperty(d, PACKET_IN_RATE_LIMIT, PACKET_IN_RATE_LIMIT_DEFAULT);
        int burst = Tools.getIntegerProperty(d, PACKET_IN_BURST_LIMIT, PACKET_IN_BURST_LIMIT_DEFAULT);
        try {
            return java.util.Optional.of(PacketInLimit.of(rate, burst));
        } catch (IllegalArgumentException e) {
            log.warn("Ignoring invalid packet-in limit (keeping {}): {}", limit, e.getMessage());
            return java.util.Optional.empty();
        }
    }

    private void applyToConnected() {
        PacketInLimit l = limit;
        controller.sessions().forEach(s -> s.deviceId().ifPresent(d -> reconciler.setWanted(d, l)));
    }

    /** Session events to reconciler triggers. */
    private final class Listener implements OvsdbSessionListener {
        @Override
        public void connected(DeviceId deviceId, OvsdbSession session) {
            reconciler.setWanted(deviceId, limit);
        }

        @Override
        public void updated(DeviceId deviceId, OvsdbSession session) {
            reconciler.updated(deviceId);
        }

        @Override
        public void disconnected(DeviceId deviceId, OvsdbSession session) {
            // nothing to undo: the switch keeps the limit, and it is checked again when it reconnects
        }
    }
}
