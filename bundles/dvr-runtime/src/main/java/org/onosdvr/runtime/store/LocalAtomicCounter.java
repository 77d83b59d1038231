package org.onosdvr.runtime.store;

import org.onosproject.store.service.AsyncAtomicCounter;
import org.onosproject.store.service.AsyncConsistentMap;
import org.onosproject.store.service.Versioned;

import java.util.concurrent.CompletableFuture;
import java.util.function.LongUnaryOperator;

/**
 * Durable {@link AsyncAtomicCounter}: one entry (named after the counter) of the runtime's counter map, so
 * every change is logged like any map mutation. A counter that was never set reads 0, as in ONOS.
 */
final class LocalAtomicCounter implements AsyncAtomicCounter {

    private final String name;
    private final AsyncConsistentMap<String, Long> counters;

    /**
     * Creates a counter view.
     *
     * @param name     counter name
     * @param counters map holding all counters
     */
    LocalAtomicCounter(String name, AsyncConsistentMap<String, Long> counters) {
        this.name = name;
        this.counters = counters;
    }

    @Override
    public String name() {
        return name;
    }

    private CompletableFuture<Long> update(LongUnaryOperator op, boolean returnNew) {
        long[] previous = new long[1];
        return counters.compute(name, (k, v) -> {
            previous[0] = v == null ? 0L : v;
            return op.applyAsLong(previous[0]);
        }).thenApply(v -> returnNew ? v.value() : previous[0]);
    }

    @Override
    public CompletableFuture<Long> incrementAndGet() {
        return update(v -> v + 1, true);
    }

    @Override
    public CompletableFuture<Long> getAndIncrement() {
        return update(v -> v + 1, false);
    }

    @Override
    public CompletableFuture<Long> getAndAdd(long delta) {
        return update(v -> v + delta, false);
    }

    @Override
    public CompletableFuture<Long> addAndGet(long delta) {
        return update(v -> v + delta, true);
    }

    @Override
    public CompletableFuture<Long> get() {
        return counters.get(name).thenApply(v -> Versioned.valueOrElse(v, 0L));
    }

    @Override
    public CompletableFuture<Void> set(long value) {
        return counters.put(name, value).thenApply(v -> null);
    }

    @Override
    public CompletableFuture<Boolean> compareAndSet(long expectedValue, long updateValue) {
        boolean[] swapped = new boolean[1];
        return counters.computeIf(name, v -> (v == null ? 0L : v) == expectedValue, (k, v) -> {
            swapped[0] = true;
            return updateValue;
        }).thenApply(v -> swapped[0]);
    }
}
