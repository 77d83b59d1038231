package org.onosdvr.cli.codec;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.Test;
import org.onosdvr.api.DvrSnapshot;
import org.onosdvr.api.FloatingIp;
import org.onosdvr.api.Network;
import org.onosdvr.api.Router;
import org.onosdvr.api.Subnet;
import org.onosdvr.api.VmPort;

import java.io.IOException;
import java.util.function.Consumer;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;
import static org.junit.Assert.fail;
import static org.onosdvr.cli.codec.DvrCodecsTest.fixture;

/**
 * Decode errors name the field and never surface as NPEs or other exception types.
 */
public class DecodeErrorsTest {

    private static <T> String error(String fixture, Class<T> type, Consumer<ObjectNode> edit, DvrSnapshot s)
            throws IOException {
        ObjectNode json = fixture(fixture);
        edit.accept(json);
        DvrCodecContext context = DvrCodecContext.of(s);
        try {
            context.codec(type).decode(json, context);
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
        fail("decoded " + json);
        return null;
    }

    private static <T> String error(String fixture, Class<T> type, Consumer<ObjectNode> edit) throws IOException {
        return error(fixture, type, edit, null);
    }

    @Test
    public void missingFields() throws IOException {
        assertThat(error("network.json", Network.class, j -> j.remove("id")), is("missing field id"));
        assertThat(error("network.json", Network.class, j -> j.remove("provider:segmentation_id")),
                   is("missing field provider:segmentation_id"));
        assertThat(error("network.json", Network.class, j -> {
            j.remove("tenant_id");
            j.remove("project_id");
        }), is("missing field tenant_id"));
        assertThat(error("port.json", VmPort.class, j -> ((ObjectNode) j.get("fixed_ips").get(0)).remove("ip_address")),
                   is("missing field fixed_ips[0].ip_address"));
        assertThat(error("router.json", Router.class,
                         j -> ((ObjectNode) j.get("external_gateway_info")).remove("network_id")),
                   is("missing field external_gateway_info.network_id"));
        assertThat(error("floatingip.json", FloatingIp.class, j -> j.putNull("floating_ip_address")),
                   is("missing field floating_ip_address"));
    }

    @Test
    public void unknownFields() throws IOException {
        assertThat(error("network.json", Network.class, j -> j.put("segmentation_id", 5)),
                   is("unknown field segmentation_id"));
        assertThat(error("port.json", VmPort.class, j -> ((ObjectNode) j.get("binding:profile")).put("vlan", 1)),
                   is("unknown field binding:profile.vlan"));
    }

    @Test
    public void invalidValues() throws IOException {
        assertThat(error("network.json", Network.class, j -> j.put("provider:segmentation_id", "100")),
                   is("invalid value for provider:segmentation_id: expected an integer, got string \"100\""));
        assertThat(error("network.json", Network.class, j -> j.put("provider:segmentation_id", 1 << 24)),
                   is("invalid value for provider:segmentation_id: 16777216 is not in 1..16777215"));
        assertThat(error("network.json", Network.class, j -> j.put("provider:network_type", "vlan")),
                   is("invalid value for provider:network_type: \"vlan\" (an tenant network is \"vxlan\")"));
        assertThat(error("network.json", Network.class, j -> j.put("router:external", "yes")),
                   is("invalid value for router:external: expected true or false, got string \"yes\""));
        assertThat(error("network.json", Network.class, j -> j.put("project_id", "t2")),
                   is("invalid value for project_id: differs from tenant_id"));
        assertThat(error("subnet.json", Subnet.class, j -> j.put("cidr", "10.0.1.5/24")),
                   is("invalid value for cidr: \"10.0.1.5/24\" has host bits set (network is 10.0.1.0/24)"));
        assertThat(error("subnet.json", Subnet.class, j -> j.put("cidr", "10.0.1.0/33")).startsWith(
                "invalid value for cidr: \"10.0.1.0/33\""), is(true));
        assertThat(error("subnet.json", Subnet.class, j -> j.put("gateway_ip", "10.0.1")),
                   is("invalid value for gateway_ip: \"10.0.1\" (not an IPv4 address)"));
        assertThat(error("subnet.json", Subnet.class, j -> j.put("gateway_ip", "example.com")),
                   is("invalid value for gateway_ip: \"example.com\" (not an IPv4 address)"));
        assertThat(error("subnet.json", Subnet.class, j -> j.put("ip_version", 6)),
                   is("invalid value for ip_version: 6 is not in 4..4"));
        assertThat(error("subnet.json", Subnet.class, j -> j.putNull("gateway_ip")),
                   is("invalid value for gateway_ip: a subnet without gateway is not supported"));
        assertThat(error("port.json", VmPort.class, j -> j.put("mac_address", "fa:16:3e:00:00")),
                   is("invalid value for mac_address: \"fa:16:3e:00:00\" (expected xx:xx:xx:xx:xx:xx)"));
        assertThat(error("port.json", VmPort.class, j -> j.put("mac_address", "01:00:5e:00:00:01")),
                   is("mac_address must be a unicast MAC address: 01:00:5E:00:00:01"));
        assertThat(error("port.json", VmPort.class,
                         j -> ((ObjectNode) j.get("binding:profile")).put("port_number", 0)),
                   is("invalid value for binding:profile.port_number: 0 is not in 1..4294967040"));
        assertThat(error("port.json", VmPort.class, j -> j.put("name", "x".repeat(256))),
                   is("invalid value for name: longer than 255 characters"));
        assertThat(error("port.json", VmPort.class, j -> j.put("id", "a b"))
                           .startsWith("invalid value for id: \"a b\""), is(true));
        assertThat(error("router.json", Router.class, j -> j.putArray("routes").addObject()),
                   is("invalid value for routes: static routes are not supported"));
        assertThat(error("router.json", Router.class, j -> ((ArrayNode) j.get("external_gateway_info")
                           .get("external_fixed_ips")).addObject().put("ip_address", "203.0.113.11")),
                   is("invalid value for external_gateway_info.external_fixed_ips: exactly one external fixed IP "
                              + "is supported, got 2"));
        assertThat(error("port.json", VmPort.class, j -> j.put("fixed_ips", "10.0.1.11")),
                   is("invalid value for fixed_ips: expected an array, got string \"10.0.1.11\""));
    }

    @Test
    public void subnetIdOfFixedIpIsCheckedAgainstTheSnapshot() throws IOException {
        DvrSnapshot s = DvrSnapshot.builder().network(DvrCodecsTest.NET1).subnet(DvrCodecsTest.SUB1).build();
        assertThat(error("port.json", VmPort.class, j -> ((ObjectNode) j.get("fixed_ips").get(0))
                .put("ip_address", "10.0.2.5"), s),
                   is("invalid value for fixed_ips[0].subnet_id: subnet sub1 (10.0.1.0/24 on network net1) "
                              + "does not hold 10.0.2.5"));
        assertThat(error("port.json", VmPort.class, j -> ((ObjectNode) j.get("fixed_ips").get(0))
                .put("subnet_id", "nope"), s),
                   is("invalid value for fixed_ips[0].subnet_id: unknown subnet nope"));
    }
}
