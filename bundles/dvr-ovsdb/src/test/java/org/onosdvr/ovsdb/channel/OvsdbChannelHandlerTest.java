package org.onosdvr.ovsdb.channel;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.timeout.IdleStateEvent;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.onosdvr.ovsdb.db.Fixtures;
import org.onosdvr.ovsdb.db.Ops;
import org.onosdvr.ovsdb.rpc.OvsdbRpcException;
import org.onosproject.net.DeviceId;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;
import static org.onosdvr.ovsdb.db.Fixtures.json;

/**
 * One OVSDB connection end to end in memory (the test plays ovsdb-server): monitor on connect, device known from
 * the integration bridge's datapath id, updates applied in order, echo both ways, calls completed by id or
 * failed on disconnect, and a newer connection of the same device replacing the older.
 */
public class OvsdbChannelHandlerTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final DeviceId DEV = DeviceId.deviceId("of:00000000000000a1");
    private static final String BFD_IFACE = "i0000000-0000-0000-0000-000000000003";
    private static final long ECHO_TIMEOUT_MS = 2_000;

    private OvsdbServer server;
    private final BlockingQueue<String> events = new LinkedBlockingQueue<>();

    @Before
    public void setUp() {
        server = new OvsdbServer(OvsdbServerConfig.builder().listen("127.0.0.1:0").echoIntervalMs(1_000)
                                         .echoTimeoutMs(ECHO_TIMEOUT_MS).requestTimeoutMs(3_000).build());
        server.addListener(new OvsdbSessionListener() {
            @Override
            public void connected(DeviceId deviceId, OvsdbSession session) {
                events.add("connected " + deviceId);
            }

            @Override
            public void updated(DeviceId deviceId, OvsdbSession session) {
                events.add("updated " + deviceId);
            }

            @Override
            public void disconnected(DeviceId deviceId, OvsdbSession session) {
                events.add("disconnected " + deviceId);
            }
        });
    }

    @After
    public void tearDown() {
        server.stop();
    }

    private String event() throws InterruptedException {
        String e = events.poll(5, TimeUnit.SECONDS);
        if (e == null) {
            throw new AssertionError("no listener event");
        }
        return e;
    }

    private static JsonNode out(EmbeddedChannel ch) throws Exception {
        ByteBuf b = ch.readOutbound();
        if (b == null) {
            return null;
        }
        try {
            return MAPPER.readTree(b.toString(StandardCharsets.UTF_8));
        } finally {
            b.release();
        }
    }

    private static void in(EmbeddedChannel ch, String json) {
        ch.writeInbound(Unpooled.copiedBuffer(json.replace('\'', '"'), StandardCharsets.UTF_8));
    }

    /** A connection that has sent monitor and got the fixture tables as the reply. */
    private EmbeddedChannel connected(String monitorReply) throws Exception {
        EmbeddedChannel ch = new EmbeddedChannel(new OvsdbChannelInitializer(server));
        JsonNode monitor = out(ch);
        assertEquals("monitor", monitor.get("method").asText());
        assertEquals(json("['Open_vSwitch', 'dvr']"), MAPPER.createArrayNode().add(monitor.get("params").get(0))
                .add(monitor.get("params").get(1)));
        in(ch, "{'id': " + monitor.get("id") + ", 'error': null, 'result': " + monitorReply + "}");
        return ch;
    }

    @Test
    public void monitorThenDeviceThenUpdatesInOrder() throws Exception {
        EmbeddedChannel ch = connected(Fixtures.resource("monitor-reply.json").toString());
        assertEquals("connected " + DEV, event());
        OvsdbSession s = server.session(DEV).orElseThrow();
        assertEquals("up", s.tables().interfaces().get(BFD_IFACE).bfdStatus().get("state"));

        in(ch, "{'id': null, 'method': 'update', 'params': ['dvr', {'Interface': {'" + BFD_IFACE + "': {"
                + "'new': {'name': 'bfd-c6134602', 'type': 'vxlan', 'bfd_status': ['map', [['state', 'down']]]}}}}]}");
        assertEquals("updated " + DEV, event());
        assertEquals("down", s.tables().interfaces().get(BFD_IFACE).bfdStatus().get("state"));

        in(ch, "{'id': null, 'method': 'update', 'params': ['someone-else', {'Interface': {'" + BFD_IFACE
                + "': {}}}]}");
        assertTrue("a foreign monitor's update is ignored", s.tables().interfaces().containsKey(BFD_IFACE));

        ch.close();
        assertEquals("disconnected " + DEV, event());
        assertTrue(server.session(DEV).isEmpty());
    }

    @Test
    public void deviceIsKnownOnceTheBridgeHasADatapathId() throws Exception {
        EmbeddedChannel ch = connected("{'Bridge': {'b1': {'new': {'name': 'br-int', 'datapath_id': ['set', []],"
                                               + " 'ports': ['set', []]}}}}");
        in(ch, "{'id': null, 'method': 'update', 'params': ['dvr', {'Bridge': {'b1': {'new': {'name': 'br-int',"
                + " 'datapath_id': '00000000000000a1', 'ports': ['set', []]}}}}]}");
        assertEquals("connected " + DEV, event());
        in(ch, "{'id': null, 'method': 'update', 'params': ['dvr', {'Bridge': {'b1': {'new': {'name': 'br-int',"
                + " 'datapath_id': '00000000000000b2', 'ports': ['set', []]}}}}]}");
        assertEquals("disconnected " + DEV, event());
        assertEquals("connected of:00000000000000b2", event());
        assertTrue(server.session(DEV).isEmpty());
        ch.close();
        assertEquals("disconnected of:00000000000000b2", event());
    }

    @Test
    public void echoRequestsAreAnsweredAndCallsCompletedById() throws Exception {
        EmbeddedChannel ch = connected(Fixtures.resource("monitor-reply.json").toString());
        event();
        in(ch, "{'id': 'echo', 'method': 'echo', 'params': ['x']}");
        assertEquals(json("{'id': 'echo', 'result': ['x'], 'error': null}"), out(ch));
        in(ch, "{'id': 9, 'method': 'lock', 'params': ['x']}");
        assertEquals("unknown method", out(ch).get("error").asText());

        OvsdbSession s = server.session(DEV).orElseThrow();
        CompletableFuture<JsonNode> f = s.transact(List.<ObjectNode>of(Ops.update("Interface", BFD_IFACE,
                MAPPER.createObjectNode())));
        JsonNode req = out(ch);
        assertEquals("transact", req.get("method").asText());
        assertEquals("Open_vSwitch", req.get("params").get(0).asText());
        assertEquals(1, s.transactions());
        in(ch, "{'id': " + req.get("id") + ", 'result': [{'count': 1}], 'error': null}");
        assertEquals(json("[{'count': 1}]"), f.get(5, TimeUnit.SECONDS));

        CompletableFuture<JsonNode> pending = s.transact(List.of());
        ch.close();
        try {
            pending.get(5, TimeUnit.SECONDS);
            fail("expected a failure");
        } catch (ExecutionException e) {
            assertEquals(OvsdbRpcException.Kind.DISCONNECTED, ((OvsdbRpcException) e.getCause()).kind());
        }
        assertTrue(s.transact(List.of()).isCompletedExceptionally());
    }

    /** Connects, lets the reader go idle and returns the echo we sent (the channel is {@code ch[0]}). */
    private JsonNode idleEcho(EmbeddedChannel[] ch) throws Exception {
        ch[0] = connected(Fixtures.resource("monitor-reply.json").toString());
        assertEquals("connected " + DEV, event());
        ch[0].pipeline().fireUserEventTriggered(IdleStateEvent.FIRST_READER_IDLE_STATE_EVENT);
        JsonNode echo = out(ch[0]);
        assertEquals("echo", echo.get("method").asText());
        return echo;
    }

    @Test
    public void silentSwitchGetsAnEchoThenIsDropped() throws Exception {
        EmbeddedChannel[] holder = new EmbeddedChannel[1];
        idleEcho(holder);
        EmbeddedChannel ch = holder[0];
        ch.advanceTimeBy(ECHO_TIMEOUT_MS - 1, TimeUnit.MILLISECONDS);
        ch.runScheduledPendingTasks();
        assertTrue(ch.isActive());
        ch.advanceTimeBy(1, TimeUnit.MILLISECONDS);
        ch.runScheduledPendingTasks();
        assertFalse(ch.isActive());
        assertEquals("disconnected " + DEV, event());
    }

    @Test
    public void switchThatAnswersTheEchoStays() throws Exception {
        EmbeddedChannel[] holder = new EmbeddedChannel[1];
        JsonNode echo = idleEcho(holder);
        EmbeddedChannel ch = holder[0];
        in(ch, "{'id': " + echo.get("id") + ", 'result': [], 'error': null}");
        ch.advanceTimeBy(ECHO_TIMEOUT_MS * 2, TimeUnit.MILLISECONDS);
        ch.runScheduledPendingTasks();
        assertTrue(ch.isActive());
        assertNull(events.poll(100, TimeUnit.MILLISECONDS));
    }

    @Test
    public void failedMonitorClosesTheConnection() throws Exception {
        EmbeddedChannel ch = new EmbeddedChannel(new OvsdbChannelInitializer(server));
        JsonNode monitor = out(ch);
        in(ch, "{'id': " + monitor.get("id") + ", 'result': null, 'error': 'unknown database'}");
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (ch.isActive() && System.nanoTime() < end) {
            ch.runPendingTasks();
            Thread.sleep(5);
        }
        assertFalse(ch.isActive());
    }

    @Test
    public void newerConnectionOfTheSameDeviceReplacesTheOlder() throws Exception {
        EmbeddedChannel first = connected(Fixtures.resource("monitor-reply.json").toString());
        assertEquals("connected " + DEV, event());
        EmbeddedChannel second = connected(Fixtures.resource("monitor-reply.json").toString());
        assertEquals("disconnected " + DEV, event());
        assertEquals("connected " + DEV, event());
        assertFalse(first.isActive());
        assertTrue(second.isActive());
        assertEquals(second.remoteAddress(), server.session(DEV).orElseThrow().remoteAddress());
        assertNull("the old connection's close is not a second disconnect", events.poll(200, TimeUnit.MILLISECONDS));
    }
}
