package org.onosdvr.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.Before;
import org.junit.Test;
import org.onlab.junit.TestUtils;
import org.onlab.osgi.ServiceDirectory;
import org.onlab.osgi.ServiceNotFoundException;
import org.onosdvr.api.DesiredFlow;
import org.onosdvr.api.DvrAdminService;
import org.onosdvr.api.DvrReconcilerService;
import org.onosdvr.api.DvrSnapshot;
import org.onosdvr.cli.codec.RuntimeStats;
import org.onosdvr.cli.testing.CompilingReconcilerService;
import org.onosdvr.cli.testing.FakeRuntimeStats;
import org.onosdvr.cli.testing.InMemoryDvrAdminService;
import org.onosdvr.openflow.net.RuntimeStatsService;
import org.onosdvr.pipeline.testing.Scenario;
import org.onosdvr.pipeline.testing.Scenarios;
import org.onosproject.net.DeviceId;
import org.onosproject.net.flow.DefaultFlowRule;
import org.onosproject.net.flow.DefaultTrafficSelector;
import org.onosproject.net.flow.DefaultTrafficTreatment;
import org.onosproject.net.flow.FlowRule;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

/**
 * dvr-flows, dvr-verify, dvr-sync, dvr-trace and dvr-stats on the reference pipeline scenario, with the real
 * compiler (desired rules) and walk interpreter, and an in-memory device per node (installed rules).
 */
public class ReconcilerCommandsTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private final Map<Class<?>, Object> services = new HashMap<>();
    private final Scenario s = Scenarios.standard();
    private InMemoryDvrAdminService admin;
    private CompilingReconcilerService reconciler;
    private String err;

    private final ServiceDirectory directory = new ServiceDirectory() {
        @Override
        public <T> T get(Class<T> type) {
            Object o = services.get(type);
            if (o == null) {
                throw new ServiceNotFoundException(type.getName());
            }
            return type.cast(o);
        }
    };

    @Before
    public void setUp() {
        admin = new InMemoryDvrAdminService();
        admin.restore(s.snapshot());
        reconciler = new CompilingReconcilerService(admin);
        services.put(DvrAdminService.class, admin);
        services.put(DvrReconcilerService.class, reconciler);
    }

    private String run(DvrCommand command) {
        PrintStream out = System.out;
        PrintStream errStream = System.err;
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        System.setOut(new PrintStream(o, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(e, true, StandardCharsets.UTF_8));
        try {
            command.withServices(directory);
            command.doExecute();
        } finally {
            System.setOut(out);
            System.setErr(errStream);
        }
        err = e.toString(StandardCharsets.UTF_8);
        return o.toString(StandardCharsets.UTF_8);
    }

    private JsonNode json(DvrCommand command) throws IOException {
        TestUtils.setField(command, "json", true);
        String out = run(command);
        assertEquals("", err);
        return MAPPER.readTree(out);
    }

    private String c1() {
        return s.device("c1").toString();
    }

    private static DvrFlowsCommand flows(String device, boolean explain) {
        DvrFlowsCommand c = new DvrFlowsCommand();
        c.device = device;
        c.explain = explain;
        return c;
    }

    @Test
    public void verifySyncVerify() throws IOException {
        int desired = reconciler.desired(s.device("c1")).size();
        assertTrue(desired > 10);
        JsonNode before = json(new DvrVerifyCommand());
        assertFalse(before.get("ok").asBoolean());
        assertEquals(3, before.get("devices").size());
        for (JsonNode d : before.get("devices")) {
            assertFalse(d.get("ok").asBoolean());
            assertEquals(d.get("desired").asInt(), d.get("missing").asInt());
            assertEquals(0, d.get("installed").asInt());
        }
        String table = run(new DvrVerifyCommand());
        assertThat(table, startsWith("device               desired  installed  missing  extraneous  modified  ok\n"));
        assertThat(table, containsString("NOT in sync"));

        String synced = run(new DvrSyncCommand());
        assertEquals("", err);
        assertThat(synced, containsString(c1() + "  IN_SYNC  " + desired));
        assertEquals(3, reconciler.syncCalls());

        JsonNode after = json(new DvrVerifyCommand());
        assertTrue(after.get("ok").asBoolean());
        assertThat(run(new DvrVerifyCommand()), containsString("all devices in sync"));
        assertEquals(3, reconciler.syncCalls());
    }

    @Test
    public void flowsShowPerRuleStatus() throws IOException {
        reconciler.syncAll();
        DeviceId c1 = s.device("c1");
        List<DesiredFlow> desired = reconciler.desired(c1);
        FlowRule missing = desired.get(3).flowRule();
        FlowRule changed = desired.get(5).flowRule();
        reconciler.uninstall(missing);
        reconciler.uninstall(changed);
        reconciler.install(DefaultFlowRule.builder().forDevice(c1).forTable(changed.tableId())
                                   .withPriority(changed.priority()).withSelector(changed.selector())
                                   .withTreatment(DefaultTrafficTreatment.builder().drop().build())
                                   .fromApp(org.onosdvr.pipeline.testing.TestExtensions.APP_ID).makePermanent()
                                   .build());
        FlowRule extra = DefaultFlowRule.builder().forDevice(c1).forTable(0).withPriority(7)
                .withSelector(DefaultTrafficSelector.builder().matchInPort(
                        org.onosproject.net.PortNumber.portNumber(99)).build())
                .withTreatment(DefaultTrafficTreatment.builder().drop().build())
                .fromApp(org.onosdvr.pipeline.testing.TestExtensions.APP_ID).makePermanent().build();
        reconciler.install(extra);

        JsonNode j = json(flows(c1.toString(), false));
        assertEquals(c1.toString(), j.get("device_id").asText());
        assertFalse(j.get("ok").asBoolean());
        assertEquals(1, j.get("missing").asInt());
        assertEquals(1, j.get("extraneous").asInt());
        assertEquals(1, j.get("modified").asInt());
        assertEquals(desired.size(), j.get("desired").size());
        assertEquals(desired.size(), j.get("installed").size());
        Map<String, Integer> statuses = new HashMap<>();
        j.get("desired").forEach(r -> statuses.merge(r.get("status").asText(), 1, Integer::sum));
        assertEquals(Map.of("installed", desired.size() - 2, "missing", 1, "modified", 1), statuses);
        JsonNode third = j.get("desired").get(3);
        assertEquals("missing", third.get("status").asText());
        assertEquals(desired.get(3).table(), third.get("table").asText());
        assertEquals(desired.get(3).source(), third.get("source").asText());
        assertEquals(desired.get(3).description(), third.get("description").asText());
        long extraneous = 0;
        for (JsonNode r : j.get("installed")) {
            if (r.get("status").asText().equals("extraneous")) {
                extraneous++;
                assertEquals(7, r.get("priority").asInt());
                assertEquals("classifier", r.get("table").asText());
            }
        }
        assertEquals(1, extraneous);

        String text = run(flows(c1.toString(), true));
        assertThat(text, startsWith(c1 + ": " + desired.size() + " desired, " + desired.size()
                + " installed, 1 missing, 1 extraneous, 1 modified (NOT in sync)\n"));
        assertThat(text, containsString("status      table"));
        assertThat(text, containsString(desired.get(3).description()));
        assertThat(text, containsString("installed, not desired: to remove"));
        assertThat(run(flows(c1.toString(), false)), containsString("IN_PORT:99"));
        assertEquals("reading flows does not sync", 3, reconciler.syncCalls());
    }

    @Test
    public void unknownDeviceIsAnErrorAndChangesNothing() {
        DvrSnapshot before = admin.snapshot();
        assertEquals("", run(flows("of:00000000000000ff", false)));
        assertThat(err, is("device of:00000000000000ff is not a DVR node\n"));
        DvrVerifyCommand v = new DvrVerifyCommand();
        v.device = "of:00000000000000ff";
        assertEquals("", run(v));
        assertThat(err, containsString("is not a DVR node"));
        DvrSyncCommand sync = new DvrSyncCommand();
        sync.device = "of:00000000000000ff";
        assertEquals("", run(sync));
        assertThat(err, containsString("is not a DVR node"));
        assertEquals(0, reconciler.syncCalls());
        assertEquals(before, admin.snapshot());
    }

    @Test
    public void syncOneDevice() throws IOException {
        DvrSyncCommand sync = new DvrSyncCommand();
        sync.device = c1();
        JsonNode j = json(sync);
        assertEquals(1, j.get("devices").size());
        JsonNode st = j.get("devices").get(0);
        assertEquals("IN_SYNC", st.get("state").asText());
        assertEquals(reconciler.desired(s.device("c1")).size(), st.get("added").asInt());
        assertTrue(reconciler.diff(s.device("c1")).isEmpty());
        assertFalse(reconciler.diff(s.device("c2")).isEmpty());
    }

    private static DvrTraceCommand trace(String from, String dst) {
        DvrTraceCommand t = new DvrTraceCommand();
        t.from = from;
        t.ipDst = dst;
        return t;
    }

    @Test
    public void traceEastWestThroughTheCompiledRules() throws IOException {
        JsonNode j = json(trace("va1", s.ip("va4").toString()));
        assertEquals("va1", j.get("from").asText());
        assertEquals(1, j.get("deliveries").size());
        assertEquals("va4", j.at("/deliveries/0/host").asText());
        assertEquals(s.device("c2").toString(), j.at("/deliveries/0/device_id").asText());
        assertEquals(0, j.get("to_controller").size());
        boolean routed = false;
        for (JsonNode st : j.get("steps")) {
            if (st.get("kind").asText().equals("RULE") && st.get("table_name").asText().equals("l3_route")) {
                routed = true;
                assertEquals("l3_route", st.at("/rule/table").asText());
                assertThat(st.at("/rule/source").asText(), startsWith("router:"));
            }
        }
        assertTrue(j.toString(), routed);

        String text = run(trace("va1", s.ip("va4").toString()));
        assertThat(text, startsWith("from va1: "));
        assertThat(text, containsString("[l3_route]"));
        assertThat(text, containsString("delivered: va4 <- " + s.device("c2")));
        assertThat(text, containsString("1 delivered, 0 to controller, 0 dropped"));
    }

    @Test
    public void gatewayArpIsAnsweredWithoutPacketIn() throws IOException {
        String gw = s.subnet("a1-sub").gatewayIp().toString();
        DvrTraceCommand t = trace("va1", gw);
        t.protocol = "arp";
        JsonNode j = json(t);
        assertEquals(0, j.get("to_controller").size());
        assertEquals("va1", j.at("/deliveries/0/host").asText());
        assertThat(j.at("/deliveries/0/packet").asText(), containsString("arp_op=2"));
        assertThat(j.at("/packet").asText(), containsString("arp_tpa=" + gw));
    }

    @Test
    public void traceFollowsTheSnatFailoverGroupToThePrimaryGateway() throws IOException {
        Scenario f = Scenarios.failoverBuilder().build();
        admin.restore(f.snapshot());
        JsonNode j = json(trace("va1", "192.0.2.7"));
        assertEquals(j.toString(), "upstream", j.at("/deliveries/0/host").asText());
        assertEquals(f.device("g1").toString(), j.at("/deliveries/0/device_id").asText());
        boolean viaGroup = false;
        for (JsonNode st : j.get("steps")) {
            viaGroup |= st.toString().contains("(failover) bucket 0");
        }
        assertTrue("the walk went through bucket 0 of the failover group: " + j, viaGroup);
    }

    @Test
    public void traceErrors() {
        DvrSnapshot before = admin.snapshot();
        DvrTraceCommand bad = trace("va1", "10.0.2.11");
        bad.protocol = "sctp";
        assertEquals("", run(bad));
        assertThat(err, containsString("invalid value for packet.protocol"));
        assertEquals("", run(trace("nope", "10.0.2.11")));
        assertThat(err, containsString("port nope not found"));
        assertEquals("", run(trace("va1", null)));
        assertThat(err, is("missing field packet.ip_dst\n"));
        assertEquals("", run(trace("va1", "10.0.2.300")));
        assertThat(err, containsString("invalid value for packet.ip_dst"));
        DvrTraceCommand both = trace("va1", "10.0.2.11");
        both.device = c1();
        both.inPort = 1L;
        assertEquals("", run(both));
        assertThat(err, containsString("give either from"));
        DvrTraceCommand icmpWithPorts = trace("va1", "10.0.2.11");
        icmpWithPorts.dstPort = 80L;
        assertEquals("", run(icmpWithPorts));
        assertThat(err, containsString("invalid value for packet.dst_port: does not apply to protocol icmp"));
        assertEquals(before, admin.snapshot());
    }

    @Test
    public void statsWithoutAndWithTheRuntimeService() throws IOException {
        assertEquals("", run(new DvrStatsCommand()));
        assertThat(err, is(RuntimeStats.ABSENT + "\n"));
        services.put(RuntimeStatsService.class, new FakeRuntimeStats().set(s.device("c1"), 5, 2)
                .set(s.device("gw"), 0, 1));
        String table = run(new DvrStatsCommand());
        assertThat(table, containsString(c1() + "  5          2\n"));
        JsonNode j = json(new DvrStatsCommand());
        assertTrue(j.get("runtime_only").asBoolean());
        assertEquals(3, j.get("devices").size());
        for (JsonNode d : j.get("devices")) {
            if (d.get("device_id").asText().equals(c1())) {
                assertEquals(5, d.get("packet_in").asLong());
                assertEquals(2, d.get("packet_out").asLong());
            }
        }
    }

    @Test
    public void withoutReconcilerTheCommandsSaySo() {
        services.remove(DvrReconcilerService.class);
        assertEquals("", run(flows(c1(), false)));
        assertThat(err, startsWith("service unavailable: "));
    }
}
