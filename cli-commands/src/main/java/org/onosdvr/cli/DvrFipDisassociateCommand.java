package org.onosdvr.cli;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.onosdvr.api.DvrException;
import org.onosdvr.api.FloatingIp;
import org.onosdvr.api.FloatingIpId;

/**
 * Disassociates a floating IP.
 */
@Service
@Command(scope = "onos", name = "dvr-fip-disassociate", description = "Disassociates a floating IP")
public class DvrFipDisassociateCommand extends DvrCommand {

    @Argument(index = 0, name = "id", description = "floating IP id", required = true)
    @Completion(FloatingIpIdCompleter.class)
    String id = null;

    @Override
    protected void run() {
        FloatingIp current = admin().snapshot().floatingIp(FloatingIpId.of(id))
                .orElseThrow(() -> DvrException.notFound("floating IP %s not found", id));
        FloatingIp f = admin().updateFloatingIp(current.toBuilder().portId(null).fixedIp(null).routerId(null)
                                                        .build());
        print("floating IP %s disassociated (%s)", f.id(), f.floatingIp());
    }
}
