package org.onosdvr.api;

import org.onosproject.event.ListenerService;

/**
 * Read side of the DVR: the current state as one consistent snapshot, and change events.
 */
public interface DvrService extends ListenerService<DvrEvent, DvrListener> {

    /**
     * Returns the current state.
     *
     * @return immutable, consistent snapshot
     */
    DvrSnapshot snapshot();

    /**
     * Returns the value new routers get for {@code distributed} when the request does not say
     * (Neutron's {@code router_distributed}).
     *
     * @return default distributed flag
     */
    boolean defaultDistributed();
}
