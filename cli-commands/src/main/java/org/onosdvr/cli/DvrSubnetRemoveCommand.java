package org.onosdvr.cli;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.onosdvr.api.SubnetId;

/**
 * Removes a subnet.
 */
@Service
@Command(scope = "onos", name = "dvr-subnet-remove", description = "Removes a DVR subnet")
public class DvrSubnetRemoveCommand extends DvrCommand {

    @Argument(index = 0, name = "id", description = "subnet id", required = true)
    @Completion(SubnetIdCompleter.class)
    String id = null;

    @Override
    protected void run() {
        admin().removeSubnet(SubnetId.of(id));
        print("subnet %s removed", id);
    }
}
