package org.onosdvr.app.manager;

import org.onosdvr.api.DvrStore;
import org.onosproject.cfg.ComponentConfigService;
import org.onosproject.core.CoreService;
import org.onosproject.event.EventDeliveryService;
import org.onosproject.net.config.NetworkConfigService;
import org.osgi.service.component.ComponentContext;

/**
 * Wires a manager for tests of other packages.
 */
public final class DvrManagerAccess {

    private DvrManagerAccess() {
    }

    public static DvrManager activate(DvrStore store, CoreService core, ComponentConfigService cfg,
                                      NetworkConfigService netcfg, EventDeliveryService dispatcher) {
        DvrManager m = new DvrManager();
        m.store = store;
        m.coreService = core;
        m.cfgService = cfg;
        m.netcfgService = netcfg;
        org.onosproject.net.NetTestTools.injectEventDispatcher(m, dispatcher);
        m.activate(null);
        return m;
    }

    public static void modified(DvrManager m, ComponentContext context) {
        m.modified(context);
    }

    public static void deactivate(DvrManager m) {
        m.deactivate();
    }
}
