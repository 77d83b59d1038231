package org.onosdvr.app.store;

import org.onosproject.core.CoreService;
import org.onosproject.store.service.StorageService;

/**
 * Wires a store for tests of other packages.
 */
public final class DvrStoreAccess {

    private DvrStoreAccess() {
    }

    public static DistributedDvrStore activate(StorageService storage, CoreService core) {
        DistributedDvrStore s = new DistributedDvrStore();
        s.coreService = core;
        s.storageService = storage;
        s.activate();
        return s;
    }

    public static void deactivate(DistributedDvrStore s) {
        s.deactivate();
    }

    public static void flush(DistributedDvrStore s) throws Exception {
        s.flush();
    }
}
