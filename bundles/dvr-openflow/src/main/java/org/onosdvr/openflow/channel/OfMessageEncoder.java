package org.onosdvr.openflow.channel;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.EncoderException;
import io.netty.handler.codec.MessageToByteEncoder;
import org.projectfloodlight.openflow.protocol.OFMessage;

/**
 * Writes one {@link OFMessage}, or an {@code Iterable} of them, into one buffer.
 */
final class OfMessageEncoder extends MessageToByteEncoder<Object> {

    @Override
    public boolean acceptOutboundMessage(Object msg) {
        return msg instanceof OFMessage || msg instanceof Iterable;
    }

    @Override
    protected void encode(ChannelHandlerContext ctx, Object msg, ByteBuf out) {
        if (msg instanceof OFMessage) {
            ((OFMessage) msg).writeTo(out);
            return;
        }
        for (Object o : (Iterable<?>) msg) {
            if (!(o instanceof OFMessage)) {
                throw new EncoderException("not an OFMessage: " + (o == null ? null : o.getClass()));
            }
            ((OFMessage) o).writeTo(out);
        }
    }
}
