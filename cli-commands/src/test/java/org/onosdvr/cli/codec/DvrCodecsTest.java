package org.onosdvr.cli.codec;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.common.collect.ImmutableSet;
import org.junit.Test;
import org.onlab.packet.IpAddress;
import org.onlab.packet.IpPrefix;
import org.onlab.packet.MacAddress;
import org.onosdvr.api.DvrNode;
import org.onosdvr.api.DvrSnapshot;
import org.onosdvr.api.ExternalGateway;
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

import java.io.IOException;
import java.io.InputStream;
import java.util.List;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;
import static org.junit.Assert.assertEquals;

/**
 * Round trips of every codec against JSON fixtures: decode(fixture) is the expected model value,
 * encode(value) is the fixture, decode(encode(value)) is the value.
 */
public class DvrCodecsTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final TenantId T1 = TenantId.of("t1");

    static final Network NET1 = Network.builder().id(NetworkId.of("net1")).tenantId(T1).name("blue")
            .segmentId(100).build();
    static final Network EXT = Network.builder().id(NetworkId.of("ext")).tenantId(TenantId.of("admin"))
            .name("public").segmentId(1).external(true).build();
    static final Subnet SUB1 = Subnet.builder().id(SubnetId.of("sub1")).networkId(NET1.id()).tenantId(T1)
            .name("blue-a").cidr(IpPrefix.valueOf("10.0.1.0/24")).gatewayIp(IpAddress.valueOf("10.0.1.1")).build();

    static ObjectNode fixture(String name) throws IOException {
        try (InputStream in = DvrCodecsTest.class.getResourceAsStream(name)) {
            return (ObjectNode) MAPPER.readTree(in);
        }
    }

    private static <T> void roundTrip(String fixture, Class<T> type, T expected, DvrSnapshot snapshot)
            throws IOException {
        DvrCodecContext context = new DvrCodecContext(MAPPER, snapshot);
        ObjectNode json = fixture(fixture);
        T decoded = context.codec(type).decode(json, context);
        assertEquals(fixture + ": decode", expected, decoded);
        // compare wire forms (an encoded long 3 and a parsed int 3 are different node types)
        assertEquals(fixture + ": encode", json,
                     MAPPER.readTree(context.codec(type).encode(expected, context).toString()));
        assertEquals(fixture + ": decode(encode)", expected,
                     context.codec(type).decode(context.codec(type).encode(expected, context), context));
    }

    private static DvrSnapshot snapshotWithSubnet() {
        return DvrSnapshot.builder().network(NET1).subnet(SUB1).build();
    }

    @Test
    public void networks() throws IOException {
        roundTrip("network.json", Network.class, NET1, null);
        roundTrip("network-external.json", Network.class, EXT, null);
    }

    @Test
    public void networkAcceptsNeutronAttributes() throws IOException {
        DvrCodecContext context = DvrCodecContext.of(null);
        assertEquals(NET1, context.codec(Network.class).decode(fixture("network-neutron.json"), context));
    }

    @Test
    public void subnets() throws IOException {
        roundTrip("subnet.json", Subnet.class, SUB1, null);
    }

    @Test
    public void subnetGatewayDefaultsToFirstHost() throws IOException {
        ObjectNode json = fixture("subnet.json");
        json.remove("gateway_ip");
        DvrCodecContext context = DvrCodecContext.of(null);
        assertThat(context.codec(Subnet.class).decode(json, context).gatewayIp(), is(IpAddress.valueOf("10.0.1.1")));
    }

    @Test
    public void ports() throws IOException {
        VmPort p1 = VmPort.builder().id(PortId.of("p1")).networkId(NET1.id()).tenantId(T1).name("vm1")
                .mac(MacAddress.valueOf("fa:16:3e:00:00:11")).fixedIps(ImmutableSet.of(IpAddress.valueOf("10.0.1.11")))
                .location(new ConnectPoint(DeviceId.deviceId("of:0000000000000001"), PortNumber.portNumber(3)))
                .build();
        roundTrip("port.json", VmPort.class, p1, snapshotWithSubnet());
        VmPort p2 = VmPort.builder().id(PortId.of("p2")).networkId(NET1.id()).tenantId(T1)
                .mac(MacAddress.valueOf("fa:16:3e:00:00:12"))
                .fixedIps(ImmutableSet.of(IpAddress.valueOf("10.0.1.12"), IpAddress.valueOf("10.0.1.13"))).build();
        roundTrip("port-unbound.json", VmPort.class, p2, null);
    }

    @Test
    public void routers() throws IOException {
        Router r1 = Router.builder().id(RouterId.of("r1")).tenantId(T1).name("router1").distributed(true).key(7)
                .externalGateway(new ExternalGateway(EXT.id(), SubnetId.of("ext-sub"),
                                                     IpAddress.valueOf("203.0.113.10"), true,
                                                     MacAddress.valueOf("fa:16:3e:00:01:01")))
                .build();
        roundTrip("router.json", Router.class, r1, null);
        Router r2 = Router.builder().id(RouterId.of("r2")).tenantId(T1).adminStateUp(false).build();
        roundTrip("router-no-gateway.json", Router.class, r2, null);
    }

    @Test
    public void floatingIps() throws IOException {
        FloatingIp f1 = FloatingIp.builder().id(FloatingIpId.of("f1")).tenantId(T1).floatingNetworkId(EXT.id())
                .floatingIp(IpAddress.valueOf("203.0.113.20")).portId(PortId.of("p1"))
                .fixedIp(IpAddress.valueOf("10.0.1.11")).routerId(RouterId.of("r1")).build();
        roundTrip("floatingip.json", FloatingIp.class, f1, null);
        FloatingIp f2 = FloatingIp.builder().id(FloatingIpId.of("f2")).tenantId(T1).floatingNetworkId(EXT.id())
                .floatingIp(IpAddress.valueOf("203.0.113.21")).build();
        roundTrip("floatingip-free.json", FloatingIp.class, f2, null);
    }

    @Test
    public void nodesGatewaysInterfaces() throws IOException {
        DvrNode node = DvrNode.builder().deviceId(DeviceId.deviceId("of:0000000000000003")).role(NodeRole.GATEWAY)
                .tunnelIp(IpAddress.valueOf("198.18.0.3")).tunnelPort(PortNumber.portNumber(100))
                .externalPort(PortNumber.portNumber(200)).index(3).build();
        roundTrip("node.json", DvrNode.class, node, null);
        GatewayAssignment a = new GatewayAssignment(RouterId.of("r1"), DeviceId.deviceId("of:0000000000000003"),
                                                    List.of(DeviceId.deviceId("of:0000000000000004")));
        roundTrip("gateway.json", GatewayAssignment.class, a, null);
        RouterInterface i = new RouterInterface(RouterId.of("r1"), SUB1.id(), MacAddress.valueOf("fa:16:3e:00:02:01"));
        roundTrip("router-interface.json", RouterInterface.class, i, null);
    }

    @Test
    public void everyModelClassHasACodec() {
        assertThat(DvrCodecs.types().size(), is(8));
    }
}
