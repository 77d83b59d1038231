package org.onosdvr.openflow.channel;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToMessageDecoder;
import org.projectfloodlight.openflow.protocol.OFFactories;
import org.projectfloodlight.openflow.protocol.OFMessage;
import org.projectfloodlight.openflow.protocol.OFMessageReader;

import java.util.List;

/**
 * Turns one frame into an {@link OFMessage}. A frame openflowj cannot parse does not fail the channel: it becomes
 * an {@link ExperimenterError} (experimenter ERROR messages, which openflowj rejects) or an
 * {@link UndecodableMessage} carrying the header, the raw bytes and the parse error. A PACKET_IN whose match has
 * fields openflowj does not know (OVS conntrack fields) is parsed again without them ({@link PacketInMatchFilter}).
 */
final class OfMessageDecoder extends MessageToMessageDecoder<ByteBuf> {

    private final OFMessageReader<OFMessage> reader = OFFactories.getGenericReader();

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf frame, List<Object> out) {
        out.add(decodeFrame(frame));
    }

    /**
     * Decodes a complete frame; never throws.
     *
     * @param frame exactly one OpenFlow message
     * @return an OFMessage, an ExperimenterError or an UndecodableMessage
     */
    Object decodeFrame(ByteBuf frame) {
        int start = frame.readerIndex();
        try {
            OFMessage msg = reader.readFrom(frame);
            if (msg != null) {
                return msg;
            }
            return undecodable(frame, start, new IllegalStateException("openflowj returned no message"));
        } catch (Exception e) {
            byte[] raw = ByteBufUtil.getBytes(frame, start, frame.writerIndex() - start);
            ExperimenterError xe = ExperimenterError.decode(raw);
            if (xe != null) {
                return xe;
            }
            byte[] filtered = PacketInMatchFilter.stripNonBasicOxms(raw);
            if (filtered != null) {
                try {
                    OFMessage msg = reader.readFrom(Unpooled.wrappedBuffer(filtered));
                    if (msg != null) {
                        return msg;
                    }
                } catch (Exception again) {
                    e.addSuppressed(again);
                }
            }
            return new UndecodableMessage(raw, e);
        } finally {
            frame.readerIndex(frame.writerIndex());
        }
    }

    private static UndecodableMessage undecodable(ByteBuf frame, int start, Exception cause) {
        return new UndecodableMessage(ByteBufUtil.getBytes(frame, start, frame.writerIndex() - start), cause);
    }
}
