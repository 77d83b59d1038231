package org.onosdvr.cli;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.onosdvr.api.RouterId;
import org.onosdvr.api.SubnetId;

/**
 * Detaches a subnet from a router.
 */
@Service
@Command(scope = "onos", name = "dvr-router-interface-remove", description = "Detaches a subnet from a router")
public class DvrRouterInterfaceRemoveCommand extends DvrCommand {

    @Argument(index = 0, name = "router", description = "router id", required = true)
    @Completion(RouterIdCompleter.class)
    String router = null;

    @Argument(index = 1, name = "subnet", description = "subnet id", required = true)
    @Completion(SubnetIdCompleter.class)
    String subnet = null;

    @Override
    protected void run() {
        admin().removeRouterInterface(RouterId.of(router), SubnetId.of(subnet));
        print("subnet %s detached from router %s", subnet, router);
    }
}
