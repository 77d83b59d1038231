package org.onosdvr.openflow.channel;

import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.timeout.IdleState;
import io.netty.handler.timeout.IdleStateEvent;
import org.projectfloodlight.openflow.protocol.OFConfigFlags;
import org.projectfloodlight.openflow.protocol.OFEchoRequest;
import org.projectfloodlight.openflow.protocol.OFErrorMsg;
import org.projectfloodlight.openflow.protocol.OFFactories;
import org.projectfloodlight.openflow.protocol.OFFactory;
import org.projectfloodlight.openflow.protocol.OFFeaturesReply;
import org.projectfloodlight.openflow.protocol.OFHello;
import org.projectfloodlight.openflow.protocol.OFHelloElem;
import org.projectfloodlight.openflow.protocol.OFHelloElemVersionbitmap;
import org.projectfloodlight.openflow.protocol.OFHelloFailedCode;
import org.projectfloodlight.openflow.protocol.OFMessage;
import org.projectfloodlight.openflow.protocol.OFPacketIn;
import org.projectfloodlight.openflow.protocol.OFPortDesc;
import org.projectfloodlight.openflow.protocol.OFPortDescStatsReply;
import org.projectfloodlight.openflow.protocol.OFPortStatus;
import org.projectfloodlight.openflow.protocol.OFStatsReplyFlags;
import org.projectfloodlight.openflow.protocol.OFType;
import org.projectfloodlight.openflow.protocol.OFVersion;
import org.projectfloodlight.openflow.types.U32;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The last handler of a switch connection: runs the {@link HandshakeState} machine, answers and sends echoes, and
 * hands everything else to the session (replies, errors, ports) and the controller (listeners). Runs on the
 * channel's event loop only.
 */
final class OfChannelHandler extends ChannelInboundHandlerAdapter {

    private static final Logger log = LoggerFactory.getLogger(OfChannelHandler.class);
    private static final OFFactory FACTORY = OFFactories.getFactory(OFVersion.OF_13);
    /** miss_send_len: whole packets to the controller (no buffering). */
    static final int MISS_SEND_LEN = 0xffff;

    private final OpenFlowController controller;
    private final OpenFlowControllerConfig config;
    private ChannelHandlerContext ctx;
    private OpenFlowSwitchSession session;
    private HandshakeState state = HandshakeState.WAIT_HELLO;
    private final List<OFPortDesc> portDescParts = new ArrayList<>();
    private long portDescXid;
    private ScheduledFuture<?> handshakeTimer;
    private ScheduledFuture<?> echoTimer;
    private long reads;

    OfChannelHandler(OpenFlowController controller) {
        this.controller = controller;
        this.config = controller.config();
    }

    /**
     * Current state (tests, logs).
     *
     * @return state
     */
    HandshakeState state() {
        return state;
    }

    /**
     * The session of this connection (exists once the channel is active).
     *
     * @return session or null
     */
    OpenFlowSwitchSession session() {
        return session;
    }

    @Override
    public void channelActive(ChannelHandlerContext c) {
        this.ctx = c;
        controller.channelOpened(c.channel());
        session = new OpenFlowSwitchSession(c.channel(), controller.callbacks(), config.requestTimeoutMs());
        log.debug("switch connected from {}", c.channel().remoteAddress());
        handshakeTimer = c.executor().schedule(
                () -> handshakeFailed("handshake not done within " + config.handshakeTimeoutMs() + " ms"),
                config.handshakeTimeoutMs(), TimeUnit.MILLISECONDS);
        OFHelloElem bitmap = FACTORY.buildHelloElemVersionbitmap()
                .setBitmaps(List.of(U32.of(1L << OfWire.OF13))).build();
        session.send(FACTORY.buildHello().setXid(session.nextXid()).setElements(List.of(bitmap)).build());
        c.fireChannelActive();
    }

    @Override
    public void channelInactive(ChannelHandlerContext c) {
        HandshakeState was = state;
        state = HandshakeState.CLOSED;
        cancel(handshakeTimer);
        cancel(echoTimer);
        if (session != null) {
            session.closed("connection to switch closed");
            if (was.isActive()) {
                log.info("switch {} disconnected", session);
            }
            controller.sessionClosed(session);
        }
        c.fireChannelInactive();
    }

    @Override
    public void channelRead(ChannelHandlerContext c, Object msg) {
        reads++;
        if (msg instanceof OFMessage) {
            OFMessage m = (OFMessage) msg;
            if (m.getType() == OFType.ECHO_REQUEST) {
                OFEchoRequest req = (OFEchoRequest) m;
                session.send(FACTORY.buildEchoReply().setXid(req.getXid()).setData(req.getData()).build());
            } else if (m.getType() == OFType.ECHO_REPLY) {
                log.trace("echo reply from {}", session);
            } else if (m instanceof OFErrorMsg) {
                state.processError(this, SwitchError.of((OFErrorMsg) m));
            } else {
                state.process(this, m);
            }
        } else if (msg instanceof ExperimenterError) {
            state.processError(this, SwitchError.of((ExperimenterError) msg));
        } else if (msg instanceof UndecodableMessage) {
            undecodable((UndecodableMessage) msg);
        } else {
            c.fireChannelRead(msg);
        }
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext c, Object evt) {
        if (evt instanceof IdleStateEvent && ((IdleStateEvent) evt).state() == IdleState.READER_IDLE) {
            sendEcho();
        } else {
            c.fireUserEventTriggered(evt);
        }
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext c) {
        if (session != null) {
            session.writabilityChanged();
        }
        c.fireChannelWritabilityChanged();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext c, Throwable cause) {
        log.warn("closing connection to {} ({}): {}", session, state, cause.toString());
        c.close();
    }

    // ---- actions used by HandshakeState ----

    void setState(HandshakeState next) {
        log.debug("{}: {} -> {}", ctx.channel().remoteAddress(), state, next);
        state = next;
    }

    boolean negotiate(OFHello hello) {
        boolean ok;
        if (hello.getVersion().getWireVersion() < OfWire.OF13) {
            ok = false;
        } else {
            List<OFHelloElem> elems = hello.getElements();
            OFHelloElemVersionbitmap bitmap = elems.stream().filter(e -> e instanceof OFHelloElemVersionbitmap)
                    .map(e -> (OFHelloElemVersionbitmap) e).findFirst().orElse(null);
            // without a bitmap the version is min(ours, theirs) = 1.3 since theirs >= 1.3
            ok = bitmap == null || supports(bitmap, OfWire.OF13);
        }
        if (!ok) {
            String why = "switch does not speak OpenFlow 1.3 (hello " + hello.getVersion() + ")";
            ctx.writeAndFlush(FACTORY.errorMsgs().buildHelloFailedErrorMsg().setXid(hello.getXid())
                                      .setCode(OFHelloFailedCode.INCOMPATIBLE).build())
                    .addListener(ChannelFutureListener.CLOSE);
            log.warn("{}: {}", ctx.channel().remoteAddress(), why);
            state = HandshakeState.CLOSED;
        }
        return ok;
    }

    void sendFeaturesRequest() {
        session.send(FACTORY.buildFeaturesRequest().setXid(session.nextXid()).build());
    }

    boolean featuresReceived(OFFeaturesReply reply) {
        if (reply.getAuxiliaryId().getValue() != 0) {
            handshakeFailed("auxiliary connections are not supported (aux id " + reply.getAuxiliaryId() + ")");
            return false;
        }
        session.setFeatures(reply);
        return true;
    }

    void sendConfigAndPortDescRequest() {
        portDescXid = session.nextXid();
        session.sendAll(List.of(
                FACTORY.buildSetConfig().setXid(session.nextXid()).setFlags(EnumSet.noneOf(OFConfigFlags.class))
                        .setMissSendLen(MISS_SEND_LEN).build(),
                FACTORY.buildPortDescStatsRequest().setXid(portDescXid).build()));
    }

    boolean portDescReceived(OFPortDescStatsReply reply) {
        if (reply.getXid() != portDescXid) {
            unexpected(reply);
            return false;
        }
        portDescParts.addAll(reply.getEntries());
        return !reply.getFlags().contains(OFStatsReplyFlags.REPLY_MORE);
    }

    void activate() {
        cancel(handshakeTimer);
        session.setPorts(portDescParts);
        portDescParts.clear();
        session.markActive();
        log.info("switch {} active from {} with {} ports", Dpids.toHex(session.dpid()),
                 ctx.channel().remoteAddress(), session.ports().size());
        controller.sessionActivated(session);
    }

    void dispatch(OFMessage m) {
        if (m instanceof OFPacketIn) {
            controller.packetIn(session, (OFPacketIn) m);
        } else if (m instanceof OFPortStatus) {
            session.applyPortStatus((OFPortStatus) m);
            controller.portStatus(session, (OFPortStatus) m);
        } else if (!session.replyReceived(m)) {
            controller.message(session, m);
        }
    }

    void errorReceived(SwitchError e) {
        boolean matched = session.errorReceived(e);
        log.debug("{}: {}{}", session, e, matched ? " (request failed)" : "");
        controller.error(session, e);
    }

    void unexpected(OFMessage m) {
        log.debug("{}: ignoring {} in state {}", ctx.channel().remoteAddress(), m.getType(), state);
    }

    void ignored(OFMessage m) {
        log.trace("{}: ignoring {} in state {}", ctx.channel().remoteAddress(), m.getType(), state);
    }

    void handshakeFailed(String why) {
        if (state.isActive() || state == HandshakeState.CLOSED) {
            return;
        }
        log.warn("{}: {}; disconnecting", ctx.channel().remoteAddress(), why);
        state = HandshakeState.CLOSED;
        ctx.close();
    }

    // ---- internals ----

    private void undecodable(UndecodableMessage u) {
        if (session.undecodableReceived(u)) {
            log.warn("{}: reply xid={} could not be decoded, request failed: {}", session, u.xid(), u.cause());
        } else if (state.isActive()) {
            log.warn("{}: undecodable message: {}", session, u);
            controller.undecodable(session, u);
        } else if (state != HandshakeState.CLOSED) {
            handshakeFailed("undecodable message during handshake: " + u);
        }
    }

    private void sendEcho() {
        if (echoTimer != null || state == HandshakeState.CLOSED) {
            return;
        }
        long readsAtEcho = reads;
        session.send(FACTORY.buildEchoRequest().setXid(session.nextXid()).setData(new byte[0]).build());
        echoTimer = ctx.executor().schedule(() -> {
            echoTimer = null;
            if (reads == readsAtEcho && ctx.channel().isActive()) {
                log.warn("{}: no echo reply within {} ms; disconnecting", session, config.echoTimeoutMs());
                ctx.close();
            }
        }, config.echoTimeoutMs(), TimeUnit.MILLISECONDS);
    }

    private static boolean supports(OFHelloElemVersionbitmap bitmap, int version) {
        List<U32> words = bitmap.getBitmaps();
        int word = version / 32;
        return word < words.size() && (words.get(word).getValue() & (1L << (version % 32))) != 0;
    }

    private static void cancel(ScheduledFuture<?> f) {
        if (f != null) {
            f.cancel(false);
        }
    }
}
