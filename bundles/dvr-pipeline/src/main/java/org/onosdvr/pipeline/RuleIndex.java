package org.onosdvr.pipeline;

import java.util.Arrays;

/**
 * The OpenFlow entries of one device: compiled rules keyed by table, priority and match (what a switch keys its
 * entries by), each with the number of rules holding it. Two sources may compile the same entry (say two VM
 * ports that claim one switch port both drop everything else from it); the entry stays while one of them does.
 * Open addressing with linear probing over one array, so a device's 14,000 rules cost one array, not 14,000
 * map nodes. Not thread-safe.
 */
final class RuleIndex {

    private Rule[] keys;
    /** {@link Rule#keyHash()} of each slot's rule: probes compare it before touching the rule. */
    private int[] hashes;
    private int[] counts;
    private int size;
    private int duplicates;

    /**
     * @param expected number of entries expected
     */
    RuleIndex(int expected) {
        int capacity = Integer.highestOneBit(Math.max(16, expected * 2 - 1)) << 1;
        keys = new Rule[capacity];
        hashes = new int[capacity];
        counts = new int[capacity];
    }

    /** @return number of distinct entries */
    int size() {
        return size;
    }

    /** @return number of rules beyond the first of each entry */
    int duplicates() {
        return duplicates;
    }

    private int slot(Rule r) {
        int mask = keys.length - 1;
        int h = r.keyHash();
        int i = StableHash.spread(h) & mask;
        while (keys[i] != null && (hashes[i] != h || !keys[i].sameKey(r))) {
            i = (i + 1) & mask;
        }
        return i;
    }

    /**
     * @param r rule
     * @return the rule holding the entry with r's table, priority and match, or null
     */
    Rule get(Rule r) {
        return keys[slot(r)];
    }

    /**
     * Adds a rule to its entry.
     *
     * @param r rule
     * @return true if the entry is new, false if another rule already held it
     * @throws IllegalStateException if the entry is held by a rule with other actions (a conflict)
     */
    boolean add(Rule r) {
        int i = slot(r);
        Rule held = keys[i];
        if (held != null) {
            if (!held.actions().equals(r.actions())) {
                throw new IllegalStateException("conflicting rules: " + held + " / " + r);
            }
            counts[i]++;
            duplicates++;
            return false;
        }
        keys[i] = r;
        hashes[i] = r.keyHash();
        counts[i] = 1;
        if (++size * 2 > keys.length) {
            grow();
        }
        return true;
    }

    /**
     * Removes a rule from its entry.
     *
     * @param r rule (held before)
     * @return true if no rule holds the entry any more
     * @throws IllegalStateException if no rule held it
     */
    boolean remove(Rule r) {
        int i = slot(r);
        if (keys[i] == null) {
            throw new IllegalStateException("removing a rule that is not there: " + r);
        }
        if (counts[i] > 1) {
            counts[i]--;
            duplicates--;
            return false;
        }
        delete(i);
        size--;
        return true;
    }

    /** Backward-shift deletion: keeps every probe sequence unbroken without tombstones. */
    private void delete(int i) {
        int mask = keys.length - 1;
        int hole = i;
        int j = i;
        while (true) {
            j = (j + 1) & mask;
            if (keys[j] == null) {
                break;
            }
            int home = StableHash.spread(hashes[j]) & mask;
            // move j into the hole if its home is not cyclically in (hole, j]
            boolean movable = hole <= j ? (home <= hole || home > j) : (home <= hole && home > j);
            if (movable) {
                keys[hole] = keys[j];
                hashes[hole] = hashes[j];
                counts[hole] = counts[j];
                hole = j;
            }
        }
        keys[hole] = null;
        hashes[hole] = 0;
        counts[hole] = 0;
    }

    private void grow() {
        Rule[] oldKeys = keys;
        int[] oldCounts = counts;
        keys = new Rule[oldKeys.length * 2];
        hashes = new int[oldKeys.length * 2];
        counts = new int[oldKeys.length * 2];
        for (int i = 0; i < oldKeys.length; i++) {
            if (oldKeys[i] != null) {
                int j = slot(oldKeys[i]);
                keys[j] = oldKeys[i];
                hashes[j] = oldKeys[i].keyHash();
                counts[j] = oldCounts[i];
            }
        }
    }

    /**
     * Visits one rule per entry.
     *
     * @param visitor receives them
     */
    void forEach(java.util.function.Consumer<Rule> visitor) {
        for (Rule r : keys) {
            if (r != null) {
                visitor.accept(r);
            }
        }
    }

    /** @return a copy */
    RuleIndex copy() {
        RuleIndex c = new RuleIndex(1);
        c.keys = Arrays.copyOf(keys, keys.length);
        c.hashes = Arrays.copyOf(hashes, hashes.length);
        c.counts = Arrays.copyOf(counts, counts.length);
        c.size = size;
        c.duplicates = duplicates;
        return c;
    }
}
