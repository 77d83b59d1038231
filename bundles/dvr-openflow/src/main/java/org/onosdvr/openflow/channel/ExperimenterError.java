package org.onosdvr.openflow.channel;

import com.google.common.io.BaseEncoding;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * An OpenFlow 1.2+ ERROR message of type EXPERIMENTER (0xffff), decoded from raw bytes because openflowj rejects
 * them. Wire layout after the 8-byte header: {@code type(2)=0xffff, exp_code(2), experimenter(4), data}; the data
 * holds (the start of) the offending request. Open vSwitch reports its Nicira extension errors this way (e.g.
 * code 37 NXFMFC_INVALID_TLV_FIELD).
 */
public final class ExperimenterError {

    private static final int BODY_OFFSET = OfWire.HEADER_LEN;
    private static final int DATA_OFFSET = BODY_OFFSET + 8;

    private final int version;
    private final long xid;
    private final int expCode;
    private final long experimenter;
    private final byte[] data;

    private ExperimenterError(int version, long xid, int expCode, long experimenter, byte[] data) {
        this.version = version;
        this.xid = xid;
        this.expCode = expCode;
        this.experimenter = experimenter;
        this.data = data;
    }

    /**
     * Decodes an experimenter error.
     *
     * @param raw a whole OpenFlow message
     * @return the error, or null if the bytes are not an experimenter ERROR message of OpenFlow 1.2+
     */
    public static ExperimenterError decode(byte[] raw) {
        if (raw.length < DATA_OFFSET) {
            return null;
        }
        ByteBuffer b = ByteBuffer.wrap(raw);
        int version = raw[0] & 0xff;
        int type = raw[1] & 0xff;
        int length = b.getShort(OfWire.LENGTH_OFFSET) & 0xffff;
        int errType = b.getShort(BODY_OFFSET) & 0xffff;
        if (version < 0x03 || type != OfWire.TYPE_ERROR || errType != OfWire.ERROR_TYPE_EXPERIMENTER
                || length != raw.length) {
            return null;
        }
        long xid = b.getInt(OfWire.XID_OFFSET) & 0xffffffffL;
        int expCode = b.getShort(BODY_OFFSET + 2) & 0xffff;
        long experimenter = b.getInt(BODY_OFFSET + 4) & 0xffffffffL;
        return new ExperimenterError(version, xid, expCode, experimenter,
                                     Arrays.copyOfRange(raw, DATA_OFFSET, raw.length));
    }

    /**
     * Wire version of the error message.
     *
     * @return version byte
     */
    public int version() {
        return version;
    }

    /**
     * Xid of the offending request.
     *
     * @return xid
     */
    public long xid() {
        return xid;
    }

    /**
     * Experimenter-defined error code.
     *
     * @return exp_code
     */
    public int expCode() {
        return expCode;
    }

    /**
     * Experimenter id (0x2320 Nicira, 0x4f4e4600 ONF).
     *
     * @return experimenter id
     */
    public long experimenter() {
        return experimenter;
    }

    /**
     * Whether this is a Nicira (Open vSwitch) extension error.
     *
     * @return true for experimenter 0x2320
     */
    public boolean isNicira() {
        return experimenter == OfWire.NICIRA;
    }

    /**
     * Data after the header: usually the start of the offending request.
     *
     * @return a copy of the data
     */
    public byte[] data() {
        return data.clone();
    }

    /**
     * Symbolic name, e.g. {@code NXFMFC_INVALID_TLV_FIELD}, or {@code EXPERIMENTER(0x..)/code} if unknown.
     *
     * @return name
     */
    public String name() {
        String known = isNicira() ? NiciraErrorCodes.name(expCode) : null;
        if (known != null) {
            return known;
        }
        return String.format("EXPERIMENTER(0x%x)/%d", experimenter, expCode);
    }

    /**
     * One-line description.
     *
     * @return description
     */
    public String description() {
        String d = isNicira() ? NiciraErrorCodes.description(expCode) : null;
        return d == null ? name() : name() + ": " + d;
    }

    @Override
    public String toString() {
        int n = Math.min(data.length, 32);
        return "ExperimenterError{xid=" + xid + ", " + description() + ", data="
                + BaseEncoding.base16().lowerCase().encode(data, 0, n) + (n < data.length ? "..." : "") + "}";
    }
}
