package org.onosdvr.ovsdb.channel;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.TextNode;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.timeout.IdleState;
import io.netty.handler.timeout.IdleStateEvent;
import org.onosdvr.ovsdb.db.OvsdbTables;
import org.onosdvr.ovsdb.rpc.JsonRpcMessage;
import org.onosdvr.ovsdb.rpc.PendingCalls;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The last handler of a switch's OVSDB connection. On connect it sends {@code monitor} for the Bridge, Port,
 * Interface and Controller columns and applies the initial rows and every {@code update} notification to the
 * session's tables, in wire order on the I/O thread. It answers the switch's {@code echo} requests and, after
 * {@code echoIntervalMs} without input, sends one itself and closes the connection if nothing arrives within
 * {@code echoTimeoutMs}. Responses complete our pending calls.
 */
final class OvsdbChannelHandler extends ChannelInboundHandlerAdapter {

    private static final Logger log = LoggerFactory.getLogger(OvsdbChannelHandler.class);
    /** The monitor id in our {@code monitor} request, echoed in every {@code update}. */
    static final String MONITOR_ID = "dvr";

    private final OvsdbServer server;
    private OvsdbSession session;
    private JsonNode monitorCallId;
    private long reads;
    private ScheduledFuture<?> echoTimer;

    OvsdbChannelHandler(OvsdbServer server) {
        this.server = server;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        OvsdbServerConfig cfg = server.config();
        PendingCalls calls = new PendingCalls(ctx.executor(), server.callbacks(), cfg.requestTimeoutMs());
        session = new OvsdbSession(ctx.channel(), calls, cfg.bridgeName());
        server.sessionOpened(session);
        ArrayNode params = JsonNodeFactory.instance.arrayNode().add(OvsdbTables.DATABASE).add(MONITOR_ID)
                .add(OvsdbTables.monitorRequests());
        PendingCalls.Registered r = calls.register("monitor");
        monitorCallId = r.id();
        r.future().whenComplete((ok, err) -> {
            if (err != null) {
                log.warn("{}: monitor failed ({}); closing", session, err.getMessage());
                ctx.close();
            }
        });
        ctx.writeAndFlush(JsonRpcMessage.request(monitorCallId, "monitor", params));
        log.debug("{}: connected, monitor sent", session);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        reads++;
        JsonRpcMessage m = (JsonRpcMessage) msg;
        switch (m.kind()) {
            case REQUEST:
                answer(ctx, m);
                break;
            case NOTIFICATION:
                if ("update".equals(m.method()) && m.params().size() == 2
                        && MONITOR_ID.equals(m.params().get(0).asText())) {
                    session.apply(m.params().get(1), false);
                    server.tablesChanged(session);
                } else {
                    log.debug("{}: ignoring notification {}", session, m.method());
                }
                break;
            case RESPONSE:
                if (isMonitorReply(m)) {
                    session.apply(m.result(), true);
                    server.tablesChanged(session);
                }
                if (!session.calls().complete(m)) {
                    log.debug("{}: response to no pending call: {}", session, m);
                }
                break;
            default:
                break;
        }
    }

    private boolean isMonitorReply(JsonRpcMessage m) {
        return !m.isError() && m.id().canConvertToLong() && monitorCallId != null
                && m.id().asLong() == monitorCallId.asLong();
    }

    private void answer(ChannelHandlerContext ctx, JsonRpcMessage m) {
        if ("echo".equals(m.method())) {
            ctx.writeAndFlush(JsonRpcMessage.response(m.id(), m.params()));
        } else {
            log.debug("{}: unsupported request {}", session, m.method());
            ctx.writeAndFlush(JsonRpcMessage.errorResponse(m.id(), TextNode.valueOf("unknown method")));
        }
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
        if (evt instanceof IdleStateEvent && ((IdleStateEvent) evt).state() == IdleState.READER_IDLE) {
            sendEcho(ctx);
        }
        super.userEventTriggered(ctx, evt);
    }

    private void sendEcho(ChannelHandlerContext ctx) {
        if (echoTimer != null || session == null) {
            return;
        }
        long readsAtEcho = reads;
        session.call("echo", JsonNodeFactory.instance.arrayNode());
        long timeout = server.config().echoTimeoutMs();
        echoTimer = ctx.executor().schedule(() -> {
            echoTimer = null;
            if (reads == readsAtEcho && ctx.channel().isActive()) {
                log.warn("{}: nothing received within {} ms of an echo; closing", session, timeout);
                ctx.close();
            }
        }, timeout, TimeUnit.MILLISECONDS);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (echoTimer != null) {
            echoTimer.cancel(false);
            echoTimer = null;
        }
        if (session != null) {
            session.calls().failAll("connection closed: " + session);
            server.sessionClosed(session);
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        log.warn("{}: {}; closing", session == null ? ctx.channel().remoteAddress() : session, cause.toString());
        ctx.close();
    }
}
