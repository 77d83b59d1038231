package org.onosdvr.rest;

import org.junit.Test;
import org.onosdvr.api.DvrSnapshot;
import org.onosdvr.api.GatewayAssignment;
import org.onosdvr.api.Router;
import org.onosdvr.api.RouterId;
import org.onosdvr.api.SubnetId;
import org.onosproject.net.DeviceId;

import java.util.List;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;

/**
 * Routers, the Neutron rules of {@code distributed}, router interfaces and gateway assignments.
 */
public class RouterResourceTest extends DvrResourceTest {

    private Router r(String id) {
        return service.snapshot().router(RouterId.of(id)).get();
    }

    @Test
    public void routerCrud() {
        scenario();
        Answer r1 = expect(200, get("routers/r1"));
        assertThat(r1.get("/router/admin_state_up").asBoolean(), is(true));
        assertThat(r1.get("/router/dvr:key").asInt(), is(r("r1").key()));
        assertThat(r1.text("/router/external_gateway_info/network_id"), is("ext"));
        assertThat(r1.text("/router/external_gateway_info/external_fixed_ips/0/ip_address"), is("203.0.113.10"));
        assertThat(r1.get("/router/external_gateway_info/enable_snat").asBoolean(), is(true));
        assertThat(get("routers").get("/routers").size(), is(1));

        expect(200, put("routers/r1", json("{'router': {'name': 'renamed', 'admin_state_up': false}}")));
        assertThat(r("r1").name(), is("renamed"));
        assertThat(r("r1").adminStateUp(), is(false));
        assertThat(r("r1").externalGateway().isPresent(), is(true));

        Answer noSubnet = expect(201, post("routers", json("{'router': {'id': 'r2', 'tenant_id': 't1', "
                + "'external_gateway_info': {'network_id': 'ext', 'external_fixed_ips': "
                + "[{'ip_address': '203.0.113.30'}]}}}")));
        assertThat("subnet inferred", noSubnet.text("/router/external_gateway_info/external_fixed_ips/0/subnet_id"),
                   is("ext-sub"));
        expect(200, put("routers/r2", json("{'router': {'external_gateway_info': null}}")));
        assertThat(r("r2").externalGateway().isPresent(), is(false));
        expect(204, delete("routers/r2"));
        assertThat(service.snapshot().router(RouterId.of("r2")).isPresent(), is(false));

        DvrSnapshot before = service.snapshot();
        assertError(409, before, delete("routers/r1"));
        assertError(404, before, delete("routers/nope"));
        assertError(404, before, get("routers/nope"));
        assertError(409, before, post("routers", json("{'router': {'id': 'r1', 'tenant_id': 't1'}}")));
        assertError(400, before, post("routers", json("{'router': {'id': 'r3', 'tenant_id': 't1', "
                + "'external_gateway_info': {'network_id': 'net1', 'external_fixed_ips': "
                + "[{'subnet_id': 'sub1', 'ip_address': '10.0.1.50'}]}}}")));
        assertError(400, before, post("routers", json("{'router': {'id': 'r3', 'tenant_id': 't1', "
                + "'external_gateway_info': {'network_id': 'ext', 'external_fixed_ips': "
                + "[{'ip_address': '198.51.100.1'}]}}}")));
    }

    @Test
    public void distributedDefaultsAndAdminRules() {
        service.defaultDistributed(true);
        expect(201, call("POST", "routers", TENANT, json("{'router': {'id': 'a', 'tenant_id': 't1'}}")));
        assertThat(r("a").distributed(), is(true));
        service.defaultDistributed(false);
        Answer b = expect(201, call("POST", "routers", TENANT, json("{'router': {'id': 'b', 'tenant_id': 't1'}}")));
        assertThat(r("b").distributed(), is(false));
        assertThat("tenant does not see distributed", b.get("/router").has("distributed"), is(false));
        assertThat(call("GET", "routers/b", TENANT, null).get("/router").has("distributed"), is(false));
        assertThat(call("GET", "routers", VIEWER, null).get("/routers/0").has("distributed"), is(false));
        assertThat(get("routers/b").get("/router/distributed").asBoolean(), is(false));

        DvrSnapshot before = service.snapshot();
        assertError(403, before, call("POST", "routers", TENANT,
                                      json("{'router': {'id': 'c', 'tenant_id': 't1', 'distributed': true}}")));
        assertError(403, before, call("POST", "routers", TENANT,
                                      json("{'router': {'id': 'c', 'tenant_id': 't1', 'dvr:key': 99}}")));
        assertError(403, before, call("PUT", "routers/b", TENANT, json("{'router': {'distributed': true}}")));
        expect(200, call("PUT", "routers/b", TENANT, json("{'router': {'distributed': false, 'name': 'x'}}")));
        assertThat(r("b").name(), is("x"));

        expect(200, put("routers/b", json("{'router': {'distributed': true}}")));
        assertThat(r("b").distributed(), is(true));
        expect(200, put("routers/b", json("{'router': {'distributed': false}}")));
        assertThat(r("b").distributed(), is(false));
        expect(201, post("routers", json("{'router': {'id': 'c', 'tenant_id': 't1', 'distributed': true}}")));
        assertThat(r("c").distributed(), is(true));

        before = service.snapshot();
        assertError(403, before, call("POST", "routers", VIEWER, json("{'router': {'id': 'd', 'tenant_id': 't1'}}")));
        assertError(403, before, call("DELETE", "routers/c", null, null));
    }

    @Test
    public void routerInterfaces() {
        scenario();
        Answer added = expect(200, put("routers/r1/add_router_interface",
                                       json("{'id': 'r1', 'tenant_id': 't1', 'subnet_id': 'sub2', 'port_id': 'x'}")));
        assertThat(added.text("/id"), is("r1"));
        assertThat(added.text("/tenant_id"), is("t1"));
        assertThat(added.text("/subnet_id"), is("sub2"));
        assertThat(added.text("/subnet_ids/0"), is("sub2"));
        assertThat(added.text("/port_id"), is("x"));
        assertThat(service.snapshot().routerInterface(SubnetId.of("sub2")).isPresent(), is(true));
        Answer list = expect(200, get("routers/r1/interfaces"));
        assertThat(list.get("/interfaces").size(), is(2));
        assertThat(list.text("/interfaces/1/ip_address"), is("10.0.2.1"));

        DvrSnapshot before = service.snapshot();
        assertError(409, before, put("routers/r1/add_router_interface", json("{'subnet_id': 'sub2'}")));
        assertError(404, before, put("routers/r1/add_router_interface", json("{'subnet_id': 'nope'}")));
        assertError(404, before, put("routers/nope/add_router_interface", json("{'subnet_id': 'sub2'}")));
        assertError(400, before, put("routers/r1/add_router_interface", json("{'port_id': 'x'}")));
        assertError(400, before, put("routers/r1/add_router_interface", json("{'subnet_id': 'sub2', 'x': 1}")));
        assertError(400, before, put("routers/r1/add_router_interface", json("{'id': 'r2', 'subnet_id': 'sub2'}")));
        assertError(400, before, put("routers/r1/add_router_interface", json("{}")));
        assertError(404, before, get("routers/nope/interfaces"));

        Answer removed = expect(200, put("routers/r1/remove_router_interface", json("{'subnet_id': 'sub2'}")));
        assertThat(removed.text("/subnet_id"), is("sub2"));
        assertThat(service.snapshot().routerInterface(SubnetId.of("sub2")).isPresent(), is(false));
        assertError(404, service.snapshot(), put("routers/r1/remove_router_interface", json("{'subnet_id': 'sub2'}")));
    }

    @Test
    public void gatewayAssignment() {
        scenario();
        Answer gw = expect(200, get("routers/r1/gateway"));
        assertThat(gw.text("/gateway/router_id"), is("r1"));
        assertThat(gw.text("/gateway/primary"), is(G1));
        assertThat(gw.text("/gateway/backups/0"), is(G2));
        service.assign(new GatewayAssignment(RouterId.of("r1"), DeviceId.deviceId(G2),
                                             List.of(DeviceId.deviceId(G1))));
        assertThat(get("routers/r1/gateway").text("/gateway/primary"), is(G2));
        assertThat(get("gateways").text("/gateways/0/primary"), is(G2));
        expect(201, post("routers", json("{'router': {'id': 'r2', 'tenant_id': 't1'}}")));
        DvrSnapshot before = service.snapshot();
        assertError(404, before, get("routers/r2/gateway"));
        assertError(404, before, get("routers/nope/gateway"));
    }
}
