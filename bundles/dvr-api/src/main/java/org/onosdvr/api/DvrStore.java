package org.onosdvr.api;

import org.onosproject.store.Store;

import java.util.function.UnaryOperator;

/**
 * Keeps the DVR state (distributed in an ONOS cluster, persistent on disk in the embedded runtime).
 */
public interface DvrStore extends Store<DvrEvent, DvrStoreDelegate> {

    /**
     * Returns the current state.
     *
     * @return snapshot
     */
    DvrSnapshot snapshot();

    /**
     * Applies a change atomically: the change edits a builder holding the current state; if the resulting
     * snapshot validates, it is stored and events for every changed object are posted; otherwise nothing is
     * stored and the validation error is thrown.
     *
     * @param change edit of the current state
     * @return the new snapshot
     * @throws IllegalArgumentException if the result does not validate
     */
    DvrSnapshot apply(UnaryOperator<DvrSnapshot.Builder> change);
}
