package org.onosdvr.api;

import org.onosproject.event.AbstractEvent;

/**
 * A change of the DVR state. The subject is the model value (for removals: the value as it was), or the
 * {@link DvrSnapshot} for {@link Type#SNAPSHOT_CHANGED}, which is posted once after every applied change.
 */
public class DvrEvent extends AbstractEvent<DvrEvent.Type, Object> {

    /** Event types: an object was created or updated, or removed. */
    public enum Type {
        NETWORK_UPDATED, NETWORK_REMOVED,
        SUBNET_UPDATED, SUBNET_REMOVED,
        PORT_UPDATED, PORT_REMOVED,
        ROUTER_UPDATED, ROUTER_REMOVED,
        ROUTER_INTERFACE_UPDATED, ROUTER_INTERFACE_REMOVED,
        FLOATING_IP_UPDATED, FLOATING_IP_REMOVED,
        NODE_UPDATED, NODE_REMOVED,
        GATEWAY_ASSIGNMENT_UPDATED, GATEWAY_ASSIGNMENT_REMOVED,
        NEIGHBOR_UPDATED, NEIGHBOR_REMOVED,
        /** The whole state moved to a new snapshot (subject: the new snapshot). */
        SNAPSHOT_CHANGED
    }

    /**
     * Creates an event.
     *
     * @param type    type
     * @param subject model value or snapshot
     */
    public DvrEvent(Type type, Object subject) {
        super(type, subject);
    }
}
