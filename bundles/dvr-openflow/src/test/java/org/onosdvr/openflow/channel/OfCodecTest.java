package org.onosdvr.openflow.channel;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.Test;
import org.projectfloodlight.openflow.protocol.OFMessage;
import org.projectfloodlight.openflow.protocol.OFType;

import java.util.List;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;
import static org.onosdvr.openflow.channel.SwitchHarness.F;

/**
 * Framing, decoding and encoding of the pipeline's codec handlers.
 */
public class OfCodecTest {

    private static EmbeddedChannel decoderChannel() {
        return new EmbeddedChannel(new OfFrameDecoder(), new OfMessageDecoder());
    }

    private static byte[] bytes(OFMessage m) {
        ByteBuf b = Unpooled.buffer();
        m.writeTo(b);
        byte[] out = new byte[b.readableBytes()];
        b.readBytes(out);
        return out;
    }

    @Test
    public void messagesSplitAndJoinedAcrossReadsAreFramed() {
        EmbeddedChannel ch = decoderChannel();
        byte[] a = bytes(F.buildEchoRequest().setXid(1).setData(new byte[]{9, 9}).build());
        byte[] b = bytes(F.buildBarrierReply().setXid(2).build());
        byte[] all = new byte[a.length + b.length];
        System.arraycopy(a, 0, all, 0, a.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        ch.writeInbound(Unpooled.wrappedBuffer(all, 0, 5));
        assertNull(ch.readInbound());
        ch.writeInbound(Unpooled.wrappedBuffer(all, 5, all.length - 5));
        OFMessage m1 = ch.readInbound();
        OFMessage m2 = ch.readInbound();
        assertEquals(OFType.ECHO_REQUEST, m1.getType());
        assertEquals(OFType.BARRIER_REPLY, m2.getType());
        assertEquals(2, m2.getXid());
    }

    @Test
    public void undecodableFrameDoesNotStopTheStream() {
        EmbeddedChannel ch = decoderChannel();
        ch.writeInbound(Unpooled.wrappedBuffer(RequestCorrelationTest.corruptedFlowStatsReply(5)));
        ch.writeInbound(Unpooled.wrappedBuffer(bytes(F.buildBarrierReply().setXid(6).build())));
        Object first = ch.readInbound();
        assertTrue(first instanceof UndecodableMessage);
        UndecodableMessage u = (UndecodableMessage) first;
        assertEquals(5, u.xid());
        assertEquals(19, u.type());
        assertEquals(4, u.version());
        OFMessage next = ch.readInbound();
        assertEquals(6, next.getXid());
        assertTrue(ch.isActive());
    }

    @Test
    public void lengthBelowHeaderClosesTheChannel() {
        EmbeddedChannel ch = decoderChannel();
        try {
            ch.writeInbound(Unpooled.wrappedBuffer(new byte[]{4, 0, 0, 4, 0, 0, 0, 0}));
        } catch (Exception expected) {
            // EmbeddedChannel rethrows the CorruptedFrameException
            assertTrue(expected.getClass().getSimpleName().contains("Corrupted"));
        }
        assertNull(ch.readInbound());
    }

    @Test
    public void listIsEncodedIntoOneBuffer() {
        EmbeddedChannel ch = new EmbeddedChannel(new OfMessageEncoder());
        ch.writeOutbound(List.of(F.buildBarrierRequest().setXid(1).build(),
                                 F.buildBarrierRequest().setXid(2).build()));
        ByteBuf buf = ch.readOutbound();
        assertEquals(16, buf.readableBytes());
        assertEquals(2, buf.getInt(12));
        buf.release();
        assertNull(ch.readOutbound());
        assertFalse(ch.finish());
    }
}
