package org.onosdvr.app.store;

import com.google.common.collect.ImmutableList;
import org.onosdvr.api.DvrEvent;
import org.onosdvr.api.DvrSnapshot;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The difference between two snapshots, computed once for every {@link EntityKind}: which objects were put
 * (created or changed) and which were removed. The store writes it to its maps and turns it into events.
 */
public final class SnapshotDiff {

    private final DvrSnapshot before;
    private final DvrSnapshot after;
    private final Map<EntityKind<Object, ?>, Map<Object, Object>> puts = new LinkedHashMap<>();
    private final Map<EntityKind<Object, ?>, Map<Object, Object>> removes = new LinkedHashMap<>();

    private SnapshotDiff(DvrSnapshot before, DvrSnapshot after) {
        this.before = before;
        this.after = after;
        for (EntityKind<Object, ?> kind : EntityKind.ALL) {
            Map<Object, ?> old = kind.index(before);
            Map<Object, ?> now = kind.index(after);
            Map<Object, Object> put = new LinkedHashMap<>();
            Map<Object, Object> removed = new LinkedHashMap<>();
            now.forEach((k, v) -> {
                if (!Objects.equals(old.get(k), v)) {
                    put.put(k, v);
                }
            });
            old.forEach((k, v) -> {
                if (!now.containsKey(k)) {
                    removed.put(k, v);
                }
            });
            puts.put(kind, put);
            removes.put(kind, removed);
        }
    }

    /**
     * Compares two snapshots.
     *
     * @param before old state
     * @param after  new state
     * @return the difference
     */
    public static SnapshotDiff between(DvrSnapshot before, DvrSnapshot after) {
        return new SnapshotDiff(before, after);
    }

    /** @return true if the snapshots hold the same state */
    public boolean isEmpty() {
        return puts.values().stream().allMatch(Map::isEmpty) && removes.values().stream().allMatch(Map::isEmpty)
                && before.baseMac().equals(after.baseMac());
    }

    /**
     * @param kind kind
     * @return created or changed objects of that kind, by key
     */
    public Map<Object, Object> puts(EntityKind<Object, ?> kind) {
        return puts.get(kind);
    }

    /**
     * @param kind kind
     * @return removed objects of that kind (values as they were), by key
     */
    public Map<Object, Object> removes(EntityKind<Object, ?> kind) {
        return removes.get(kind);
    }

    /**
     * Returns the events of this change: one per changed object (removals first, children before parents, then
     * creations and updates, parents before children), then one {@link DvrEvent.Type#SNAPSHOT_CHANGED}.
     * An empty difference has no events.
     *
     * @return events
     */
    public List<DvrEvent> events() {
        if (isEmpty()) {
            return ImmutableList.of();
        }
        List<DvrEvent> events = new ArrayList<>();
        for (EntityKind<Object, ?> kind : EntityKind.ALL.reverse()) {
            removes.get(kind).values().forEach(v -> events.add(new DvrEvent(kind.removedType(), v)));
        }
        for (EntityKind<Object, ?> kind : EntityKind.ALL) {
            puts.get(kind).values().forEach(v -> events.add(new DvrEvent(kind.updatedType(), v)));
        }
        events.add(new DvrEvent(DvrEvent.Type.SNAPSHOT_CHANGED, after));
        return events;
    }
}
