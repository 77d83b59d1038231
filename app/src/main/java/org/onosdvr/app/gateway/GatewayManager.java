package org.onosdvr.app.gateway;

import org.onosdvr.api.DvrEvent;
import org.onosdvr.api.DvrNode;
import org.onosdvr.api.ExternalGateway;
import org.onosdvr.api.GatewayAdminService;
import org.onosdvr.api.Router;
import org.onosdvr.api.DvrListener;
import org.onosdvr.api.DvrService;
import org.onosdvr.api.DvrSnapshot;
import org.onosdvr.api.DvrStore;
import org.onosdvr.api.GatewayAssignment;
import org.onosdvr.api.RouterId;
import org.onosproject.net.DeviceId;
import org.onosproject.net.device.DeviceEvent;
import org.onosproject.net.device.DeviceListener;
import org.onosproject.net.device.DeviceService;
import org.onosproject.net.packet.PacketService;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.slf4j.Logger;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

import static java.util.concurrent.Executors.newSingleThreadScheduledExecutor;
import static org.onlab.util.Tools.groupedThreads;
import static org.slf4j.LoggerFactory.getLogger;

/**
 * Keeps the gateway assignments of the store equal to {@link GatewaySelector#assign} of the current state and
 * device availability: recomputed (coalesced, on one thread) whenever the DVR state or a gateway's availability
 * changes. Every cluster member computes the same assignments, so concurrent writers agree.
 */
@Component(immediate = true, service = GatewayAdminService.class)
public class GatewayManager implements GatewayAdminService {

    /**
     * For this long after activation a router keeps a primary that is a gateway node but not (yet) available:
     * after a controller restart the switches reconnect one by one, and moving routers meanwhile would reset
     * their SNAT connections for nothing. (Their traffic meanwhile is the data plane's business: the
     * fast-failover groups use whichever gateway BFD says is alive.)
     */
    static final long STARTUP_HOLD_MS_DEFAULT = 10_000;

    private final Logger log = getLogger(getClass());

    @Reference(cardinality = ReferenceCardinality.MANDATORY)
    protected DvrService dvrService;

    @Reference(cardinality = ReferenceCardinality.MANDATORY)
    protected DvrStore store;

    @Reference(cardinality = ReferenceCardinality.MANDATORY)
    protected DeviceService deviceService;

    @Reference(cardinality = ReferenceCardinality.MANDATORY)
    protected PacketService packetService;

    long startupHoldMs = STARTUP_HOLD_MS_DEFAULT;
    private volatile long holdUntilMillis;

    private final DvrListener dvrListener = this::dvrEvent;
    private final DeviceListener deviceListener = this::deviceEvent;
    private final AtomicBoolean pending = new AtomicBoolean();
    private ScheduledExecutorService executor;

    @Activate
    protected void activate() {
        executor = newSingleThreadScheduledExecutor(groupedThreads("onos-dvr", "gateways-%d", log));
        holdUntilMillis = System.currentTimeMillis() + startupHoldMs;
        dvrService.addListener(dvrListener);
        deviceService.addListener(deviceListener);
        schedule();
        if (startupHoldMs > 0) {
            executor.schedule(this::schedule, startupHoldMs, TimeUnit.MILLISECONDS);
        }
        log.info("Started");
    }

    @Deactivate
    protected void deactivate() {
        deviceService.removeListener(deviceListener);
        dvrService.removeListener(dvrListener);
        // queued recomputes must not write after deactivation (a successor may already be deciding)
        executor.shutdownNow();
        try {
            if (!executor.awaitTermination(10, TimeUnit.SECONDS)) {
                log.warn("Gateway recompute still running after 10 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        log.info("Stopped");
    }

    private void dvrEvent(DvrEvent event) {
        if (event.type() == DvrEvent.Type.SNAPSHOT_CHANGED) {
            schedule();
        }
    }

    private void deviceEvent(DeviceEvent event) {
        switch (event.type()) {
            case DEVICE_ADDED:
            case DEVICE_REMOVED:
            case DEVICE_AVAILABILITY_CHANGED:
                if (dvrService.snapshot().node(event.subject().id()).map(n -> n.role().isGateway())
                        .orElse(false)) {
                    schedule();
                }
                break;
            default:
                break;
        }
    }

    private void schedule() {
        if (pending.compareAndSet(false, true)) {
            executor.execute(() -> {
                pending.set(false);
                recompute(false);
            });
        }
    }

    /**
     * Recomputes on the manager's thread, like an event would, and waits until nothing is left to do (for tests:
     * every write of the assignments happens on that one thread).
     *
     * @throws Exception if interrupted, failed or slower than 10 s
     */
    void recompute() throws Exception {
        executor.submit(() -> recompute(false)).get(10, TimeUnit.SECONDS);
        flush();
    }

    @Override
    public Map<RouterId, GatewayAssignment> rebalance() {
        try {
            return executor.submit(() -> recompute(true)).get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("rebalance failed: " + e.getMessage(), e);
        }
    }

    private boolean usable(DvrSnapshot s, DeviceId d) {
        if (deviceService.isAvailable(d)) {
            return true;
        }
        // during the startup hold a gateway node that has not reconnected yet keeps its routers
        return System.currentTimeMillis() < holdUntilMillis && s.node(d).isPresent();
    }

    /**
     * Writes the assignments that differ from the computed ones, in one change; announces each new primary of a
     * router with SNAT with a gratuitous ARP.
     *
     * @param rebalance pure ranking instead of sticky assignments
     * @return the assignments written, by router
     */
    Map<RouterId, GatewayAssignment> recompute(boolean rebalance) {
        Map<RouterId, GatewayAssignment> changed = new LinkedHashMap<>();
        Map<RouterId, DeviceId> oldPrimaries = new LinkedHashMap<>();
        try {
            store.apply(b -> {
                changed.clear();
                oldPrimaries.clear();
                DvrSnapshot s = store.snapshot();
                Map<RouterId, GatewayAssignment> wanted =
                        GatewaySelector.assign(s, d -> usable(s, d), rebalance);
                for (GatewayAssignment old : s.gatewayAssignments()) {
                    if (!wanted.containsKey(old.routerId())) {
                        b.removeGatewayAssignment(old.routerId());
                    }
                }
                wanted.forEach((r, a) -> {
                    Optional<GatewayAssignment> old = s.gatewayAssignment(r);
                    if (!old.map(a::equals).orElse(false)) {
                        log.info("Router {}: SNAT gateway {} (backups {}){}", r, a.primary(), a.backups(),
                                 rebalance ? " [rebalance]" : "");
                        b.gatewayAssignment(a);
                        changed.put(r, a);
                        old.ifPresent(o -> oldPrimaries.put(r, o.primary()));
                    }
                });
                return b;
            });
        } catch (RuntimeException e) {
            log.warn("Cannot update gateway assignments: {}", e.getMessage());
            return Map.of();
        }
        DvrSnapshot now = store.snapshot();
        changed.forEach((r, a) -> {
            if (oldPrimaries.containsKey(r) && !oldPrimaries.get(r).equals(a.primary())) {
                announce(now, r, a.primary());
            }
        });
        return changed;
    }

    /** Gratuitous ARP for the router's external IP with its external MAC, out the new primary's external port. */
    private void announce(DvrSnapshot s, RouterId routerId, DeviceId primary) {
        Optional<Router> router = s.router(routerId).filter(Router::snatEnabled);
        Optional<DvrNode> node = s.node(primary).filter(n -> n.externalPort().isPresent());
        if (router.isEmpty() || node.isEmpty() || !deviceService.isAvailable(primary)) {
            return;
        }
        ExternalGateway g = router.get().externalGateway().get();
        try {
            packetService.emit(GratuitousArp.packet(primary, node.get().externalPort().get(), g.mac(),
                                                    g.externalIp()));
            log.info("Router {}: gratuitous ARP {} is-at {} from {}", routerId, g.externalIp(), g.mac(), primary);
        } catch (RuntimeException e) {
            log.warn("Router {}: cannot send the gratuitous ARP from {}: {}", routerId, primary, e.toString());
        }
    }

    /**
     * Waits until the queued work is done and no recompute is pending (a recompute's own write schedules one
     * more, which finds nothing to do), for tests.
     *
     * @throws Exception if interrupted, failed or not quiet within 10 s
     */
    void flush() throws Exception {
        long end = System.currentTimeMillis() + 10_000;
        do {
            executor.submit(() -> { }).get(10, TimeUnit.SECONDS);
        } while (pending.get() && System.currentTimeMillis() < end);
        if (pending.get()) {
            throw new TimeoutException("gateway recomputes did not settle");
        }
    }
}
