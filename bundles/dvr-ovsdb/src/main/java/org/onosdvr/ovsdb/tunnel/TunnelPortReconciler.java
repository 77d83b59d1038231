package org.onosdvr.ovsdb.tunnel;

import com.fasterxml.jackson.databind.JsonNode;
import org.onosdvr.api.FailoverTunnel;
import org.onosdvr.ovsdb.db.Ops;
import org.onosproject.net.DeviceId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * Keeps each switch's failover tunnel ports equal to the wanted set, level-triggered: on every trigger (new wanted
 * set, (re)connect, table update, retry) it diffs the wanted set against the switch's monitored tables
 * ({@link TunnelPortDiff}) and sends one {@code transact} if they differ. At most one transaction per device is
 * in flight; triggers meanwhile are covered by the reconciliation that follows its reply. ovsdb-server sends the
 * {@code update} of a transaction before its reply, so the diff right after a success is empty and nothing more
 * is sent: applying the same set twice sends nothing the second time. A failed transaction (error in the
 * reply, timeout, disconnect) is logged and retried after a delay that doubles from {@code retryMinMs} up to
 * {@code retryMaxMs}; a new wanted set or a reconnect retries at once. A device whose wanted set was never given
 * is left alone. All state lives on the executor's one thread; the public methods only enqueue.
 */
public final class TunnelPortReconciler {

    private static final Logger log = LoggerFactory.getLogger(TunnelPortReconciler.class);

    private final ScheduledExecutorService executor;
    private final Function<DeviceId, Optional<TunnelPortTarget>> targets;
    private final Map<DeviceId, DeviceState> devices = new ConcurrentHashMap<>();
    private volatile long retryMinMs;
    private volatile long retryMaxMs;

    /**
     * @param executor   single-threaded executor running every reconciliation
     * @param targets    the connected switch of a device, if any
     * @param retryMinMs first retry delay after a failure
     * @param retryMaxMs longest retry delay
     */
    public TunnelPortReconciler(ScheduledExecutorService executor,
                                Function<DeviceId, Optional<TunnelPortTarget>> targets,
                                long retryMinMs, long retryMaxMs) {
        this.executor = executor;
        this.targets = targets;
        retry(retryMinMs, retryMaxMs);
    }

    /**
     * @param minMs first retry delay, > 0
     * @param maxMs longest retry delay, >= minMs
     */
    public void retry(long minMs, long maxMs) {
        if (minMs <= 0 || maxMs < minMs) {
            throw new IllegalArgumentException("retry delays must be 0 < min <= max: " + minMs + ", " + maxMs);
        }
        this.retryMinMs = minMs;
        this.retryMaxMs = maxMs;
    }

    /**
     * Sets a device's wanted ports and reconciles now (a pending retry delay is skipped).
     *
     * @param deviceId device
     * @param wanted   wanted failover tunnels, unique names
     */
    public void setWanted(DeviceId deviceId, Set<FailoverTunnel> wanted) {
        Set<FailoverTunnel> copy = Set.copyOf(wanted);
        executor.execute(() -> {
            DeviceState st = state(deviceId);
            st.wanted = copy;
            st.resetBackoff();
            reconcile(deviceId);
        });
    }

    /**
     * The device's switch (re)connected: reconcile now.
     *
     * @param deviceId device
     */
    public void connected(DeviceId deviceId) {
        executor.execute(() -> {
            state(deviceId).resetBackoff();
            reconcile(deviceId);
        });
    }

    /**
     * The device's tables changed: reconcile unless waiting for a reply or a retry.
     *
     * @param deviceId device
     */
    public void updated(DeviceId deviceId) {
        executor.execute(() -> reconcile(deviceId));
    }

    /**
     * @param deviceId device
     * @return the wanted set last given, if any
     */
    public Optional<Set<FailoverTunnel>> wanted(DeviceId deviceId) {
        DeviceState st = devices.get(deviceId);
        return st == null ? Optional.empty() : Optional.ofNullable(st.wanted);
    }

    /**
     * @param deviceId device
     * @return number of transactions sent for the device so far
     */
    public long transactions(DeviceId deviceId) {
        DeviceState st = devices.get(deviceId);
        return st == null ? 0 : st.sent.get();
    }

    private DeviceState state(DeviceId deviceId) {
        return devices.computeIfAbsent(deviceId, d -> new DeviceState());
    }

    private void reconcile(DeviceId deviceId) {
        DeviceState st = state(deviceId);
        if (st.wanted == null) {
            return;
        }
        if (st.inFlight) {
            return;     // finished() reconciles again (success) or schedules a retry (failure)
        }
        if (st.retry != null) {
            return;
        }
        Optional<TunnelPortTarget> target = targets.apply(deviceId);
        if (target.isEmpty()) {
            return;
        }
        TunnelPortTarget t = target.get();
        TunnelPortDiff diff = TunnelPortDiff.of(t.tables(), t.bridgeName(), st.wanted);
        if (diff.isEmpty()) {
            return;
        }
        st.inFlight = true;
        st.sent.incrementAndGet();
        log.info("{}: failover tunnel ports: {}", deviceId, diff);
        t.transact(diff.ops()).whenComplete((result, error) -> executor.execute(
                () -> finished(deviceId, diff, result, error)));
    }

    private void finished(DeviceId deviceId, TunnelPortDiff diff, JsonNode result, Throwable error) {
        DeviceState st = state(deviceId);
        st.inFlight = false;
        List<String> errors = error != null ? List.of(String.valueOf(error.getMessage()))
                : Ops.errors(result, diff.ops());
        if (errors.isEmpty()) {
            st.resetBackoff();
            reconcile(deviceId);
            return;
        }
        st.backoffMs = st.backoffMs == 0 ? retryMinMs : Math.min(retryMaxMs, st.backoffMs * 2);
        log.warn("{}: OVSDB transaction for the failover tunnel ports failed ({}): {}; retrying in {} ms",
                 deviceId, diff, errors, st.backoffMs);
        st.retry = executor.schedule(() -> {
            st.retry = null;
            reconcile(deviceId);
        }, st.backoffMs, TimeUnit.MILLISECONDS);
    }

    /** Per-device state, touched only on the executor thread (fields read elsewhere are volatile). */
    private static final class DeviceState {
        private volatile Set<FailoverTunnel> wanted;
        private final AtomicLong sent = new AtomicLong();
        private boolean inFlight;
        private long backoffMs;
        private ScheduledFuture<?> retry;

        private void resetBackoff() {
            backoffMs = 0;
            if (retry != null) {
                retry.cancel(false);
                retry = null;
            }
        }
    }
}
