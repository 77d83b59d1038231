package org.onosdvr.ovsdb.channel;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.json.JsonObjectDecoder;
import io.netty.handler.timeout.IdleStateHandler;
import org.onosdvr.ovsdb.rpc.JsonRpcDecoder;
import org.onosdvr.ovsdb.rpc.JsonRpcEncoder;

import java.util.concurrent.TimeUnit;

/**
 * Pipeline of an OVSDB connection: JSON object framing -> {@link JsonRpcDecoder} -> {@link JsonRpcEncoder} ->
 * reader-idle detection for echoes -> {@link OvsdbChannelHandler}.
 */
final class OvsdbChannelInitializer extends ChannelInitializer<Channel> {

    /** Largest JSON message accepted (a monitor reply of a big switch stays far below). */
    static final int MAX_MESSAGE_BYTES = 16 * 1024 * 1024;
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final OvsdbServer server;

    OvsdbChannelInitializer(OvsdbServer server) {
        this.server = server;
    }

    @Override
    protected void initChannel(Channel ch) {
        ChannelPipeline p = ch.pipeline();
        addCodec(p);
        p.addLast("idle", new IdleStateHandler(server.config().echoIntervalMs(), 0, 0, TimeUnit.MILLISECONDS));
        p.addLast("handler", new OvsdbChannelHandler(server));
    }

    /**
     * Adds the JSON-RPC framing and codec handlers (also used by tests).
     *
     * @param p pipeline
     */
    static void addCodec(ChannelPipeline p) {
        p.addLast("frame", new JsonObjectDecoder(MAX_MESSAGE_BYTES));
        p.addLast("decoder", new JsonRpcDecoder(MAPPER));
        p.addLast("encoder", new JsonRpcEncoder(MAPPER));
    }
}
