package org.onosdvr.runtime.store;

import org.onlab.util.KryoNamespace;
import org.onosproject.cluster.NodeId;
import org.onosproject.store.Timestamp;
import org.onosproject.store.service.AsyncAtomicCounter;
import org.onosproject.store.service.AsyncAtomicIdGenerator;
import org.onosproject.store.service.AsyncAtomicValue;
import org.onosproject.store.service.AsyncConsistentMap;
import org.onosproject.store.service.AtomicCounterBuilder;
import org.onosproject.store.service.AtomicIdGeneratorBuilder;
import org.onosproject.store.service.AtomicValueBuilder;
import org.onosproject.store.service.ConsistentMap;
import org.onosproject.store.service.ConsistentMapBuilder;
import org.onosproject.store.service.EventuallyConsistentMap;
import org.onosproject.store.service.EventuallyConsistentMapBuilder;

import java.util.Collection;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;

import static com.google.common.base.Preconditions.checkState;

/**
 * The builders {@link RuntimeStorageService} hands out. Options that only matter in a cluster (relaxed read
 * consistency, partitions, compatibility functions, anti-entropy, timestamps) are accepted and ignored.
 */
final class LocalPrimitiveBuilders {

    private LocalPrimitiveBuilders() {
    }

    private static String requireName(String name, String primitive) {
        checkState(name != null && !name.isEmpty(), "A %s needs a name (withName)", primitive);
        return name;
    }

    /** Builds durable consistent maps. */
    static final class MapBuilder<K, V> extends ConsistentMapBuilder<K, V> {
        private final RuntimeStorageService storage;

        MapBuilder(RuntimeStorageService storage) {
            this.storage = storage;
        }

        @Override
        public AsyncConsistentMap<K, V> buildAsyncMap() {
            String name = requireName(name(), "consistent map");
            checkState(serializer() != null, "Consistent map %s needs a serializer (withSerializer)", name);
            return new LocalConsistentMap<>(storage.mapState(RuntimeStorageService.MAPS, name), serializer(),
                    serializer(), nullValues(), readOnly(), applicationId());
        }

        @Override
        public ConsistentMap<K, V> build() {
            return buildAsyncMap().asConsistentMap();
        }
    }

    /** Builds durable counters. */
    static final class CounterBuilder extends AtomicCounterBuilder {
        private final RuntimeStorageService storage;

        CounterBuilder(RuntimeStorageService storage) {
            this.storage = storage;
        }

        @Override
        public AsyncAtomicCounter build() {
            return storage.counter(requireName(name(), "atomic counter"));
        }
    }

    /** Builds durable id generators (backed by counters of their own namespace). */
    static final class IdGeneratorBuilder extends AtomicIdGeneratorBuilder {
        private final RuntimeStorageService storage;

        IdGeneratorBuilder(RuntimeStorageService storage) {
            this.storage = storage;
        }

        @Override
        public AsyncAtomicIdGenerator build() {
            return new LocalAtomicIdGenerator(storage.idCounter(requireName(name(), "atomic id generator")));
        }
    }

    /** Builds durable atomic values. */
    static final class ValueBuilder<V> extends AtomicValueBuilder<V> {
        private final RuntimeStorageService storage;

        ValueBuilder(RuntimeStorageService storage) {
            this.storage = storage;
        }

        @Override
        public AsyncAtomicValue<V> build() {
            String name = requireName(name(), "atomic value");
            checkState(serializer() != null, "Atomic value %s needs a serializer (withSerializer)", name);
            AsyncConsistentMap<String, V> map = new LocalConsistentMap<>(
                    storage.mapState(RuntimeStorageService.VALUES, name), PlainSerializers.STRING, serializer(),
                    true, false, applicationId());
            return new LocalAtomicValue<>(name, map);
        }
    }

    /** Builds in-memory eventually consistent maps. */
    static final class EcMapBuilder<K, V> implements EventuallyConsistentMapBuilder<K, V> {
        private String name;

        @Override
        public EventuallyConsistentMapBuilder<K, V> withName(String name) {
            this.name = name;
            return this;
        }

        @Override
        public EventuallyConsistentMapBuilder<K, V> withSerializer(KryoNamespace.Builder serializerBuilder) {
            return this;
        }

        @Override
        public EventuallyConsistentMapBuilder<K, V> withSerializer(KryoNamespace serializer) {
            return this;
        }

        @Override
        public EventuallyConsistentMapBuilder<K, V> withTimestampProvider(
                BiFunction<K, V, Timestamp> timestampProvider) {
            return this;
        }

        @Override
        public EventuallyConsistentMapBuilder<K, V> withEventExecutor(ExecutorService executor) {
            return this;
        }

        @Override
        public EventuallyConsistentMapBuilder<K, V> withCommunicationExecutor(ExecutorService executor) {
            return this;
        }

        @Override
        public EventuallyConsistentMapBuilder<K, V> withBackgroundExecutor(ScheduledExecutorService executor) {
            return this;
        }

        @Override
        public EventuallyConsistentMapBuilder<K, V> withPeerUpdateFunction(
                BiFunction<K, V, Collection<NodeId>> peerUpdateFunction) {
            return this;
        }

        @Override
        public EventuallyConsistentMapBuilder<K, V> withTombstonesDisabled() {
            return this;
        }

        @Override
        public EventuallyConsistentMapBuilder<K, V> withAntiEntropyPeriod(long period, TimeUnit unit) {
            return this;
        }

        @Override
        public EventuallyConsistentMapBuilder<K, V> withFasterConvergence() {
            return this;
        }

        @Override
        public EventuallyConsistentMapBuilder<K, V> withPersistence() {
            return this;
        }

        @Override
        public EventuallyConsistentMap<K, V> build() {
            return new LocalEventuallyConsistentMap<>(requireName(name, "eventually consistent map"));
        }
    }
}
