package org.onosdvr.ovsdb.sync;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.List;

/**
 * What one {@code transact} must do so that a switch's rows match what is wanted, computed from its monitored
 * tables: the operations and one line per change for logs.
 */
public abstract class OvsdbDiff {

    private final List<ObjectNode> ops;
    private final List<String> changes;

    /**
     * @param ops     operations, in order
     * @param changes one line per change
     */
    protected OvsdbDiff(List<ObjectNode> ops, List<String> changes) {
        this.ops = List.copyOf(ops);
        this.changes = List.copyOf(changes);
    }

    /** @return the operations, in order; empty if nothing is to be done */
    public List<ObjectNode> ops() {
        return ops;
    }

    /** @return one line per change, for logs */
    public List<String> changes() {
        return changes;
    }

    /** @return true if the switch already matches */
    public boolean isEmpty() {
        return ops.isEmpty();
    }

    @Override
    public String toString() {
        return String.join("; ", changes);
    }
}
