package org.onosdvr.cli;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.onosdvr.api.FloatingIpId;

/**
 * Removes a floating IP.
 */
@Service
@Command(scope = "onos", name = "dvr-fip-remove", description = "Removes a floating IP")
public class DvrFipRemoveCommand extends DvrCommand {

    @Argument(index = 0, name = "id", description = "floating IP id", required = true)
    @Completion(FloatingIpIdCompleter.class)
    String id = null;

    @Override
    protected void run() {
        admin().removeFloatingIp(FloatingIpId.of(id));
        print("floating IP %s removed", id);
    }
}
