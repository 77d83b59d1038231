package org.onosdvr.api;

import org.junit.Test;
import org.onlab.packet.IpAddress;
import org.onlab.packet.IpPrefix;
import org.onlab.packet.MacAddress;
import org.onosproject.net.ConnectPoint;
import org.onosproject.net.DeviceId;
import org.onosproject.net.PortNumber;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

/**
 * A snapshot built from another by changing only VM ports, floating IPs and neighbors reuses the other's
 * structure and validates only what changed: it must accept and reject exactly what a build from scratch does
 * (with the same message) and hold the same content and indexes.
 */
public class SnapshotIncrementalBuildTest {

    private static final TenantId T = TenantId.of("t");
    private static final NetworkId EXT = NetworkId.of("ext");

    @Test
    public void incrementalBuildsEqualBuildsFromScratch() {
        int accepted = 0;
        int rejected = 0;
        for (long seed = 0; seed < 20; seed++) {
            Random rnd = new Random(seed);
            DvrSnapshot s = base();
            for (int step = 0; step < 60; step++) {
                DvrSnapshot.Builder b = s.toBuilder();
                int changes = 1 + rnd.nextInt(3);
                for (int c = 0; c < changes; c++) {
                    change(s, b, rnd, step * 10 + c);
                }
                DvrSnapshot next = null;
                String error = null;
                try {
                    next = b.build();
                } catch (IllegalArgumentException e) {
                    error = e.getMessage();
                }
                String fullError = null;
                DvrSnapshot full = null;
                try {
                    full = scratch(next != null ? next : b);
                } catch (IllegalArgumentException e) {
                    fullError = e.getMessage();
                }
                String where = "seed " + seed + " step " + step;
                assertEquals(where, fullError, error);
                if (next != null) {
                    assertSameContent(where, full, next);
                    s = next;
                    accepted++;
                } else {
                    rejected++;
                }
            }
        }
        assertTrue(accepted + " accepted", accepted > 300);
        assertTrue(rejected + " rejected", rejected > 100);
    }

    private static DvrSnapshot base() {
        DvrSnapshot.Builder b = DvrSnapshot.builder();
        b.network(Network.builder().id(EXT).tenantId(T).segmentId(1000).external(true).build());
        b.subnet(subnet("se", "ext", "203.0.113.0/24"));
        b.neighbor(new ExternalNeighbor(EXT, IpAddress.valueOf("203.0.113.1"),
                                        MacAddress.valueOf("00:00:5e:00:01:01")));
        for (int n = 1; n <= 4; n++) {
            b.network(Network.builder().id(NetworkId.of("n" + n)).tenantId(T).segmentId(100 + n).build());
            b.subnet(subnet("s" + n, "n" + n, "10.0." + n + ".0/24"));
        }
        b.subnet(subnet("s1b", "n1", "10.1.1.0/24"));
        for (int r = 1; r <= 2; r++) {
            b.router(Router.builder().id(RouterId.of("r" + r)).tenantId(T).key(r).distributed(true)
                             .externalGateway(new ExternalGateway(EXT, SubnetId.of("se"),
                                     IpAddress.valueOf("203.0.113." + (10 + r)), true,
                                     MacAddress.valueOf("fa:16:3e:00:10:0" + r))).build());
        }
        String[][] interfaces = {{"r1", "s1"}, {"r1", "s2"}, {"r2", "s3"}, {"r2", "s1b"}};
        for (int i = 0; i < interfaces.length; i++) {
            b.routerInterface(new RouterInterface(RouterId.of(interfaces[i][0]), SubnetId.of(interfaces[i][1]),
                                                  MacAddress.valueOf("fa:16:3e:00:00:0" + (i + 1))));
        }
        for (int i = 1; i <= 3; i++) {
            b.node(DvrNode.builder().deviceId(device(i)).role(i == 3 ? NodeRole.GATEWAY : NodeRole.COMPUTE)
                           .tunnelIp(IpAddress.valueOf("198.18.0." + i)).tunnelPort(PortNumber.portNumber(1))
                           .externalPort(PortNumber.portNumber(2)).index(i).build());
        }
        return b.build();
    }

    private static DeviceId device(int i) {
        return DeviceId.deviceId(String.format("of:%016x", i));
    }

    private static Subnet subnet(String id, String net, String cidr) {
        IpPrefix p = IpPrefix.valueOf(cidr);
        return Subnet.builder().id(SubnetId.of(id)).networkId(NetworkId.of(net)).tenantId(T).cidr(p)
                .gatewayIp(IpAddress.valueOf(p.address().getIp4Address().toInt() + 1)).build();
    }

    /** A random change, valid or not (duplicate MACs and addresses, bad locations, dangling references). */
    private static void change(DvrSnapshot s, DvrSnapshot.Builder b, Random rnd, int step) {
        List<VmPort> ports = new ArrayList<>(s.ports());
        List<FloatingIp> fips = new ArrayList<>(s.floatingIps());
        switch (rnd.nextInt(8)) {
            case 0:
            case 1: {
                int n = 1 + rnd.nextInt(4);
                Set<IpAddress> ips = new LinkedHashSet<>();
                ips.add(IpAddress.valueOf("10.0." + n + "." + (1 + rnd.nextInt(30))));
                if (n == 1 && rnd.nextBoolean()) {
                    ips.add(IpAddress.valueOf("10.1.1." + (2 + rnd.nextInt(30))));
                }
                NetworkId net = NetworkId.of(rnd.nextInt(20) == 0 ? "ext" : "n" + n);
                b.port(VmPort.builder().id(PortId.of("p" + step)).networkId(net).tenantId(T)
                               .mac(MacAddress.valueOf(0x0200_0000_0000L + rnd.nextInt(40))).fixedIps(ips)
                               .location(location(rnd)).build());
                break;
            }
            case 2:
                if (!ports.isEmpty()) {
                    VmPort p = ports.get(rnd.nextInt(ports.size()));
                    b.port(p.withLocation(location(rnd)));
                }
                break;
            case 3:
                if (!ports.isEmpty()) {
                    b.removePort(ports.get(rnd.nextInt(ports.size())).id());
                }
                break;
            case 4: {
                FloatingIp.Builder f = FloatingIp.builder().id(FloatingIpId.of("f" + rnd.nextInt(15))).tenantId(T)
                        .floatingNetworkId(rnd.nextInt(20) == 0 ? NetworkId.of("n1") : EXT)
                        .floatingIp(IpAddress.valueOf("203.0.113." + (10 + rnd.nextInt(20))));
                if (!ports.isEmpty() && rnd.nextInt(3) != 0) {
                    VmPort p = ports.get(rnd.nextInt(ports.size()));
                    IpAddress fixed = rnd.nextInt(10) == 0 ? IpAddress.valueOf("10.9.9.9")
                            : p.fixedIps().iterator().next();
                    f.portId(p.id()).fixedIp(fixed).routerId(RouterId.of("r" + (1 + rnd.nextInt(2))));
                }
                b.floatingIp(f.build());
                break;
            }
            case 5:
                if (!fips.isEmpty()) {
                    b.removeFloatingIp(fips.get(rnd.nextInt(fips.size())).id());
                }
                break;
            case 6: {
                NetworkId net = rnd.nextInt(10) == 0 ? NetworkId.of("n2") : EXT;
                IpAddress ip = IpAddress.valueOf("203.0.113." + (1 + rnd.nextInt(4)));
                if (rnd.nextBoolean()) {
                    b.removeNeighbor(net, ip);
                } else {
                    b.neighbor(new ExternalNeighbor(net, ip, MacAddress.valueOf(0x0200_0000_0100L + step)));
                }
                break;
            }
            default:
                if (!ports.isEmpty()) {
                    VmPort p = ports.get(rnd.nextInt(ports.size()));
                    b.port(p.toBuilder().mac(MacAddress.valueOf(0x0200_0000_0000L + rnd.nextInt(40))).build());
                }
                break;
        }
    }

    private static ConnectPoint location(Random rnd) {
        int k = rnd.nextInt(10);
        if (k == 0) {
            return null;
        }
        // node 3 is gateway-only, port 1 is the tunnel port: both rejected
        int node = k == 1 ? 3 : 1 + rnd.nextInt(2);
        return new ConnectPoint(device(node), PortNumber.portNumber(k == 2 ? 1 : 10 + rnd.nextInt(50)));
    }

    /** The content of a snapshot (or builder) built again from an empty builder: the full build and check. */
    private static DvrSnapshot scratch(Object source) {
        DvrSnapshot s = source instanceof DvrSnapshot ? (DvrSnapshot) source : null;
        if (s == null) {
            return ((DvrSnapshot.Builder) source).buildFromScratch();
        }
        DvrSnapshot.Builder b = DvrSnapshot.builder().baseMac(s.baseMac());
        s.networks().forEach(b::network);
        s.subnets().forEach(b::subnet);
        s.ports().forEach(b::port);
        s.routers().forEach(b::router);
        s.routerInterfaces().forEach(b::routerInterface);
        s.floatingIps().forEach(b::floatingIp);
        s.nodes().forEach(b::node);
        s.gatewayAssignments().forEach(b::gatewayAssignment);
        s.neighbors().forEach(b::neighbor);
        return b.build();
    }

    private static void assertSameContent(String where, DvrSnapshot expected, DvrSnapshot actual) {
        assertEquals(where, expected, actual);
        assertEquals(where, new ArrayList<>(expected.ports()), new ArrayList<>(actual.ports()));
        assertEquals(where, new ArrayList<>(expected.floatingIps()), new ArrayList<>(actual.floatingIps()));
        assertEquals(where, expected.neighbors(), actual.neighbors());
        for (Network n : expected.networks()) {
            assertEquals(where + " ports of " + n.id(), expected.ports(n.id()), actual.ports(n.id()));
        }
        for (VmPort p : expected.ports()) {
            assertEquals(where + " fips of " + p.id(), expected.floatingIps(p.id()), actual.floatingIps(p.id()));
        }
        for (FloatingIp f : expected.floatingIps()) {
            f.portId().ifPresent(id -> assertEquals(where, expected.floatingIps(id), actual.floatingIps(id)));
        }
    }
}
