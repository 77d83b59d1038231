package org.onosdvr.rest;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.Test;
import org.onosdvr.api.DvrSnapshot;

import java.io.IOException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.lessThan;

/**
 * Seeded random mutations of valid request bodies (wrong types, missing fields, huge strings, deep nesting,
 * unicode, nulls, negative numbers, extra fields, broken syntax): every one must be answered 4xx with the
 * error body, and must leave the state unchanged. At the end the unmutated bodies are sent and succeed, which
 * shows the mutations were the only reason for the errors.
 */
public class FuzzResourceTest extends DvrResourceTest {

    private static final long SEED = 20240601L;
    private static final int ROUNDS = 400;
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    /** What a field holds, which decides the invalid values it can be given. */
    private enum Kind { ID, TEXT, INT, BOOL, IP, CIDR, MAC, PROFILE, FIXED_IPS, GATEWAY }

    /** A field of a body: JSON pointer, kind, and whether it is required (so removing it is an error). */
    private static final class Field {
        final String pointer;
        final Kind kind;
        final boolean required;

        Field(String pointer, Kind kind, boolean required) {
            this.pointer = pointer;
            this.kind = kind;
            this.required = required;
        }
    }

    /** A valid request and its fields. */
    private static final class Case {
        final String method;
        final String path;
        final String body;
        final List<Field> fields = new ArrayList<>();

        Case(String method, String path, String body) {
            this.method = method;
            this.path = path;
            this.body = json(body);
        }

        Case field(String pointer, Kind kind, boolean required) {
            fields.add(new Field(pointer, kind, required));
            return this;
        }
    }

    private static List<Case> cases() {
        List<Case> cases = new ArrayList<>();
        cases.add(new Case("POST", "networks", "{'network': {'id': 'fz-net', 'tenant_id': 't1', 'name': 'fz', "
                + "'provider:segmentation_id': 4000, 'router:external': false, 'mtu': 1450}}")
                          .field("/network/id", Kind.ID, true).field("/network/tenant_id", Kind.ID, true)
                          .field("/network/name", Kind.TEXT, false)
                          .field("/network/provider:segmentation_id", Kind.INT, true)
                          .field("/network/router:external", Kind.BOOL, false)
                          .field("/network/mtu", Kind.INT, false));
        cases.add(new Case("POST", "subnets", "{'subnet': {'id': 'fz-sub', 'network_id': 'net1', 'tenant_id': 't1', "
                + "'cidr': '10.0.9.0/24', 'gateway_ip': '10.0.9.1', 'ip_version': 4}}")
                          .field("/subnet/id", Kind.ID, true).field("/subnet/network_id", Kind.ID, true)
                          .field("/subnet/tenant_id", Kind.ID, true).field("/subnet/cidr", Kind.CIDR, true)
                          .field("/subnet/gateway_ip", Kind.IP, false).field("/subnet/ip_version", Kind.INT, false));
        cases.add(new Case("POST", "ports", "{'port': {'id': 'fz-port', 'network_id': 'net1', 'tenant_id': 't1', "
                + "'name': 'vm', 'mac_address': 'fa:16:3e:00:99:01', 'fixed_ips': [{'subnet_id': 'sub1', "
                + "'ip_address': '10.0.1.99'}], 'binding:profile': {'device_id': '" + C1 + "', 'port_number': 9}}}")
                          .field("/port/id", Kind.ID, true).field("/port/network_id", Kind.ID, true)
                          .field("/port/name", Kind.TEXT, false).field("/port/mac_address", Kind.MAC, true)
                          .field("/port/fixed_ips", Kind.FIXED_IPS, true)
                          .field("/port/fixed_ips/0/ip_address", Kind.IP, true)
                          .field("/port/fixed_ips/0/subnet_id", Kind.ID, false)
                          .field("/port/binding:profile", Kind.PROFILE, false)
                          .field("/port/binding:profile/port_number", Kind.INT, true)
                          .field("/port/binding:profile/device_id", Kind.ID, true));
        cases.add(new Case("POST", "routers", "{'router': {'id': 'fz-r', 'tenant_id': 't1', 'name': 'r', "
                + "'admin_state_up': true, 'distributed': true, 'external_gateway_info': {'network_id': 'ext', "
                + "'enable_snat': true, 'external_fixed_ips': [{'subnet_id': 'ext-sub', "
                + "'ip_address': '203.0.113.99'}]}}}")
                          .field("/router/id", Kind.ID, true).field("/router/tenant_id", Kind.ID, true)
                          .field("/router/name", Kind.TEXT, false).field("/router/admin_state_up", Kind.BOOL, false)
                          .field("/router/distributed", Kind.BOOL, false)
                          .field("/router/external_gateway_info", Kind.GATEWAY, false)
                          .field("/router/external_gateway_info/network_id", Kind.ID, true)
                          .field("/router/external_gateway_info/enable_snat", Kind.BOOL, false)
                          .field("/router/external_gateway_info/external_fixed_ips/0/ip_address", Kind.IP, true));
        cases.add(new Case("POST", "floatingips", "{'floatingip': {'id': 'fz-fip', 'tenant_id': 't1', "
                + "'floating_network_id': 'ext', 'floating_ip_address': '203.0.113.77', 'port_id': 'p2'}}")
                          .field("/floatingip/id", Kind.ID, true).field("/floatingip/tenant_id", Kind.ID, true)
                          .field("/floatingip/floating_network_id", Kind.ID, true)
                          .field("/floatingip/floating_ip_address", Kind.IP, true)
                          .field("/floatingip/port_id", Kind.ID, false));
        cases.add(new Case("PUT", "routers/r1", "{'router': {'name': 'renamed', 'admin_state_up': false}}")
                          .field("/router/name", Kind.TEXT, false).field("/router/admin_state_up", Kind.BOOL, false));
        cases.add(new Case("PUT", "floatingips/f1", "{'floatingip': {'port_id': 'p2'}}")
                          .field("/floatingip/port_id", Kind.ID, false));
        cases.add(new Case("PUT", "ports/p2", "{'port': {'name': 'moved', 'binding:profile': {'device_id': '" + C1
                + "', 'port_number': 12}}}")
                          .field("/port/name", Kind.TEXT, false).field("/port/binding:profile", Kind.PROFILE, false)
                          .field("/port/binding:profile/port_number", Kind.INT, true));
        cases.add(new Case("PUT", "routers/r1/add_router_interface", "{'subnet_id': 'sub2'}")
                          .field("/subnet_id", Kind.ID, true));
        return cases;
    }

    private static JsonNode invalid(Kind kind, Random rnd) {
        List<JsonNode> v = new ArrayList<>();
        v.add(F.arrayNode());
        v.add(F.objectNode().put("x", 1));
        switch (kind) {
            case ID:
                v.add(F.textNode(""));
                v.add(F.textNode("a b"));
                v.add(F.textNode("a/b"));
                v.add(F.textNode("\u0000x"));
                v.add(F.textNode("tab\there"));
                v.add(F.textNode("\u2603".repeat(300)));
                v.add(F.numberNode(42));
                v.add(F.booleanNode(true));
                break;
            case TEXT:
                v.add(F.textNode("x".repeat(256 + rnd.nextInt(100_000))));
                v.add(F.numberNode(-1));
                v.add(F.booleanNode(false));
                break;
            case INT:
                v.add(F.textNode("5"));
                v.add(F.numberNode(1.5));
                v.add(F.numberNode(-1 - rnd.nextInt(1000)));
                v.add(F.numberNode(new BigInteger("1" + "0".repeat(40))));
                v.add(F.numberNode(1e300));
                v.add(F.booleanNode(true));
                break;
            case BOOL:
                v.add(F.textNode("true"));
                v.add(F.numberNode(1));
                v.add(F.textNode("\u00fe"));
                break;
            case IP:
                v.add(F.textNode("10.0.0"));
                v.add(F.textNode("10.0.0.256"));
                v.add(F.textNode("::1"));
                v.add(F.textNode("localhost"));
                v.add(F.textNode("\uff11\uff10.0.0.1"));
                v.add(F.textNode("10.0.1.99 "));
                v.add(F.textNode(""));
                v.add(F.numberNode(167772161));
                break;
            case CIDR:
                v.add(F.textNode("10.0.9.0"));
                v.add(F.textNode("10.0.9.0/33"));
                v.add(F.textNode("10.0.9.0/-1"));
                v.add(F.textNode("10.0.9.5/24"));
                v.add(F.textNode("x/24"));
                v.add(F.textNode("fe80::/64"));
                v.add(F.numberNode(24));
                break;
            case MAC:
                v.add(F.textNode("fa:16:3e:00:99"));
                v.add(F.textNode("zz:16:3e:00:99:01"));
                v.add(F.textNode("01:00:5e:00:00:01"));
                v.add(F.textNode("00:00:00:00:00:00"));
                v.add(F.textNode("fa:16:3e:00:99:0\uff11"));
                v.add(F.numberNode(1));
                break;
            case PROFILE:
                v.add(F.textNode("of:1"));
                v.add(F.objectNode().put("device_id", C1));
                v.add(F.objectNode().put("port_number", 3));
                v.add(F.objectNode().put("device_id", C1).put("port_number", 0));
                v.add(F.objectNode().put("device_id", "no scheme").put("port_number", 3));
                break;
            case FIXED_IPS:
                v.add(F.textNode("10.0.1.99"));
                v.add(F.arrayNode().add(5));
                v.add(F.arrayNode().add(F.objectNode()));
                v.add(F.arrayNode().add(F.objectNode().put("ip_address", "10.0.1.99"))
                              .add(F.objectNode().put("ip_address", "10.0.1.99")));
                v.remove(0);
                v.add(F.arrayNode());
                break;
            default:
                v.add(F.textNode("ext"));
                v.add(F.objectNode());
                v.add(F.objectNode().put("network_id", "ext"));
                break;
        }
        return v.get(rnd.nextInt(v.size()));
    }

    private static JsonNode deep(int depth) {
        JsonNode n = F.numberNode(1);
        for (int i = 0; i < depth; i++) {
            n = i % 2 == 0 ? F.arrayNode().add(n) : F.objectNode().set("k", n);
        }
        return n;
    }

    /** Applies one random mutation; returns the raw body to send. */
    private static String mutate(Case c, Random rnd) throws IOException {
        ObjectNode body = (ObjectNode) MAPPER.readTree(c.body);
        Field field = c.fields.get(rnd.nextInt(c.fields.size()));
        JsonPointer ptr = JsonPointer.compile(field.pointer);
        JsonNode parent = body.at(ptr.head());
        String name = ptr.last().getMatchingProperty();
        int choice = rnd.nextInt(12);
        switch (choice) {
            case 0:
                if (field.required && c.method.equals("POST") && parent.isObject()) {
                    ((ObjectNode) parent).remove(name);
                    return body.toString();
                }
                return body.toString().substring(0, rnd.nextInt(body.toString().length()));
            case 1:
                if (field.required && parent.isObject()) {
                    ((ObjectNode) parent).putNull(name);
                    return body.toString();
                }
                ((ObjectNode) body.at(ptr.head().toString().isEmpty() ? JsonPointer.compile("")
                        : ptr.head())).put("zz_unknown_" + rnd.nextInt(1000), rnd.nextInt());
                return body.toString();
            case 2:
                if (parent.isObject()) {
                    ((ObjectNode) parent).set(name, deep(40 + rnd.nextInt(2000)));
                } else {
                    ((ArrayNode) parent).set(Integer.parseInt(name.isEmpty() ? "0" : name), deep(50));
                }
                return body.toString();
            case 3:
                return body.toString().replaceFirst("\"" + name + "\"", "\"" + name + "\": 1, \"" + name + "\"");
            case 4:
                ObjectNode top = body;
                top.put("zz_extra", "x");
                return top.toString();
            case 5:
                return "[" + body + "]";
            case 6:
                return body + (rnd.nextBoolean() ? " {}" : " x");
            default:
                JsonNode value = invalid(field.kind, rnd);
                if (parent.isObject()) {
                    ((ObjectNode) parent).set(name, value);
                } else if (parent.isArray()) {
                    ((ArrayNode) parent).set(Integer.parseInt(name), value);
                }
                return body.toString();
        }
    }

    @Test
    public void hostileBodiesAreRejectedWithoutStateChange() throws IOException {
        scenario();
        DvrSnapshot before = service.snapshot();
        Random rnd = new Random(SEED);
        List<Case> cases = cases();
        int[] statuses = new int[600];
        for (int i = 0; i < ROUNDS; i++) {
            Case c = cases.get(rnd.nextInt(cases.size()));
            String body = mutate(c, rnd);
            Answer a = call(c.method, c.path, rnd.nextInt(4) == 0 ? TENANT : ADMIN, body);
            String what = "round " + i + ": " + c.method + " " + c.path + " "
                    + (body.length() > 300 ? body.substring(0, 300) + "..." : body) + " -> " + a;
            assertThat(what, a.status, greaterThanOrEqualTo(400));
            assertThat(what, a.status, lessThan(500));
            assertThat(what, a.json.at("/error/code").asInt(), is(a.status));
            assertThat(what, service.snapshot(), is(before));
            statuses[a.status]++;
        }
        assertThat("most mutations are 400s", statuses[400], greaterThanOrEqualTo(ROUNDS / 2));

        for (Case c : cases) {
            service.restore(before);
            Answer a = call(c.method, c.path, ADMIN, c.body);
            assertThat("unmutated " + c.method + " " + c.path + " -> " + a, a.status / 100, is(2));
        }
    }
}
