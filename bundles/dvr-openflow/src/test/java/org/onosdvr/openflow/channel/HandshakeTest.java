package org.onosdvr.openflow.channel;

import io.netty.handler.timeout.IdleStateEvent;
import org.junit.Before;
import org.junit.Test;
import org.onosproject.net.DeviceId;
import org.projectfloodlight.openflow.protocol.OFBadRequestCode;
import org.projectfloodlight.openflow.protocol.OFEchoReply;
import org.projectfloodlight.openflow.protocol.OFErrorMsg;
import org.projectfloodlight.openflow.protocol.OFHello;
import org.projectfloodlight.openflow.protocol.OFHelloElemVersionbitmap;
import org.projectfloodlight.openflow.protocol.OFMessage;
import org.projectfloodlight.openflow.protocol.OFPacketIn;
import org.projectfloodlight.openflow.protocol.OFPacketInReason;
import org.projectfloodlight.openflow.protocol.OFPortReason;
import org.projectfloodlight.openflow.protocol.OFSetConfig;
import org.projectfloodlight.openflow.protocol.OFType;
import org.projectfloodlight.openflow.protocol.errormsg.OFHelloFailedErrorMsg;
import org.projectfloodlight.openflow.types.DatapathId;
import org.projectfloodlight.openflow.types.OFAuxId;
import org.projectfloodlight.openflow.types.OFBufferId;
import org.projectfloodlight.openflow.types.OFPort;
import org.projectfloodlight.openflow.types.TableId;
import org.projectfloodlight.openflow.types.U32;
import org.projectfloodlight.openflow.types.U64;

import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertSame;
import static org.junit.Assert.assertTrue;
import static org.onosdvr.openflow.channel.SwitchHarness.F;

/**
 * Handshake state machine, echo keep-alive, port tracking and reconnects over the real pipeline.
 */
public class HandshakeTest {

    private static final long DPID = 0x00000000000000a1L;

    private OpenFlowController controller;
    private RecordingListener listener;

    @Before
    public void setUp() {
        controller = new OpenFlowController(OpenFlowControllerConfig.builder()
                .echoIntervalMs(3_600_000).echoTimeoutMs(2_000).handshakeTimeoutMs(5_000)
                .requestTimeoutMs(1_000).build(), Runnable::run);
        listener = new RecordingListener();
        controller.addListener(listener);
    }

    @Test
    public void handshakeGoesThroughEveryStateToActive() {
        SwitchHarness sw = new SwitchHarness(controller);
        assertEquals(HandshakeState.WAIT_HELLO, sw.handler().state());
        OFHello hello = (OFHello) sw.sentOne(OFType.HELLO);
        OFHelloElemVersionbitmap bitmap = (OFHelloElemVersionbitmap) hello.getElements().get(0);
        assertEquals("only OpenFlow 1.3 offered", List.of(U32.of(1 << 4)), bitmap.getBitmaps());

        sw.receive(F.buildHello().setXid(7).build());
        assertEquals(HandshakeState.WAIT_FEATURES_REPLY, sw.handler().state());
        assertTrue("nothing reported before ACTIVE", listener.events.isEmpty());
        assertFalse(controller.getSwitch(DPID).isPresent());
        sw.sentOne(OFType.FEATURES_REQUEST);
    }

    @Test
    public void activeSwitchIsRegisteredWithPortsAndConfig() {
        SwitchHarness sw = new SwitchHarness(controller);
        OpenFlowSwitchSession s = sw.handshake(DPID);
        assertEquals(List.of("connected 00000000000000a1"), listener.events);
        assertSame(s, controller.getSwitch(DeviceId.deviceId("of:00000000000000a1")).get());
        assertEquals(DeviceId.deviceId("of:00000000000000a1"), s.deviceId());
        assertEquals(List.of("tap1", "vxlan0", "br"),
                     s.ports().stream().map(p -> p.getName()).collect(Collectors.toList()));
        assertEquals("vxlan0", s.port(OFPort.of(2)).get().getName());
        assertEquals(OFPort.of(1), s.portByName("tap1").get().getPortNo());
        assertEquals(254, s.features().getNTables());
    }

    @Test
    public void setConfigAsksForWholePackets() {
        SwitchHarness sw = new SwitchHarness(controller);
        sw.sentOne(OFType.HELLO);
        sw.receive(F.buildHello().setXid(7).build());
        OFMessage fr = sw.sentOne(OFType.FEATURES_REQUEST);
        sw.receive(F.buildFeaturesReply().setXid(fr.getXid())
                           .setDatapathId(DatapathId.of(DPID))
                           .setNBuffers(0).setNTables((short) 254)
                           .setAuxiliaryId(OFAuxId.MAIN)
                           .setCapabilities(Set.of()).build());
        OFSetConfig sc = (OFSetConfig) sw.sent().get(0);
        assertEquals(0xffff, sc.getMissSendLen());
    }

    @Test
    public void switchWithoutOpenFlow13IsRefused() {
        SwitchHarness sw = new SwitchHarness(controller);
        sw.sent();
        // bitmap offering OpenFlow 1.0 and 1.4 only
        sw.receive(F.buildHello().setXid(9).setElements(List.of(
                F.buildHelloElemVersionbitmap().setBitmaps(List.of(U32.of(0x22))).build())).build());
        OFMessage err = sw.sentOne(OFType.ERROR);
        assertTrue(err instanceof OFHelloFailedErrorMsg);
        assertFalse(sw.channel.isActive());
        assertTrue(listener.events.isEmpty());
    }

    @Test
    public void switchHelloOfOldVersionIsRefused() {
        SwitchHarness sw = new SwitchHarness(controller);
        sw.sent();
        byte[] hello10 = {0x01, 0x00, 0x00, 0x08, 0, 0, 0, 5};
        sw.receiveRaw(hello10);
        assertTrue(((OFErrorMsg) sw.sentOne(OFType.ERROR)) instanceof OFHelloFailedErrorMsg);
        assertFalse(sw.channel.isActive());
    }

    @Test
    public void errorDuringHandshakeDisconnects() {
        SwitchHarness sw = new SwitchHarness(controller);
        sw.sent();
        sw.receive(F.buildHello().setXid(7).build());
        OFMessage fr = sw.sentOne(OFType.FEATURES_REQUEST);
        sw.receive(F.errorMsgs().buildBadRequestErrorMsg().setXid(fr.getXid())
                           .setCode(OFBadRequestCode.BAD_TYPE).build());
        assertFalse(sw.channel.isActive());
        assertTrue(listener.events.isEmpty());
    }

    @Test
    public void handshakeTimeoutDisconnects() {
        SwitchHarness sw = new SwitchHarness(controller);
        sw.receive(F.buildHello().setXid(7).build());
        sw.channel.advanceTimeBy(4_000, TimeUnit.MILLISECONDS);
        sw.channel.runScheduledPendingTasks();
        assertTrue(sw.channel.isActive());
        sw.channel.advanceTimeBy(1_500, TimeUnit.MILLISECONDS);
        sw.channel.runScheduledPendingTasks();
        assertFalse(sw.channel.isActive());
    }

    @Test
    public void activeSwitchDoesNotTimeOutTheHandshake() {
        SwitchHarness sw = new SwitchHarness(controller);
        sw.handshake(DPID);
        sw.channel.advanceTimeBy(10_000, TimeUnit.MILLISECONDS);
        sw.channel.runScheduledPendingTasks();
        assertTrue(sw.channel.isActive());
    }

    @Test
    public void switchEchoRequestIsAnsweredInAnyState() {
        SwitchHarness sw = new SwitchHarness(controller);
        sw.sent();
        byte[] data = {1, 2, 3};
        sw.receive(F.buildEchoRequest().setXid(77).setData(data).build());
        OFEchoReply reply = (OFEchoReply) sw.sentOne(OFType.ECHO_REPLY);
        assertEquals(77, reply.getXid());
        assertArrayEquals(data, reply.getData());
    }

    @Test
    public void idleSwitchGetsEchoAndIsDroppedWithoutReply() {
        SwitchHarness sw = new SwitchHarness(controller);
        sw.handshake(DPID);
        sw.channel.pipeline().fireUserEventTriggered(IdleStateEvent.FIRST_READER_IDLE_STATE_EVENT);
        sw.sentOne(OFType.ECHO_REQUEST);
        sw.channel.advanceTimeBy(1_900, TimeUnit.MILLISECONDS);
        sw.channel.runScheduledPendingTasks();
        assertTrue(sw.channel.isActive());
        sw.channel.advanceTimeBy(200, TimeUnit.MILLISECONDS);
        sw.channel.runScheduledPendingTasks();
        assertFalse("no reply within echo timeout", sw.channel.isActive());
        assertEquals(List.of("connected 00000000000000a1", "disconnected 00000000000000a1"), listener.events);
        assertFalse(controller.getSwitch(DPID).isPresent());
    }

    @Test
    public void echoReplyKeepsTheSwitch() {
        SwitchHarness sw = new SwitchHarness(controller);
        sw.handshake(DPID);
        sw.channel.pipeline().fireUserEventTriggered(IdleStateEvent.FIRST_READER_IDLE_STATE_EVENT);
        OFMessage echo = sw.sentOne(OFType.ECHO_REQUEST);
        sw.receive(F.buildEchoReply().setXid(echo.getXid()).setData(new byte[0]).build());
        sw.channel.advanceTimeBy(5_000, TimeUnit.MILLISECONDS);
        sw.channel.runScheduledPendingTasks();
        assertTrue(sw.channel.isActive());
        // a second idle period sends a new echo
        sw.channel.pipeline().fireUserEventTriggered(IdleStateEvent.READER_IDLE_STATE_EVENT);
        sw.sentOne(OFType.ECHO_REQUEST);
    }

    @Test
    public void portStatusUpdatesPortsAndNotifies() {
        SwitchHarness sw = new SwitchHarness(controller);
        OpenFlowSwitchSession s = sw.handshake(DPID);
        sw.receive(F.buildPortStatus().setXid(0).setReason(OFPortReason.ADD)
                           .setDesc(SwitchHarness.port(5, "tap5")).build());
        assertEquals("tap5", s.port(OFPort.of(5)).get().getName());
        sw.receive(F.buildPortStatus().setXid(0).setReason(OFPortReason.DELETE)
                           .setDesc(SwitchHarness.port(1, "tap1")).build());
        assertFalse(s.port(OFPort.of(1)).isPresent());
        assertEquals(2, listener.portStatus.size());
        assertEquals(OFPortReason.DELETE, listener.portStatus.get(1).getReason());
    }

    @Test
    public void packetInAndOtherMessagesReachListeners() {
        SwitchHarness sw = new SwitchHarness(controller);
        sw.handshake(DPID);
        sw.receive(F.buildPacketIn().setXid(0).setBufferId(OFBufferId.NO_BUFFER).setTotalLen(3)
                           .setReason(OFPacketInReason.ACTION).setTableId(TableId.of(3))
                           .setCookie(U64.of(0xc0ffee)).setData(new byte[]{1, 2, 3}).build());
        assertEquals(1, listener.packetIns.size());
        OFPacketIn pi = listener.packetIns.get(0);
        assertEquals(U64.of(0xc0ffee), pi.getCookie());
        sw.receive(F.buildBarrierReply().setXid(4242).build());
        assertEquals("unsolicited reply goes to message()", OFType.BARRIER_REPLY,
                     listener.messages.get(0).getType());
    }

    @Test
    public void reconnectingDpidReplacesTheOldSession() {
        SwitchHarness first = new SwitchHarness(controller);
        OpenFlowSwitchSession s1 = first.handshake(DPID);
        SwitchHarness second = new SwitchHarness(controller);
        OpenFlowSwitchSession s2 = second.handshake(DPID);
        assertFalse("old connection closed", first.channel.isActive());
        assertFalse(s1.isConnected());
        assertSame(s2, controller.getSwitch(DPID).get());
        assertEquals(List.of("connected 00000000000000a1", "disconnected 00000000000000a1",
                             "connected 00000000000000a1"), listener.events);
        first.channel.close();
        assertSame("late close of the old channel leaves the new session", s2, controller.getSwitch(DPID).get());
        assertEquals(3, listener.events.size());
        second.channel.close();
        assertFalse(controller.getSwitch(DPID).isPresent());
        assertEquals("disconnected 00000000000000a1", listener.events.get(3));
    }

    @Test
    public void severalSwitchesAtOnce() {
        for (long d = 1; d <= 20; d++) {
            new SwitchHarness(controller).handshake(d);
        }
        assertEquals(20, controller.switches().size());
        assertTrue(controller.getSwitch(7).isPresent());
    }
}
