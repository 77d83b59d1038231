package org.onosdvr.cli;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.onosdvr.api.RouterId;
import org.onosdvr.api.RouterInterface;
import org.onosdvr.api.SubnetId;
import org.onosdvr.cli.codec.Neutron;

/**
 * Attaches a subnet to a router.
 */
@Service
@Command(scope = "onos", name = "dvr-router-interface-add", description = "Attaches a subnet to a router")
public class DvrRouterInterfaceAddCommand extends DvrCommand {

    @Argument(index = 0, name = "router", description = "router id", required = true)
    @Completion(RouterIdCompleter.class)
    String router = null;

    @Argument(index = 1, name = "subnet", description = "subnet id", required = true)
    @Completion(SubnetIdCompleter.class)
    String subnet = null;

    @Override
    protected void run() {
        RouterInterface i = admin().addRouterInterface(RouterId.of(router), SubnetId.of(subnet));
        print("subnet %s attached to router %s (mac %s)", i.subnetId(), i.routerId(),
              i.mac() == null ? "-" : Neutron.mac(i.mac()));
    }
}
