package org.onosdvr.cli;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.onlab.packet.IpAddress;
import org.onosdvr.api.FloatingIp;
import org.onosdvr.api.FloatingIpId;
import org.onosdvr.api.NetworkId;
import org.onosdvr.api.PortId;
import org.onosdvr.api.TenantId;

/**
 * Creates a floating IP, optionally associated with a port.
 */
@Service
@Command(scope = "onos", name = "dvr-fip-add", description = "Creates a floating IP")
public class DvrFipAddCommand extends DvrCommand {

    @Argument(index = 0, name = "id", description = "floating IP id", required = true)
    String id = null;

    @Argument(index = 1, name = "tenant", description = "tenant id", required = true)
    String tenant = null;

    @Argument(index = 2, name = "network", description = "external network id", required = true)
    @Completion(NetworkIdCompleter.class)
    String network = null;

    @Argument(index = 3, name = "ip", description = "floating IPv4 address", required = true)
    String ip = null;

    @Option(name = "--port", description = "associate with this VM port")
    @Completion(PortIdCompleter.class)
    String port = null;

    @Option(name = "--fixed-ip", description = "fixed IP of the port (default: resolved)")
    String fixedIp = null;

    @Override
    protected void run() {
        FloatingIp f = admin().createFloatingIp(FloatingIp.builder().id(FloatingIpId.of(id))
                .tenantId(TenantId.of(tenant)).floatingNetworkId(NetworkId.of(network))
                .floatingIp(IpAddress.valueOf(ip)).portId(port == null ? null : PortId.of(port))
                .fixedIp(fixedIp == null ? null : IpAddress.valueOf(fixedIp)).build());
        print("floating IP %s created (%s%s)", f.id(), f.floatingIp(), FipText.association(f));
    }
}
