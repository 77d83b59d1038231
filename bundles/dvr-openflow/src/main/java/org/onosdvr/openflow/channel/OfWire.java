package org.onosdvr.openflow.channel;

/**
 * Offsets and constants of the OpenFlow header, for code that looks at raw frames.
 */
final class OfWire {

    /** OpenFlow 1.3 wire version. */
    static final int OF13 = 0x04;
    /** Header length: version(1) type(1) length(2) xid(4). */
    static final int HEADER_LEN = 8;
    /** Largest OpenFlow message (16-bit length). */
    static final int MAX_LEN = 0xffff;
    /** Offset of the length field. */
    static final int LENGTH_OFFSET = 2;
    /** Offset of the xid. */
    static final int XID_OFFSET = 4;
    /** Message type ERROR. */
    static final int TYPE_ERROR = 1;
    /** Error type EXPERIMENTER (OpenFlow 1.2+). */
    static final int ERROR_TYPE_EXPERIMENTER = 0xffff;
    /** Nicira experimenter id. */
    static final long NICIRA = 0x00002320L;
    /** ONF experimenter id. */
    static final long ONF = 0x4f4e4600L;

    private OfWire() {
    }
}
