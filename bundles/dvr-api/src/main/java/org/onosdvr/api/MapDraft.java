package org.onosdvr.api;

import com.google.common.collect.ImmutableSortedMap;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * One map of a {@link DvrSnapshot.Builder}: the base snapshot's immutable map plus the puts and removes made
 * since, so that {@code toBuilder()} copies nothing and {@link #build()} merges in one ordered pass (a 10,000-port
 * map changed in one entry costs one array copy, not a tree of 10,000 nodes and a sort).
 *
 * @param <K> key
 * @param <V> value
 */
final class MapDraft<K, V> {

    private final ImmutableSortedMap<K, V> base;
    private final Comparator<? super K> order;
    /** Changed keys: the new value, or null for a removal. */
    private final Map<K, V> changes = new HashMap<>();

    /**
     * @param base  map to start from
     * @param order key order (the base's)
     */
    MapDraft(ImmutableSortedMap<K, V> base, Comparator<? super K> order) {
        this.base = base;
        this.order = order;
    }

    void put(K key, V value) {
        changes.put(key, value);
    }

    void remove(K key) {
        changes.put(key, null);
    }

    /**
     * @param key key
     * @return its value now, or null
     */
    V get(K key) {
        return changes.containsKey(key) ? changes.get(key) : base.get(key);
    }

    /** @return true if a put or remove was made since the base */
    boolean modified() {
        return !changes.isEmpty();
    }

    /** @return keys put or removed since the base (possibly with the base's value again) */
    Set<K> changedKeys() {
        return Collections.unmodifiableSet(changes.keySet());
    }

    /** @return the base map */
    ImmutableSortedMap<K, V> base() {
        return base;
    }

    /** @return a read-only view of the content now */
    SortedMap<K, V> view() {
        if (changes.isEmpty()) {
            return base;
        }
        SortedMap<K, V> m = new TreeMap<>(order);
        m.putAll(base);
        changes.forEach((k, v) -> {
            if (v == null) {
                m.remove(k);
            } else {
                m.put(k, v);
            }
        });
        return Collections.unmodifiableSortedMap(m);
    }

    /** @return the content now as an immutable map (the base itself if unchanged) */
    ImmutableSortedMap<K, V> build() {
        if (changes.isEmpty()) {
            return base;
        }
        List<K> keys = new ArrayList<>(changes.keySet());
        keys.sort(order);
        List<Map.Entry<K, V>> merged = new ArrayList<>(base.size() + keys.size());
        Iterator<Map.Entry<K, V>> it = base.entrySet().iterator();
        Map.Entry<K, V> next = it.hasNext() ? it.next() : null;
        for (K k : keys) {
            while (next != null && order.compare(next.getKey(), k) < 0) {
                merged.add(next);
                next = it.hasNext() ? it.next() : null;
            }
            if (next != null && order.compare(next.getKey(), k) == 0) {
                next = it.hasNext() ? it.next() : null;
            }
            V v = changes.get(k);
            if (v != null) {
                merged.add(new AbstractMap.SimpleImmutableEntry<>(k, v));
            }
        }
        while (next != null) {
            merged.add(next);
            next = it.hasNext() ? it.next() : null;
        }
        return ImmutableSortedMap.copyOfSorted(new SortedEntries<>(merged, order));
    }

    /**
     * Entries already in key order, seen as a sorted map only as far as {@link ImmutableSortedMap#copyOfSorted}
     * reads one (comparator and entries), which then copies them without sorting or comparing.
     */
    private static final class SortedEntries<K, V> extends AbstractMap<K, V> implements SortedMap<K, V> {
        private final List<Map.Entry<K, V>> entries;
        private final Comparator<? super K> order;

        SortedEntries(List<Map.Entry<K, V>> entries, Comparator<? super K> order) {
            this.entries = entries;
            this.order = order;
        }

        @Override
        public Set<Entry<K, V>> entrySet() {
            return new AbstractSet<>() {
                @Override
                public Iterator<Entry<K, V>> iterator() {
                    return entries.iterator();
                }

                @Override
                public int size() {
                    return entries.size();
                }
            };
        }

        @Override
        public Comparator<? super K> comparator() {
            return order;
        }

        @Override
        public SortedMap<K, V> subMap(K fromKey, K toKey) {
            throw new UnsupportedOperationException();
        }

        @Override
        public SortedMap<K, V> headMap(K toKey) {
            throw new UnsupportedOperationException();
        }

        @Override
        public SortedMap<K, V> tailMap(K fromKey) {
            throw new UnsupportedOperationException();
        }

        @Override
        public K firstKey() {
            return entries.get(0).getKey();
        }

        @Override
        public K lastKey() {
            return entries.get(entries.size() - 1).getKey();
        }
    }
}
