package org.onosdvr.api;

import java.util.Map;

/**
 * Administration of SNAT gateway assignments. Assignments are kept sticky (a primary that is up keeps its
 * routers, so a gateway that joins or recovers disturbs nobody); a rebalance re-spreads them by rank on demand.
 */
public interface GatewayAdminService {

    /**
     * Re-assigns every router to its ranked gateway (rendezvous hashing over the gateway nodes that are up).
     * Routers that move lose their SNAT connections (they live in the old primary's conntrack); new connections
     * work as soon as the switches are reprogrammed.
     *
     * @return the assignments that changed, by router
     */
    Map<RouterId, GatewayAssignment> rebalance();
}
