package org.onosdvr.runtime.store;

import org.onosproject.store.service.MapEvent;
import org.onosproject.store.service.StorageException;
import org.onosproject.store.service.Versioned;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The shared, serialized state of one named map: entries keyed and valued by their serialized bytes (so
 * handles built with different serializers over the same name see the same map, as in ONOS), a map-wide
 * version counter (every mutation takes the next version, like a Raft log index), the durable log, and the
 * listeners of all handles.
 * <p>
 * Mutations run under one lock via {@link #atomically}: each is first written to the log, then applied
 * in memory, then its event is queued. Events are delivered after the lock is released, in mutation order,
 * by one thread at a time; a listener that mutates the map has its own events delivered after it returns.
 */
final class MapState {

    private final Logger log = LoggerFactory.getLogger(getClass());

    private final String name;
    private final MapLog mapLog;
    private final Map<Bytes, Versioned<byte[]>> entries = new ConcurrentHashMap<>();
    private final Object lock = new Object();
    private final Queue<RawEvent> pending = new ArrayDeque<>();
    private final AtomicBoolean draining = new AtomicBoolean();
    private final CopyOnWriteArrayList<Registration> listeners = new CopyOnWriteArrayList<>();
    private long version;

    /** A change at the byte level, before decoding by a handle. */
    static final class RawEvent {
        final MapEvent.Type type;
        final Bytes key;
        final Versioned<byte[]> newValue;
        final Versioned<byte[]> oldValue;

        private RawEvent(MapEvent.Type type, Bytes key, Versioned<byte[]> newValue, Versioned<byte[]> oldValue) {
            this.type = type;
            this.key = key;
            this.newValue = newValue;
            this.oldValue = oldValue;
        }
    }

    private static final class Registration {
        final Object owner;
        final Consumer<RawEvent> consumer;

        Registration(Object owner, Consumer<RawEvent> consumer) {
            this.owner = owner;
            this.consumer = consumer;
        }
    }

    private MapState(String name, MapLog mapLog) {
        this.name = name;
        this.mapLog = mapLog;
    }

    /**
     * Creates a map kept only in memory.
     *
     * @param name map name
     * @return state
     */
    static MapState inMemory(String name) {
        return new MapState(name, null);
    }

    /**
     * Opens (recovering) a durable map.
     *
     * @param name   map name
     * @param mapLog its log, not yet opened
     * @return state holding the recovered entries
     * @throws IOException if the stored state cannot be read
     */
    static MapState durable(String name, MapLog mapLog) throws IOException {
        MapState state = new MapState(name, mapLog);
        MapLog.Recovered recovered = mapLog.open();
        state.entries.putAll(recovered.entries);
        state.version = recovered.lastVersion;
        if (recovered.discardedBytes > 0) {
            state.log.warn("Map {}: discarded {} bytes of incomplete log records (interrupted write)",
                    name, recovered.discardedBytes);
        }
        return state;
    }

    String name() {
        return name;
    }

    /**
     * Reads an entry without locking.
     *
     * @param key serialized key
     * @return stored value or null
     */
    Versioned<byte[]> get(Bytes key) {
        return entries.get(key);
    }

    /**
     * Returns the live entry map; read-only use.
     *
     * @return entries
     */
    Map<Bytes, Versioned<byte[]>> entries() {
        return entries;
    }

    /**
     * Runs a compound operation atomically with respect to all other mutations, then delivers its events.
     *
     * @param action operation using {@link #write}, {@link #delete}, {@link #clear}
     * @param <T>    result type
     * @return the action's result
     */
    <T> T atomically(Supplier<T> action) {
        T result;
        synchronized (lock) {
            result = action.get();
        }
        if (!Thread.holdsLock(lock)) {
            drain();
        }
        return result;
    }

    /**
     * Maps {@code key} to {@code value}; a no-op (no new version, no event) if the stored bytes are equal.
     * Only inside {@link #atomically}.
     *
     * @param key   serialized key
     * @param value serialized value (null for a null value)
     * @return the entry now stored
     */
    Versioned<byte[]> write(Bytes key, byte[] value) {
        Versioned<byte[]> old = entries.get(key);
        if (old != null && Arrays.equals(old.value(), value)) {
            return old;
        }
        long next = version + 1;
        long created = old == null ? System.currentTimeMillis() : old.creationTime();
        Versioned<byte[]> stored = new Versioned<>(value, next, created);
        if (mapLog != null) {
            try {
                mapLog.appendPut(key.data(), stored);
            } catch (IOException e) {
                throw new StorageException(e);
            }
        }
        version = next;
        entries.put(key, stored);
        pending.add(new RawEvent(old == null ? MapEvent.Type.INSERT : MapEvent.Type.UPDATE, key, stored, old));
        maybeCompact();
        return stored;
    }

    /**
     * Removes {@code key}. Only inside {@link #atomically}.
     *
     * @param key serialized key
     * @return the removed entry or null if absent
     */
    Versioned<byte[]> delete(Bytes key) {
        Versioned<byte[]> old = entries.get(key);
        if (old == null) {
            return null;
        }
        long next = version + 1;
        if (mapLog != null) {
            try {
                mapLog.appendRemove(key.data(), next);
            } catch (IOException e) {
                throw new StorageException(e);
            }
        }
        version = next;
        entries.remove(key);
        pending.add(new RawEvent(MapEvent.Type.REMOVE, key, null, old));
        maybeCompact();
        return old;
    }

    /** Removes every entry, one REMOVE event each. Only inside {@link #atomically}. */
    void clear() {
        if (entries.isEmpty()) {
            return;
        }
        long next = version + 1;
        if (mapLog != null) {
            try {
                mapLog.appendClear(next);
            } catch (IOException e) {
                throw new StorageException(e);
            }
        }
        version = next;
        for (Map.Entry<Bytes, Versioned<byte[]>> e : entries.entrySet()) {
            pending.add(new RawEvent(MapEvent.Type.REMOVE, e.getKey(), null, e.getValue()));
        }
        entries.clear();
        maybeCompact();
    }

    private void maybeCompact() {
        if (mapLog != null && mapLog.shouldCompact()) {
            try {
                mapLog.compact(entries, version);
            } catch (IOException e) {
                // The mutation is already durable in the log; compaction is retried on the next one.
                log.warn("Map {}: compaction failed, will retry", name, e);
            }
        }
    }

    /**
     * Registers an event consumer.
     *
     * @param owner    identity used by {@link #removeListener}
     * @param consumer receives raw events in mutation order
     */
    void addListener(Object owner, Consumer<RawEvent> consumer) {
        listeners.add(new Registration(owner, consumer));
    }

    /**
     * Unregisters the consumer(s) added for {@code owner}.
     *
     * @param owner identity given to {@link #addListener}
     */
    void removeListener(Object owner) {
        listeners.removeIf(r -> r.owner.equals(owner));
    }

    private void drain() {
        while (true) {
            if (!draining.compareAndSet(false, true)) {
                return;
            }
            try {
                RawEvent event;
                while ((event = poll()) != null) {
                    for (Registration r : listeners) {
                        try {
                            r.consumer.accept(event);
                        } catch (RuntimeException e) {
                            log.warn("Map {}: listener failed", name, e);
                        }
                    }
                }
            } finally {
                draining.set(false);
            }
            synchronized (lock) {
                if (pending.isEmpty()) {
                    return;
                }
            }
        }
    }

    private RawEvent poll() {
        synchronized (lock) {
            return pending.poll();
        }
    }

    /**
     * Writes a final snapshot and closes the log.
     */
    void close() {
        if (mapLog == null) {
            return;
        }
        synchronized (lock) {
            try {
                mapLog.compact(entries, version);
            } catch (IOException e) {
                log.warn("Map {}: final compaction failed; the log still holds every mutation", name, e);
            }
            try {
                mapLog.close();
            } catch (IOException e) {
                log.warn("Map {}: close failed", name, e);
            }
        }
    }
}
