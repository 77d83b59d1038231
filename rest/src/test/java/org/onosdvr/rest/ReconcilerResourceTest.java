package org.onosdvr.rest;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.Before;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;
import java.io.IOException;
import org.junit.Test;
import org.onosdvr.api.DvrReconcilerService;
import org.onosdvr.api.DvrSnapshot;
import org.onosdvr.cli.codec.RuntimeStats;
import org.onosdvr.cli.testing.CompilingReconcilerService;
import org.onosdvr.cli.testing.FakeRuntimeStats;
import org.onosdvr.openflow.net.RuntimeStatsService;
import org.onosdvr.pipeline.testing.Scenario;
import org.onosdvr.pipeline.testing.Scenarios;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

/**
 * /devices/{id}/rules, /verify, /sync, /devices/{id}/sync, /trace, /stats and the rule counts of /nodes, on the
 * reference pipeline scenario with the real compiler and walk interpreter.
 */
public class ReconcilerResourceTest extends DvrResourceTest {

    private final Scenario s = Scenarios.standard();
    private CompilingReconcilerService reconciler;

    @Before
    public void setUpScenario() {
        service.restore(s.snapshot());
        reconciler = new CompilingReconcilerService(service);
        services.put(DvrReconcilerService.class, reconciler);
    }

    private String c1() {
        return s.device("c1").toString();
    }

    /** GET path?device=... as admin. */
    private Answer query(String path, String device) {
        Response r = target(path).queryParam("device", device).request(MediaType.APPLICATION_JSON_TYPE)
                .header("X-Test-Role", ADMIN).get();
        String text = r.readEntity(String.class);
        try {
            return new Answer(r.getStatus(), MAPPER.readTree(text), null);
        } catch (IOException e) {
            throw new AssertionError(text, e);
        }
    }

    /** Asserts an error answer and that neither the DVR state nor any device changed. */
    private void assertNoChange(int status, Answer a) {
        DvrSnapshot before = service.snapshot();
        assertError(status, before, a);
        assertEquals(0, reconciler.syncCalls());
    }

    @Test
    public void rulesVerifySyncVerify() {
        int desired = reconciler.desired(s.device("c1")).size();
        Answer rules = expect(200, get("devices/" + c1() + "/rules"));
        assertEquals(c1(), rules.text("/device_id"));
        assertFalse(rules.get("/ok").asBoolean());
        assertEquals(desired, rules.get("/missing").asInt());
        assertEquals(desired, rules.get("/desired").size());
        assertEquals(0, rules.get("/installed").size());
        JsonNode first = rules.get("/desired/0");
        assertEquals("missing", first.get("status").asText());
        assertEquals("classifier", first.get("table").asText());
        assertTrue(first.get("description").asText().length() > 0);
        assertTrue(first.has("source") && first.has("selector") && first.has("treatment"));

        Answer verify = expect(200, get("verify"));
        assertFalse(verify.get("/ok").asBoolean());
        assertEquals(3, verify.get("/devices").size());

        Answer tenant = call("POST", "sync", TENANT, null);
        assertNoChange(403, tenant);
        assertNoChange(403, call("POST", "sync", VIEWER, null));

        Answer sync = expect(200, post("sync", null));
        assertEquals(3, sync.get("/devices").size());
        assertEquals("IN_SYNC", sync.text("/devices/0/state"));
        assertEquals(3, reconciler.syncCalls());

        assertTrue(expect(200, get("verify")).get("/ok").asBoolean());
        Answer one = expect(200, query("verify", c1()));
        assertEquals(1, one.get("/devices").size());
        assertEquals(desired, one.get("/devices/0/installed").asInt());
        Answer after = expect(200, get("devices/" + c1() + "/rules"));
        assertTrue(after.get("/ok").asBoolean());
        assertEquals(desired, after.get("/installed").size());
        for (JsonNode r : after.get("/installed")) {
            assertEquals("installed", r.get("status").asText());
            assertEquals("ADDED", r.get("state").asText());
        }
        Answer status = expect(200, get("sync"));
        assertEquals("IN_SYNC", status.text("/devices/0/state"));
        assertEquals(1, status.get("/devices/0/sync_count").asInt());
    }

    @Test
    public void syncOneDevice() {
        Answer a = expect(200, post("devices/" + c1() + "/sync", null));
        assertEquals(1, a.get("/devices").size());
        assertEquals(c1(), a.text("/devices/0/device_id"));
        assertEquals(reconciler.desired(s.device("c1")).size(), a.get("/devices/0/added").asInt());
        assertTrue(reconciler.diff(s.device("c1")).isEmpty());
        assertFalse(reconciler.diff(s.device("c2")).isEmpty());
    }

    @Test
    public void unknownDevice() {
        String unknown = "of:00000000000000ff";
        assertThat(assertError(404, service.snapshot(), get("devices/" + unknown + "/rules")).text("/error/message"),
                   containsString("is not a DVR node"));
        assertNoChange(404, query("verify", unknown));
        assertNoChange(404, post("devices/" + unknown + "/sync", null));
        assertNoChange(404, get("devices/" + unknown + "/nothing"));
    }

    @Test
    public void nodesCarryRuleCountsAndSyncState() {
        Answer before = expect(200, get("nodes"));
        JsonNode n = before.get("/nodes/0");
        assertTrue(n.at("/rules/desired").asInt() > 0);
        assertEquals(0, n.at("/rules/installed").asInt());
        assertFalse(n.at("/rules/in_sync").asBoolean());
        assertEquals("NEVER", n.at("/sync/state").asText());
        expect(200, post("sync", null));
        Answer after = expect(200, get("nodes/" + c1()));
        assertEquals(after.get("/node/rules/desired").asInt(), after.get("/node/rules/installed").asInt());
        assertTrue(after.get("/node/rules/in_sync").asBoolean());
        assertEquals("IN_SYNC", after.text("/node/sync/state"));
        assertTrue(after.get("/node/sync/last_sync").isTextual());
        assertTrue(after.get("/node/sync/last_error").isNull());
    }

    @Test
    public void nodesWithoutReconcilerHaveNoCounts() {
        services.remove(DvrReconcilerService.class);
        Answer a = expect(200, get("nodes"));
        assertFalse(a.get("/nodes/0").has("rules"));
        assertNoChange(503, get("verify"));
    }

    @Test
    public void traceEastWestAsViewer() {
        Answer a = expect(200, call("POST", "trace", VIEWER, json(
                "{'from': 'va1', 'packet': {'ip_dst': '" + s.ip("va4") + "'}}")));
        assertEquals("va1", a.text("/trace/from"));
        assertEquals(1, a.get("/trace/deliveries").size());
        assertEquals("va4", a.text("/trace/deliveries/0/host"));
        assertEquals(s.device("c2").toString(), a.text("/trace/deliveries/0/device_id"));
        assertEquals(0, a.get("/trace/to_controller").size());
        assertEquals(0, a.get("/trace/drops").size());
        boolean routed = false;
        for (JsonNode st : a.get("/trace/steps")) {
            if ("l3_route".equals(st.path("rule").path("table").asText())) {
                routed = true;
                assertEquals("l3_route", st.get("table_name").asText());
                assertThat(st.at("/rule/source").asText(), containsString("router:ra"));
            }
        }
        assertTrue(a.toString(), routed);
        assertEquals(0, reconciler.syncCalls());
    }

    @Test
    public void gatewayArpNeedsNoController() {
        String gw = s.subnet("a1-sub").gatewayIp().toString();
        Answer a = expect(200, post("trace", json("{'from': 'va1', 'packet': {'protocol': 'arp', 'ip_dst': '"
                                                          + gw + "'}}")));
        assertEquals(0, a.get("/trace/to_controller").size());
        assertEquals("va1", a.text("/trace/deliveries/0/host"));
        assertThat(a.text("/trace/deliveries/0/packet"), containsString("arp_op=2"));
        assertThat(a.text("/trace/deliveries/0/packet"), containsString(
                "dl_src=" + s.routerInterface("a1-sub").mac().toString().toLowerCase()));
    }

    @Test
    public void traceFromUpstreamToFloatingIp() {
        String fip = s.fip("fa1").floatingIp().toString();
        Answer a = expect(200, post("trace", json("{'from': 'upstream', 'packet': {'protocol': 'tcp', "
                + "'ip_src': '198.51.100.7', 'ip_dst': '" + fip + "', 'dst_port': 22}}")));
        assertEquals("va1", a.text("/trace/deliveries/0/host"));
        assertThat(a.text("/trace/deliveries/0/packet"), containsString("nw_dst=" + s.ip("va1")));
        assertThat(a.text("/trace/deliveries/0/packet"), containsString("tcp_dst=22"));
    }

    @Test
    public void traceInjectedAtADevicePort() {
        String port = Long.toString(s.port("va1").location().get().port().toLong());
        Answer a = expect(200, post("trace", json("{'device_id': '" + c1() + "', 'in_port': " + port
                + ", 'packet': {'protocol': 'udp', 'eth_src': '" + s.port("va1").mac() + "', 'ip_src': '"
                + s.ip("va1") + "', 'ip_dst': '" + s.ip("va2") + "', 'eth_dst': '" + s.port("va2").mac()
                + "'}}")));
        assertEquals("va2", a.text("/trace/deliveries/0/host"));
        assertEquals(c1() + "/" + port, a.text("/trace/from"));
    }

    @Test
    public void traceErrors() {
        assertNoChange(400, post("trace", "{"));
        assertNoChange(400, post("trace", "[]"));
        assertNoChange(400, post("trace", json("{'from': 'va1', 'packet': {'ip_dst': '10.0.2.11'}, 'x': 1}")));
        assertNoChange(400, post("trace", json("{'from': 'va1', 'packet': {'ip_dst': '10.0.2.11', 'y': 1}}")));
        assertNoChange(400, post("trace", json("{'from': 'va1', 'packet': {'protocol': 'sctp', "
                + "'ip_dst': '10.0.2.11'}}")));
        assertNoChange(400, post("trace", json("{'from': 'va1', 'packet': {'ip_dst': 'host.example'}}")));
        assertNoChange(400, post("trace", json("{'from': 'va1', 'packet': {'ip_dst': '10.0.2.11', 'ttl': 300}}")));
        assertNoChange(400, post("trace", json("{'from': 'va1', 'packet': {'ip_dst': '10.0.2.11', "
                + "'eth_src': 'zz'}}")));
        assertNoChange(400, post("trace", json("{'from': 'va1', 'packet': 5}")));
        assertNoChange(400, post("trace", json("{'packet': {'ip_dst': '10.0.2.11'}}")));
        assertNoChange(400, post("trace", json("{'from': 'va1', 'device_id': '" + c1() + "', 'in_port': 1, "
                + "'packet': {'ip_dst': '10.0.2.11'}}")));
        assertNoChange(400, post("trace", json("{'device_id': '" + c1() + "', 'packet': {'ip_dst': '10.0.2.11'}}")));
        assertNoChange(400, post("trace", json("{'from': 'upstream', 'packet': {'ip_dst': '203.0.113.101'}}")));
        Answer missing = post("trace", json("{'from': 'va1', 'packet': {'protocol': 'udp'}}"));
        assertNoChange(400, missing);
        assertEquals("missing field packet.ip_dst", missing.text("/error/message"));
        assertNoChange(404, post("trace", json("{'from': 'nope', 'packet': {'ip_dst': '10.0.2.11'}}")));
        assertNoChange(404, post("trace", json("{'device_id': 'of:00000000000000ff', 'in_port': 1, "
                + "'packet': {'ip_dst': '10.0.2.11'}}")));
        assertNoChange(405, get("trace"));
    }

    @Test
    public void statsAreRuntimeOnly() {
        Answer absent = get("stats");
        assertNoChange(503, absent);
        assertEquals(RuntimeStats.ABSENT, absent.text("/error/message"));
        services.put(RuntimeStatsService.class, new FakeRuntimeStats().set(s.device("c1"), 4, 1));
        Answer a = expect(200, get("stats"));
        assertTrue(a.get("/runtime_only").asBoolean());
        assertEquals(3, a.get("/devices").size());
        Answer one = expect(200, query("stats", c1()));
        assertEquals(1, one.get("/devices").size());
        assertEquals(4, one.get("/devices/0/packet_in").asLong());
        assertEquals(1, one.get("/devices/0/packet_out").asLong());
        assertNoChange(404, query("stats", "of:00000000000000ff"));
    }
}
