package org.onosdvr.runtime.store;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import com.google.common.collect.ImmutableSet;
import org.onosproject.store.service.EventuallyConsistentMap;
import org.onosproject.store.service.EventuallyConsistentMapEvent;
import org.onosproject.store.service.EventuallyConsistentMapListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Collection;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.function.BiFunction;

import static com.google.common.base.Preconditions.checkNotNull;
import static org.onosproject.store.service.EventuallyConsistentMapEvent.Type.PUT;
import static org.onosproject.store.service.EventuallyConsistentMapEvent.Type.REMOVE;

/**
 * In-memory {@link EventuallyConsistentMap}. ONOS's implementation is not durable either (it is replicated by
 * gossip and lost when the whole cluster stops); on one node there is nobody to gossip with. Null keys and
 * values are refused, as in ONOS. Listeners are called synchronously after each change that alters the map.
 *
 * @param <K> key type
 * @param <V> value type
 */
final class LocalEventuallyConsistentMap<K, V> implements EventuallyConsistentMap<K, V> {

    private final Logger log = LoggerFactory.getLogger(getClass());

    private final String name;
    private final Map<K, V> map = new ConcurrentHashMap<>();
    private final Set<EventuallyConsistentMapListener<K, V>> listeners = new CopyOnWriteArraySet<>();

    /**
     * Creates an empty map.
     *
     * @param name map name
     */
    LocalEventuallyConsistentMap(String name) {
        this.name = name;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public int size() {
        return map.size();
    }

    @Override
    public boolean isEmpty() {
        return map.isEmpty();
    }

    @Override
    public boolean containsKey(K key) {
        return map.containsKey(checkNotNull(key));
    }

    @Override
    public boolean containsValue(V value) {
        return map.containsValue(checkNotNull(value));
    }

    @Override
    public V get(K key) {
        return map.get(checkNotNull(key));
    }

    @Override
    public void put(K key, V value) {
        checkNotNull(key, "Key cannot be null");
        checkNotNull(value, "Value cannot be null");
        V old = map.put(key, value);
        if (!Objects.equals(old, value)) {
            notify(new EventuallyConsistentMapEvent<>(name, PUT, key, value));
        }
    }

    @Override
    public V remove(K key) {
        V old = map.remove(checkNotNull(key, "Key cannot be null"));
        if (old != null) {
            notify(new EventuallyConsistentMapEvent<>(name, REMOVE, key, old));
        }
        return old;
    }

    @Override
    public void remove(K key, V value) {
        checkNotNull(key, "Key cannot be null");
        checkNotNull(value, "Value cannot be null");
        if (map.remove(key, value)) {
            notify(new EventuallyConsistentMapEvent<>(name, REMOVE, key, value));
        }
    }

    @Override
    public V compute(K key, BiFunction<K, V, V> recomputeFunction) {
        checkNotNull(key, "Key cannot be null");
        Object[] before = new Object[1];
        V after = map.compute(key, (k, v) -> {
            before[0] = v;
            return recomputeFunction.apply(k, v);
        });
        @SuppressWarnings("unchecked")
        V old = (V) before[0];
        if (after == null && old != null) {
            notify(new EventuallyConsistentMapEvent<>(name, REMOVE, key, old));
        } else if (after != null && !Objects.equals(old, after)) {
            notify(new EventuallyConsistentMapEvent<>(name, PUT, key, after));
        }
        return after;
    }

    @Override
    public void putAll(Map<? extends K, ? extends V> m) {
        m.forEach(this::put);
    }

    @Override
    public void clear() {
        ImmutableMap.copyOf(map).keySet().forEach(this::remove);
    }

    @Override
    public Set<K> keySet() {
        return ImmutableSet.copyOf(map.keySet());
    }

    @Override
    public Collection<V> values() {
        return ImmutableList.copyOf(map.values());
    }

    @Override
    public Set<Map.Entry<K, V>> entrySet() {
        return ImmutableMap.copyOf(map).entrySet();
    }

    @Override
    public void addListener(EventuallyConsistentMapListener<K, V> listener) {
        listeners.add(checkNotNull(listener));
    }

    @Override
    public void removeListener(EventuallyConsistentMapListener<K, V> listener) {
        listeners.remove(listener);
    }

    private void notify(EventuallyConsistentMapEvent<K, V> event) {
        for (EventuallyConsistentMapListener<K, V> l : listeners) {
            try {
                l.event(event);
            } catch (RuntimeException e) {
                log.warn("Map {}: listener failed", name, e);
            }
        }
    }
}
