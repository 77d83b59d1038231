package org.onosdvr.api;

import org.junit.Test;
import org.onlab.packet.IpAddress;
import org.onlab.packet.IpPrefix;
import org.onlab.packet.MacAddress;
import org.onosproject.net.ConnectPoint;
import org.onosproject.net.DeviceId;
import org.onosproject.net.PortNumber;

import java.util.Set;

import static org.hamcrest.Matchers.containsString;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThat;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

/**
 * Value and cross-object validation of the model.
 */
public class SnapshotValidationTest {

    private static final TenantId T = TenantId.of("t1");

    private static Network net(String id, int vni, boolean external) {
        return Network.builder().id(NetworkId.of(id)).tenantId(T).segmentId(vni).external(external).build();
    }

    private static Subnet subnet(String id, String net, String cidr, String gw) {
        return Subnet.builder().id(SubnetId.of(id)).networkId(NetworkId.of(net)).tenantId(T)
                .cidr(IpPrefix.valueOf(cidr)).gatewayIp(IpAddress.valueOf(gw)).build();
    }

    private static VmPort port(String id, String net, String mac, String ip) {
        return VmPort.builder().id(PortId.of(id)).networkId(NetworkId.of(net)).tenantId(T)
                .mac(MacAddress.valueOf(mac)).fixedIps(Set.of(IpAddress.valueOf(ip))).build();
    }

    private static DvrSnapshot.Builder base() {
        return DvrSnapshot.builder()
                .network(net("n1", 100, false)).subnet(subnet("s1", "n1", "10.0.1.0/24", "10.0.1.1"))
                .network(net("n2", 200, false)).subnet(subnet("s2", "n2", "10.0.2.0/24", "10.0.2.1"))
                .network(net("ext", 1000, true)).subnet(subnet("se", "ext", "203.0.113.0/24", "203.0.113.1"))
                .router(Router.builder().id(RouterId.of("r1")).tenantId(T).key(1).distributed(true)
                                .externalGateway(new ExternalGateway(NetworkId.of("ext"), SubnetId.of("se"),
                                        IpAddress.valueOf("203.0.113.10"), true,
                                        MacAddress.valueOf("fa:16:3e:00:10:01"))).build())
                .routerInterface(new RouterInterface(RouterId.of("r1"), SubnetId.of("s1"),
                                                     MacAddress.valueOf("fa:16:3e:00:00:01")))
                .routerInterface(new RouterInterface(RouterId.of("r1"), SubnetId.of("s2"),
                                                     MacAddress.valueOf("fa:16:3e:00:00:02")))
                .port(port("p1", "n1", "02:00:00:00:01:01", "10.0.1.5"))
                .node(DvrNode.builder().deviceId(DeviceId.deviceId("of:0000000000000001"))
                              .role(NodeRole.COMPUTE).tunnelIp(IpAddress.valueOf("198.18.0.1"))
                              .tunnelPort(PortNumber.portNumber(100)).index(1).build());
    }

    private static void assertRejected(DvrSnapshot.Builder b, String fragment) {
        try {
            b.build();
            fail("expected rejection containing: " + fragment);
        } catch (IllegalArgumentException e) {
            assertThat(e.getMessage(), containsString(fragment));
        }
    }

    @Test
    public void validSnapshotIndexes() {
        DvrSnapshot s = base().build();
        assertEquals(2, s.routerInterfaces(RouterId.of("r1")).size());
        assertEquals("s1", s.subnetOf(NetworkId.of("n1"), IpAddress.valueOf("10.0.1.5")).get().id().toString());
        assertEquals(MacAddress.valueOf("fa:16:3f:00:00:01"), s.nodes().iterator().next().dvrMac());
        assertTrue(s.nodeByTunnelIp(IpAddress.valueOf("198.18.0.1")).isPresent());
        assertEquals(s, s.toBuilder().build());
    }

    @Test
    public void gatewayOutsideCidrRejected() {
        try {
            subnet("x", "n1", "10.9.0.0/24", "10.8.0.1");
            fail();
        } catch (IllegalArgumentException e) {
            assertThat(e.getMessage(), containsString("outside"));
        }
    }

    @Test
    public void crossObjectRules() {
        assertRejected(base().network(net("n3", 100, false)), "share segmentation_id");
        assertRejected(base().port(port("p2", "n1", "02:00:00:00:01:02", "10.0.1.5")), "already used");
        assertRejected(base().port(port("p2", "n1", "02:00:00:00:01:01", "10.0.1.6")), "mac_address");
        assertRejected(base().port(port("p2", "n1", "02:00:00:00:01:02", "10.7.1.6")), "in no subnet");
        assertRejected(base().port(port("p2", "nX", "02:00:00:00:01:02", "10.0.1.6")), "unknown network");
        assertRejected(base().network(net("n3", 300, false)).subnet(subnet("s3", "n3", "10.0.1.128/25",
                "10.0.1.129")).routerInterface(new RouterInterface(RouterId.of("r1"), SubnetId.of("s3"),
                MacAddress.valueOf("fa:16:3e:00:00:03"))), "overlap");
        assertRejected(base().floatingIp(FloatingIp.builder().id(FloatingIpId.of("f1")).tenantId(T)
                .floatingNetworkId(NetworkId.of("ext")).floatingIp(IpAddress.valueOf("203.0.113.10")).build()),
                "already used by router r1");
        assertRejected(base().floatingIp(FloatingIp.builder().id(FloatingIpId.of("f1")).tenantId(T)
                .floatingNetworkId(NetworkId.of("ext")).floatingIp(IpAddress.valueOf("198.51.100.7")).build()),
                "not a usable address");
        assertRejected(base().removeRouter(RouterId.of("r1")), "unknown router");
    }

    @Test
    public void portOnTunnelPortRejected() {
        DeviceId d = DeviceId.deviceId("of:0000000000000001");
        assertRejected(base().port(port("p1", "n1", "02:00:00:00:01:01", "10.0.1.5")
                .withLocation(new ConnectPoint(d, PortNumber.portNumber(100)))), "tunnel or external port");
    }

    @Test
    public void dvrMacDerivation() {
        assertEquals(MacAddress.valueOf("fa:16:3f:00:01:00"), DvrMacs.dvrMac(DvrMacs.DEFAULT_BASE_MAC, 256));
        try {
            DvrMacs.dvrMac(MacAddress.valueOf("fa:16:3f:ff:ff:00"), 1);
            fail();
        } catch (IllegalArgumentException e) {
            assertThat(e.getMessage(), containsString("no room"));
        }
    }
}
