package org.onosdvr.openflow.channel;

import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.timeout.IdleStateHandler;

import java.util.concurrent.TimeUnit;

/**
 * Pipeline of a switch connection: frames -> openflowj messages (or raw undecodable ones) -> encoder (one message
 * or a list per buffer) -> reader-idle detection for echoes -> {@link OfChannelHandler}.
 */
final class OfChannelInitializer extends ChannelInitializer<Channel> {

    private final OpenFlowController controller;

    OfChannelInitializer(OpenFlowController controller) {
        this.controller = controller;
    }

    @Override
    protected void initChannel(Channel ch) {
        ChannelPipeline p = ch.pipeline();
        p.addLast("frame", new OfFrameDecoder());
        p.addLast("ofdecoder", new OfMessageDecoder());
        p.addLast("ofencoder", new OfMessageEncoder());
        p.addLast("idle", new IdleStateHandler(controller.config().echoIntervalMs(), 0, 0, TimeUnit.MILLISECONDS));
        p.addLast("handler", new OfChannelHandler(controller));
    }
}
