package org.onosdvr.rest;

import org.junit.Test;
import org.onosdvr.api.DvrAdminService;
import org.onosdvr.api.DvrSnapshot;

import javax.ws.rs.client.Entity;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.startsWith;

/**
 * Error handling of the whole application: every error is {"error": {"code", "message"}} and changes nothing.
 */
public class ErrorResourceTest extends DvrResourceTest {

    private DvrSnapshot before;

    private Answer error(int status, String method, String path, String body) {
        return assertError(status, before, call(method, path, ADMIN, body));
    }

    @Test
    public void malformedBodies() {
        scenario();
        before = service.snapshot();
        assertThat(error(400, "POST", "networks", "{\"network\": {").text("/error/message"),
                   startsWith("malformed JSON"));
        error(400, "POST", "networks", "{\"network\": {}} trailing");
        assertThat(error(400, "POST", "networks", "{\"network\": {\"id\": \"a\", \"id\": \"b\"}}")
                           .text("/error/message"), containsString("Duplicate field"));
        error(400, "POST", "networks", "[]");
        error(400, "POST", "networks", "null");
        error(400, "POST", "networks", "\"network\"");
        error(400, "POST", "networks", "{}");
        assertThat(error(400, "POST", "networks", "{\"networks\": {}}").text("/error/message"),
                   startsWith("unknown field networks"));
        error(400, "POST", "networks", "{\"network\": []}");
        error(400, "POST", "networks", "{\"network\": null}");
        error(400, "POST", "networks", "{\"network\": {\"id\": NaN}}");
        assertThat(error(400, "POST", "networks", "[".repeat(100_000)).text("/error/message"),
                   is("JSON nested deeper than 32 levels"));
        error(413, "POST", "networks", "{\"network\": {\"name\": \"" + "x".repeat(JsonBodies.MAX_BYTES) + "\"}}");
        error(400, "PUT", "routers/r1/add_router_interface", "");
    }

    @Test
    public void invalidValues() {
        scenario();
        before = service.snapshot();
        assertThat(error(400, "POST", "subnets", json("{'subnet': {'id': 's9', 'network_id': 'net1', "
                + "'tenant_id': 't1', 'cidr': '10.0.9.0/24', 'gateway_ip': '10.0.9.1', 'dhcp': true}}"))
                           .text("/error/message"), is("unknown field dhcp"));
        assertThat(error(400, "POST", "subnets", json("{'subnet': {'id': 's9', 'network_id': 'net1', "
                + "'tenant_id': 't1', 'cidr': '10.0.9.0/24', 'gateway_ip': '10.0.9.300'}}"))
                           .text("/error/message"), startsWith("invalid value for gateway_ip"));
        assertThat(error(400, "POST", "subnets", json("{'subnet': {'id': 's9', 'network_id': 'net1', "
                + "'tenant_id': 't1', 'cidr': 'ten/24'}}")).text("/error/message"),
                   startsWith("invalid value for cidr"));
        assertThat(error(400, "POST", "ports", json("{'port': {'id': 'p9', 'network_id': 'net1', 'tenant_id': 't1', "
                + "'mac_address': 'fa-16-3e-00-00-99', 'fixed_ips': [{'ip_address': '10.0.1.99'}]}}"))
                           .text("/error/message"), startsWith("invalid value for mac_address"));
        assertThat("model IllegalArgumentException", error(400, "POST", "subnets", json("{'subnet': {'id': 's9', "
                + "'network_id': 'net1', 'tenant_id': 't1', 'cidr': '10.0.9.0/24', 'gateway_ip': '10.0.9.255'}}"))
                           .text("/error/message"), containsString("broadcast"));
        error(400, "GET", "networks/a%20b", null);
    }

    @Test
    public void protocolErrors() {
        before = service.snapshot();
        error(404, "GET", "nothing-here", null);
        error(405, "PATCH", "networks", "{}");
        Response r = target("networks").request().header("X-Test-Role", ADMIN)
                .post(Entity.entity("<network/>", MediaType.APPLICATION_XML_TYPE));
        assertThat(r.getStatus(), is(415));
        assertThat(r.readEntity(String.class), containsString("\"code\":415"));
        assertError(403, before, call("POST", "networks", VIEWER, "{}"));
        assertError(403, before, call("PUT", "networks/x", null, "{}"));
    }

    @Test
    public void serviceUnavailable() {
        services.remove(DvrAdminService.class);
        Answer a = call("GET", "networks", ADMIN, null);
        assertThat(a.status, is(503));
        assertThat(a.text("/error/message"), startsWith("service unavailable"));
    }
}
