package org.onosdvr.ovsdb.rpc;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufOutputStream;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToByteEncoder;

import java.io.IOException;
import java.io.OutputStream;

/**
 * {@link JsonRpcMessage} to UTF-8 JSON text. OVSDB needs no separator between messages: the peer splits the
 * stream on balanced braces, as {@code JsonObjectDecoder} does here.
 */
public final class JsonRpcEncoder extends MessageToByteEncoder<JsonRpcMessage> {

    private final ObjectMapper mapper;

    /**
     * @param mapper Jackson mapper (shared; thread-safe)
     */
    public JsonRpcEncoder(ObjectMapper mapper) {
        super(JsonRpcMessage.class);
        this.mapper = mapper;
    }

    @Override
    protected void encode(ChannelHandlerContext ctx, JsonRpcMessage msg, ByteBuf out) throws IOException {
        try (OutputStream os = new ByteBufOutputStream(out)) {
            mapper.writeValue(os, msg.toJson());
        }
    }
}
