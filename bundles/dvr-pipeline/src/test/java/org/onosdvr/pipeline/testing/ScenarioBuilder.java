package org.onosdvr.pipeline.testing;

import org.onlab.packet.IpAddress;
import org.onlab.packet.IpPrefix;
import org.onlab.packet.MacAddress;
import org.onosdvr.api.DvrNode;
import org.onosdvr.api.DvrSnapshot;
import org.onosdvr.api.ExternalGateway;
import org.onosdvr.api.ExternalNeighbor;
import org.onosdvr.api.FloatingIp;
import org.onosdvr.api.FloatingIpId;
import org.onosdvr.api.GatewayAssignment;
import org.onosdvr.api.Network;
import org.onosdvr.api.NetworkId;
import org.onosdvr.api.NodeRole;
import org.onosdvr.api.PortId;
import org.onosdvr.api.Router;
import org.onosdvr.api.RouterId;
import org.onosdvr.api.RouterInterface;
import org.onosdvr.api.Subnet;
import org.onosdvr.api.SubnetId;
import org.onosdvr.api.TenantId;
import org.onosdvr.api.VmPort;
import org.onosproject.net.ConnectPoint;
import org.onosproject.net.DeviceId;
import org.onosproject.net.PortNumber;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Fluent builder of test snapshots, by name: nodes (device {@code of:<16 hex index>}, tunnel IP
 * 198.18.0.index, tunnel port 1, external port 2), networks with one subnet (gateway .1), routers with
 * interfaces, VMs (addresses from .10 of their subnet, ports from 10 on their node), floating IPs, an external
 * network with its upstream gateway neighbor. Names are the ids. MACs and router keys are allocated in order.
 */
public final class ScenarioBuilder {

    /** Tunnel port of every node. */
    public static final PortNumber TUNNEL_PORT = PortNumber.portNumber(1);
    /** External port of nodes that have one. */
    public static final PortNumber EXTERNAL_PORT = PortNumber.portNumber(2);
    /** First VM port number on a node. */
    public static final int FIRST_VM_PORT = 10;
    /** Failover (BFD) port towards the node of index i is this plus i, with {@link #failoverPorts()}. */
    public static final int FAILOVER_PORT_BASE = 200;
    /** MAC of the upstream router on the external network. */
    public static final MacAddress UPSTREAM_MAC = MacAddress.valueOf("00:00:5e:00:01:01");

    private final DvrSnapshot.Builder b = DvrSnapshot.builder();
    private final Map<String, DeviceId> nodes = new LinkedHashMap<>();
    private final Map<String, Integer> nextPort = new HashMap<>();
    private final Map<String, Integer> nextHost = new HashMap<>();
    private final Map<String, Network> networks = new HashMap<>();
    private final Map<String, Subnet> subnets = new HashMap<>();
    private final Map<String, Router> routers = new LinkedHashMap<>();
    private final Map<String, VmPort> ports = new HashMap<>();
    private int macs;
    private int routerKeys;
    private String externalNetwork;
    private final Map<String, DvrNode> nodeObjects = new LinkedHashMap<>();
    private boolean failoverPorts;

    /**
     * Adds a node.
     *
     * @param name     name
     * @param role     role
     * @param external whether it has an external port
     * @return this
     */
    public ScenarioBuilder node(String name, NodeRole role, boolean external) {
        int index = nodes.size() + 1;
        DeviceId d = DeviceId.deviceId(String.format("of:%016x", index));
        nodes.put(name, d);
        DvrNode n = DvrNode.builder().deviceId(d).role(role).tunnelIp(IpAddress.valueOf("198.18.0." + index))
                .tunnelPort(TUNNEL_PORT).externalPort(external ? EXTERNAL_PORT : null).index(index).build();
        nodeObjects.put(name, n);
        b.node(n);
        return this;
    }

    /**
     * Gives every node the BFD failover ports the app would provision: a compute-role node one towards every
     * gateway-role node, a gateway-role node one towards every compute-role node; the port towards the node of
     * index i is {@link #FAILOVER_PORT_BASE} + i. Applied to the nodes present at {@link #build()}.
     *
     * @return this
     */
    public ScenarioBuilder failoverPorts() {
        this.failoverPorts = true;
        return this;
    }

    /**
     * @param name name
     * @return this, with a compute node with an external port
     */
    public ScenarioBuilder compute(String name) {
        return node(name, NodeRole.COMPUTE, true);
    }

    /**
     * @param name name
     * @return this, with a gateway node (external port, no VMs)
     */
    public ScenarioBuilder gateway(String name) {
        return node(name, NodeRole.GATEWAY, true);
    }

    /**
     * Adds the external network with one subnet (gateway .1, the upstream router, known as a neighbor).
     *
     * @param name network name (its subnet is name + "-sub")
     * @param vni  segment id
     * @param cidr subnet
     * @return this
     */
    public ScenarioBuilder external(String name, int vni, String cidr) {
        Network n = Network.builder().id(NetworkId.of(name)).tenantId(TenantId.of("admin")).name(name)
                .segmentId(vni).external(true).build();
        addNetwork(n, name + "-sub", cidr);
        externalNetwork = name;
        b.neighbor(new ExternalNeighbor(n.id(), subnets.get(name + "-sub").gatewayIp(), UPSTREAM_MAC));
        return this;
    }

    /**
     * Adds a tenant network with one subnet named name + "-sub" (gateway .1).
     *
     * @param tenant tenant
     * @param name   network name
     * @param vni    segment id
     * @param cidr   subnet
     * @return this
     */
    public ScenarioBuilder network(String tenant, String name, int vni, String cidr) {
        Network n = Network.builder().id(NetworkId.of(name)).tenantId(TenantId.of(tenant)).name(name)
                .segmentId(vni).external(false).build();
        addNetwork(n, name + "-sub", cidr);
        return this;
    }

    private void addNetwork(Network n, String subnetName, String cidr) {
        networks.put(n.id().toString(), n);
        b.network(n);
        subnet(n.id().toString(), subnetName, cidr);
    }

    /**
     * Adds another subnet to a network.
     *
     * @param network network name
     * @param name    subnet name
     * @param cidr    prefix (gateway .1)
     * @return this
     */
    public ScenarioBuilder subnet(String network, String name, String cidr) {
        Network n = networks.get(network);
        IpPrefix prefix = IpPrefix.valueOf(cidr);
        Subnet s = Subnet.builder().id(SubnetId.of(name)).networkId(n.id()).tenantId(n.tenantId()).name(name)
                .cidr(prefix).gatewayIp(IpAddress.valueOf(prefix.address().getIp4Address().toInt() + 1)).build();
        subnets.put(name, s);
        nextHost.put(name, 10);
        b.subnet(s);
        return this;
    }

    /**
     * Adds a router attached to subnets.
     *
     * @param tenant      tenant
     * @param name        router name
     * @param distributed DVR or legacy
     * @param subnetNames subnets to attach
     * @return this
     */
    public ScenarioBuilder router(String tenant, String name, boolean distributed, String... subnetNames) {
        Router r = Router.builder().id(RouterId.of(name)).tenantId(TenantId.of(tenant)).name(name)
                .distributed(distributed).key(++routerKeys).build();
        routers.put(name, r);
        b.router(r);
        for (String s : subnetNames) {
            b.routerInterface(new RouterInterface(r.id(), SubnetId.of(s), mac(0xfe)));
        }
        return this;
    }

    /**
     * Sets a router's external gateway on the external network and its gateway node assignment.
     *
     * @param router     router name
     * @param externalIp address on the external subnet
     * @param snat       enable SNAT
     * @param primary    gateway node name, null for no assignment
     * @param backups    backup gateway node names
     * @return this
     */
    public ScenarioBuilder routerGateway(String router, String externalIp, boolean snat, String primary,
                                         String... backups) {
        Router r = routers.get(router);
        Subnet s = subnets.get(externalNetwork + "-sub");
        Router withGw = r.toBuilder().externalGateway(new ExternalGateway(
                s.networkId(), s.id(), IpAddress.valueOf(externalIp), snat, mac(0xee))).build();
        routers.put(router, withGw);
        b.router(withGw);
        if (primary != null) {
            List<DeviceId> bk = new ArrayList<>();
            for (String n : backups) {
                bk.add(nodes.get(n));
            }
            b.gatewayAssignment(new GatewayAssignment(r.id(), nodes.get(primary), bk));
        }
        return this;
    }

    /**
     * Adds a VM on the first subnet of a network, located on a node.
     *
     * @param name    port name
     * @param network network name
     * @param node    node name, null for a port without location
     * @return this
     */
    public ScenarioBuilder vm(String name, String network, String node) {
        String subnet = network + "-sub";
        Subnet s = subnets.get(subnet);
        int host = nextHost.merge(subnet, 1, Integer::sum) - 1;
        return vm(name, network, node, IpAddress.valueOf(s.cidr().address().getIp4Address().toInt() + host).toString());
    }

    /**
     * Adds a VM with a given address.
     *
     * @param name    port name
     * @param network network name
     * @param node    node name, null for a port without location
     * @param ip      fixed IP
     * @return this
     */
    public ScenarioBuilder vm(String name, String network, String node, String ip) {
        Network n = networks.get(network);
        ConnectPoint loc = null;
        if (node != null) {
            int port = nextPort.merge(node, 1, Integer::sum) + FIRST_VM_PORT - 1;
            loc = new ConnectPoint(nodes.get(node), PortNumber.portNumber(port));
        }
        VmPort p = VmPort.builder().id(PortId.of(name)).networkId(n.id()).tenantId(n.tenantId()).name(name)
                .mac(mac(0x3e)).fixedIps(Set.of(IpAddress.valueOf(ip))).location(loc).build();
        ports.put(name, p);
        b.port(p);
        return this;
    }

    /**
     * Associates a floating IP with a VM, through the router of the VM's subnet.
     *
     * @param name       floating IP name
     * @param vm         port name
     * @param floatingIp address on the external subnet
     * @param router     router name
     * @return this
     */
    public ScenarioBuilder fip(String name, String vm, String floatingIp, String router) {
        VmPort p = ports.get(vm);
        b.floatingIp(FloatingIp.builder().id(FloatingIpId.of(name)).tenantId(p.tenantId())
                             .floatingNetworkId(NetworkId.of(externalNetwork))
                             .floatingIp(IpAddress.valueOf(floatingIp)).portId(p.id())
                             .fixedIp(p.fixedIps().iterator().next()).routerId(RouterId.of(router)).build());
        return this;
    }

    /**
     * Adds a known neighbor on the external network.
     *
     * @param ip  address
     * @param mac MAC
     * @return this
     */
    public ScenarioBuilder neighbor(String ip, String mac) {
        b.neighbor(new ExternalNeighbor(NetworkId.of(externalNetwork), IpAddress.valueOf(ip),
                                        MacAddress.valueOf(mac)));
        return this;
    }

    private MacAddress mac(int kind) {
        macs++;
        return MacAddress.valueOf(new byte[]{(byte) 0xfa, 0x16, (byte) kind, (byte) (macs >> 16),
                (byte) (macs >> 8), (byte) macs});
    }

    /**
     * Builds (and so validates) the snapshot.
     *
     * @return the scenario
     */
    public Scenario build() {
        if (failoverPorts) {
            for (DvrNode n : nodeObjects.values()) {
                Map<IpAddress, PortNumber> ports = new LinkedHashMap<>();
                for (DvrNode peer : nodeObjects.values()) {
                    boolean wanted = !peer.equals(n) && (n.role().isCompute() && peer.role().isGateway()
                            || n.role().isGateway() && peer.role().isCompute());
                    if (wanted) {
                        ports.put(peer.tunnelIp(), PortNumber.portNumber(FAILOVER_PORT_BASE + peer.index()));
                    }
                }
                b.node(n.toBuilder().failoverPorts(ports).build());
            }
        }
        return new Scenario(b.build(), nodes);
    }
}
