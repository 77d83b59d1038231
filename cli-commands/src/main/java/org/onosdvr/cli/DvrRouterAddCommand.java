package org.onosdvr.cli;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.onosdvr.api.Router;
import org.onosdvr.api.RouterId;
import org.onosdvr.api.TenantId;

/**
 * Creates a router (distributed unless told otherwise by --distributed or the service default).
 */
@Service
@Command(scope = "onos", name = "dvr-router-add", description = "Creates a DVR router")
public class DvrRouterAddCommand extends RouterGatewayCommand {

    @Argument(index = 0, name = "id", description = "router id", required = true)
    String id = null;

    @Argument(index = 1, name = "tenant", description = "tenant id", required = true)
    String tenant = null;

    @Option(name = "--name", description = "display name")
    String name = "";

    @Option(name = "--distributed", description = "true or false (default: the service default)")
    String distributed = null;

    @Option(name = "--down", description = "create with admin state down")
    boolean down = false;

    @Override
    protected void run() {
        Router r = admin().createRouter(Router.builder().id(RouterId.of(id)).tenantId(TenantId.of(tenant))
                .name(name).adminStateUp(!down)
                .distributed(distributed == null ? admin().defaultDistributed() : Flags.bool(distributed,
                                                                                             "--distributed"))
                .externalGateway(hasGateway() ? gateway(admin().snapshot()) : null)
                .build());
        print("router %s created (key %d, %s%s)", r.id(), r.key(), r.distributed() ? "distributed" : "centralized",
              r.externalGateway().map(g -> ", gateway " + g.externalIp()).orElse(""));
    }
}
