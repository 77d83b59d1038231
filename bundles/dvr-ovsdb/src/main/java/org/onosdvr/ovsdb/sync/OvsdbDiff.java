package org.onosdvr.ovsdb.sync;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.List;

/**
 * What one {@code transact} must do so that a switch's rows match what is wanted, computed from its monitored
 * tables; {@link #toString()} names the changes for logs.
 */
public interface OvsdbDiff {

    /** @return the operations, in order; empty if nothing is to be done */
    List<ObjectNode> ops();

    /** @return true if the switch already matches */
    default boolean isEmpty() {
        return ops().isEmpty();
    }
}
