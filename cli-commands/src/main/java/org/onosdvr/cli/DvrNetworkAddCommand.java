package org.onosdvr.cli;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.onosdvr.api.Network;
import org.onosdvr.api.NetworkId;
import org.onosdvr.api.TenantId;

/**
 * Creates a network.
 */
@Service
@Command(scope = "onos", name = "dvr-network-add", description = "Creates a DVR network")
public class DvrNetworkAddCommand extends DvrCommand {

    @Argument(index = 0, name = "id", description = "network id", required = true)
    String id = null;

    @Argument(index = 1, name = "tenant", description = "tenant id", required = true)
    String tenant = null;

    @Argument(index = 2, name = "segmentId", description = "VNI (1..16777215)", required = true)
    int segmentId = 0;

    @Option(name = "--name", description = "display name")
    String name = "";

    @Option(name = "--external", description = "external (router:external, flat) network")
    boolean external = false;

    @Override
    protected void run() {
        Network n = admin().createNetwork(Network.builder().id(NetworkId.of(id)).tenantId(TenantId.of(tenant))
                                                  .name(name).segmentId(segmentId).external(external).build());
        print("network %s created (segment %d%s)", n.id(), n.segmentId(), n.external() ? ", external" : "");
    }
}
