package org.onosdvr.cli;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.onlab.packet.IpAddress;
import org.onosdvr.api.DvrException;
import org.onosdvr.api.FloatingIp;
import org.onosdvr.api.FloatingIpId;
import org.onosdvr.api.PortId;

/**
 * Associates a floating IP with a VM port (the router is resolved; the fixed IP too unless given).
 */
@Service
@Command(scope = "onos", name = "dvr-fip-associate", description = "Associates a floating IP with a port")
public class DvrFipAssociateCommand extends DvrCommand {

    @Argument(index = 0, name = "id", description = "floating IP id", required = true)
    @Completion(FloatingIpIdCompleter.class)
    String id = null;

    @Argument(index = 1, name = "port", description = "VM port id", required = true)
    @Completion(PortIdCompleter.class)
    String port = null;

    @Option(name = "--fixed-ip", description = "fixed IP of the port (default: resolved)")
    String fixedIp = null;

    @Override
    protected void run() {
        FloatingIp current = admin().snapshot().floatingIp(FloatingIpId.of(id))
                .orElseThrow(() -> DvrException.notFound("floating IP %s not found", id));
        FloatingIp f = admin().updateFloatingIp(current.toBuilder().portId(PortId.of(port))
                .fixedIp(fixedIp == null ? null : IpAddress.valueOf(fixedIp)).routerId(null).build());
        print("floating IP %s associated (%s%s)", f.id(), f.floatingIp(), FipText.association(f));
    }
}
