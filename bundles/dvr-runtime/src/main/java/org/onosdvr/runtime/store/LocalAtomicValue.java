package org.onosdvr.runtime.store;

import org.onosproject.store.service.AsyncAtomicValue;
import org.onosproject.store.service.AsyncConsistentMap;
import org.onosproject.store.service.AtomicValueEvent;
import org.onosproject.store.service.AtomicValueEventListener;
import org.onosproject.store.service.MapEventListener;
import org.onosproject.store.service.Versioned;

import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Durable {@link AsyncAtomicValue}: the single entry of a map of its own (values are serialized with the
 * value's serializer). {@link #compareAndSet} compares with {@code equals} (ONOS compares serialized forms; they agree for value types). A null value is
 * stored as an absent entry. Listeners receive an {@link AtomicValueEvent} per actual change.
 *
 * @param <V> value type
 */
final class LocalAtomicValue<V> implements AsyncAtomicValue<V> {

    private static final String KEY = "value";

    private final String name;
    private final AsyncConsistentMap<String, V> map;
    private final Map<AtomicValueEventListener<V>, MapEventListener<String, V>> listeners =
            new ConcurrentHashMap<>();

    /**
     * Creates a value over its backing map.
     *
     * @param name value name
     * @param map  backing map (null values allowed)
     */
    LocalAtomicValue(String name, AsyncConsistentMap<String, V> map) {
        this.name = name;
        this.map = map;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public CompletableFuture<Boolean> compareAndSet(V expect, V update) {
        boolean[] swapped = new boolean[1];
        return map.computeIf(KEY, current -> Objects.equals(current, expect), (k, v) -> {
            swapped[0] = true;
            return update;
        }).thenApply(v -> swapped[0]);
    }

    @Override
    public CompletableFuture<V> get() {
        return map.get(KEY).thenApply(Versioned::valueOrNull);
    }

    @Override
    public CompletableFuture<V> getAndSet(V value) {
        CompletableFuture<Versioned<V>> previous = value == null ? map.remove(KEY) : map.put(KEY, value);
        return previous.thenApply(Versioned::valueOrNull);
    }

    @Override
    public CompletableFuture<Void> set(V value) {
        return getAndSet(value).thenApply(v -> null);
    }

    @Override
    public CompletableFuture<Void> addListener(AtomicValueEventListener<V> listener) {
        MapEventListener<String, V> adapter = event -> listener.event(new AtomicValueEvent<>(name,
                Versioned.valueOrNull(event.newValue()), Versioned.valueOrNull(event.oldValue())));
        listeners.put(listener, adapter);
        return map.addListener(adapter);
    }

    @Override
    public CompletableFuture<Void> removeListener(AtomicValueEventListener<V> listener) {
        MapEventListener<String, V> adapter = listeners.remove(listener);
        return adapter == null ? CompletableFuture.completedFuture(null) : map.removeListener(adapter);
    }
}
