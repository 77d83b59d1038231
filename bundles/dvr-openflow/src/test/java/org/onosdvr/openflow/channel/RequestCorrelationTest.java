package org.onosdvr.openflow.channel;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.junit.Before;
import org.junit.Test;
import org.onosdvr.openflow.channel.OpenFlowRequestException.Kind;
import org.projectfloodlight.openflow.protocol.OFBadInstructionCode;
import org.projectfloodlight.openflow.protocol.OFFlowAdd;
import org.projectfloodlight.openflow.protocol.OFFlowStatsEntry;
import org.projectfloodlight.openflow.protocol.OFFlowStatsReply;
import org.projectfloodlight.openflow.protocol.OFMessage;
import org.projectfloodlight.openflow.protocol.OFStatsReplyFlags;
import org.projectfloodlight.openflow.protocol.OFType;
import org.projectfloodlight.openflow.protocol.match.MatchField;
import org.projectfloodlight.openflow.types.EthType;
import org.projectfloodlight.openflow.types.IPv4Address;
import org.projectfloodlight.openflow.types.OFPort;
import org.projectfloodlight.openflow.types.TableId;
import org.projectfloodlight.openflow.types.U64;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;
import static org.onosdvr.openflow.channel.SwitchHarness.F;

/**
 * Request/response correlation by xid: multipart, barrier, errors (standard and Nicira), undecodable replies,
 * timeouts and disconnects.
 */
public class RequestCorrelationTest {

    private static final long DPID = 0xb2L;

    private OpenFlowController controller;
    private RecordingListener listener;
    private SwitchHarness sw;
    private OpenFlowSwitchSession session;

    @Before
    public void setUp() {
        controller = new OpenFlowController(OpenFlowControllerConfig.builder()
                .echoIntervalMs(3_600_000).requestTimeoutMs(1_000).build(), Runnable::run);
        listener = new RecordingListener();
        controller.addListener(listener);
        sw = new SwitchHarness(controller);
        session = sw.handshake(DPID);
    }

    private static OFFlowAdd flow(int i, int table) {
        return F.buildFlowAdd().setTableId(TableId.of(table)).setPriority(100).setCookie(U64.of(i))
                .setMatch(F.buildMatch().setExact(MatchField.ETH_TYPE, EthType.IPv4)
                                  .setExact(MatchField.IPV4_DST, IPv4Address.of(0x0a000000 + i)).build())
                .setInstructions(List.of(F.instructions().applyActions(
                        List.of(F.actions().output(OFPort.of(1), 0xffff)))))
                .build();
    }

    private static OFFlowStatsEntry entry(int i) {
        return F.buildFlowStatsEntry().setTableId(TableId.of(0)).setPriority(100).setCookie(U64.of(i))
                .setMatch(F.buildMatch().build())
                .setInstructions(List.of(F.instructions().applyActions(
                        List.of(F.actions().output(OFPort.of(1), 0xffff)))))
                .build();
    }

    private static OpenFlowRequestException failure(CompletableFuture<?> f) {
        assertTrue("future should be done", f.isDone());
        try {
            f.get();
            fail("future should have failed");
            return null;
        } catch (ExecutionException e) {
            assertTrue(e.getCause() instanceof OpenFlowRequestException);
            return (OpenFlowRequestException) e.getCause();
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    public void multipartReplyCompletesWithEveryPart() throws Exception {
        CompletableFuture<List<OFMessage>> f = session.request(F.buildFlowStatsRequest().build());
        OFMessage req = sw.sentOne(OFType.STATS_REQUEST);
        sw.receive(F.buildFlowStatsReply().setXid(req.getXid()).setFlags(Set.of(OFStatsReplyFlags.REPLY_MORE))
                           .setEntries(List.of(entry(1), entry(2))).build());
        assertFalse("waits for the last part", f.isDone());
        sw.receive(F.buildFlowStatsReply().setXid(req.getXid()).setFlags(Set.of())
                           .setEntries(List.of(entry(3))).build());
        List<OFMessage> parts = f.get(0, TimeUnit.SECONDS);
        assertEquals(2, parts.size());
        assertEquals(3, parts.stream().mapToInt(p -> ((OFFlowStatsReply) p).getEntries().size()).sum());
        assertEquals(0, session.pendingRequests());
        assertTrue("replies consumed by the request are not broadcast", listener.messages.isEmpty());
    }

    @Test
    public void barrierCompletes() throws Exception {
        CompletableFuture<List<OFMessage>> f = session.barrier();
        OFMessage req = sw.sentOne(OFType.BARRIER_REQUEST);
        sw.receive(F.buildBarrierReply().setXid(req.getXid() + 1).build());
        assertFalse("another xid does not complete it", f.isDone());
        sw.receive(F.buildBarrierReply().setXid(req.getXid()).build());
        assertEquals(OFType.BARRIER_REPLY, f.get(0, TimeUnit.SECONDS).get(0).getType());
    }

    @Test
    public void standardErrorFailsTheRequestWithItsXidAndIsReported() {
        CompletableFuture<List<OFMessage>> other = session.barrier();
        CompletableFuture<List<OFMessage>> f = session.request(F.buildFlowStatsRequest().build());
        List<OFMessage> sent = sw.sent();
        long xid = sent.get(1).getXid();
        sw.receive(F.errorMsgs().buildBadRequestErrorMsg().setXid(xid)
                           .setCode(org.projectfloodlight.openflow.protocol.OFBadRequestCode.BAD_STAT).build());
        OpenFlowRequestException e = failure(f);
        assertEquals(Kind.SWITCH_ERROR, e.kind());
        assertEquals(xid, e.xid());
        assertEquals("BAD_REQUEST/BAD_STAT", e.switchError().get().name());
        assertFalse("other request untouched", other.isDone());
        assertEquals(1, listener.errors.size());
        assertEquals(xid, listener.errors.get(0).xid());
        assertTrue(sw.channel.isActive());
    }

    @Test
    public void errorForAPlainSendIsReportedWithItsXid() {
        long xid = session.send(flow(1, 3));
        sw.sentOne(OFType.FLOW_MOD);
        sw.receive(F.errorMsgs().buildBadInstructionErrorMsg().setXid(xid)
                           .setCode(OFBadInstructionCode.BAD_TABLE_ID).build());
        assertEquals(1, listener.errors.size());
        assertEquals(xid, listener.errors.get(0).xid());
        assertEquals("BAD_INSTRUCTION/BAD_TABLE_ID", listener.errors.get(0).name());
    }

    @Test
    public void batchCollectsErrorsOfItsMessagesOnly() throws Exception {
        long outside = session.send(flow(99, 0));
        List<OFFlowAdd> flows = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            flows.add(flow(i, 0));
        }
        CompletableFuture<BatchResult> f = session.sendBatch(flows);
        List<OFMessage> sent = sw.sent();
        assertEquals(7, sent.size());
        assertEquals(OFType.BARRIER_REQUEST, sent.get(6).getType());
        long third = sent.get(3).getXid();
        sw.receive(F.errorMsgs().buildBadInstructionErrorMsg().setXid(third)
                           .setCode(OFBadInstructionCode.BAD_TABLE_ID).build(),
                   F.errorMsgs().buildBadInstructionErrorMsg().setXid(outside)
                           .setCode(OFBadInstructionCode.BAD_TABLE_ID).build());
        assertFalse(f.isDone());
        sw.receive(F.buildBarrierReply().setXid(sent.get(6).getXid()).build());
        BatchResult r = f.get(0, TimeUnit.SECONDS);
        assertEquals(1, r.errors().size());
        assertTrue(r.errorOf(2).isPresent());
        assertFalse(r.errorOf(1).isPresent());
        assertEquals(third, r.xidOf(2));
        assertEquals("every error still reaches listeners", 2, listener.errors.size());
    }

    @Test
    public void niciraErrorFailsTheRequestAndIsReported() {
        CompletableFuture<List<OFMessage>> f = session.barrier();
        long xid = sw.sentOne(OFType.BARRIER_REQUEST).getXid();
        sw.receiveRaw(ExperimenterErrorTest.niciraError(xid, 37, new byte[]{4, 14, 0, 8, 0, 0, 0, 1}));
        OpenFlowRequestException e = failure(f);
        assertEquals(Kind.SWITCH_ERROR, e.kind());
        assertEquals("NXFMFC_INVALID_TLV_FIELD", e.switchError().get().name());
        assertEquals(1, listener.errors.size());
        ExperimenterError xe = listener.errors.get(0).experimenter().get();
        assertTrue(xe.isNicira());
        assertEquals(37, xe.expCode());
        assertEquals(xid, listener.errors.get(0).xid());
        assertTrue(sw.channel.isActive());
    }

    @Test
    public void undecodableReplyFailsOnlyItsRequestAndTheChannelLives() throws Exception {
        CompletableFuture<List<OFMessage>> stats = session.request(F.buildFlowStatsRequest().build());
        long xid = sw.sentOne(OFType.STATS_REQUEST).getXid();
        sw.receiveRaw(corruptedFlowStatsReply(xid));
        OpenFlowRequestException e = failure(stats);
        assertEquals(Kind.UNDECODABLE_REPLY, e.kind());
        assertEquals(xid, e.xid());
        assertTrue(e.getCause() != null);
        assertTrue(sw.channel.isActive());
        // the connection still works
        CompletableFuture<List<OFMessage>> b = session.barrier();
        long bx = sw.sentOne(OFType.BARRIER_REQUEST).getXid();
        sw.receive(F.buildBarrierReply().setXid(bx).build());
        assertTrue(b.get(0, TimeUnit.SECONDS).size() == 1);
    }

    @Test
    public void undecodableLaterPartFailsTheMultipartRequest() {
        CompletableFuture<List<OFMessage>> stats = session.request(F.buildFlowStatsRequest().build());
        long xid = sw.sentOne(OFType.STATS_REQUEST).getXid();
        sw.receive(F.buildFlowStatsReply().setXid(xid).setFlags(Set.of(OFStatsReplyFlags.REPLY_MORE))
                           .setEntries(List.of(entry(1))).build());
        sw.receiveRaw(corruptedFlowStatsReply(xid));
        assertEquals(Kind.UNDECODABLE_REPLY, failure(stats).kind());
        assertEquals(0, session.pendingRequests());
    }

    @Test
    public void unsolicitedUndecodableMessageGoesToListeners() {
        sw.receiveRaw(corruptedFlowStatsReply(31337));
        assertEquals(1, listener.undecodable.size());
        assertEquals(31337, listener.undecodable.get(0).xid());
        assertTrue(sw.channel.isActive());
    }

    @Test
    public void requestTimesOut() {
        CompletableFuture<List<OFMessage>> f = session.barrier();
        sw.channel.advanceTimeBy(1_100, TimeUnit.MILLISECONDS);
        sw.channel.runScheduledPendingTasks();
        assertEquals(Kind.TIMEOUT, failure(f).kind());
        assertEquals(0, session.pendingRequests());
    }

    @Test
    public void disconnectFailsPendingRequests() {
        CompletableFuture<List<OFMessage>> f = session.request(F.buildFlowStatsRequest().build());
        CompletableFuture<BatchResult> batch = session.sendBatch(List.of(flow(1, 0)));
        sw.channel.close();
        assertEquals(Kind.DISCONNECTED, failure(f).kind());
        assertEquals(Kind.DISCONNECTED, failure(batch).kind());
        assertEquals(Kind.DISCONNECTED, failure(session.barrier()).kind());
        assertFalse(session.isConnected());
    }

    @Test
    public void presetXidIsKeptAndZeroXidIsAssigned() {
        long kept = session.send(F.buildBarrierRequest().setXid(0xfeedL).build());
        long assigned = session.send(F.buildBarrierRequest().build());
        List<OFMessage> sent = sw.sent();
        assertEquals(0xfeedL, kept);
        assertEquals(0xfeedL, sent.get(0).getXid());
        assertTrue(assigned != 0);
        assertEquals(assigned, sent.get(1).getXid());
    }

    /**
     * A one-entry flow-stats reply whose only action has an unknown type: openflowj fails on the whole message.
     */
    static byte[] corruptedFlowStatsReply(long xid) {
        OFFlowStatsReply ok = F.buildFlowStatsReply().setXid(xid).setFlags(Set.of())
                .setEntries(List.of(entry(1))).build();
        ByteBuf b = Unpooled.buffer();
        ok.writeTo(b);
        byte[] raw = new byte[b.readableBytes()];
        b.readBytes(raw);
        // the output action is the last 16 bytes: type(2)=0 len(2)=16 port(4) max_len(2) pad(6)
        ByteBuffer.wrap(raw).putShort(raw.length - 16, (short) 0x7777);
        return raw;
    }
}
