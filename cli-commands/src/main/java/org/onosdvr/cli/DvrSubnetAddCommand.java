package org.onosdvr.cli;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.onlab.packet.IpAddress;
import org.onlab.packet.IpPrefix;
import org.onosdvr.api.NetworkId;
import org.onosdvr.api.Subnet;
import org.onosdvr.api.SubnetId;
import org.onosdvr.api.TenantId;

/**
 * Creates a subnet (gateway: the first host address unless given).
 */
@Service
@Command(scope = "onos", name = "dvr-subnet-add", description = "Creates a DVR subnet")
public class DvrSubnetAddCommand extends DvrCommand {

    @Argument(index = 0, name = "id", description = "subnet id", required = true)
    String id = null;

    @Argument(index = 1, name = "network", description = "network id", required = true)
    @Completion(NetworkIdCompleter.class)
    String network = null;

    @Argument(index = 2, name = "tenant", description = "tenant id", required = true)
    String tenant = null;

    @Argument(index = 3, name = "cidr", description = "IPv4 prefix, e.g. 10.0.1.0/24", required = true)
    String cidr = null;

    @Option(name = "--gateway", description = "gateway IP (default: first host address)")
    String gateway = null;

    @Option(name = "--name", description = "display name")
    String name = "";

    @Override
    protected void run() {
        IpPrefix prefix = IpPrefix.valueOf(cidr);
        IpAddress gw = gateway != null ? IpAddress.valueOf(gateway)
                : IpAddress.valueOf(prefix.address().getIp4Address().toInt() + 1);
        Subnet s = admin().createSubnet(Subnet.builder().id(SubnetId.of(id)).networkId(NetworkId.of(network))
                                                .tenantId(TenantId.of(tenant)).name(name).cidr(prefix)
                                                .gatewayIp(gw).build());
        print("subnet %s created (%s, gateway %s)", s.id(), s.cidr(), s.gatewayIp());
    }
}
