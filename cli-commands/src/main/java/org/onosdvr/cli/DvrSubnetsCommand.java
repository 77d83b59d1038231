package org.onosdvr.cli;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.onosdvr.api.DvrSnapshot;
import org.onosdvr.api.RouterInterface;
import org.onosdvr.api.Subnet;

/**
 * Lists subnets with the router they are attached to.
 */
@Service
@Command(scope = "onos", name = "dvr-subnets", description = "Lists DVR subnets")
public class DvrSubnetsCommand extends DvrCommand {

    @Override
    protected void run() {
        DvrSnapshot s = admin().snapshot();
        if (outputJson()) {
            printJson("subnets", s.subnets(), Subnet.class, s);
            return;
        }
        Table t = new Table("id", "network", "tenant", "cidr", "gateway", "router");
        s.subnets().forEach(sn -> t.row(sn.id(), sn.networkId(), sn.tenantId(), sn.cidr(), sn.gatewayIp(),
                                        s.routerInterface(sn.id()).map(RouterInterface::routerId).orElse(null)));
        printTable(t);
    }
}
