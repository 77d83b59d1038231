package org.onosdvr.bench;

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
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * Deterministic (seeded) generator of a cloud at scale. Shape: {@code computes} compute nodes and
 * {@code gateways} gateway nodes (every node has an external port), one external network 100.64.0.0/10 style
 * (here 203.0.113.0/24 is too small: the external subnet is 100.64.0.0/16); {@code routers} tenants, each with
 * two networks (one /22 subnet each, the same CIDRs in every tenant) and one distributed router with SNAT,
 * gateway node chosen round-robin; {@code vms} VMs spread evenly over the networks and placed on a compute node
 * drawn from the seeded random generator ({@link Placement#SPREAD}, the Nova default of spreading) or on one of
 * two nodes of its tenant ({@link Placement#AFFINITY}); {@code fips} floating IPs on the first VMs of the
 * tenants, round-robin.
 */
public final class ScaleScenario {

    /** Where VMs go. */
    public enum Placement {
        /** Each VM on a random compute node. */
        SPREAD,
        /** Each tenant's VMs on two consecutive compute nodes. */
        AFFINITY
    }

    /** Tunnel port of every node. */
    static final PortNumber TUNNEL_PORT = PortNumber.portNumber(1);
    /** External port of every node. */
    static final PortNumber EXTERNAL_PORT = PortNumber.portNumber(2);
    /** First VM port number on a node. */
    static final int FIRST_VM_PORT = 10;

    private static final int NETWORKS_PER_ROUTER = 2;
    private static final NetworkId EXT = NetworkId.of("ext");
    private static final SubnetId EXT_SUB = SubnetId.of("ext-sub");
    private static final int EXT_BASE = IpAddress.valueOf("100.64.0.0").getIp4Address().toInt();

    private final int computes;
    private final int gateways;
    private final int routers;
    private final int vms;
    private final int fips;
    private final long seed;
    private final Placement placement;

    private final DvrSnapshot snapshot;
    private final List<DeviceId> computeNodes = new ArrayList<>();
    private final int[] nextPort;
    private int macs;

    /**
     * Builds a scenario.
     *
     * @param computes  compute nodes
     * @param gateways  gateway nodes (at least 1)
     * @param routers   tenants = routers (two networks each)
     * @param vms       VMs in total
     * @param fips      floating IPs (at most vms)
     * @param seed      random seed of the placement
     * @param placement VM placement
     */
    public ScaleScenario(int computes, int gateways, int routers, int vms, int fips, long seed,
                         Placement placement) {
        this.computes = computes;
        this.gateways = gateways;
        this.routers = routers;
        this.vms = vms;
        this.fips = Math.min(fips, vms);
        this.seed = seed;
        this.placement = placement;
        this.nextPort = new int[computes];
        this.snapshot = generate();
    }

    /**
     * The reference scale of the benchmarks: 100 compute nodes, 2 gateway nodes, 100 tenants with one router
     * and two networks each (200 networks), 10,000 VMs spread at random, 1,000 floating IPs, seed 1.
     *
     * @return scenario
     */
    public static ScaleScenario reference() {
        return new ScaleScenario(100, 2, 100, 10_000, 1_000, 1L, Placement.SPREAD);
    }

    /** @return the snapshot */
    public DvrSnapshot snapshot() {
        return snapshot;
    }

    /** @return compute node device ids in index order */
    public List<DeviceId> computeNodes() {
        return computeNodes;
    }

    /** @return gateway node device ids */
    public List<DeviceId> gatewayNodes() {
        List<DeviceId> out = new ArrayList<>();
        for (int g = 0; g < gateways; g++) {
            out.add(device(computes + g + 1));
        }
        return out;
    }

    @Override
    public String toString() {
        return String.format("%d computes + %d gateways, %d routers, %d networks, %d VMs (%s), %d FIPs, seed %d",
                             computes, gateways, routers, routers * NETWORKS_PER_ROUTER, vms, placement, fips, seed);
    }

    private static DeviceId device(int index) {
        return DeviceId.deviceId(String.format("of:%016x", index));
    }

    private static IpAddress tunnelIp(int index) {
        // 198.18.0.0/15
        return IpAddress.valueOf(IpAddress.valueOf("198.18.0.0").getIp4Address().toInt() + index);
    }

    private MacAddress mac(int kind) {
        macs++;
        return MacAddress.valueOf(new byte[]{(byte) 0xfa, 0x16, (byte) kind, (byte) (macs >> 16),
                (byte) (macs >> 8), (byte) macs});
    }

    /**
     * A fresh VM port (not in the snapshot) on a network of tenant {@code tenant}, located on a compute node.
     *
     * @param name   port id
     * @param tenant tenant index
     * @param host   host number inside the subnet (use one above the generated ones: >= 1000)
     * @param node   compute node index (0-based)
     * @param port   switch port number
     * @return the port
     */
    public VmPort newVm(String name, int tenant, int host, int node, int port) {
        NetworkId net = NetworkId.of(networkName(tenant, 0));
        return VmPort.builder().id(PortId.of(name)).networkId(net).tenantId(tenantId(tenant)).name(name)
                .mac(MacAddress.valueOf(0xfa16_3d00_0000L + host * 1024L + tenant))
                .fixedIps(Set.of(subnetHost(0, host)))
                .location(new ConnectPoint(computeNodes.get(node), PortNumber.portNumber(port))).build();
    }

    private static TenantId tenantId(int t) {
        return TenantId.of(String.format("t%03d", t));
    }

    private static String networkName(int tenant, int n) {
        return String.format("t%03dn%d", tenant, n);
    }

    private static IpPrefix subnetCidr(int n) {
        return IpPrefix.valueOf("10." + n + ".0.0/22");
    }

    private static IpAddress subnetHost(int n, int host) {
        return IpAddress.valueOf(subnetCidr(n).address().getIp4Address().toInt() + host);
    }

    private DvrSnapshot generate() {
        DvrSnapshot.Builder b = DvrSnapshot.builder();
        for (int i = 1; i <= computes + gateways; i++) {
            DeviceId d = device(i);
            boolean compute = i <= computes;
            if (compute) {
                computeNodes.add(d);
            }
            b.node(DvrNode.builder().deviceId(d).role(compute ? NodeRole.COMPUTE : NodeRole.GATEWAY)
                           .tunnelIp(tunnelIp(i)).tunnelPort(TUNNEL_PORT).externalPort(EXTERNAL_PORT).index(i)
                           .build());
        }
        Network ext = Network.builder().id(EXT).tenantId(TenantId.of("admin")).name("ext").segmentId(1)
                .external(true).build();
        b.network(ext);
        Subnet extSub = Subnet.builder().id(EXT_SUB).networkId(EXT).tenantId(ext.tenantId()).name("ext-sub")
                .cidr(IpPrefix.valueOf("100.64.0.0/16")).gatewayIp(IpAddress.valueOf(EXT_BASE + 1)).build();
        b.subnet(extSub);
        b.neighbor(new ExternalNeighbor(EXT, extSub.gatewayIp(), MacAddress.valueOf("00:00:5e:00:01:01")));

        List<List<Subnet>> tenantSubnets = new ArrayList<>();
        for (int t = 0; t < routers; t++) {
            TenantId tenant = tenantId(t);
            List<Subnet> subs = new ArrayList<>();
            RouterId rid = RouterId.of(String.format("t%03dr", t));
            Router r = Router.builder().id(rid).tenantId(tenant).name(rid.toString()).distributed(true)
                    .key(t + 1).externalGateway(new ExternalGateway(EXT, EXT_SUB, IpAddress.valueOf(
                            EXT_BASE + 10 + t), true, mac(0xee))).build();
            b.router(r);
            b.gatewayAssignment(new GatewayAssignment(rid, device(computes + 1 + t % gateways), List.of()));
            for (int n = 0; n < NETWORKS_PER_ROUTER; n++) {
                String name = networkName(t, n);
                Network net = Network.builder().id(NetworkId.of(name)).tenantId(tenant).name(name)
                        .segmentId(1000 + NETWORKS_PER_ROUTER * t + n).external(false).build();
                IpPrefix cidr = subnetCidr(n);
                Subnet s = Subnet.builder().id(SubnetId.of(name + "-sub")).networkId(net.id()).tenantId(tenant)
                        .name(name + "-sub").cidr(cidr).gatewayIp(subnetHost(n, 1)).build();
                b.network(net).subnet(s).routerInterface(new RouterInterface(rid, s.id(), mac(0xfe)));
                subs.add(s);
            }
            tenantSubnets.add(subs);
        }

        Random rnd = new Random(seed);
        int networks = routers * NETWORKS_PER_ROUTER;
        int fipsLeft = fips;
        int fipHost = 10_000;
        for (int v = 0; v < vms; v++) {
            int net = v % networks;
            int tenant = net / NETWORKS_PER_ROUTER;
            int sub = net % NETWORKS_PER_ROUTER;
            int host = 10 + v / networks;
            int node = placement == Placement.SPREAD ? rnd.nextInt(computes)
                    : (tenant + (v / networks) % 2) % computes;
            Subnet s = tenantSubnets.get(tenant).get(sub);
            String name = String.format("vm%05d", v);
            PortNumber port = PortNumber.portNumber(FIRST_VM_PORT + nextPort[node]++);
            VmPort p = VmPort.builder().id(PortId.of(name)).networkId(s.networkId()).tenantId(tenantId(tenant))
                    .name(name).mac(mac(0x3e)).fixedIps(Set.of(subnetHost(sub, host)))
                    .location(new ConnectPoint(computeNodes.get(node), port)).build();
            b.port(p);
            if (fipsLeft > 0 && v % Math.max(1, vms / Math.max(1, fips)) == 0) {
                fipsLeft--;
                b.floatingIp(FloatingIp.builder().id(FloatingIpId.of("f" + name)).tenantId(p.tenantId())
                                     .floatingNetworkId(EXT).floatingIp(IpAddress.valueOf(EXT_BASE + fipHost++))
                                     .portId(p.id()).fixedIp(subnetHost(sub, host))
                                     .routerId(RouterId.of(String.format("t%03dr", tenant))).build());
            }
        }
        return b.build();
    }
}
