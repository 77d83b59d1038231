package org.onosdvr.cli;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.onosdvr.api.NetworkId;

/**
 * Removes a network.
 */
@Service
@Command(scope = "onos", name = "dvr-network-remove", description = "Removes a DVR network")
public class DvrNetworkRemoveCommand extends DvrCommand {

    @Argument(index = 0, name = "id", description = "network id", required = true)
    @Completion(NetworkIdCompleter.class)
    String id = null;

    @Override
    protected void run() {
        admin().removeNetwork(NetworkId.of(id));
        print("network %s removed", id);
    }
}
