package org.onosdvr.cli;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.onosdvr.api.RouterId;

/**
 * Removes a router.
 */
@Service
@Command(scope = "onos", name = "dvr-router-remove", description = "Removes a DVR router")
public class DvrRouterRemoveCommand extends DvrCommand {

    @Argument(index = 0, name = "id", description = "router id", required = true)
    @Completion(RouterIdCompleter.class)
    String id = null;

    @Override
    protected void run() {
        admin().removeRouter(RouterId.of(id));
        print("router %s removed", id);
    }
}
