package org.onosdvr.cli;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.onosdvr.api.DvrSnapshot;
import org.onosdvr.api.Router;

import java.util.stream.Collectors;

/**
 * Lists routers: flags, key, external gateway and attached subnets.
 */
@Service
@Command(scope = "onos", name = "dvr-routers", description = "Lists DVR routers")
public class DvrRoutersCommand extends DvrCommand {

    @Override
    protected void run() {
        DvrSnapshot s = admin().snapshot();
        if (outputJson()) {
            printJson("routers", s.routers(), Router.class, s);
            return;
        }
        Table t = new Table("id", "tenant", "name", "up", "distributed", "key", "gateway", "snat", "subnets");
        s.routers().forEach(r -> t.row(
                r.id(), r.tenantId(), r.name(), r.adminStateUp(), r.distributed(), r.key(),
                r.externalGateway().map(g -> g.externalIp() + "@" + g.networkId()).orElse(null),
                r.externalGateway().map(g -> g.enableSnat()).orElse(null),
                s.routerInterfaces(r.id()).stream().map(i -> i.subnetId().toString())
                        .collect(Collectors.joining(","))));
        printTable(t);
    }
}
