package org.onosdvr.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.common.collect.ImmutableMap;
import org.glassfish.jersey.server.ResourceConfig;
import org.glassfish.jersey.test.JerseyTest;
import org.glassfish.jersey.test.inmemory.InMemoryTestContainerFactory;
import org.glassfish.jersey.test.spi.TestContainerFactory;
import org.junit.Before;
import org.onlab.junit.TestUtils;
import org.onlab.osgi.ServiceDirectory;
import org.onlab.osgi.ServiceNotFoundException;
import org.onlab.packet.IpAddress;
import org.onlab.rest.BaseResource;
import org.onosdvr.api.DvrAdminService;
import org.onosdvr.api.DvrNode;
import org.onosdvr.api.DvrSnapshot;
import org.onosdvr.api.NodeRole;
import org.onosdvr.cli.testing.InMemoryDvrAdminService;
import org.onosproject.net.DeviceId;
import org.onosproject.net.PortNumber;

import javax.ws.rs.client.Entity;
import javax.ws.rs.client.Invocation;
import javax.ws.rs.container.ContainerRequestContext;
import javax.ws.rs.container.ContainerRequestFilter;
import javax.ws.rs.container.PreMatching;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.SecurityContext;
import java.io.IOException;
import java.security.Principal;
import java.util.HashMap;
import java.util.Map;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;
import static org.junit.Assert.assertEquals;

/**
 * Base of the REST tests: the real {@link DvrWebApplication} in Jersey's in-memory container, a test service
 * directory holding an in-memory admin service, and a test-only filter standing in for the servlet container's
 * BASIC authentication (header {@code X-Test-Role}: admin, tenant, viewer or none).
 */
public abstract class DvrResourceTest extends JerseyTest {

    static final String ADMIN = "admin";
    static final String TENANT = "tenant";
    static final String VIEWER = "viewer";
    static final ObjectMapper MAPPER = new ObjectMapper();

    protected InMemoryDvrAdminService service;
    protected final Map<Class<?>, Object> services = new HashMap<>();

    /** TEST ONLY: sets the security context the container would set after BASIC authentication. */
    @PreMatching
    public static class TestAuthFilter implements ContainerRequestFilter {
        @Override
        public void filter(ContainerRequestContext request) {
            String role = request.getHeaderString("X-Test-Role");
            request.setSecurityContext(new SecurityContext() {
                @Override
                public Principal getUserPrincipal() {
                    return role == null ? null : () -> "user-" + role;
                }

                @Override
                public boolean isUserInRole(String r) {
                    return r.equals(role);
                }

                @Override
                public boolean isSecure() {
                    return false;
                }

                @Override
                public String getAuthenticationScheme() {
                    return SecurityContext.BASIC_AUTH;
                }
            });
        }
    }

    @Override
    protected ResourceConfig configure() {
        return ResourceConfig.forApplication(new DvrWebApplication()).register(TestAuthFilter.class);
    }

    @Override
    protected TestContainerFactory getTestContainerFactory() {
        return new InMemoryTestContainerFactory();
    }

    @Before
    public void setUpServices() {
        service = new InMemoryDvrAdminService();
        services.put(DvrAdminService.class, service);
        ServiceDirectory directory = new ServiceDirectory() {
            @Override
            public <T> T get(Class<T> serviceClass) {
                Object s = services.get(serviceClass);
                if (s == null) {
                    throw new ServiceNotFoundException("service " + serviceClass.getName() + " not found");
                }
                return serviceClass.cast(s);
            }
        };
        TestUtils.setField(BaseResource.class, "services", directory);
    }

    /** An HTTP answer: status and parsed JSON body (null if none). */
    static final class Answer {
        final int status;
        final JsonNode json;
        final String location;

        Answer(int status, JsonNode json, String location) {
            this.status = status;
            this.json = json;
            this.location = location;
        }

        JsonNode get(String pointer) {
            return json.at(pointer);
        }

        String text(String pointer) {
            return json.at(pointer).asText();
        }

        @Override
        public String toString() {
            return status + " " + json;
        }
    }

    Answer call(String method, String path, String role, String body) {
        Invocation.Builder request = target("").path(path).request(MediaType.APPLICATION_JSON_TYPE);
        if (role != null) {
            request.header("X-Test-Role", role);
        }
        Response response = body == null ? request.method(method)
                : request.method(method, Entity.entity(body, MediaType.APPLICATION_JSON_TYPE));
        String text = response.readEntity(String.class);
        try {
            JsonNode json = text == null || text.isEmpty() ? null : MAPPER.readTree(text);
            return new Answer(response.getStatus(), json,
                              response.getLocation() == null ? null : response.getLocation().toString());
        } catch (IOException e) {
            throw new AssertionError("response is not JSON: " + text, e);
        }
    }

    Answer get(String path) {
        return call("GET", path, ADMIN, null);
    }

    Answer post(String path, String body) {
        return call("POST", path, ADMIN, body);
    }

    Answer put(String path, String body) {
        return call("PUT", path, ADMIN, body);
    }

    Answer delete(String path) {
        return call("DELETE", path, ADMIN, null);
    }

    /** Single quotes to double quotes, for readable JSON literals in tests. */
    static String json(String singleQuoted) {
        return singleQuoted.replace('\'', '"');
    }

    /**
     * Asserts an error answer with the error body shape and that the state did not change.
     */
    Answer assertError(int status, DvrSnapshot before, Answer answer) {
        assertThat(answer.toString(), answer.status, is(status));
        assertThat(answer.toString(), answer.json.at("/error/code").asInt(), is(status));
        assertThat(answer.toString(), answer.json.at("/error/message").isTextual(), is(true));
        assertEquals("state changed on error: " + answer, before, service.snapshot());
        return answer;
    }

    /** Expected answer status. */
    static Answer expect(int status, Answer answer) {
        assertThat(answer.toString(), answer.status, is(status));
        return answer;
    }

    static final String C1 = "of:0000000000000001";
    static final String C2 = "of:0000000000000002";
    static final String G1 = "of:0000000000000003";
    static final String G2 = "of:0000000000000004";

    /** Two compute and two gateway nodes. */
    void addNodes() {
        Map<String, Integer> nodes = ImmutableMap.of(C1, 1, C2, 2, G1, 3, G2, 4);
        nodes.forEach((device, index) -> service.updateNode(DvrNode.builder().deviceId(DeviceId.deviceId(device))
                .role(index > 2 ? NodeRole.GATEWAY : NodeRole.COMPUTE)
                .tunnelIp(IpAddress.valueOf("198.18.0." + index)).tunnelPort(PortNumber.portNumber(100))
                .externalPort(index > 2 ? PortNumber.portNumber(200) : null).index(index).build()));
    }

    /**
     * The standard scenario, built through the API: nodes; external network ext (203.0.113.0/24); tenant
     * networks net1 (sub1 10.0.1.0/24, ports p1 .11 on c1 and p2 .12 on c2) and net2 (sub2 10.0.2.0/24, p3 .13);
     * router r1 with gateway 203.0.113.10 and interface on sub1; floating IP f1 203.0.113.20 on p1.
     */
    void scenario() {
        addNodes();
        expect(201, post("networks", json("{'network': {'id': 'ext', 'tenant_id': 'admin', 'name': 'public', "
                + "'provider:segmentation_id': 1, 'router:external': true, 'provider:network_type': 'flat'}}")));
        expect(201, post("subnets", json("{'subnet': {'id': 'ext-sub', 'network_id': 'ext', 'tenant_id': 'admin', "
                + "'cidr': '203.0.113.0/24', 'gateway_ip': '203.0.113.1', 'ip_version': 4}}")));
        for (int n = 1; n <= 2; n++) {
            expect(201, post("networks", json("{'network': {'id': 'net" + n + "', 'tenant_id': 't1', 'name': 'n" + n
                    + "', 'provider:segmentation_id': " + (100 + n) + "}}")));
            expect(201, post("subnets", json("{'subnet': {'id': 'sub" + n + "', 'network_id': 'net" + n
                    + "', 'tenant_id': 't1', 'cidr': '10.0." + n + ".0/24', 'gateway_ip': '10.0." + n + ".1'}}")));
        }
        port("p1", "net1", "sub1", "10.0.1.11", C1, 3);
        port("p2", "net1", "sub1", "10.0.1.12", C2, 3);
        port("p3", "net2", "sub2", "10.0.2.13", C2, 4);
        expect(201, post("routers", json("{'router': {'id': 'r1', 'tenant_id': 't1', 'name': 'router1', "
                + "'external_gateway_info': {'network_id': 'ext', 'enable_snat': true, 'external_fixed_ips': "
                + "[{'subnet_id': 'ext-sub', 'ip_address': '203.0.113.10'}]}}}")));
        expect(200, put("routers/r1/add_router_interface", json("{'subnet_id': 'sub1'}")));
        expect(201, post("floatingips", json("{'floatingip': {'id': 'f1', 'tenant_id': 't1', "
                + "'floating_network_id': 'ext', 'floating_ip_address': '203.0.113.20', 'port_id': 'p1'}}")));
    }

    void port(String id, String net, String subnet, String ip, String device, int number) {
        expect(201, post("ports", json("{'port': {'id': '" + id + "', 'network_id': '" + net
                + "', 'tenant_id': 't1', 'mac_address': 'fa:16:3e:00:00:" + ip.substring(ip.lastIndexOf('.') + 1)
                + "', 'fixed_ips': [{'subnet_id': '" + subnet + "', 'ip_address': '" + ip + "'}], "
                + "'binding:profile': {'device_id': '" + device + "', 'port_number': " + number + "}}}")));
    }
}
