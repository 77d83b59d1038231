package org.onosdvr.cli;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.onosdvr.api.DvrSnapshot;
import org.onosdvr.api.GatewayAssignment;

import java.util.stream.Collectors;

/**
 * Lists the SNAT gateway assignment of every router.
 */
@Service
@Command(scope = "onos", name = "dvr-gateways", description = "Lists SNAT gateway assignments")
public class DvrGatewaysCommand extends DvrCommand {

    @Override
    protected void run() {
        DvrSnapshot s = admin().snapshot();
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
