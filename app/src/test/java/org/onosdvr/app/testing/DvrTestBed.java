package org.onosdvr.app.testing;

import org.onosdvr.api.DvrEvent;
import org.onosdvr.app.manager.DvrManagerAccess;
import org.onosdvr.app.manager.DvrManager;
import org.onosdvr.app.store.DistributedDvrStore;
import org.onosdvr.app.store.DvrStoreAccess;
import org.onosproject.cfg.ComponentConfigAdapter;
import org.onosproject.core.CoreServiceAdapter;
import org.onosproject.net.config.NetworkConfigServiceAdapter;

import java.util.ArrayList;
import java.util.List;

/**
 * A store and a manager wired like in ONOS, over a shared test storage, recording every DVR event.
 */
public final class DvrTestBed {

    public final SharedTestStorage storage;
    public final DistributedDvrStore store;
    public final DvrManager manager;
    public final List<DvrEvent> events = new ArrayList<>();

    public DvrTestBed() {
        this(new SharedTestStorage(), new NetworkConfigServiceAdapter());
    }

    public DvrTestBed(SharedTestStorage storage, NetworkConfigServiceAdapter netcfg) {
        this.storage = storage;
        store = DvrStoreAccess.activate(storage, new CoreServiceAdapter());
        manager = DvrManagerAccess.activate(store, new CoreServiceAdapter(), new ComponentConfigAdapter(), netcfg,
                                            new SyncEventDispatcher());
        manager.addListener(events::add);
    }

    public void stop() {
        DvrManagerAccess.deactivate(manager);
        DvrStoreAccess.deactivate(store);
    }
}
