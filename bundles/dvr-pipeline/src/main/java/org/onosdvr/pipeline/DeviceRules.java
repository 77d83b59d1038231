package org.onosdvr.pipeline;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.function.Consumer;

/**
 * The rule groups of one device, keyed by source object. Immutable; {@link #with} makes a changed copy in one
 * array copy (open addressing by source, no per-entry nodes), so an incremental step that touches a few groups
 * on many devices stays cheap and the previous pipeline stays valid.
 */
final class DeviceRules {

    static final Comparator<RuleGroup> SOURCE_ORDER = Comparator.comparing(RuleGroup::source);

    private final RuleGroup[] table;
    private final int groups;
    private final int entries;
    private final int duplicates;

    private DeviceRules(RuleGroup[] table, int groups, int entries, int duplicates) {
        this.table = table;
        this.groups = groups;
        this.entries = entries;
        this.duplicates = duplicates;
    }

    /**
     * @param groups     the device's non-empty groups, one per source
     * @param entries    number of distinct OpenFlow entries they make
     * @param duplicates number of rules making an entry another rule already makes
     * @return the device's rules
     */
    static DeviceRules of(Collection<RuleGroup> groups, int entries, int duplicates) {
        RuleGroup[] table = new RuleGroup[capacity(groups.size())];
        for (RuleGroup g : groups) {
            int i = slot(table, g.source());
            if (table[i] != null) {
                throw new IllegalStateException("two groups of " + g.source());
            }
            table[i] = g;
        }
        return new DeviceRules(table, groups.size(), entries, duplicates);
    }

    private static int capacity(int n) {
        return Integer.highestOneBit(Math.max(8, n * 2 - 1)) << 1;
    }

    private static int slot(RuleGroup[] table, String source) {
        int mask = table.length - 1;
        int i = StableHash.spread(source.hashCode()) & mask;
        while (table[i] != null && !table[i].source().equals(source)) {
            i = (i + 1) & mask;
        }
        return i;
    }

    /**
     * @param source source object key
     * @return its group, or null if it has no rule here
     */
    RuleGroup group(String source) {
        return table[slot(table, source)];
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
        RuleGroup[] copy = capacity(size) > table.length ? new RuleGroup[capacity(size)] : table.clone();
        if (copy.length != table.length) {
            for (RuleGroup g : table) {
                if (g != null) {
                    copy[slot(copy, g.source())] = g;
                }
            }
        }
        int n = groups;
        for (RuleGroup g : changed) {
            int i = slot(copy, g.source());
            if (g.isEmpty()) {
                if (copy[i] != null) {
                    delete(copy, i);
                    n--;
                }
            } else {
                n += copy[i] == null ? 1 : 0;
                copy[i] = g;
            }
        }
        return new DeviceRules(copy, n, entries, duplicates);
    }

    /** Backward-shift deletion: keeps every probe sequence unbroken without tombstones. */
    private static void delete(RuleGroup[] table, int i) {
        int mask = table.length - 1;
        int hole = i;
        int j = i;
        while (true) {
            j = (j + 1) & mask;
            if (table[j] == null) {
                break;
            }
            int home = StableHash.spread(table[j].source().hashCode()) & mask;
            boolean movable = hole <= j ? (home <= hole || home > j) : (home <= hole && home > j);
            if (movable) {
                table[hole] = table[j];
                hole = j;
            }
        }
        table[hole] = null;
    }

    /**
     * Visits the groups (in no particular order).
     *
     * @param visitor receives each group
     */
    void forEach(Consumer<RuleGroup> visitor) {
        for (RuleGroup g : table) {
            if (g != null) {
                visitor.accept(g);
            }
        }
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
        for (RuleGroup g : table) {
            if (g != null && !g.equals(d.group(g.source()))) {
                return false;
            }
        }
        return true;
    }

    @Override
    public int hashCode() {
        int h = 0;
        for (RuleGroup g : table) {
            h += g == null ? 0 : g.hashCode();
        }
        return h;
    }
}
