package org.onosdvr.openflow.channel;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import org.projectfloodlight.openflow.protocol.OFFactories;
import org.projectfloodlight.openflow.protocol.OFFactory;
import org.projectfloodlight.openflow.protocol.OFMessage;
import org.projectfloodlight.openflow.protocol.OFPortConfig;
import org.projectfloodlight.openflow.protocol.OFPortDesc;
import org.projectfloodlight.openflow.protocol.OFPortState;
import org.projectfloodlight.openflow.protocol.OFStatsReplyFlags;
import org.projectfloodlight.openflow.protocol.OFType;
import org.projectfloodlight.openflow.protocol.OFVersion;
import org.projectfloodlight.openflow.types.DatapathId;
import org.projectfloodlight.openflow.types.MacAddress;
import org.projectfloodlight.openflow.types.OFAuxId;
import org.projectfloodlight.openflow.types.OFPort;
import org.projectfloodlight.openflow.types.U32;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

/**
 * A fake switch on the far side of an {@link EmbeddedChannel} running the real controller pipeline.
 */
final class SwitchHarness {

    static final OFFactory F = OFFactories.getFactory(OFVersion.OF_13);

    final EmbeddedChannel channel;

    SwitchHarness(OpenFlowController controller) {
        channel = new EmbeddedChannel(new OfChannelInitializer(controller));
    }

    OfChannelHandler handler() {
        return channel.pipeline().get(OfChannelHandler.class);
    }

    /** Everything the controller wrote so far, decoded. */
    List<OFMessage> sent() {
        List<OFMessage> out = new ArrayList<>();
        ByteBuf buf;
        while ((buf = channel.readOutbound()) != null) {
            try {
                while (buf.isReadable()) {
                    out.add(F.getReader().readFrom(buf));
                }
            } catch (Exception e) {
                throw new AssertionError("controller sent bytes openflowj cannot read", e);
            } finally {
                buf.release();
            }
        }
        return out;
    }

    /** The single message the controller sent since the last call, checking its type. */
    OFMessage sentOne(OFType type) {
        List<OFMessage> s = sent();
        assertEquals("messages sent: " + s, 1, s.size());
        assertEquals(type, s.get(0).getType());
        return s.get(0);
    }

    void receive(OFMessage... msgs) {
        for (OFMessage m : msgs) {
            ByteBuf b = Unpooled.buffer();
            m.writeTo(b);
            channel.writeInbound(b);
        }
    }

    void receiveRaw(byte[] raw) {
        channel.writeInbound(Unpooled.wrappedBuffer(raw));
    }

    static OFPortDesc port(int no, String name) {
        return F.buildPortDesc().setPortNo(OFPort.of(no)).setName(name)
                .setHwAddr(MacAddress.of(0x020000000000L + no))
                .setConfig(EnumSet.noneOf(OFPortConfig.class)).setState(Set.of(OFPortState.LIVE))
                .build();
    }

    /** Runs HELLO .. PORT_DESC with two ports and checks every controller message on the way. */
    OpenFlowSwitchSession handshake(long dpid) {
        OFMessage hello = sentOne(OFType.HELLO);
        assertEquals(OFVersion.OF_13, hello.getVersion());
        receive(F.buildHello().setXid(100)
                        .setElements(List.of(F.buildHelloElemVersionbitmap()
                                                     .setBitmaps(List.of(U32.of(0x12))).build())).build());
        OFMessage fr = sentOne(OFType.FEATURES_REQUEST);
        receive(F.buildFeaturesReply().setXid(fr.getXid()).setDatapathId(DatapathId.of(dpid))
                        .setNBuffers(0).setNTables((short) 254).setAuxiliaryId(OFAuxId.MAIN)
                        .setCapabilities(Set.of()).build());
        List<OFMessage> s = sent();
        assertEquals(List.of(OFType.SET_CONFIG, OFType.STATS_REQUEST),
                     List.of(s.get(0).getType(), s.get(1).getType()));
        long descXid = s.get(1).getXid();
        receive(F.buildPortDescStatsReply().setXid(descXid).setFlags(Set.of(OFStatsReplyFlags.REPLY_MORE))
                        .setEntries(List.of(port(1, "tap1"))).build());
        assertEquals(HandshakeState.WAIT_PORT_DESC, handler().state());
        receive(F.buildPortDescStatsReply().setXid(descXid).setFlags(Set.of())
                        .setEntries(List.of(port(2, "vxlan0"), port(0xfffffffe, "br"))).build());
        assertEquals(HandshakeState.ACTIVE, handler().state());
        assertTrue(handler().session().isConnected());
        return handler().session();
    }
}
