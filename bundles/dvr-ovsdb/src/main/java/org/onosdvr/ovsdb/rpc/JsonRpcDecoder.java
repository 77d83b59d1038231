package org.onosdvr.ovsdb.rpc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufInputStream;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.codec.MessageToMessageDecoder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;

/**
 * One framed JSON object (from Netty's {@code JsonObjectDecoder}) to a {@link JsonRpcMessage}. Text that is not
 * JSON fails the channel (the peer is broken); a JSON value that is not a JSON-RPC message is logged and dropped.
 */
public final class JsonRpcDecoder extends MessageToMessageDecoder<ByteBuf> {

    private static final Logger log = LoggerFactory.getLogger(JsonRpcDecoder.class);

    private final ObjectMapper mapper;

    /**
     * @param mapper Jackson mapper (shared; thread-safe)
     */
    public JsonRpcDecoder(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf frame, List<Object> out) {
        JsonNode json;
        try (InputStream in = new ByteBufInputStream(frame)) {
            json = mapper.readTree(in);
        } catch (IOException e) {
            throw new DecoderException("not JSON: " + e.getMessage(), e);
        }
        try {
            out.add(JsonRpcMessage.parse(json));
        } catch (IllegalArgumentException e) {
            log.warn("{}: ignoring a message that is not JSON-RPC: {}", ctx.channel().remoteAddress(),
                     e.getMessage());
        }
    }
}
