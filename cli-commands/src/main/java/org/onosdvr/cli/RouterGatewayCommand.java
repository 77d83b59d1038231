package org.onosdvr.cli;

import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.onlab.packet.IpAddress;
import org.onosdvr.api.DvrSnapshot;
import org.onosdvr.api.ExternalGateway;
import org.onosdvr.api.NetworkId;
import org.onosdvr.api.Subnet;
import org.onosdvr.api.SubnetId;

/**
 * Base of the router commands that take external gateway options.
 */
public abstract class RouterGatewayCommand extends DvrCommand {

    @Option(name = "--gateway-network", description = "external network of the gateway")
    @Completion(NetworkIdCompleter.class)
    String gatewayNetwork = null;

    @Option(name = "--gateway-ip", description = "router address on the external network")
    String gatewayIp = null;

    @Option(name = "--gateway-subnet", description = "external subnet (default: the one holding --gateway-ip)")
    @Completion(SubnetIdCompleter.class)
    String gatewaySubnet = null;

    @Option(name = "--no-snat", description = "disable default SNAT through the gateway")
    boolean noSnat = false;

    /** @return true if gateway options were given */
    protected boolean hasGateway() {
        return gatewayNetwork != null || gatewayIp != null;
    }

    /**
     * @param snapshot current state (to find the subnet)
     * @return the gateway of the options
     */
    protected ExternalGateway gateway(DvrSnapshot snapshot) {
        if (gatewayNetwork == null || gatewayIp == null) {
            throw new IllegalArgumentException("--gateway-network and --gateway-ip go together");
        }
        NetworkId network = NetworkId.of(gatewayNetwork);
        IpAddress ip = IpAddress.valueOf(gatewayIp);
        SubnetId subnet = gatewaySubnet != null ? SubnetId.of(gatewaySubnet)
                : snapshot.subnetOf(network, ip).map(Subnet::id).orElseThrow(
                        () -> new IllegalArgumentException("no subnet of " + network + " holds " + ip));
        return new ExternalGateway(network, subnet, ip, !noSnat, null);
    }
}
