package org.onosdvr.runtime.store;

import org.onosproject.store.service.AsyncAtomicCounter;
import org.onosproject.store.service.AsyncConsistentMap;
import org.onosproject.store.service.AsyncConsistentMultimap;
import org.onosproject.store.service.AsyncConsistentTreeMap;
import org.onosproject.store.service.AsyncDocumentTree;
import org.onosproject.store.service.AtomicCounterBuilder;
import org.onosproject.store.service.AtomicCounterMapBuilder;
import org.onosproject.store.service.AtomicIdGeneratorBuilder;
import org.onosproject.store.service.AtomicValueBuilder;
import org.onosproject.store.service.ConsistentMapBuilder;
import org.onosproject.store.service.ConsistentMultimapBuilder;
import org.onosproject.store.service.ConsistentTreeMapBuilder;
import org.onosproject.store.service.DistributedLockBuilder;
import org.onosproject.store.service.DistributedSetBuilder;
import org.onosproject.store.service.DocumentTreeBuilder;
import org.onosproject.store.service.EventuallyConsistentMapBuilder;
import org.onosproject.store.service.LeaderElectorBuilder;
import org.onosproject.store.service.PrimitiveService;
import org.onosproject.store.service.Serializer;
import org.onosproject.store.service.StorageException;
import org.onosproject.store.service.StorageService;
import org.onosproject.store.service.Topic;
import org.onosproject.store.service.TopicBuilder;
import org.onosproject.store.service.TransactionContextBuilder;
import org.onosproject.store.service.WorkQueue;
import org.onosproject.store.service.WorkQueueBuilder;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import static com.google.common.base.Preconditions.checkState;

/**
 * Single-node {@link StorageService} whose primitives survive a restart: consistent maps, atomic counters,
 * id generators and atomic values are kept in memory and every mutation is first appended to a per-primitive
 * write-ahead log under {@code dataDir} ({@link MapLog}), compacted into a snapshot written atomically.
 * Eventually consistent maps are in memory (not durable in ONOS either). Other primitives, and transactions,
 * throw {@link UnsupportedOperationException} naming the primitive.
 * <p>
 * Component properties: {@code dataDir} (default {@code ${karaf.data}/dvr}, or {@code ./data/dvr} outside
 * Karaf) and {@code syncWrites} (default true: fsync every mutation before it is applied).
 */
@Component(immediate = true, service = {StorageService.class, PrimitiveService.class},
        property = {
                RuntimeStorageService.DATA_DIR + "=",
                RuntimeStorageService.SYNC_WRITES + ":Boolean=" + RuntimeStorageService.SYNC_WRITES_DEFAULT
        })
public class RuntimeStorageService implements StorageService {

    /** Property naming the data directory; empty means the default. */
    public static final String DATA_DIR = "dataDir";
    /** Property: whether every mutation is forced to disk before it is applied. */
    public static final String SYNC_WRITES = "syncWrites";
    /** Default of {@link #SYNC_WRITES}. */
    public static final boolean SYNC_WRITES_DEFAULT = true;

    static final String MAPS = "maps";
    static final String VALUES = "values";
    static final String COUNTERS = "counters";
    static final String ID_COUNTERS = "id-counters";
    private static final long MIN_COMPACT_BYTES = 64 * 1024;

    private final Logger log = LoggerFactory.getLogger(getClass());
    private final Map<String, MapState> states = new ConcurrentHashMap<>();
    private Path dataDir;
    private boolean sync = SYNC_WRITES_DEFAULT;

    /**
     * Returns the default data directory: {@code ${karaf.data}/dvr} inside Karaf, else {@code ./data/dvr}.
     *
     * @return directory
     */
    public static Path defaultDataDir() {
        String karafData = System.getProperty("karaf.data");
        return karafData != null ? Paths.get(karafData, "dvr") : Paths.get("data", "dvr");
    }

    /**
     * Resolves the data directory from component properties.
     *
     * @param properties component properties (may be null)
     * @return the configured directory or the default
     */
    public static Path dataDir(Map<String, Object> properties) {
        Object dir = properties == null ? null : properties.get(DATA_DIR);
        return dir == null || dir.toString().isBlank() ? defaultDataDir() : Paths.get(dir.toString());
    }

    /**
     * Starts the service over its data directory; primitives are recovered lazily when first built.
     *
     * @param properties component properties
     */
    @Activate
    public void activate(Map<String, Object> properties) {
        dataDir = dataDir(properties).toAbsolutePath();
        Object syncValue = properties == null ? null : properties.get(SYNC_WRITES);
        sync = syncValue == null ? SYNC_WRITES_DEFAULT : Boolean.parseBoolean(syncValue.toString());
        log.info("Started; data in {} (sync writes: {})", dataDir, sync);
    }

    /** Snapshots and closes every primitive. */
    @Deactivate
    public void deactivate() {
        states.values().forEach(MapState::close);
        states.clear();
        log.info("Stopped");
    }

    /**
     * Returns the data directory in use.
     *
     * @return absolute path
     */
    public Path dataDir() {
        return dataDir;
    }

    /**
     * Returns the state of a durable primitive, recovering it from disk on first use.
     *
     * @param kind primitive kind (sub-directory)
     * @param name primitive name
     * @return shared state
     */
    MapState mapState(String kind, String name) {
        checkState(dataDir != null, "Storage service is not active");
        return states.computeIfAbsent(kind + "/" + name, k -> {
            Path dir = dataDir.resolve(kind).resolve(fileName(name));
            try {
                return MapState.durable(name, new MapLog(dir, sync, MIN_COMPACT_BYTES));
            } catch (IOException e) {
                throw new StorageException(new IOException("Cannot recover " + kind + " '" + name + "' from "
                        + dir + ": " + e.getMessage(), e));
            }
        });
    }

    /**
     * Returns a durable counter.
     *
     * @param name counter name
     * @return counter
     */
    AsyncAtomicCounter counter(String name) {
        return new LocalAtomicCounter(name, counterMap(COUNTERS));
    }

    /**
     * Returns the durable counter behind an id generator.
     *
     * @param name generator name
     * @return counter
     */
    AsyncAtomicCounter idCounter(String name) {
        return new LocalAtomicCounter(name, counterMap(ID_COUNTERS));
    }

    private AsyncConsistentMap<String, Long> counterMap(String kind) {
        return new LocalConsistentMap<>(mapState(kind, kind), PlainSerializers.STRING, PlainSerializers.LONG,
                false, false, null);
    }

    /**
     * Encodes a primitive name as a file name: letters, digits, '-', '_' and non-leading '.' are kept,
     * every other byte of its UTF-8 form becomes {@code %XX}. Distinct names give distinct file names.
     *
     * @param name primitive name
     * @return file name
     */
    static String fileName(String name) {
        StringBuilder sb = new StringBuilder();
        for (byte b : name.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            boolean plain = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '_' || (c == '.' && sb.length() > 0);
            if (plain) {
                sb.append(c);
            } else {
                sb.append('%').append(String.format("%02X", b & 0xff));
            }
        }
        return sb.toString();
    }

    @Override
    public <K, V> EventuallyConsistentMapBuilder<K, V> eventuallyConsistentMapBuilder() {
        return new LocalPrimitiveBuilders.EcMapBuilder<>();
    }

    @Override
    public <K, V> ConsistentMapBuilder<K, V> consistentMapBuilder() {
        return new LocalPrimitiveBuilders.MapBuilder<>(this);
    }

    @Override
    public AtomicCounterBuilder atomicCounterBuilder() {
        return new LocalPrimitiveBuilders.CounterBuilder(this);
    }

    @Override
    public AtomicIdGeneratorBuilder atomicIdGeneratorBuilder() {
        return new LocalPrimitiveBuilders.IdGeneratorBuilder(this);
    }

    @Override
    public <V> AtomicValueBuilder<V> atomicValueBuilder() {
        return new LocalPrimitiveBuilders.ValueBuilder<>(this);
    }

    private static UnsupportedOperationException unsupported(String primitive) {
        return new UnsupportedOperationException(primitive + " is not supported by the onos-dvr embedded "
                + "runtime's storage service (supported: consistent map, atomic counter, atomic id generator, "
                + "atomic value, eventually consistent map)");
    }

    @Override
    public <V> DocumentTreeBuilder<V> documentTreeBuilder() {
        throw unsupported("Document tree");
    }

    @Override
    public <V> ConsistentTreeMapBuilder<V> consistentTreeMapBuilder() {
        throw unsupported("Consistent tree map");
    }

    @Override
    public <K, V> ConsistentMultimapBuilder<K, V> consistentMultimapBuilder() {
        throw unsupported("Consistent multimap");
    }

    @Override
    public <K> AtomicCounterMapBuilder<K> atomicCounterMapBuilder() {
        throw unsupported("Atomic counter map");
    }

    @Override
    public <E> DistributedSetBuilder<E> setBuilder() {
        throw unsupported("Distributed set");
    }

    @Override
    public DistributedLockBuilder lockBuilder() {
        throw unsupported("Distributed lock");
    }

    @Override
    public LeaderElectorBuilder leaderElectorBuilder() {
        throw unsupported("Leader elector");
    }

    @Override
    public <T> TopicBuilder<T> topicBuilder() {
        throw unsupported("Topic");
    }

    @Override
    public <E> WorkQueueBuilder<E> workQueueBuilder() {
        throw unsupported("Work queue");
    }

    @Override
    public TransactionContextBuilder transactionContextBuilder() {
        throw unsupported("Transaction context (transactions)");
    }

    @Override
    public <E> WorkQueue<E> getWorkQueue(String name, Serializer serializer) {
        throw unsupported("Work queue");
    }

    @Override
    public <V> AsyncDocumentTree<V> getDocumentTree(String name, Serializer serializer) {
        throw unsupported("Document tree");
    }

    @Override
    public <K, V> AsyncConsistentMultimap<K, V> getAsyncSetMultimap(String name, Serializer serializer) {
        throw unsupported("Consistent multimap");
    }

    @Override
    public <V> AsyncConsistentTreeMap<V> getAsyncTreeMap(String name, Serializer serializer) {
        throw unsupported("Consistent tree map");
    }

    @Override
    public <T> Topic<T> getTopic(String name, Serializer serializer) {
        throw unsupported("Topic");
    }
}
