package org.onosdvr.app.store;

import org.onlab.packet.MacAddress;
import org.onosdvr.api.DvrEvent;
import org.onosdvr.api.DvrSnapshot;
import org.onosdvr.api.DvrStore;
import org.onosdvr.api.DvrStoreDelegate;
import org.onosproject.core.ApplicationId;
import org.onosproject.core.CoreService;
import org.onosproject.store.AbstractStore;
import org.onosproject.store.service.ConsistentMap;
import org.onosproject.store.service.MapEventListener;
import org.onosproject.store.service.Serializer;
import org.onosproject.store.service.StorageService;
import org.onosproject.store.service.Versioned;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.slf4j.Logger;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.UnaryOperator;

import static java.util.concurrent.Executors.newSingleThreadExecutor;
import static org.onlab.util.Tools.groupedThreads;
import static org.slf4j.LoggerFactory.getLogger;

/**
 * DVR store on ONOS {@link StorageService}: one {@link ConsistentMap} per kind of object (see
 * {@link EntityKind}) plus a settings map for the base MAC, and the current {@link DvrSnapshot} kept in memory.
 * <p>
 * {@link #apply} builds the candidate snapshot under a lock, validates it, writes only the differences to the
 * maps and posts one event per changed object plus a final {@code SNAPSHOT_CHANGED}. The snapshot is rebuilt
 * from the maps at activation (nothing is lost across a restart) and whenever a map changes under us (another
 * cluster member wrote it); a rebuild that does not validate yet (a remote change is half written) is retried
 * on the next map event.
 * </p>
 * <p>
 * Changes are serialised by a local lock. Two cluster members applying conflicting changes at the same instant
 * are not protected against each other (ONOS transactions would be needed); the admin API is expected to be
 * driven through one member at a time, like Neutron's ML2 driver does.
 * </p>
 */
@Component(immediate = true, service = DvrStore.class)
public class DistributedDvrStore extends AbstractStore<DvrEvent, DvrStoreDelegate> implements DvrStore {

    /** Application name the maps belong to. */
    public static final String APP_NAME = "org.onosdvr.app";
    /** Prefix of the map names. */
    public static final String MAP_PREFIX = "onos-dvr-";
    static final String SETTINGS = "settings";
    static final String BASE_MAC = "baseMac";

    private final Logger log = getLogger(getClass());

    @Reference(cardinality = ReferenceCardinality.MANDATORY)
    protected CoreService coreService;

    @Reference(cardinality = ReferenceCardinality.MANDATORY)
    protected StorageService storageService;

    private final ReentrantLock lock = new ReentrantLock();
    private final Map<EntityKind<Object, ?>, ConsistentMap<Object, Object>> maps = new LinkedHashMap<>();
    private final AtomicBoolean refreshPending = new AtomicBoolean();
    private final MapEventListener<Object, Object> entityListener = event -> changedUnderUs();
    private final MapEventListener<String, MacAddress> settingsListener = event -> changedUnderUs();
    /**
     * The thread writing this store's own change to the maps, while it does. A map event it receives comes from
     * that write (maps that deliver events synchronously, like the embedded runtime's) and changes nothing: the
     * snapshot is already the written one. Reloading every map for it made each write O(state): loading 10k
     * ports through REST slowed to a few calls per second.
     */
    private volatile Thread writer;
    /** Rebuilds from the maps (for tests). */
    final AtomicInteger reloads = new AtomicInteger();
    private ConsistentMap<String, MacAddress> settings;
    private ExecutorService executor;
    private volatile DvrSnapshot current = DvrSnapshot.empty();

    @Activate
    protected void activate() {
        ApplicationId appId = coreService.registerApplication(APP_NAME);
        Serializer serializer = Serializer.using(DvrSerializers.DVR);
        executor = newSingleThreadExecutor(groupedThreads("onos-dvr", "store-%d", log));
        for (EntityKind<Object, ?> kind : EntityKind.ALL) {
            ConsistentMap<Object, Object> map = storageService.<Object, Object>consistentMapBuilder()
                    .withName(MAP_PREFIX + kind.name()).withSerializer(serializer)
                    .withApplicationId(appId).build();
            maps.put(kind, map);
        }
        settings = storageService.<String, MacAddress>consistentMapBuilder()
                .withName(MAP_PREFIX + SETTINGS).withSerializer(serializer).withApplicationId(appId).build();
        lock.lock();
        try {
            current = load();
        } catch (IllegalArgumentException e) {
            log.error("Stored DVR state does not validate ({}); starting from the empty state", e.getMessage());
        } finally {
            lock.unlock();
        }
        maps.values().forEach(m -> m.addListener(entityListener));
        settings.addListener(settingsListener);
        log.info("Started with {}", current);
    }

    @Deactivate
    protected void deactivate() {
        maps.values().forEach(m -> m.removeListener(entityListener));
        settings.removeListener(settingsListener);
        executor.shutdown();
        maps.clear();
        log.info("Stopped");
    }

    @Override
    public DvrSnapshot snapshot() {
        return current;
    }

    /**
     * {@inheritDoc}
     * <p>
     * While {@code change} runs, {@link #snapshot()} returns exactly the state the builder was made from, so a
     * change may read it to check its preconditions.
     * </p>
     */
    @Override
    public DvrSnapshot apply(UnaryOperator<DvrSnapshot.Builder> change) {
        lock.lock();
        try {
            DvrSnapshot before = current;
            DvrSnapshot after = change.apply(before.toBuilder()).build();
            SnapshotDiff diff = SnapshotDiff.between(before, after);
            if (diff.isEmpty()) {
                return before;
            }
            boolean written = false;
            writer = Thread.currentThread();
            try {
                write(diff, after);
                written = true;
            } finally {
                writer = null;
                if (!written) {
                    scheduleRefresh();
                }
            }
            current = after;
            post(diff.events());
            return after;
        } finally {
            lock.unlock();
        }
    }

    private void write(SnapshotDiff diff, DvrSnapshot after) {
        for (EntityKind<Object, ?> kind : EntityKind.ALL) {
            ConsistentMap<Object, Object> map = maps.get(kind);
            diff.puts(kind).forEach(map::put);
        }
        if (!after.baseMac().equals(Versioned.valueOrNull(settings.get(BASE_MAC)))) {
            settings.put(BASE_MAC, after.baseMac());
        }
        for (EntityKind<Object, ?> kind : EntityKind.ALL.reverse()) {
            ConsistentMap<Object, Object> map = maps.get(kind);
            diff.removes(kind).keySet().forEach(map::remove);
        }
    }

    /** Reads every map into a snapshot; throws IllegalArgumentException if the maps do not validate. */
    private DvrSnapshot load() {
        DvrSnapshot.Builder b = DvrSnapshot.builder();
        MacAddress baseMac = Versioned.valueOrNull(settings.get(BASE_MAC));
        if (baseMac != null) {
            b.baseMac(baseMac);
        }
        maps.forEach((kind, map) -> map.values().forEach(v -> kind.put(b, v.value())));
        return b.build();
    }

    private void changedUnderUs() {
        if (Thread.currentThread() != writer) {
            scheduleRefresh();
        }
    }

    private void scheduleRefresh() {
        if (executor != null && !executor.isShutdown() && refreshPending.compareAndSet(false, true)) {
            executor.execute(this::refresh);
        }
    }

    /** Rebuilds the snapshot from the maps and posts the events of what changed under us. */
    private void refresh() {
        refreshPending.set(false);
        lock.lock();
        try {
            if (maps.isEmpty()) {
                return;
            }
            reloads.incrementAndGet();
            DvrSnapshot loaded = load();
            SnapshotDiff diff = SnapshotDiff.between(current, loaded);
            if (!diff.isEmpty()) {
                log.debug("State changed by another member: {}", loaded);
                current = loaded;
                post(diff.events());
            }
        } catch (IllegalArgumentException e) {
            log.debug("Maps not consistent yet ({}); waiting for the rest of the change", e.getMessage());
        } finally {
            lock.unlock();
        }
    }

    private void post(List<DvrEvent> events) {
        if (hasDelegate()) {
            notifyDelegate(events);
        }
    }

    /**
     * Waits until the map-event work queued so far is done (for tests).
     *
     * @throws InterruptedException if interrupted
     * @throws ExecutionException   if the work failed
     * @throws TimeoutException     if it takes longer than 10 s
     */
    void flush() throws InterruptedException, ExecutionException, TimeoutException {
        executor.submit(() -> { }).get(10, TimeUnit.SECONDS);
    }
}
