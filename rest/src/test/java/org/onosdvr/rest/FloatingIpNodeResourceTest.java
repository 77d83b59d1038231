package org.onosdvr.rest;

import org.junit.Test;
import org.onlab.packet.IpAddress;
import org.onosdvr.api.DvrSnapshot;
import org.onosdvr.api.FloatingIp;
import org.onosdvr.api.FloatingIpId;
import org.onosproject.net.DeviceId;
import org.onosproject.net.device.DeviceService;
import org.onosproject.net.device.DeviceServiceAdapter;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;

/**
 * Floating IPs (create, associate, disassociate, delete) and the read-only node endpoints.
 */
public class FloatingIpNodeResourceTest extends DvrResourceTest {

    private FloatingIp f(String id) {
        return service.snapshot().floatingIp(FloatingIpId.of(id)).get();
    }

    @Test
    public void floatingIpLifecycle() {
        scenario();
        Answer f1 = expect(200, get("floatingips/f1"));
        assertThat(f1.text("/floatingip/port_id"), is("p1"));
        assertThat(f1.text("/floatingip/fixed_ip_address"), is("10.0.1.11"));
        assertThat(f1.text("/floatingip/router_id"), is("r1"));

        expect(200, put("floatingips/f1", json("{'floatingip': {'port_id': 'p2'}}")));
        assertThat(f("f1").fixedIp().get(), is(IpAddress.valueOf("10.0.1.12")));
        Answer dis = expect(200, put("floatingips/f1", json("{'floatingip': {'port_id': null}}")));
        assertThat(dis.get("/floatingip/port_id").isNull(), is(true));
        assertThat(dis.get("/floatingip/router_id").isNull(), is(true));
        assertThat(f("f1").associated(), is(false));

        expect(201, post("floatingips", json("{'floatingip': {'id': 'f2', 'tenant_id': 't1', "
                + "'floating_network_id': 'ext', 'floating_ip_address': '203.0.113.21'}}")));
        assertThat(get("floatingips").get("/floatingips").size(), is(2));

        DvrSnapshot before = service.snapshot();
        assertError(400, before, put("floatingips/f1", json("{'floatingip': {'port_id': 'p3'}}")));
        assertError(404, before, put("floatingips/f1", json("{'floatingip': {'port_id': 'nope'}}")));
        assertError(400, before, put("floatingips/f1", json("{'floatingip': {'floating_ip_address': "
                + "'203.0.113.50'}}")));
        assertError(409, before, post("floatingips", json("{'floatingip': {'id': 'f2', 'tenant_id': 't1', "
                + "'floating_network_id': 'ext', 'floating_ip_address': '203.0.113.22'}}")));
        assertError(400, before, post("floatingips", json("{'floatingip': {'id': 'f3', 'tenant_id': 't1', "
                + "'floating_network_id': 'ext', 'floating_ip_address': '203.0.113.21'}}")));
        assertError(400, before, post("floatingips", json("{'floatingip': {'id': 'f3', 'tenant_id': 't1', "
                + "'floating_network_id': 'net1', 'floating_ip_address': '10.0.1.77'}}")));
        assertError(404, before, get("floatingips/nope"));

        expect(204, delete("floatingips/f2"));
        assertThat(service.snapshot().floatingIp(FloatingIpId.of("f2")).isPresent(), is(false));
        assertError(404, service.snapshot(), delete("floatingips/f2"));
    }

    @Test
    public void nodes() {
        addNodes();
        Answer list = expect(200, get("nodes"));
        assertThat(list.get("/nodes").size(), is(4));
        assertThat(list.text("/nodes/0/device_id"), is(C1));
        assertThat(list.text("/nodes/0/role"), is("COMPUTE"));
        assertThat(list.text("/nodes/0/dvr_mac"), is("fa:16:3f:00:00:01"));
        assertThat(list.get("/nodes/0/external_port").isNull(), is(true));
        assertThat("no device service: no connected field", list.get("/nodes/0").has("connected"), is(false));

        services.put(DeviceService.class, new DeviceServiceAdapter() {
            @Override
            public boolean isAvailable(DeviceId deviceId) {
                return deviceId.toString().equals(G1);
            }
        });
        Answer g1 = expect(200, call("GET", "nodes/" + G1, VIEWER, null));
        assertThat(g1.text("/node/role"), is("GATEWAY"));
        assertThat(g1.get("/node/external_port").asInt(), is(200));
        assertThat(g1.get("/node/connected").asBoolean(), is(true));
        assertThat(get("nodes").get("/nodes/1/connected").asBoolean(), is(false));
        assertError(404, service.snapshot(), get("nodes/of:00000000000000ff"));
        assertError(405, service.snapshot(), post("nodes", "{}"));
    }

    @Test
    public void gatewayRebalanceIsAdminOnlyAndAnswersTheMovedAssignments() {
        addNodes();
        java.util.concurrent.atomic.AtomicInteger calls = new java.util.concurrent.atomic.AtomicInteger();
        org.onosdvr.api.RouterId r1 = org.onosdvr.api.RouterId.of("r1");
        org.onosdvr.api.GatewayAdminService gateways = () -> {
            calls.incrementAndGet();
            return java.util.Map.of(r1, new org.onosdvr.api.GatewayAssignment(
                    r1, DeviceId.deviceId(G2), java.util.List.of(DeviceId.deviceId(G1))));
        };
        services.put(org.onosdvr.api.GatewayAdminService.class, gateways);
        DvrSnapshot before = service.snapshot();
        assertError(403, before, call("POST", "gateways/rebalance", TENANT, null));
        assertError(403, before, call("POST", "gateways/rebalance", VIEWER, null));
        assertThat("refused calls do not rebalance", calls.get(), is(0));
        Answer moved = expect(200, post("gateways/rebalance", null));
        assertThat(calls.get(), is(1));
        assertThat(moved.get("/gateways").size(), is(1));
        assertThat(moved.text("/gateways/0/router_id"), is("r1"));
        assertThat(moved.text("/gateways/0/primary"), is(G2));
        assertThat(moved.text("/gateways/0/backups/0"), is(G1));
    }
}
