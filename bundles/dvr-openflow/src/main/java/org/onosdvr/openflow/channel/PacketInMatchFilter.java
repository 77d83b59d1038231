package org.onosdvr.openflow.channel;

import java.io.ByteArrayOutputStream;

/**
 * Makes an OpenFlow 1.3 PACKET_IN that openflowj cannot parse parseable by dropping the match fields it does
 * not know. OVS puts Nicira connection-tracking fields ({@code ct_nw_src}, {@code ct_tp_dst}...) into the match
 * of a packet that went through {@code ct()} (for example after SNAT, when {@code ext_out} punts to resolve
 * the next hop); openflowj rejects the whole message for one unknown OXM. Only the OpenFlow basic class
 * ({@code 0x8000}) is kept: that is what the packet service reads (in_port, tunnel id, metadata...).
 */
final class PacketInMatchFilter {

    private static final int VERSION_13 = 4;
    private static final int TYPE_PACKET_IN = 10;
    private static final int MATCH_OFFSET = 24;     // header 8, buffer_id 4, total_len 2, reason 1, table 1, cookie 8
    private static final int OXM_BASIC = 0x8000;

    private PacketInMatchFilter() {
    }

    /**
     * Filters the match of an OpenFlow 1.3 PACKET_IN.
     *
     * @param raw one whole message
     * @return the message without non-basic OXMs, or null if it is no OF 1.3 PACKET_IN, is malformed, or has
     *         nothing to drop
     */
    static byte[] stripNonBasicOxms(byte[] raw) {
        if (raw.length < MATCH_OFFSET + 4 || (raw[0] & 0xff) != VERSION_13 || (raw[1] & 0xff) != TYPE_PACKET_IN
                || u16(raw, 2) != raw.length || u16(raw, MATCH_OFFSET) != 1) {
            return null;
        }
        int matchLen = u16(raw, MATCH_OFFSET + 2);
        int padded = (matchLen + 7) / 8 * 8;
        int dataStart = MATCH_OFFSET + padded + 2;
        if (matchLen < 4 || dataStart > raw.length) {
            return null;
        }
        ByteArrayOutputStream oxms = new ByteArrayOutputStream();
        boolean dropped = false;
        int p = MATCH_OFFSET + 4;
        int end = MATCH_OFFSET + matchLen;
        while (p < end) {
            if (p + 4 > end) {
                return null;
            }
            int len = 4 + (raw[p + 3] & 0xff);
            if (p + len > end) {
                return null;
            }
            if (u16(raw, p) == OXM_BASIC) {
                oxms.write(raw, p, len);
            } else {
                dropped = true;
            }
            p += len;
        }
        if (!dropped) {
            return null;
        }
        byte[] fields = oxms.toByteArray();
        int newMatchLen = 4 + fields.length;
        int newPadded = (newMatchLen + 7) / 8 * 8;
        int dataLen = raw.length - dataStart;
        byte[] out = new byte[MATCH_OFFSET + newPadded + 2 + dataLen];
        System.arraycopy(raw, 0, out, 0, MATCH_OFFSET);
        put16(out, MATCH_OFFSET, 1);
        put16(out, MATCH_OFFSET + 2, newMatchLen);
        System.arraycopy(fields, 0, out, MATCH_OFFSET + 4, fields.length);
        System.arraycopy(raw, dataStart, out, MATCH_OFFSET + newPadded + 2, dataLen);
        put16(out, 2, out.length);
        return out;
    }

    private static int u16(byte[] b, int off) {
        return ((b[off] & 0xff) << 8) | (b[off + 1] & 0xff);
    }

    private static void put16(byte[] b, int off, int v) {
        b[off] = (byte) (v >>> 8);
        b[off + 1] = (byte) v;
    }
}
