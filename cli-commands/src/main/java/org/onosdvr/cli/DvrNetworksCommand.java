package org.onosdvr.cli;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.onosdvr.api.DvrSnapshot;
import org.onosdvr.api.Network;
import org.onosdvr.api.Subnet;

import java.util.stream.Collectors;

/**
 * Lists networks.
 */
@Service
@Command(scope = "onos", name = "dvr-networks", description = "Lists DVR networks")
public class DvrNetworksCommand extends DvrCommand {

    @Override
    protected void run() {
        DvrSnapshot s = admin().snapshot();
        if (outputJson()) {
            printJson("networks", s.networks(), Network.class, s);
            return;
        }
        Table t = new Table("id", "tenant", "name", "segment", "external", "subnets");
        s.networks().forEach(n -> t.row(n.id(), n.tenantId(), n.name(), n.segmentId(), n.external(),
                                        s.subnets(n.id()).stream().map(Subnet::id).map(Object::toString)
                                                .collect(Collectors.joining(","))));
        printTable(t);
    }
}
