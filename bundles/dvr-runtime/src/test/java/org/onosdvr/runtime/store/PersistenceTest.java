package org.onosdvr.runtime.store;

import org.junit.After;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import org.onosproject.net.DeviceId;
import org.onosproject.store.serializers.KryoNamespaces;
import org.onosproject.store.service.AsyncAtomicCounter;
import org.onosproject.store.service.AtomicValue;
import org.onosproject.store.service.ConsistentMap;
import org.onosproject.store.service.Serializer;
import org.onosproject.store.service.StorageException;
import org.onosproject.store.service.Versioned;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.greaterThan;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

/**
 * Durability: a new storage service over the same data directory restores every primitive exactly, also
 * after a crash in the middle of a write.
 */
public class PersistenceTest {

    private static final Serializer SERIALIZER = Serializer.using(KryoNamespaces.API);

    @Rule
    public TemporaryFolder folder = new TemporaryFolder();

    private final List<RuntimeStorageService> started = new ArrayList<>();

    @After
    public void tearDown() {
        started.forEach(s -> {
            try {
                s.deactivate();
            } catch (RuntimeException e) {
                // already closed by the test
            }
        });
    }

    private RuntimeStorageService start(boolean sync) {
        RuntimeStorageService storage = new RuntimeStorageService();
        storage.activate(Map.of(RuntimeStorageService.DATA_DIR, folder.getRoot().toString(),
                RuntimeStorageService.SYNC_WRITES, sync));
        started.add(storage);
        return storage;
    }

    private static ConsistentMap<String, DeviceId> devices(RuntimeStorageService storage) {
        return storage.<String, DeviceId>consistentMapBuilder().withName("dvr-nodes")
                .withSerializer(SERIALIZER).build();
    }

    private static Map<String, Versioned<DeviceId>> snapshot(ConsistentMap<String, DeviceId> map) {
        Map<String, Versioned<DeviceId>> copy = new HashMap<>();
        map.entrySet().forEach(e -> copy.put(e.getKey(), e.getValue()));
        return copy;
    }

    private Path mapDir(String name) {
        return folder.getRoot().toPath().resolve(RuntimeStorageService.MAPS)
                .resolve(RuntimeStorageService.fileName(name));
    }

    @Test
    public void restartRestoresValuesVersionsAndCreationTimes() {
        RuntimeStorageService first = start(true);
        ConsistentMap<String, DeviceId> map = devices(first);
        map.put("n1", DeviceId.deviceId("of:0000000000000001"));
        map.put("n2", DeviceId.deviceId("of:0000000000000002"));
        map.put("n1", DeviceId.deviceId("of:0000000000000003"));
        map.remove("n2");
        map.put("n4", DeviceId.deviceId("of:0000000000000004"));
        Map<String, Versioned<DeviceId>> before = snapshot(map);
        long lastVersion = map.get("n4").version();

        // no deactivate: as if the process was killed
        ConsistentMap<String, DeviceId> restored = devices(start(true));
        assertEquals(before, snapshot(restored));
        assertEquals(before.get("n1").creationTime(), restored.get("n1").creationTime());
        restored.put("n5", DeviceId.deviceId("of:0000000000000005"));
        assertThat("versions keep growing after a restart", restored.get("n5").version(),
                greaterThan(lastVersion));
    }

    @Test
    public void cleanShutdownCompactsAndRestores() throws IOException {
        RuntimeStorageService first = start(false);
        ConsistentMap<String, DeviceId> map = devices(first);
        map.put("a", DeviceId.deviceId("of:1"));
        map.clear();
        map.put("b", DeviceId.deviceId("of:2"));
        Map<String, Versioned<DeviceId>> before = snapshot(map);
        first.deactivate();
        assertEquals("log folded into the snapshot", 0, Files.size(mapDir("dvr-nodes").resolve(MapLog.LOG)));
        assertEquals(before, snapshot(devices(start(false))));
    }

    @Test
    public void compactionKeepsEveryEntry() throws IOException {
        RuntimeStorageService first = start(false);
        ConsistentMap<String, String> map = first.<String, String>consistentMapBuilder().withName("big")
                .withSerializer(SERIALIZER).build();
        String payload = "x".repeat(1000);
        for (int i = 0; i < 300; i++) {
            map.put("k" + (i % 50), payload + i);
        }
        assertTrue("a snapshot was written", Files.exists(mapDir("big").resolve(MapLog.SNAPSHOT)));
        assertTrue("the log was truncated by compaction",
                Files.size(mapDir("big").resolve(MapLog.LOG)) < 300 * 1000);
        Map<String, String> before = new HashMap<>(map.asJavaMap());
        ConsistentMap<String, String> restored = start(false).<String, String>consistentMapBuilder()
                .withName("big").withSerializer(SERIALIZER).build();
        assertEquals(before, new HashMap<>(restored.asJavaMap()));
        assertEquals(50, restored.size());
    }

    @Test
    public void tornLogRecordIsDiscardedAndLaterWritesSurvive() throws IOException {
        ConsistentMap<String, DeviceId> map = devices(start(true));
        map.put("a", DeviceId.deviceId("of:1"));
        map.put("b", DeviceId.deviceId("of:2"));
        Map<String, Versioned<DeviceId>> before = snapshot(map);

        // A crash in the middle of appending the next record: header promises 200 bytes, 5 arrived.
        Path log = mapDir("dvr-nodes").resolve(MapLog.LOG);
        ByteBuffer torn = ByteBuffer.allocate(13).putInt(200).putInt(12345).put(new byte[5]);
        Files.write(log, torn.array(), StandardOpenOption.APPEND);

        ConsistentMap<String, DeviceId> restored = devices(start(true));
        assertEquals(before, snapshot(restored));
        restored.put("c", DeviceId.deviceId("of:3"));
        Map<String, Versioned<DeviceId>> after = snapshot(restored);

        assertEquals("the new record follows the valid prefix, not the torn bytes",
                after, snapshot(devices(start(true))));
    }

    @Test
    public void recordWithBadChecksumIsDiscarded() throws IOException {
        ConsistentMap<String, DeviceId> map = devices(start(true));
        map.put("a", DeviceId.deviceId("of:1"));
        Path log = mapDir("dvr-nodes").resolve(MapLog.LOG);
        long validLength = Files.size(log);
        map.put("b", DeviceId.deviceId("of:2"));
        byte[] content = Files.readAllBytes(log);
        content[content.length - 1] ^= 0x55;   // the last record's payload is damaged
        Files.write(log, content);

        ConsistentMap<String, DeviceId> restored = devices(start(true));
        assertTrue(restored.containsKey("a"));
        assertFalse(restored.containsKey("b"));
        assertEquals(validLength, Files.size(log));
    }

    @Test
    public void tornSnapshotTempFileLeavesPreviousStateIntact() throws IOException {
        RuntimeStorageService first = start(false);
        ConsistentMap<String, DeviceId> map = devices(first);
        map.put("a", DeviceId.deviceId("of:1"));
        first.deactivate();   // snapshot written, log empty
        Map<String, Versioned<DeviceId>> before = snapshot(devices(start(false)));

        // A crash while writing the next snapshot: a partial temp file, never renamed.
        Path temp = mapDir("dvr-nodes").resolve(MapLog.SNAPSHOT + AtomicFiles.TEMP_SUFFIX);
        Files.write(temp, new byte[]{1, 2, 3});
        assertEquals(before, snapshot(devices(start(false))));
        assertFalse("stale temp file removed on recovery", Files.exists(temp));
    }

    @Test
    public void replayingAnAlreadyCompactedLogIsHarmless() throws IOException {
        // Crash after the snapshot rename but before the log truncation: the old log is replayed
        // over a snapshot that already contains it.
        RuntimeStorageService first = start(false);
        ConsistentMap<String, DeviceId> map = devices(first);
        map.put("a", DeviceId.deviceId("of:1"));
        map.put("b", DeviceId.deviceId("of:2"));
        map.remove("a");
        map.clear();
        map.put("c", DeviceId.deviceId("of:3"));
        map.put("b", DeviceId.deviceId("of:4"));
        Path log = mapDir("dvr-nodes").resolve(MapLog.LOG);
        byte[] oldLog = Files.readAllBytes(log);
        Map<String, Versioned<DeviceId>> before = snapshot(map);
        first.deactivate();
        Files.write(log, oldLog);
        assertEquals(before, snapshot(devices(start(false))));
    }

    @Test
    public void corruptSnapshotFailsLoudly() throws IOException {
        RuntimeStorageService first = start(false);
        devices(first).put("a", DeviceId.deviceId("of:1"));
        first.deactivate();
        Path snapshot = mapDir("dvr-nodes").resolve(MapLog.SNAPSHOT);
        byte[] content = Files.readAllBytes(snapshot);
        content[20] ^= 0x01;
        Files.write(snapshot, content);
        try {
            devices(start(false));
            fail("a corrupt snapshot must not be loaded as an empty or partial map");
        } catch (StorageException e) {
            assertTrue(e.getCause().getMessage(), e.getCause().getMessage().contains("checksum"));
        }
    }

    @Test
    public void countersIdGeneratorsAndValuesPersist() {
        RuntimeStorageService first = start(true);
        AsyncAtomicCounter counter = first.getAsyncAtomicCounter("router-keys");
        assertEquals(1L, (long) counter.incrementAndGet().join());
        assertEquals(11L, (long) counter.addAndGet(10).join());
        assertTrue(counter.compareAndSet(11, 20).join());
        assertFalse(counter.compareAndSet(11, 30).join());
        assertEquals(20L, (long) first.getAtomicCounter("router-keys").get());
        assertEquals(0L, first.getAtomicCounter("never-used").get());
        long id1 = first.getAtomicIdGenerator("flows").nextId();
        long id2 = first.getAtomicIdGenerator("flows").nextId();
        AtomicValue<String> value = first.<String>atomicValueBuilder().withName("gateway")
                .withSerializer(SERIALIZER).build().asAtomicValue();
        assertNull(value.get());
        assertTrue(value.compareAndSet(null, "gw1"));
        assertFalse(value.compareAndSet(null, "gw2"));

        RuntimeStorageService second = start(true);
        assertEquals(20L, second.getAtomicCounter("router-keys").get());
        long id3 = second.getAtomicIdGenerator("flows").nextId();
        assertThat(id2, greaterThan(id1));
        assertThat("ids are not reused after a restart", id3, greaterThan(id2));
        assertEquals("gw1", second.<String>atomicValueBuilder().withName("gateway")
                .withSerializer(SERIALIZER).build().asAtomicValue().get());
    }

    @Test
    public void fileNamesAreSafeAndDistinct() {
        assertEquals("onos-network-configs", RuntimeStorageService.fileName("onos-network-configs"));
        assertEquals("%2E.", RuntimeStorageService.fileName(".."));
        assertEquals("a%2Fb", RuntimeStorageService.fileName("a/b"));
        assertFalse(RuntimeStorageService.fileName("a b").equals(RuntimeStorageService.fileName("a_b")));
    }
}
