package org.onosdvr.pipeline;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.function.Consumer;

/**
 * The rule groups of one device, keyed by source object. Immutable; {@link #with} makes a changed copy that
 * shares what did not change, so an incremental step that touches a few groups on many devices stays cheap and
 * the previous pipeline stays valid. Open addressing by source (linear probing, no per-entry nodes) over a table
 * split into chunks of {@value #CHUNK} slots: a copy clones the chunk array and only the chunks it writes, not
 * the whole table (a compute node of a 10k-VM cloud with random placement holds ~5,000-10,000 groups; copying
 * its whole table for each change was most of an incremental step's time).
 */
final class DeviceRules {

    static final Comparator<RuleGroup> SOURCE_ORDER = Comparator.comparing(RuleGroup::source);

    /** Slots per chunk (a power of two); smaller tables are one chunk. */
    static final int CHUNK = 256;

    private final Table table;
    private final int groups;
    private final int entries;
    private final int duplicates;

    private DeviceRules(Table table, int groups, int entries, int duplicates) {
        this.table = table;
        this.groups = groups;
        this.entries = entries;
        this.duplicates = duplicates;
    }

    /**
     * The slots, in chunks. A table being filled ({@link #of}, {@link #with}) clones a chunk it shares with
     * another table before its first write to it; a finished table is never written again.
     */
    private static final class Table {
        final RuleGroup[][] chunks;
        final int mask;
        final int shift;
        /** Chunks this table may write (its own copies); null once finished. */
        boolean[] owned;

        /** A new, empty table of {@code capacity} slots (a power of two). */
        Table(int capacity) {
            int chunk = Math.min(capacity, CHUNK);
            this.chunks = new RuleGroup[capacity / chunk][];
            for (int i = 0; i < chunks.length; i++) {
                chunks[i] = new RuleGroup[chunk];
            }
            this.mask = capacity - 1;
            this.shift = Integer.numberOfTrailingZeros(chunk);
            this.owned = new boolean[chunks.length];
            Arrays.fill(owned, true);
        }

        /** A copy sharing every chunk with {@code base}. */
        Table(Table base) {
            this.chunks = base.chunks.clone();
            this.mask = base.mask;
            this.shift = base.shift;
            this.owned = new boolean[chunks.length];
        }

        int capacity() {
            return mask + 1;
        }

        RuleGroup get(int i) {
            return chunks[i >>> shift][i & ((1 << shift) - 1)];
        }

        void set(int i, RuleGroup g) {
            int c = i >>> shift;
            if (!owned[c]) {
                chunks[c] = chunks[c].clone();
                owned[c] = true;
            }
            chunks[c][i & ((1 << shift) - 1)] = g;
        }

        /** @return the slot of {@code source}: where its group is, or the free slot where it would go */
        int slot(String source) {
            int i = StableHash.spread(source.hashCode()) & mask;
            RuleGroup g = get(i);
            while (g != null && !g.source().equals(source)) {
                i = (i + 1) & mask;
                g = get(i);
            }
            return i;
        }

        /** Backward-shift deletion: keeps every probe sequence unbroken without tombstones. */
        void delete(int i) {
            int hole = i;
            int j = i;
            while (true) {
                j = (j + 1) & mask;
                RuleGroup g = get(j);
                if (g == null) {
                    break;
                }
                int home = StableHash.spread(g.source().hashCode()) & mask;
                boolean movable = hole <= j ? (home <= hole || home > j) : (home <= hole && home > j);
                if (movable) {
                    set(hole, g);
                    hole = j;
                }
            }
            set(hole, null);
        }

        void forEach(Consumer<RuleGroup> visitor) {
            for (RuleGroup[] chunk : chunks) {
                for (RuleGroup g : chunk) {
                    if (g != null) {
                        visitor.accept(g);
                    }
                }
            }
        }

        Table finish() {
            owned = null;
            return this;
        }
    }

    /**
     * @param groups     the device's non-empty groups, one per source
     * @param entries    number of distinct OpenFlow entries they make
     * @param duplicates number of rules making an entry another rule already makes
     * @return the device's rules
     */
    static DeviceRules of(Collection<RuleGroup> groups, int entries, int duplicates) {
        Table table = new Table(capacity(groups.size()));
        for (RuleGroup g : groups) {
            int i = table.slot(g.source());
            if (table.get(i) != null) {
                throw new IllegalStateException("two groups of " + g.source());
            }
            table.set(i, g);
        }
        return new DeviceRules(table.finish(), groups.size(), entries, duplicates);
    }

    private static int capacity(int n) {
        return Integer.highestOneBit(Math.max(8, n * 2 - 1)) << 1;
    }

    /**
     * @param source source object key
     * @return its group, or null if it has no rule here
     */
    RuleGroup group(String source) {
        return table.get(table.slot(source));
    }

    /**
     * Returns a copy with groups replaced, added or removed.
     *
     * @param changed    groups by source: the new group, or an empty group to remove the source
     * @param entries    number of distinct entries afterwards
     * @param duplicates number of duplicate rules afterwards
     * @return the changed copy
     */
    DeviceRules with(Collection<RuleGroup> changed, int entries, int duplicates) {
        int size = groups;
        for (RuleGroup g : changed) {
            size += g.isEmpty() ? 0 : 1;
        }
        Table copy;
        if (capacity(size) > table.capacity()) {
            Table grown = new Table(capacity(size));
            table.forEach(g -> grown.set(grown.slot(g.source()), g));
            copy = grown;
        } else {
            copy = new Table(table);
        }
        int n = groups;
        for (RuleGroup g : changed) {
            int i = copy.slot(g.source());
            if (g.isEmpty()) {
                if (copy.get(i) != null) {
                    copy.delete(i);
                    n--;
                }
            } else {
                n += copy.get(i) == null ? 1 : 0;
                copy.set(i, g);
            }
        }
        return new DeviceRules(copy.finish(), n, entries, duplicates);
    }

    /**
     * Visits the groups (in no particular order).
     *
     * @param visitor receives each group
     */
    void forEach(Consumer<RuleGroup> visitor) {
        table.forEach(visitor);
    }

    /** @return the groups in source order */
    List<RuleGroup> sortedGroups() {
        List<RuleGroup> out = new ArrayList<>(groups);
        forEach(out::add);
        out.sort(SOURCE_ORDER);
        return out;
    }

    /** @return number of groups */
    int groupCount() {
        return groups;
    }

    /** @return number of distinct OpenFlow entries */
    int entries() {
        return entries;
    }

    /** @return number of rules making an entry another rule of the device already makes (usually 0) */
    int duplicates() {
        return duplicates;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof DeviceRules)) {
            return false;
        }
        DeviceRules d = (DeviceRules) o;
        if (groups != d.groups || entries != d.entries) {
            return false;
        }
        boolean[] same = {true};
        forEach(g -> same[0] &= g.equals(d.group(g.source())));
        return same[0];
    }

    @Override
    public int hashCode() {
        int[] h = {0};
        forEach(g -> h[0] += g.hashCode());
        return h[0];
    }
}
