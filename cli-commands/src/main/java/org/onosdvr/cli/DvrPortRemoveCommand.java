package org.onosdvr.cli;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.onosdvr.api.PortId;

/**
 * Removes a VM port (its floating IPs are disassociated).
 */
@Service
@Command(scope = "onos", name = "dvr-port-remove", description = "Removes a DVR VM port")
public class DvrPortRemoveCommand extends DvrCommand {

    @Argument(index = 0, name = "id", description = "port id", required = true)
    @Completion(PortIdCompleter.class)
    String id = null;

    @Override
    protected void run() {
        admin().removePort(PortId.of(id));
        print("port %s removed", id);
    }
}
