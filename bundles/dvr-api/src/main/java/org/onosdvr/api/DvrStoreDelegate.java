package org.onosdvr.api;

import org.onosproject.store.StoreDelegate;

/**
 * Receives the events of the DVR store.
 */
public interface DvrStoreDelegate extends StoreDelegate<DvrEvent> {
}
