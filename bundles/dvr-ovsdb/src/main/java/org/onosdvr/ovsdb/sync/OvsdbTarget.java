package org.onosdvr.ovsdb.sync;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.onosdvr.ovsdb.channel.OvsdbSession;
import org.onosdvr.ovsdb.db.OvsdbTables;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * What {@link OvsdbReconciler} needs of a switch's OVSDB session (tests put a fake in its place).
 */
public interface OvsdbTarget {

    /** @return the switch's monitored tables, as last updated */
    OvsdbTables tables();

    /** @return the bridge the reconciled rows belong to (the integration bridge) */
    String bridgeName();

    /**
     * @param ops operations of one transaction
     * @return the transact result array
     */
    CompletableFuture<JsonNode> transact(List<ObjectNode> ops);

    /**
     * @param session an OVSDB session
     * @return the session as a target
     */
    static OvsdbTarget of(OvsdbSession session) {
        return new OvsdbTarget() {
            @Override
            public OvsdbTables tables() {
                return session.tables();
            }

            @Override
            public String bridgeName() {
                return session.bridgeName();
            }

            @Override
            public CompletableFuture<JsonNode> transact(List<ObjectNode> ops) {
                return session.transact(ops);
            }
        };
    }
}
