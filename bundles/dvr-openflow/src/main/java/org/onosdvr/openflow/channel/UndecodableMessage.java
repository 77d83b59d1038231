package org.onosdvr.openflow.channel;

import com.google.common.io.BaseEncoding;

import java.nio.ByteBuffer;

/**
 * An OpenFlow message that openflowj could not parse: its header fields, raw bytes and the parse error.
 * A reply of this kind fails the request with the same xid; otherwise it is reported to listeners.
 */
public final class UndecodableMessage {

    private static final int MAX_HEX_BYTES = 64;

    private final byte[] raw;
    private final Exception cause;

    /**
     * Wraps a raw frame.
     *
     * @param raw   the whole message, header included (at least 8 bytes)
     * @param cause why it could not be parsed
     */
    public UndecodableMessage(byte[] raw, Exception cause) {
        if (raw.length < OfWire.HEADER_LEN) {
            throw new IllegalArgumentException("frame shorter than an OpenFlow header: " + raw.length);
        }
        this.raw = raw.clone();
        this.cause = cause;
    }

    /**
     * Wire version.
     *
     * @return version byte (4 = OpenFlow 1.3)
     */
    public int version() {
        return raw[0] & 0xff;
    }

    /**
     * Wire message type.
     *
     * @return type byte (e.g. 19 = MULTIPART_REPLY)
     */
    public int type() {
        return raw[1] & 0xff;
    }

    /**
     * Transaction id.
     *
     * @return xid (unsigned 32 bits)
     */
    public long xid() {
        return ByteBuffer.wrap(raw).getInt(OfWire.XID_OFFSET) & 0xffffffffL;
    }

    /**
     * Raw bytes.
     *
     * @return a copy of the whole message
     */
    public byte[] raw() {
        return raw.clone();
    }

    /**
     * The parse error.
     *
     * @return exception thrown by openflowj
     */
    public Exception cause() {
        return cause;
    }

    @Override
    public String toString() {
        int n = Math.min(raw.length, MAX_HEX_BYTES);
        return "UndecodableMessage{version=" + version() + ", type=" + type() + ", xid=" + xid()
                + ", length=" + raw.length + ", cause=" + cause + ", bytes=" + BaseEncoding.base16().lowerCase()
                .encode(raw, 0, n) + (n < raw.length ? "..." : "") + "}";
    }
}
