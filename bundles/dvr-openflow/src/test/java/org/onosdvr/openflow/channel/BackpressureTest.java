package org.onosdvr.openflow.channel;

import io.netty.channel.ChannelOption;
import io.netty.channel.WriteBufferWaterMark;
import org.junit.Test;
import org.projectfloodlight.openflow.protocol.OFMessage;

import java.util.ArrayList;
import java.util.List;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.onosdvr.openflow.channel.SwitchHarness.F;

/**
 * Sends beyond the channel's high-water mark are queued, then written in order as the channel drains.
 */
public class BackpressureTest {

    @Test
    public void queuedMessagesAreWrittenInOrderWhenWritableAgain() {
        OpenFlowController controller = new OpenFlowController(OpenFlowControllerConfig.builder()
                .echoIntervalMs(3_600_000).build(), Runnable::run);
        SwitchHarness sw = new SwitchHarness(controller);
        OpenFlowSwitchSession s = sw.handshake(0x77);
        // tiny buffer: one batch makes the channel unwritable until it is flushed
        sw.channel.config().setOption(ChannelOption.WRITE_BUFFER_WATER_MARK, new WriteBufferWaterMark(1, 64));
        int n = OutboundQueue.BATCH * 4 + 3;
        List<OFMessage> msgs = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            msgs.add(F.buildBarrierRequest().setXid(1000 + i).build());
        }
        s.sendAll(msgs);
        List<OFMessage> sent = sw.sent();
        assertEquals(n, sent.size());
        for (int i = 0; i < n; i++) {
            assertEquals(1000 + i, sent.get(i).getXid());
        }
        assertEquals(0, s.queuedMessages());
        assertTrue(sw.channel.isWritable());
    }
}
