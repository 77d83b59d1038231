package org.onosdvr.rest;

import org.junit.Test;
import org.onlab.packet.IpAddress;
import org.onosdvr.api.DvrSnapshot;
import org.onosdvr.api.NetworkId;
import org.onosdvr.api.PortId;
import org.onosdvr.api.SubnetId;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.is;

/**
 * Networks, subnets and ports: CRUD, partial updates and their errors.
 */
public class NetworkSubnetPortResourceTest extends DvrResourceTest {

    @Test
    public void networkCrud() {
        Answer created = expect(201, post("networks", json("{'network': {'id': 'n1', 'project_id': 'p', "
                + "'name': 'blue', 'provider:segmentation_id': 42, 'admin_state_up': true, 'shared': false, "
                + "'mtu': 1450}}")));
        assertThat(created.location, endsWith("/networks/n1"));
        assertThat(created.text("/network/tenant_id"), is("p"));
        assertThat(created.get("/network/provider:segmentation_id").asInt(), is(42));
        assertThat(created.text("/network/provider:network_type"), is("vxlan"));
        assertThat(service.snapshot().network(NetworkId.of("n1")).get().segmentId(), is(42));

        assertThat(get("networks/n1").text("/network/name"), is("blue"));
        assertThat(get("networks").get("/networks").size(), is(1));
        assertThat(get("networks").text("/networks/0/id"), is("n1"));

        Answer updated = expect(200, put("networks/n1", json("{'network': {'name': 'green'}}")));
        assertThat(updated.text("/network/name"), is("green"));
        assertThat(updated.get("/network/provider:segmentation_id").asInt(), is(42));
        assertThat(service.snapshot().network(NetworkId.of("n1")).get().name(), is("green"));

        expect(204, delete("networks/n1"));
        assertThat(service.snapshot().networks().isEmpty(), is(true));
        DvrSnapshot before = service.snapshot();
        assertError(404, before, get("networks/n1"));
        assertError(404, before, delete("networks/n1"));
        assertError(404, before, put("networks/n1", json("{'network': {'name': 'x'}}")));
    }

    @Test
    public void networkErrors() {
        scenario();
        DvrSnapshot before = service.snapshot();
        assertError(409, before, post("networks", json("{'network': {'id': 'net1', 'tenant_id': 't1', "
                + "'provider:segmentation_id': 999}}")));
        assertError(400, before, post("networks", json("{'network': {'id': 'n9', 'tenant_id': 't1', "
                + "'provider:segmentation_id': 101}}")));
        assertError(400, before, post("networks", json("{'network': {'id': 'n9', 'tenant_id': 't1'}}")));
        assertError(400, before, put("networks/net1", json("{'network': {'id': 'other'}}")));
        assertError(409, before, delete("networks/net1"));
        assertThat(get("networks/net1").get("/network/subnets").get(0).asText(), is("sub1"));
    }

    @Test
    public void subnetCrud() {
        expect(201, post("networks", json("{'network': {'id': 'n1', 'tenant_id': 't', "
                + "'provider:segmentation_id': 5}}")));
        Answer created = expect(201, post("subnets", json("{'subnet': {'id': 's1', 'network_id': 'n1', "
                + "'tenant_id': 't', 'cidr': '10.1.0.0/16', 'ip_version': 4, 'enable_dhcp': false}}")));
        assertThat(created.text("/subnet/gateway_ip"), is("10.1.0.1"));
        assertThat(get("subnets/s1").text("/subnet/cidr"), is("10.1.0.0/16"));
        assertThat(get("subnets").get("/subnets").size(), is(1));
        expect(200, put("subnets/s1", json("{'subnet': {'name': 'renamed', 'gateway_ip': '10.1.255.254'}}")));
        assertThat(service.snapshot().subnet(SubnetId.of("s1")).get().gatewayIp(),
                   is(IpAddress.valueOf("10.1.255.254")));
        DvrSnapshot before = service.snapshot();
        assertError(400, before, put("subnets/s1", json("{'subnet': {'gateway_ip': '10.2.0.1'}}")));
        assertError(400, before, post("subnets", json("{'subnet': {'id': 's2', 'network_id': 'n1', "
                + "'tenant_id': 't', 'cidr': '10.1.5.0/24'}}")));
        assertError(404, before, post("subnets", json("{'subnet': {'id': 's2', 'network_id': 'nope', "
                + "'tenant_id': 't', 'cidr': '10.2.0.0/24'}}")));
        assertError(400, before, post("subnets", json("{'subnet': {'id': 's2', 'network_id': 'n1', "
                + "'tenant_id': 't', 'cidr': '10.2.0.0/24', 'ip_version': 6}}")));
        expect(204, delete("subnets/s1"));
        assertError(404, service.snapshot(), delete("subnets/s1"));
    }

    @Test
    public void portCrud() {
        scenario();
        Answer p1 = expect(200, get("ports/p1"));
        assertThat(p1.text("/port/mac_address"), is("fa:16:3e:00:00:11"));
        assertThat(p1.text("/port/fixed_ips/0/subnet_id"), is("sub1"));
        assertThat(p1.text("/port/binding:profile/device_id"), is(C1));
        assertThat(p1.get("/port/binding:profile/port_number").asInt(), is(3));
        assertThat(get("ports").get("/ports").size(), is(3));

        expect(200, put("ports/p2", json("{'port': {'binding:profile': {'device_id': '" + C1
                + "', 'port_number': 7}}}")));
        assertThat(service.snapshot().port(PortId.of("p2")).get().location().get().port().toLong(), is(7L));
        expect(200, put("ports/p2", json("{'port': {'binding:profile': {}}}")));
        assertThat(service.snapshot().port(PortId.of("p2")).get().location().isPresent(), is(false));

        DvrSnapshot before = service.snapshot();
        assertError(409, before, post("ports", json("{'port': {'id': 'p1', 'network_id': 'net1', 'tenant_id': 't1', "
                + "'mac_address': 'fa:16:3e:00:00:99', 'fixed_ips': [{'ip_address': '10.0.1.99'}]}}")));
        assertError(400, before, post("ports", json("{'port': {'id': 'p9', 'network_id': 'net1', 'tenant_id': 't1', "
                + "'mac_address': 'fa:16:3e:00:00:99', 'fixed_ips': [{'ip_address': '10.0.1.11'}]}}")));
        assertError(400, before, post("ports", json("{'port': {'id': 'p9', 'network_id': 'net1', 'tenant_id': 't1', "
                + "'mac_address': 'fa:16:3e:00:00:99', 'fixed_ips': [{'subnet_id': 'sub2', "
                + "'ip_address': '10.0.1.99'}]}}")));
        assertError(400, before, put("ports/p1", json("{'port': {'network_id': 'net2'}}")));
        assertError(400, before, post("ports", json("{'port': {'id': 'p9', 'network_id': 'net1', 'tenant_id': 't1', "
                + "'mac_address': 'fa:16:3e:00:00:99', 'fixed_ips': [{'ip_address': '10.0.1.99'}], "
                + "'binding:profile': {'device_id': 'not a uri', 'port_number': 1}}}")));

        expect(204, delete("ports/p1"));
        assertThat(service.snapshot().floatingIps().iterator().next().associated(), is(false));
        assertError(404, service.snapshot(), delete("ports/p1"));
    }
}
