package org.onosdvr.cli;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.onosdvr.api.DvrSnapshot;
import org.onosdvr.api.VmPort;
import org.onosdvr.cli.codec.Neutron;

import java.util.stream.Collectors;

/**
 * Lists VM ports with their location.
 */
@Service
@Command(scope = "onos", name = "dvr-ports", description = "Lists DVR VM ports")
public class DvrPortsCommand extends DvrCommand {

    @Override
    protected void run() {
        DvrSnapshot s = admin().snapshot();
        if (outputJson()) {
            printJson("ports", s.ports(), VmPort.class, s);
            return;
        }
        Table t = new Table("id", "network", "tenant", "mac", "fixed_ips", "location");
        s.ports().forEach(p -> t.row(p.id(), p.networkId(), p.tenantId(), Neutron.mac(p.mac()),
                                     p.fixedIps().stream().map(Object::toString).collect(Collectors.joining(",")),
                                     p.location().map(Object::toString).orElse(null)));
        printTable(t);
    }
}
