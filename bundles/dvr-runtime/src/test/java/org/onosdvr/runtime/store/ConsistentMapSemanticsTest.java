package org.onosdvr.runtime.store;

import org.junit.After;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import org.onosproject.store.serializers.KryoNamespaces;
import org.onosproject.store.service.ConsistentMap;
import org.onosproject.store.service.MapEvent;
import org.onosproject.store.service.MapEventListener;
import org.onosproject.store.service.Serializer;
import org.onosproject.store.service.Versioned;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

/**
 * ONOS ConsistentMap semantics of the runtime's maps: versions, conditional operations, compute, events.
 */
public class ConsistentMapSemanticsTest {

    @Rule
    public TemporaryFolder folder = new TemporaryFolder();

    private RuntimeStorageService storage;
    private ConsistentMap<String, String> map;
    private final List<MapEvent<String, String>> events = new ArrayList<>();

    @Before
    public void setUp() throws Exception {
        storage = new RuntimeStorageService();
        storage.activate(Map.of(RuntimeStorageService.DATA_DIR, folder.getRoot().toString(),
                RuntimeStorageService.SYNC_WRITES, false));
        map = newMap("test-map");
        map.addListener(events::add);
    }

    @After
    public void tearDown() {
        storage.deactivate();
    }

    private ConsistentMap<String, String> newMap(String name) {
        return storage.<String, String>consistentMapBuilder()
                .withName(name).withSerializer(Serializer.using(KryoNamespaces.API)).build();
    }

    @Test
    public void putAssignsIncreasingVersionsAndReturnsPrevious() {
        assertNull(map.put("a", "1"));
        Versioned<String> first = map.get("a");
        Versioned<String> previous = map.put("a", "2");
        assertEquals("1", previous.value());
        assertEquals(first.version(), previous.version());
        Versioned<String> second = map.get("a");
        assertThat(second.version(), greaterThan(first.version()));
        assertEquals(first.creationTime(), second.creationTime());
        map.put("b", "x");
        assertThat(map.get("b").version(), greaterThan(second.version()));
    }

    @Test
    public void putOfEqualValueIsANoop() {
        map.put("a", "1");
        long version = map.get("a").version();
        events.clear();
        Versioned<String> same = map.putAndGet("a", "1");
        assertEquals(version, same.version());
        assertEquals(version, map.get("a").version());
        assertTrue("no event for an unchanged value", events.isEmpty());
    }

    @Test
    public void conditionalOperations() {
        assertNull(map.putIfAbsent("a", "1"));
        assertEquals("1", map.putIfAbsent("a", "2").value());
        assertEquals("1", map.get("a").value());

        assertFalse(map.replace("a", "wrong", "3"));
        assertTrue(map.replace("a", "1", "3"));
        long version = map.get("a").version();
        assertFalse(map.replace("a", version + 1, "4"));
        assertTrue(map.replace("a", version, "4"));
        assertEquals("4", map.replace("a", "5").value());
        assertNull(map.replace("absent", "5"));
        assertFalse(map.containsKey("absent"));

        assertFalse(map.remove("a", "wrong"));
        assertTrue(map.remove("a", "5"));
        map.put("b", "1");
        long bVersion = map.get("b").version();
        assertFalse(map.remove("b", bVersion - 1));
        assertTrue(map.remove("b", bVersion));
        assertTrue(map.isEmpty());
    }

    @Test
    public void computeFamily() {
        assertEquals("v-a", map.computeIfAbsent("a", k -> "v-" + k).value());
        long version = map.get("a").version();
        assertEquals("v-a", map.computeIfAbsent("a", k -> "other").value());
        assertEquals(version, map.get("a").version());

        assertNull(map.computeIfPresent("b", (k, v) -> "never"));
        assertFalse(map.containsKey("b"));
        assertEquals("v-a!", map.computeIfPresent("a", (k, v) -> v + "!").value());
        assertEquals("1", map.compute("c", (k, v) -> v == null ? "1" : v + "1").value());
        assertEquals("11", map.compute("c", (k, v) -> v == null ? "1" : v + "1").value());
        assertNull(map.compute("c", (k, v) -> null));
        assertFalse(map.containsKey("c"));

        Versioned<String> unchanged = map.computeIf("a", v -> v.startsWith("x"), (k, v) -> "x");
        assertEquals("v-a!", unchanged.value());
        try {
            map.compute("a", (k, v) -> {
                throw new IllegalStateException("boom");
            });
            fail("function exception must propagate");
        } catch (IllegalStateException e) {
            assertEquals("boom", e.getMessage());
        }
        assertEquals("v-a!", map.get("a").value());
    }

    @Test
    public void nullValuesAreRefusedUnlessEnabled() {
        try {
            map.put("a", null);
            fail("null value accepted");
        } catch (NullPointerException e) {
            assertThat(map.containsKey("a"), is(false));
        }
        ConsistentMap<String, String> nullable = storage.<String, String>consistentMapBuilder()
                .withName("nullable").withNullValues().withSerializer(Serializer.using(KryoNamespaces.API)).build();
        nullable.put("a", null);
        assertTrue(nullable.containsKey("a"));
        assertThat(nullable.get("a").value(), nullValue());
    }

    @Test
    public void eventsCarryTypeAndValues() {
        map.put("a", "1");
        map.put("a", "2");
        map.remove("a");
        assertThat(types(), contains(MapEvent.Type.INSERT, MapEvent.Type.UPDATE, MapEvent.Type.REMOVE));
        assertEquals("test-map", events.get(0).name());
        assertNull(events.get(0).oldValue());
        assertEquals("1", events.get(1).oldValue().value());
        assertEquals("2", events.get(1).newValue().value());
        assertEquals("2", events.get(2).oldValue().value());
        assertNull(events.get(2).newValue());
    }

    @Test
    public void clearEmitsRemovePerEntry() {
        map.put("a", "1");
        map.put("b", "2");
        events.clear();
        map.clear();
        assertTrue(map.isEmpty());
        assertThat(types(), contains(MapEvent.Type.REMOVE, MapEvent.Type.REMOVE));
        List<String> keys = new ArrayList<>();
        events.forEach(e -> keys.add(e.key()));
        assertThat(keys, containsInAnyOrder("a", "b"));
    }

    @Test
    public void listenerMutatingTheMapSeesOrderedEvents() {
        List<String> seen = new ArrayList<>();
        map.addListener(e -> {
            seen.add(e.type() + ":" + e.key());
            if (e.key().equals("a") && e.type() == MapEvent.Type.INSERT) {
                map.put("b", "from-listener");
            }
        });
        map.put("a", "1");
        map.put("c", "1");
        assertThat(seen, contains("INSERT:a", "INSERT:b", "INSERT:c"));
    }

    @Test
    public void removedListenerGetsNothing() {
        List<MapEvent<String, String>> other = new ArrayList<>();
        MapEventListener<String, String> listener = other::add;
        map.addListener(listener);
        map.put("a", "1");
        map.removeListener(listener);
        map.put("b", "1");
        assertEquals(1, other.size());
        assertEquals(2, events.size());
    }

    @Test
    public void handlesWithTheSameNameShareState() {
        ConsistentMap<String, String> other = newMap("test-map");
        map.put("a", "1");
        assertEquals("1", other.get("a").value());
        other.remove("a");
        assertFalse(map.containsKey("a"));
        assertThat(types(), contains(MapEvent.Type.INSERT, MapEvent.Type.REMOVE));
    }

    @Test
    public void valuesAreCopies() {
        ConsistentMap<String, List<String>> lists = storage.<String, List<String>>consistentMapBuilder()
                .withName("lists").withSerializer(Serializer.using(KryoNamespaces.API)).build();
        lists.put("a", new ArrayList<>(List.of("x")));
        List<String> got = lists.get("a").value();
        got.add("mutated");
        assertEquals(List.of("x"), lists.get("a").value());
    }

    @Test
    public void javaMapViewAndIteration() {
        map.put("a", "1");
        map.put("b", "2");
        Map<String, String> java = map.asJavaMap();
        assertEquals("1", java.get("a"));
        assertThat(java.keySet(), containsInAnyOrder("a", "b"));
        List<String> keys = new ArrayList<>();
        map.iterator().forEachRemaining(e -> keys.add(e.getKey()));
        assertThat(keys, containsInAnyOrder("a", "b"));
        assertTrue(map.containsValue("2"));
        assertFalse(map.containsValue("3"));
        assertEquals(2, map.size());
    }

    @Test
    public void readOnlyMapRefusesWrites() {
        ConsistentMap<String, String> ro = storage.<String, String>consistentMapBuilder().withName("test-map")
                .withUpdatesDisabled().withSerializer(Serializer.using(KryoNamespaces.API)).build();
        map.put("a", "1");
        assertEquals("1", ro.get("a").value());
        try {
            ro.put("a", "2");
            fail("read-only map accepted a write");
        } catch (UnsupportedOperationException e) {
            assertEquals("1", map.get("a").value());
        }
    }

    @Test
    public void transactionsAndUnsupportedPrimitivesNameThemselves() {
        try {
            storage.transactionContextBuilder();
            fail();
        } catch (UnsupportedOperationException e) {
            assertTrue(e.getMessage(), e.getMessage().contains("Transaction"));
        }
        try {
            storage.setBuilder();
            fail();
        } catch (UnsupportedOperationException e) {
            assertTrue(e.getMessage(), e.getMessage().contains("Distributed set"));
        }
        try {
            storage.consistentMultimapBuilder();
            fail();
        } catch (UnsupportedOperationException e) {
            assertTrue(e.getMessage(), e.getMessage().contains("multimap"));
        }
    }

    private List<MapEvent.Type> types() {
        List<MapEvent.Type> types = new ArrayList<>();
        events.forEach(e -> types.add(e.type()));
        return types;
    }
}
