package org.onosdvr.openflow.channel;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.CorruptedFrameException;
import io.netty.handler.codec.LengthFieldBasedFrameDecoder;

/**
 * Cuts the byte stream into whole OpenFlow messages using the 16-bit length of the header. A length below the
 * header size cannot be resynchronised: it fails the channel.
 */
final class OfFrameDecoder extends LengthFieldBasedFrameDecoder {

    OfFrameDecoder() {
        // length field at offset 2, 2 bytes, counts the whole message (header included)
        super(OfWire.MAX_LEN, OfWire.LENGTH_OFFSET, 2, -(OfWire.LENGTH_OFFSET + 2), 0, true);
    }

    @Override
    protected Object decode(ChannelHandlerContext ctx, ByteBuf in) throws Exception {
        if (in.readableBytes() >= OfWire.LENGTH_OFFSET + 2) {
            int len = in.getUnsignedShort(in.readerIndex() + OfWire.LENGTH_OFFSET);
            if (len < OfWire.HEADER_LEN) {
                in.skipBytes(in.readableBytes());
                throw new CorruptedFrameException("OpenFlow message length " + len + " < header length");
            }
        }
        return super.decode(ctx, in);
    }
}
