package org.onosdvr.openflow.translate;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.projectfloodlight.openflow.exceptions.OFParseError;
import org.projectfloodlight.openflow.protocol.OFFactories;
import org.projectfloodlight.openflow.protocol.OFFactory;
import org.projectfloodlight.openflow.protocol.OFFlowMod;
import org.projectfloodlight.openflow.protocol.OFFlowStatsEntry;
import org.projectfloodlight.openflow.protocol.OFFlowStatsReply;
import org.projectfloodlight.openflow.protocol.OFMessage;
import org.projectfloodlight.openflow.protocol.OFVersion;
import org.projectfloodlight.openflow.protocol.action.OFAction;

import java.util.List;

/**
 * Test helpers: push openflowj objects through their wire encoding, as a switch would see and return them.
 */
final class OfCodecs {

    static final OFFactory OF13 = OFFactories.getFactory(OFVersion.OF_13);

    private OfCodecs() {
    }

    static byte[] bytes(OFMessage message) {
        ByteBuf buf = Unpooled.buffer();
        message.writeTo(buf);
        byte[] out = new byte[buf.readableBytes()];
        buf.readBytes(out);
        return out;
    }

    static OFMessage parse(byte[] wire) {
        try {
            return OFFactories.getGenericReader().readFrom(Unpooled.wrappedBuffer(wire));
        } catch (OFParseError e) {
            throw new AssertionError("openflowj cannot parse its own encoding", e);
        }
    }

    static int actionLength(OFAction action) {
        ByteBuf buf = Unpooled.buffer();
        action.writeTo(buf);
        return buf.readableBytes();
    }

    /** What a switch would report for a flow installed by this FLOW_MOD, through the wire. */
    static OFFlowStatsEntry reported(OFFlowMod flowMod, long packets, long bytes) {
        OFFlowMod sent = (OFFlowMod) parse(bytes(flowMod));
        OFFlowStatsEntry entry = OF13.buildFlowStatsEntry()
                .setTableId(sent.getTableId())
                .setPriority(sent.getPriority())
                .setCookie(sent.getCookie())
                .setIdleTimeout(sent.getIdleTimeout())
                .setHardTimeout(sent.getHardTimeout())
                .setMatch(sent.getMatch())
                .setInstructions(sent.getInstructions())
                .setPacketCount(org.projectfloodlight.openflow.types.U64.of(packets))
                .setByteCount(org.projectfloodlight.openflow.types.U64.of(bytes))
                .setDurationSec(3)
                .setDurationNsec(500)
                .build();
        OFFlowStatsReply reply = OF13.buildFlowStatsReply().setXid(7).setEntries(List.of(entry)).build();
        return ((OFFlowStatsReply) parse(bytes(reply))).getEntries().get(0);
    }
}
