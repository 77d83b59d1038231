package org.onosdvr.cli;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.onosdvr.api.DvrSnapshot;
import org.onosdvr.api.GatewayAdminService;
import org.onosdvr.api.GatewayAssignment;
import org.onosdvr.api.RouterId;

import java.util.Map;
import java.util.stream.Collectors;

/**
 * Lists the SNAT gateway assignment of every router.
 */
@Service
@Command(scope = "onos", name = "dvr-gateways", description = "Lists SNAT gateway assignments")
public class DvrGatewaysCommand extends DvrCommand {

    @Option(name = "--rebalance", aliases = "-r",
            description = "re-spread assignments by rank (routers that move lose their SNAT connections)")
    private boolean rebalance;

    @Override
    protected void run() {
        DvrSnapshot s = admin().snapshot();
        if (rebalance) {
            Map<RouterId, GatewayAssignment> moved = service(GatewayAdminService.class).rebalance();
            s = admin().snapshot();
            if (outputJson()) {
                printJson("gateways", moved.values(), GatewayAssignment.class, s);
                return;
            }
            print("%d assignment(s) changed", moved.size());
        }
        if (outputJson()) {
            printJson("gateways", s.gatewayAssignments(), GatewayAssignment.class, s);
            return;
        }
        Table t = new Table("router", "primary", "backups");
        s.gatewayAssignments().forEach(a -> t.row(a.routerId(), a.primary(),
                a.backups().stream().map(Object::toString).collect(Collectors.joining(","))));
        printTable(t);
    }
}
