package org.onosdvr.app.testing;

import org.onlab.packet.IpAddress;
import org.onlab.packet.IpPrefix;
import org.onlab.packet.MacAddress;
import org.onosdvr.api.DvrNode;
import org.onosdvr.api.ExternalGateway;
import org.onosdvr.api.FloatingIp;
import org.onosdvr.api.FloatingIpId;
import org.onosdvr.api.Network;
import org.onosdvr.api.NetworkId;
import org.onosdvr.api.NodeRole;
import org.onosdvr.api.PortId;
import org.onosdvr.api.Router;
import org.onosdvr.api.RouterId;
import org.onosdvr.api.Subnet;
import org.onosdvr.api.SubnetId;
import org.onosdvr.api.TenantId;
import org.onosdvr.api.VmPort;
import org.onosproject.net.DeviceId;
import org.onosproject.net.PortNumber;

import java.util.Set;

/**
 * Small factory of model values for tests.
 */
public final class TestModel {

    public static final TenantId TENANT = TenantId.of("t1");

    private TestModel() {
    }

    public static Network network(String id, int vni) {
        return Network.builder().id(NetworkId.of(id)).tenantId(TENANT).name(id).segmentId(vni).build();
    }

    public static Network externalNetwork(String id, int vni) {
        return network(id, vni).toBuilder().external(true).build();
    }

    public static Subnet subnet(String id, String network, String cidr, String gateway) {
        return Subnet.builder().id(SubnetId.of(id)).networkId(NetworkId.of(network)).tenantId(TENANT)
                .cidr(IpPrefix.valueOf(cidr)).gatewayIp(IpAddress.valueOf(gateway)).build();
    }

    public static VmPort port(String id, String network, String mac, String... ips) {
        return VmPort.builder().id(PortId.of(id)).networkId(NetworkId.of(network)).tenantId(TENANT)
                .mac(MacAddress.valueOf(mac)).fixedIps(ipSet(ips)).build();
    }

    public static Router router(String id) {
        return Router.builder().id(RouterId.of(id)).tenantId(TENANT).name(id).build();
    }

    public static Router routerWithGateway(String id, String extNet, String extSubnet, String ip, boolean snat) {
        return router(id).toBuilder().externalGateway(new ExternalGateway(
                NetworkId.of(extNet), SubnetId.of(extSubnet), IpAddress.valueOf(ip), snat, null)).build();
    }

    public static FloatingIp floatingIp(String id, String extNet, String ip, String port) {
        return FloatingIp.builder().id(FloatingIpId.of(id)).tenantId(TENANT).floatingNetworkId(NetworkId.of(extNet))
                .floatingIp(IpAddress.valueOf(ip)).portId(port == null ? null : PortId.of(port)).build();
    }

    public static DvrNode node(String device, NodeRole role, String tunnelIp, int index) {
        return DvrNode.builder().deviceId(DeviceId.deviceId(device)).role(role)
                .tunnelIp(IpAddress.valueOf(tunnelIp)).tunnelPort(PortNumber.portNumber(100))
                .externalPort(role.isGateway() ? PortNumber.portNumber(200) : null).index(index).build();
    }

    public static Set<IpAddress> ipSet(String... ips) {
        java.util.Set<IpAddress> set = new java.util.TreeSet<>();
        for (String ip : ips) {
            set.add(IpAddress.valueOf(ip));
        }
        return set;
    }
}
