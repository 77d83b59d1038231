package org.onosdvr.pipeline;

import org.onosdvr.api.DvrNode;
import org.onosdvr.api.ExternalNeighbor;
import org.onosdvr.api.FloatingIp;
import org.onosdvr.api.FloatingIpId;
import org.onosdvr.api.NetworkId;
import org.onosdvr.api.PortId;
import org.onosdvr.api.Router;
import org.onosdvr.api.RouterId;
import org.onosdvr.api.VmPort;

/**
 * Keys of the model objects rules come from ({@link CompiledRule#source()}).
 */
final class Sources {

    /** Source of the generated table-miss rules. */
    static final String PIPELINE = "pipeline";

    private Sources() {
    }

    static String port(VmPort p) {
        return port(p.id());
    }

    static String port(PortId id) {
        return "port:" + id;
    }

    static String router(Router r) {
        return router(r.id());
    }

    static String router(RouterId id) {
        return "router:" + id;
    }

    static String node(DvrNode n) {
        return "node:" + n.deviceId();
    }

    static String fip(FloatingIp f) {
        return fip(f.id());
    }

    static String fip(FloatingIpId id) {
        return "fip:" + id;
    }

    static String network(NetworkId id) {
        return "network:" + id;
    }

    static String neighbor(ExternalNeighbor n) {
        return "neighbor:" + n.networkId() + "/" + n.ip();
    }
}
