package org.onosdvr.openflow.channel;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.junit.Test;
import org.projectfloodlight.openflow.protocol.OFPacketIn;
import org.projectfloodlight.openflow.protocol.OFPacketInReason;
import org.projectfloodlight.openflow.protocol.match.MatchField;
import org.projectfloodlight.openflow.types.EthType;
import org.projectfloodlight.openflow.types.OFBufferId;
import org.projectfloodlight.openflow.types.OFPort;
import org.projectfloodlight.openflow.types.TableId;
import org.projectfloodlight.openflow.types.U64;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;
import static org.onosdvr.openflow.channel.SwitchHarness.F;

/**
 * A PACKET_IN carrying OVS conntrack fields in its match (seen after SNAT's ct(commit)) still decodes.
 */
public class PacketInMatchFilterTest {

    private static final byte[] DATA = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 8, 0, 0x45, 0};

    private static byte[] packetIn() {
        OFPacketIn pi = F.buildPacketIn().setXid(7).setBufferId(OFBufferId.NO_BUFFER).setTotalLen(DATA.length)
                .setReason(OFPacketInReason.ACTION).setTableId(TableId.of(6)).setCookie(U64.of(0xabc))
                .setMatch(F.buildMatch().setExact(MatchField.IN_PORT, OFPort.of(100))
                                  .setExact(MatchField.ETH_TYPE, EthType.IPv4).build())
                .setData(DATA).build();
        ByteBuf b = Unpooled.buffer();
        pi.writeTo(b);
        byte[] out = new byte[b.readableBytes()];
        b.readBytes(out);
        return out;
    }

    /** Inserts an NXM_NX_CT_NW_SRC (class 0x0001, field 120, 4 bytes) OXM after the match's fields. */
    private static byte[] withConntrackField(byte[] raw) {
        int matchLen = ((raw[26] & 0xff) << 8) | (raw[27] & 0xff);
        int oldPadded = (matchLen + 7) / 8 * 8;
        byte[] oxm = {0x00, 0x01, (byte) 0xf0, 0x04, (byte) 198, 18, 0, 1};
        int newLen = matchLen + oxm.length;
        int newPadded = (newLen + 7) / 8 * 8;
        int tail = raw.length - (24 + oldPadded);
        byte[] out = new byte[24 + newPadded + tail];
        System.arraycopy(raw, 0, out, 0, 24 + matchLen);
        System.arraycopy(oxm, 0, out, 24 + matchLen, oxm.length);
        System.arraycopy(raw, 24 + oldPadded, out, 24 + newPadded, tail);
        out[26] = (byte) (newLen >>> 8);
        out[27] = (byte) newLen;
        out[2] = (byte) (out.length >>> 8);
        out[3] = (byte) out.length;
        return out;
    }

    @Test
    public void packetInWithConntrackFieldsDecodesWithoutThem() {
        byte[] raw = withConntrackField(packetIn());
        Object m = new OfMessageDecoder().decodeFrame(Unpooled.wrappedBuffer(raw));
        assertTrue("decoded as " + m, m instanceof OFPacketIn);
        OFPacketIn pi = (OFPacketIn) m;
        assertEquals(OFPort.of(100), pi.getMatch().get(MatchField.IN_PORT));
        assertEquals(EthType.IPv4, pi.getMatch().get(MatchField.ETH_TYPE));
        assertEquals(U64.of(0xabc), pi.getCookie());
        assertEquals(7, pi.getXid());
        assertArrayEquals(DATA, pi.getData());
    }

    @Test
    public void nothingToDropOrNotAPacketInGivesNull() {
        assertNull(PacketInMatchFilter.stripNonBasicOxms(packetIn()));
        byte[] echo = {4, 2, 0, 8, 0, 0, 0, 1};
        assertNull(PacketInMatchFilter.stripNonBasicOxms(echo));
    }

    @Test
    public void truncatedMatchGivesNull() {
        byte[] raw = withConntrackField(packetIn());
        raw[27] = (byte) (raw[27] + 1);   // match length now cuts a field in half
        assertNull(PacketInMatchFilter.stripNonBasicOxms(raw));
    }
}
