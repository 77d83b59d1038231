package org.onosdvr.app.node;

import org.onlab.util.Tools;
import org.onosdvr.api.DvrEvent;
import org.onosdvr.api.DvrListener;
import org.onosdvr.api.DvrService;
import org.onosdvr.api.FailoverTunnel;
import org.onosdvr.api.TunnelPortService;
import org.onosproject.cfg.ComponentConfigService;
import org.onosproject.net.DeviceId;
import org.osgi.service.component.ComponentContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.slf4j.Logger;

import java.util.Dictionary;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static java.util.concurrent.Executors.newSingleThreadExecutor;
import static org.onosdvr.app.node.FailoverTunnelProperties.BFD_MIN_RX_MS;
import static org.onosdvr.app.node.FailoverTunnelProperties.BFD_MIN_RX_MS_DEFAULT;
import static org.onosdvr.app.node.FailoverTunnelProperties.BFD_MIN_TX_MS;
import static org.onosdvr.app.node.FailoverTunnelProperties.BFD_MIN_TX_MS_DEFAULT;
import static org.onosdvr.app.node.FailoverTunnelProperties.FAILOVER_TUNNELS;
import static org.onosdvr.app.node.FailoverTunnelProperties.FAILOVER_TUNNELS_DEFAULT;
import static org.onosdvr.app.node.FailoverTunnelProperties.FAILOVER_UDP_PORT;
import static org.onosdvr.app.node.FailoverTunnelProperties.FAILOVER_UDP_PORT_DEFAULT;
import static org.onlab.util.Tools.groupedThreads;
import static org.slf4j.LoggerFactory.getLogger;

/**
 * Keeps every DVR node's BFD failover tunnel ports equal to {@link FailoverTunnelPlan#plan}: hands the wanted set
 * of each node to the {@link TunnelPortService} (the embedded runtime's OVSDB southbound) whenever the nodes or
 * the BFD settings change. Without that service (an ONOS cluster where whoever builds br-int makes the ports)
 * it does nothing; the node manager learns the ports from their names either way.
 */
@Component(immediate = true,
        property = {
                FAILOVER_TUNNELS + ":Boolean=" + FAILOVER_TUNNELS_DEFAULT,
                BFD_MIN_TX_MS + ":Integer=" + BFD_MIN_TX_MS_DEFAULT,
                BFD_MIN_RX_MS + ":Integer=" + BFD_MIN_RX_MS_DEFAULT,
                FAILOVER_UDP_PORT + ":Integer=" + FAILOVER_UDP_PORT_DEFAULT,
        })
public class FailoverTunnelManager {

    private final Logger log = getLogger(getClass());

    @Reference(cardinality = ReferenceCardinality.MANDATORY)
    protected DvrService dvrService;

    @Reference(cardinality = ReferenceCardinality.MANDATORY)
    protected ComponentConfigService cfgService;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            bind = "bindTunnelPortService", unbind = "unbindTunnelPortService")
    protected volatile TunnelPortService tunnelPortService;

    private final DvrListener dvrListener = this::dvrEvent;
    private final AtomicBoolean pending = new AtomicBoolean();
    /** What was last handed to {@link #pushedTo}, per device (only touched on the executor). */
    private final Map<DeviceId, Set<FailoverTunnel>> pushed = new HashMap<>();
    /** The service {@link #pushed} was handed to (only touched on the executor). */
    private TunnelPortService pushedTo;
    private volatile FailoverTunnelPlan.Params params = new FailoverTunnelPlan.Params(
            FAILOVER_TUNNELS_DEFAULT, FAILOVER_UDP_PORT_DEFAULT, BFD_MIN_TX_MS_DEFAULT, BFD_MIN_RX_MS_DEFAULT);
    private ExecutorService executor;

    @Activate
    protected void activate(ComponentContext context) {
        executor = newSingleThreadExecutor(groupedThreads("onos-dvr", "failover-tunnels-%d", log));
        cfgService.registerProperties(getClass());
        readConfiguration(context);
        dvrService.addListener(dvrListener);
        schedule();
        log.info("Started");
    }

    @Deactivate
    protected void deactivate() {
        dvrService.removeListener(dvrListener);
        cfgService.unregisterProperties(getClass(), false);
        executor.shutdownNow();
        log.info("Stopped");
    }

    @Modified
    protected void modified(ComponentContext context) {
        readConfiguration(context);
        schedule();
    }

    protected void bindTunnelPortService(TunnelPortService service) {
        tunnelPortService = service;
        schedule();
    }

    protected void unbindTunnelPortService(TunnelPortService service) {
        if (tunnelPortService == service) {
            tunnelPortService = null;
            schedule();
        }
    }

    private void readConfiguration(ComponentContext context) {
        Dictionary<?, ?> p = context == null ? null : context.getProperties();
        boolean enabled = p == null ? FAILOVER_TUNNELS_DEFAULT
                : Tools.isPropertyEnabled(p, FAILOVER_TUNNELS, FAILOVER_TUNNELS_DEFAULT);
        int udp = p == null ? FAILOVER_UDP_PORT_DEFAULT
                : Tools.getIntegerProperty(p, FAILOVER_UDP_PORT, FAILOVER_UDP_PORT_DEFAULT);
        int tx = p == null ? BFD_MIN_TX_MS_DEFAULT : Tools.getIntegerProperty(p, BFD_MIN_TX_MS, BFD_MIN_TX_MS_DEFAULT);
        int rx = p == null ? BFD_MIN_RX_MS_DEFAULT : Tools.getIntegerProperty(p, BFD_MIN_RX_MS, BFD_MIN_RX_MS_DEFAULT);
        if (udp <= 0 || udp > 65535 || udp == 4789 || tx < 1 || rx < 1) {
            log.warn("Invalid failover tunnel settings (udp port {}, min_tx {}, min_rx {}); keeping {}",
                     udp, tx, rx, describe(params));
            return;
        }
        params = new FailoverTunnelPlan.Params(enabled, udp, tx, rx);
        log.info("Settings: {}", describe(params));
    }

    private static String describe(FailoverTunnelPlan.Params p) {
        return String.format("%s=%s, %s=%d, %s=%d, %s=%d", FAILOVER_TUNNELS, p.enabled, FAILOVER_UDP_PORT,
                             p.udpPort, BFD_MIN_TX_MS, p.minTxMs, BFD_MIN_RX_MS, p.minRxMs);
    }

    private void dvrEvent(DvrEvent event) {
        if (event.type() == DvrEvent.Type.SNAPSHOT_CHANGED) {
            schedule();
        }
    }

    private void schedule() {
        if (executor != null && pending.compareAndSet(false, true)) {
            executor.execute(() -> {
                pending.set(false);
                push();
            });
        }
    }

    /** Hands every node whose wanted set differs from the last one handed over to the service. */
    private void push() {
        TunnelPortService service = tunnelPortService;
        if (service == null) {
            pushedTo = null;
            return;
        }
        if (service != pushedTo) {
            // a new service holds nothing of ours yet: hand it every set (decided here, on the executor, so a push
            // queued before the service arrived cannot race with forgetting what the old one was given)
            pushed.clear();
            pushedTo = service;
        }
        Map<DeviceId, Set<FailoverTunnel>> wanted;
        try {
            wanted = FailoverTunnelPlan.plan(dvrService.snapshot().nodes(), params);
        } catch (IllegalArgumentException e) {
            log.warn("Cannot plan failover tunnels: {}", e.getMessage());
            return;
        }
        Set<DeviceId> devices = new HashSet<>(pushed.keySet());
        devices.addAll(wanted.keySet());
        for (DeviceId d : devices) {
            Set<FailoverTunnel> w = wanted.getOrDefault(d, Set.of());
            if (w.equals(pushed.get(d))) {
                continue;
            }
            try {
                service.setFailoverTunnels(d, w);
                log.info("Node {}: {} failover tunnel port(s)", d, w.size());
                if (wanted.containsKey(d)) {
                    pushed.put(d, Set.copyOf(w));
                } else {
                    pushed.remove(d);
                }
            } catch (RuntimeException e) {
                log.warn("Node {}: cannot set failover tunnels: {}", d, e.toString());
            }
        }
    }

    /**
     * Waits until the queued work is done and nothing is pending (for tests).
     *
     * @throws Exception if interrupted, failed or not quiet within 10 s
     */
    void flush() throws Exception {
        long end = System.currentTimeMillis() + 10_000;
        do {
            executor.submit(() -> { }).get(10, TimeUnit.SECONDS);
        } while (pending.get() && System.currentTimeMillis() < end);
    }
}
