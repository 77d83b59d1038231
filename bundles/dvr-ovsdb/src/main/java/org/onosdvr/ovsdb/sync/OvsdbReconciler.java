package org.onosdvr.ovsdb.sync;

import com.fasterxml.jackson.databind.JsonNode;
import org.onosdvr.ovsdb.db.Ops;
import org.onosproject.net.DeviceId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * Keeps some rows of each switch's database equal to a wanted value, level-triggered: on every trigger (new wanted
 * value, (re)connect, table update, retry) it diffs the wanted value against the switch's monitored tables (the
 * {@code differ}) and sends one {@code transact} if they differ. At most one transaction per device is in flight;
 * triggers meanwhile are covered by the reconciliation that follows its reply. ovsdb-server sends the
 * {@code update} of a transaction before its reply, so the diff right after a success is empty and nothing more
 * is sent: applying the same value twice sends nothing the second time. A failed transaction (error in the
 * reply, timeout, disconnect) is logged and retried after a delay that doubles from {@code retryMinMs} up to
 * {@code retryMaxMs}; a new wanted value or a reconnect retries at once. A device whose wanted value was never
 * given is left alone. All state lives on the executor's one thread; the public methods only enqueue.
 *
 * @param <W> the wanted value of one device (immutable)
 */
public class OvsdbReconciler<W> {

    private static final Logger log = LoggerFactory.getLogger(OvsdbReconciler.class);

    private final ScheduledExecutorService executor;
    private final Function<DeviceId, Optional<OvsdbTarget>> targets;
    private final BiFunction<OvsdbTarget, W, ? extends OvsdbDiff> differ;
    private final String what;
    private final Map<DeviceId, DeviceState<W>> devices = new ConcurrentHashMap<>();
    private volatile long retryMinMs;
    private volatile long retryMaxMs;

    /**
     * @param executor   single-threaded executor running every reconciliation
     * @param targets    the connected switch of a device, if any
     * @param differ     the changes a switch needs to match a wanted value (pure)
     * @param what       what is reconciled, for logs (e.g. {@code failover tunnel ports})
     * @param retryMinMs first retry delay after a failure
     * @param retryMaxMs longest retry delay
     */
    public OvsdbReconciler(ScheduledExecutorService executor, Function<DeviceId, Optional<OvsdbTarget>> targets,
                           BiFunction<OvsdbTarget, W, ? extends OvsdbDiff> differ, String what,
                           long retryMinMs, long retryMaxMs) {
        this.executor = executor;
        this.targets = targets;
        this.differ = differ;
        this.what = what;
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
     * Sets a device's wanted value and reconciles now (a pending retry delay is skipped).
     *
     * @param deviceId device
     * @param wanted   wanted value, immutable
     */
    public void setWanted(DeviceId deviceId, W wanted) {
        executor.execute(() -> {
            DeviceState<W> st = state(deviceId);
            st.wanted = wanted;
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
     * @return the wanted value last given, if any
     */
    public Optional<W> wanted(DeviceId deviceId) {
        DeviceState<W> st = devices.get(deviceId);
        return st == null ? Optional.empty() : Optional.ofNullable(st.wanted);
    }

    /**
     * @param deviceId device
     * @return number of transactions sent for the device so far
     */
    public long transactions(DeviceId deviceId) {
        DeviceState<W> st = devices.get(deviceId);
        return st == null ? 0 : st.sent.get();
    }

    private DeviceState<W> state(DeviceId deviceId) {
        return devices.computeIfAbsent(deviceId, d -> new DeviceState<>());
    }

    private void reconcile(DeviceId deviceId) {
        DeviceState<W> st = state(deviceId);
        if (st.wanted == null) {
            return;
        }
        if (st.inFlight) {
            return;     // finished() reconciles again (success) or schedules a retry (failure)
        }
        if (st.retry != null) {
            return;
        }
        Optional<OvsdbTarget> target = targets.apply(deviceId);
        if (target.isEmpty()) {
            return;
        }
        OvsdbTarget t = target.get();
        OvsdbDiff diff = differ.apply(t, st.wanted);
        if (diff.isEmpty()) {
            return;
        }
        st.inFlight = true;
        st.sent.incrementAndGet();
        log.info("{}: {}: {}", deviceId, what, diff);
        t.transact(diff.ops()).whenComplete((result, error) -> executor.execute(
                () -> finished(deviceId, diff, result, error)));
    }

    private void finished(DeviceId deviceId, OvsdbDiff diff, JsonNode result, Throwable error) {
        DeviceState<W> st = state(deviceId);
        st.inFlight = false;
        List<String> errors = error != null ? List.of(String.valueOf(error.getMessage()))
                : Ops.errors(result, diff.ops());
        if (errors.isEmpty()) {
            st.resetBackoff();
            reconcile(deviceId);
            return;
        }
        st.backoffMs = st.backoffMs == 0 ? retryMinMs : Math.min(retryMaxMs, st.backoffMs * 2);
        log.warn("{}: OVSDB transaction for the {} failed ({}): {}; retrying in {} ms",
                 deviceId, what, diff, errors, st.backoffMs);
        st.retry = executor.schedule(() -> {
            st.retry = null;
            reconcile(deviceId);
        }, st.backoffMs, TimeUnit.MILLISECONDS);
    }

    /** Per-device state, touched only on the executor thread (fields read elsewhere are volatile). */
    private static final class DeviceState<W> {
        private volatile W wanted;
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
