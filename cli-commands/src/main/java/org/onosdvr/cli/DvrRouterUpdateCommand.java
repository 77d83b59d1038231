package org.onosdvr.cli;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.onosdvr.api.DvrException;
import org.onosdvr.api.DvrSnapshot;
import org.onosdvr.api.Router;
import org.onosdvr.api.RouterId;

/**
 * Changes a router: name, admin state, distributed flag, external gateway (set or clear).
 */
@Service
@Command(scope = "onos", name = "dvr-router-update", description = "Updates a DVR router")
public class DvrRouterUpdateCommand extends RouterGatewayCommand {

    @Argument(index = 0, name = "id", description = "router id", required = true)
    @Completion(RouterIdCompleter.class)
    String id = null;

    @Option(name = "--name", description = "display name")
    String name = null;

    @Option(name = "--admin-state", description = "up or down")
    String adminState = null;

    @Option(name = "--distributed", description = "true or false")
    String distributed = null;

    @Option(name = "--clear-gateway", description = "remove the external gateway")
    boolean clearGateway = false;

    @Override
    protected void run() {
        DvrSnapshot s = admin().snapshot();
        Router current = s.router(RouterId.of(id))
                .orElseThrow(() -> DvrException.notFound("router %s not found", id));
        Router.Builder b = current.toBuilder();
        if (name != null) {
            b.name(name);
        }
        if (adminState != null) {
            b.adminStateUp(Flags.bool(adminState, "--admin-state"));
        }
        if (distributed != null) {
            b.distributed(Flags.bool(distributed, "--distributed"));
        }
        if (clearGateway && hasGateway()) {
            throw new IllegalArgumentException("--clear-gateway and gateway options exclude each other");
        } else if (clearGateway) {
            b.externalGateway(null);
        } else if (hasGateway()) {
            b.externalGateway(gateway(s));
        }
        Router r = admin().updateRouter(b.build());
        print("router %s updated (%s, %s, %s)", r.id(), r.adminStateUp() ? "up" : "down",
              r.distributed() ? "distributed" : "centralized",
              r.externalGateway().map(g -> "gateway " + g.externalIp()).orElse("no gateway"));
    }
}
