package org.onosdvr.runtime.store;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableSet;
import com.google.common.collect.Maps;
import org.onosproject.core.ApplicationId;
import org.onosproject.store.primitives.MapUpdate;
import org.onosproject.store.primitives.TransactionId;
import org.onosproject.store.service.AsyncConsistentMap;
import org.onosproject.store.service.AsyncIterator;
import org.onosproject.store.service.MapEvent;
import org.onosproject.store.service.MapEventListener;
import org.onosproject.store.service.Serializer;
import org.onosproject.store.service.TransactionLog;
import org.onosproject.store.service.Version;
import org.onosproject.store.service.Versioned;

import java.util.Arrays;
import java.util.Collection;
import java.util.Iterator;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.BiFunction;
import java.util.function.Predicate;
import java.util.function.Supplier;

import static com.google.common.base.Preconditions.checkNotNull;

/**
 * ONOS {@link AsyncConsistentMap} over a {@link MapState}: keys and values go through the map's
 * {@link Serializer}, so callers always get fresh copies and equality is that of the serialized form, as with
 * ONOS's Atomix maps. Operations complete before the future is returned (a single node has no round trip);
 * failures are returned as failed futures, which ONOS's {@code DefaultConsistentMap} rethrows.
 * Transactions are not supported.
 *
 * @param <K> key type
 * @param <V> value type
 */
public final class LocalConsistentMap<K, V> implements AsyncConsistentMap<K, V> {

    private static final String NULL_KEY = "Key cannot be null";
    private static final String NULL_VALUE = "Null values are not allowed";

    private final MapState state;
    private final Serializer keySerializer;
    private final Serializer serializer;
    private final boolean nullValues;
    private final boolean readOnly;
    private final ApplicationId appId;

    /**
     * Creates a handle.
     *
     * @param state      shared map state
     * @param keySerializer serializer for keys
     * @param serializer serializer for values
     * @param nullValues whether null values may be stored
     * @param readOnly   whether mutations are refused
     * @param appId      owning application, may be null
     */
    LocalConsistentMap(MapState state, Serializer keySerializer, Serializer serializer, boolean nullValues,
                       boolean readOnly, ApplicationId appId) {
        this.state = checkNotNull(state);
        this.keySerializer = checkNotNull(keySerializer, "Map %s needs a serializer", state.name());
        this.serializer = checkNotNull(serializer, "Map %s needs a serializer", state.name());
        this.nullValues = nullValues;
        this.readOnly = readOnly;
        this.appId = appId;
    }

    @Override
    public String name() {
        return state.name();
    }

    @Override
    public ApplicationId applicationId() {
        return appId;
    }

    private Bytes key(K key) {
        checkNotNull(key, NULL_KEY);
        return Bytes.wrap(keySerializer.encode(key));
    }

    private byte[] value(V value) {
        if (value == null) {
            if (!nullValues) {
                throw new NullPointerException(NULL_VALUE);
            }
            return null;
        }
        return serializer.encode(value);
    }

    private V decodeValue(byte[] bytes) {
        return bytes == null ? null : serializer.decode(bytes);
    }

    private Versioned<V> decode(Versioned<byte[]> stored) {
        return stored == null ? null
                : new Versioned<>(decodeValue(stored.value()), stored.version(), stored.creationTime());
    }

    private void checkWritable() {
        if (readOnly) {
            throw new UnsupportedOperationException("Map " + name() + " is read-only (withUpdatesDisabled)");
        }
    }

    private static <T> CompletableFuture<T> run(Supplier<T> op) {
        try {
            return CompletableFuture.completedFuture(op.get());
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    private <T> CompletableFuture<T> mutate(Supplier<T> op) {
        return run(() -> {
            checkWritable();
            return state.atomically(op);
        });
    }

    @Override
    public CompletableFuture<Integer> size() {
        return run(() -> state.entries().size());
    }

    @Override
    public CompletableFuture<Boolean> containsKey(K key) {
        return run(() -> state.get(key(key)) != null);
    }

    @Override
    public CompletableFuture<Boolean> containsValue(V value) {
        return run(() -> {
            byte[] bytes = value(value);
            return state.entries().values().stream().anyMatch(v -> Arrays.equals(v.value(), bytes));
        });
    }

    @Override
    public CompletableFuture<Versioned<V>> get(K key) {
        return run(() -> decode(state.get(key(key))));
    }

    @Override
    public CompletableFuture<Versioned<V>> getOrDefault(K key, V defaultValue) {
        return run(() -> {
            Versioned<byte[]> stored = state.get(key(key));
            return stored != null ? decode(stored) : new Versioned<>(defaultValue, 0);
        });
    }

    @Override
    public CompletableFuture<Versioned<V>> computeIf(K key, Predicate<? super V> condition,
                                                     BiFunction<? super K, ? super V, ? extends V> function) {
        return mutate(() -> {
            Bytes k = key(key);
            Versioned<byte[]> current = state.get(k);
            V existing = current == null ? null : decodeValue(current.value());
            if (!condition.test(existing)) {
                return decode(current);
            }
            V computed = function.apply(key, existing);
            if (computed == null) {
                state.delete(k);
                return null;
            }
            return decode(state.write(k, value(computed)));
        });
    }

    @Override
    public CompletableFuture<Versioned<V>> put(K key, V value) {
        return mutate(() -> {
            Bytes k = key(key);
            Versioned<V> previous = decode(state.get(k));
            state.write(k, value(value));
            return previous;
        });
    }

    @Override
    public CompletableFuture<Versioned<V>> putAndGet(K key, V value) {
        return mutate(() -> decode(state.write(key(key), value(value))));
    }

    @Override
    public CompletableFuture<Versioned<V>> remove(K key) {
        return mutate(() -> decode(state.delete(key(key))));
    }

    @Override
    public CompletableFuture<Void> clear() {
        return mutate(() -> {
            state.clear();
            return null;
        });
    }

    @Override
    @SuppressWarnings("unchecked")
    public CompletableFuture<Set<K>> keySet() {
        return run(() -> {
            ImmutableSet.Builder<K> keys = ImmutableSet.builder();
            state.entries().keySet().forEach(k -> keys.add((K) keySerializer.decode(k.data())));
            return keys.build();
        });
    }

    @Override
    public CompletableFuture<Collection<Versioned<V>>> values() {
        return run(() -> {
            ImmutableList.Builder<Versioned<V>> values = ImmutableList.builder();
            state.entries().values().forEach(v -> values.add(decode(v)));
            return values.build();
        });
    }

    @Override
    public CompletableFuture<Set<Map.Entry<K, Versioned<V>>>> entrySet() {
        return run(this::entries);
    }

    private Set<Map.Entry<K, Versioned<V>>> entries() {
        ImmutableSet.Builder<Map.Entry<K, Versioned<V>>> set = ImmutableSet.builder();
        state.entries().forEach((k, v) -> set.add(Maps.immutableEntry(keySerializer.decode(k.data()), decode(v))));
        return set.build();
    }

    @Override
    public CompletableFuture<Versioned<V>> putIfAbsent(K key, V value) {
        return mutate(() -> {
            Bytes k = key(key);
            Versioned<byte[]> current = state.get(k);
            if (current != null) {
                return decode(current);
            }
            state.write(k, value(value));
            return null;
        });
    }

    @Override
    public CompletableFuture<Boolean> remove(K key, V value) {
        return mutate(() -> {
            Bytes k = key(key);
            Versioned<byte[]> current = state.get(k);
            if (current == null || !Arrays.equals(current.value(), value(value))) {
                return false;
            }
            state.delete(k);
            return true;
        });
    }

    @Override
    public CompletableFuture<Boolean> remove(K key, long version) {
        return mutate(() -> {
            Bytes k = key(key);
            Versioned<byte[]> current = state.get(k);
            if (current == null || current.version() != version) {
                return false;
            }
            state.delete(k);
            return true;
        });
    }

    @Override
    public CompletableFuture<Versioned<V>> replace(K key, V value) {
        return mutate(() -> {
            Bytes k = key(key);
            Versioned<byte[]> current = state.get(k);
            if (current == null) {
                return null;
            }
            Versioned<V> previous = decode(current);
            state.write(k, value(value));
            return previous;
        });
    }

    @Override
    public CompletableFuture<Boolean> replace(K key, V oldValue, V newValue) {
        return mutate(() -> {
            Bytes k = key(key);
            Versioned<byte[]> current = state.get(k);
            if (current == null || !Arrays.equals(current.value(), value(oldValue))) {
                return false;
            }
            state.write(k, value(newValue));
            return true;
        });
    }

    @Override
    public CompletableFuture<Boolean> replace(K key, long oldVersion, V newValue) {
        return mutate(() -> {
            Bytes k = key(key);
            Versioned<byte[]> current = state.get(k);
            if (current == null || current.version() != oldVersion) {
                return false;
            }
            state.write(k, value(newValue));
            return true;
        });
    }

    @Override
    public CompletableFuture<Void> addListener(MapEventListener<K, V> listener, Executor executor) {
        return run(() -> {
            checkNotNull(listener, "Listener cannot be null");
            checkNotNull(executor, "Executor cannot be null");
            state.addListener(new ListenerKey(this, listener), raw -> {
                MapEvent<K, V> event = new MapEvent<>(raw.type, name(), keySerializer.decode(raw.key.data()),
                        decode(raw.newValue), decode(raw.oldValue));
                executor.execute(() -> listener.event(event));
            });
            return null;
        });
    }

    @Override
    public CompletableFuture<Void> removeListener(MapEventListener<K, V> listener) {
        return run(() -> {
            state.removeListener(new ListenerKey(this, listener));
            return null;
        });
    }

    @Override
    public CompletableFuture<AsyncIterator<Map.Entry<K, Versioned<V>>>> iterator() {
        return run(() -> new EntryIterator<>(entries().iterator()));
    }

    // Iterates over a snapshot of the entries.
    private static final class EntryIterator<T> implements AsyncIterator<T> {
        private final Iterator<T> it;

        EntryIterator(Iterator<T> it) {
            this.it = it;
        }

        @Override
        public CompletableFuture<Boolean> hasNext() {
            return CompletableFuture.completedFuture(it.hasNext());
        }

        @Override
        public CompletableFuture<T> next() {
            return run(it::next);
        }
    }

    private CompletableFuture<Boolean> noTransactions() {
        return CompletableFuture.failedFuture(new UnsupportedOperationException(
                "Transactions on consistent map " + name() + " are not supported by the onos-dvr runtime"));
    }

    @Override
    public CompletableFuture<Version> begin(TransactionId transactionId) {
        return noTransactions().thenApply(b -> null);
    }

    @Override
    public CompletableFuture<Boolean> prepare(TransactionLog<MapUpdate<K, V>> transactionLog) {
        return noTransactions();
    }

    @Override
    public CompletableFuture<Boolean> prepareAndCommit(TransactionLog<MapUpdate<K, V>> transactionLog) {
        return noTransactions();
    }

    @Override
    public CompletableFuture<Void> commit(TransactionId transactionId) {
        return noTransactions().thenApply(b -> null);
    }

    @Override
    public CompletableFuture<Void> rollback(TransactionId transactionId) {
        return noTransactions().thenApply(b -> null);
    }

    @Override
    public String toString() {
        return "LocalConsistentMap{" + name() + "}";
    }

    // Identifies a listener registration of one handle (two handles may register the same listener).
    private static final class ListenerKey {
        private final Object handle;
        private final Object listener;

        ListenerKey(Object handle, Object listener) {
            this.handle = handle;
            this.listener = listener;
        }

        @Override
        public boolean equals(Object obj) {
            return obj instanceof ListenerKey && ((ListenerKey) obj).handle == handle
                    && ((ListenerKey) obj).listener == listener;
        }

        @Override
        public int hashCode() {
            return Objects.hash(System.identityHashCode(handle), System.identityHashCode(listener));
        }
    }
}
