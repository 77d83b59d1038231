package org.onosdvr.app.gateway;

import org.onosdvr.api.DvrEvent;
import org.onosdvr.api.DvrListener;
import org.onosdvr.api.DvrService;
import org.onosdvr.api.DvrSnapshot;
import org.onosdvr.api.DvrStore;
import org.onosdvr.api.GatewayAssignment;
import org.onosdvr.api.RouterId;
import org.onosproject.net.device.DeviceEvent;
import org.onosproject.net.device.DeviceListener;
import org.onosproject.net.device.DeviceService;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.slf4j.Logger;

import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static java.util.concurrent.Executors.newSingleThreadExecutor;
import static org.onlab.util.Tools.groupedThreads;
import static org.slf4j.LoggerFactory.getLogger;

/**
 * Keeps the gateway assignments of the store equal to {@link GatewaySelector#assign} of the current state and
 * device availability: recomputed (coalesced, on one thread) whenever the DVR state or a gateway's availability
 * changes. Every cluster member computes the same assignments, so concurrent writers agree.
 */
@Component(immediate = true)
public class GatewayManager {

    private final Logger log = getLogger(getClass());

    @Reference(cardinality = ReferenceCardinality.MANDATORY)
    protected DvrService dvrService;

    @Reference(cardinality = ReferenceCardinality.MANDATORY)
    protected DvrStore store;

    @Reference(cardinality = ReferenceCardinality.MANDATORY)
    protected DeviceService deviceService;

    private final DvrListener dvrListener = this::dvrEvent;
    private final DeviceListener deviceListener = this::deviceEvent;
    private final AtomicBoolean pending = new AtomicBoolean();
    private ExecutorService executor;

    @Activate
    protected void activate() {
        executor = newSingleThreadExecutor(groupedThreads("onos-dvr", "gateways-%d", log));
        dvrService.addListener(dvrListener);
        deviceService.addListener(deviceListener);
        schedule();
        log.info("Started");
    }

    @Deactivate
    protected void deactivate() {
        deviceService.removeListener(deviceListener);
        dvrService.removeListener(dvrListener);
        executor.shutdown();
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
                recompute();
            });
        }
    }

    /** Writes the assignments that differ from the computed ones, in one change. */
    void recompute() {
        try {
            store.apply(b -> {
                DvrSnapshot s = store.snapshot();
                Map<RouterId, GatewayAssignment> wanted = GatewaySelector.assign(s, deviceService::isAvailable);
                for (GatewayAssignment old : s.gatewayAssignments()) {
                    if (!wanted.containsKey(old.routerId())) {
                        b.removeGatewayAssignment(old.routerId());
                    }
                }
                wanted.forEach((r, a) -> {
                    if (!s.gatewayAssignment(r).map(a::equals).orElse(false)) {
                        log.info("Router {}: SNAT gateway {} (backups {})", r, a.primary(), a.backups());
                        b.gatewayAssignment(a);
                    }
                });
                return b;
            });
        } catch (RuntimeException e) {
            log.warn("Cannot update gateway assignments: {}", e.getMessage());
        }
    }

    /**
     * Waits for the queued work (for tests).
     *
     * @throws Exception if interrupted or failed
     */
    void flush() throws Exception {
        executor.submit(() -> { }).get(10, TimeUnit.SECONDS);
    }
}
