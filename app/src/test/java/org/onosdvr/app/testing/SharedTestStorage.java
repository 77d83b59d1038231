package org.onosdvr.app.testing;

import org.onosproject.store.service.AsyncConsistentMap;
import org.onosproject.store.service.ConsistentMap;
import org.onosproject.store.service.ConsistentMapAdapter;
import org.onosproject.store.service.ConsistentMapBuilder;
import org.onosproject.store.service.MapEvent;
import org.onosproject.store.service.MapEventListener;
import org.onosproject.store.service.Serializer;
import org.onosproject.store.service.StorageServiceAdapter;
import org.onosproject.store.service.Versioned;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

/**
 * A storage service whose consistent maps outlive the stores using them (a map is found again by name, like a
 * persistent ONOS map after a restart, or seen by two members of a cluster) and that stores every key and value
 * in serialized form, so a class missing from a Kryo namespace fails the test.
 */
public class SharedTestStorage extends StorageServiceAdapter {

    private final Map<String, SerializingMap<?, ?>> maps = new ConcurrentHashMap<>();

    @Override
    @SuppressWarnings("unchecked")
    public <K, V> ConsistentMapBuilder<K, V> consistentMapBuilder() {
        return new ConsistentMapBuilder<K, V>() {
            @Override
            public ConsistentMap<K, V> build() {
                return (ConsistentMap<K, V>) maps.computeIfAbsent(name(),
                                                                  n -> new SerializingMap<>(n, serializer()));
            }

            @Override
            public AsyncConsistentMap<K, V> buildAsyncMap() {
                throw new UnsupportedOperationException();
            }
        };
    }

    /**
     * @param name map name
     * @return the map of that name, null if never built
     */
    public ConsistentMap<?, ?> map(String name) {
        return maps.get(name);
    }

    /** A map holding serialized keys and values. */
    private static final class SerializingMap<K, V> extends ConsistentMapAdapter<K, V> {
        private final String name;
        private final Serializer serializer;
        private final Map<K, Versioned<byte[]>> map = new ConcurrentHashMap<>();
        private final List<MapEventListener<K, V>> listeners = new CopyOnWriteArrayList<>();
        private final AtomicLong versions = new AtomicLong();

        SerializingMap(String name, Serializer serializer) {
            this.name = name;
            this.serializer = serializer;
        }

        private K roundTrip(K key) {
            return serializer.decode(serializer.encode(key));
        }

        private Versioned<V> decode(Versioned<byte[]> v) {
            return v == null ? null : new Versioned<>(serializer.decode(v.value()), v.version(), v.creationTime());
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
        public Versioned<V> get(K key) {
            return decode(map.get(key));
        }

        @Override
        public Versioned<V> put(K key, V value) {
            K k = roundTrip(key);
            Versioned<byte[]> now = new Versioned<>(serializer.encode(value), versions.incrementAndGet());
            Versioned<V> old = decode(map.put(k, now));
            MapEvent<K, V> event = new MapEvent<>(old == null ? MapEvent.Type.INSERT : MapEvent.Type.UPDATE,
                                                  name, k, decode(now), old);
            listeners.forEach(l -> l.event(event));
            return old;
        }

        @Override
        public Versioned<V> remove(K key) {
            Versioned<V> old = decode(map.remove(key));
            if (old != null) {
                MapEvent<K, V> event = new MapEvent<>(MapEvent.Type.REMOVE, name, key, null, old);
                listeners.forEach(l -> l.event(event));
            }
            return old;
        }

        @Override
        public Set<K> keySet() {
            return Set.copyOf(map.keySet());
        }

        @Override
        public Collection<Versioned<V>> values() {
            return map.values().stream().map(this::decode).collect(Collectors.toList());
        }

        @Override
        public void addListener(MapEventListener<K, V> listener) {
            listeners.add(listener);
        }

        @Override
        public void removeListener(MapEventListener<K, V> listener) {
            listeners.remove(listener);
        }
    }
}
