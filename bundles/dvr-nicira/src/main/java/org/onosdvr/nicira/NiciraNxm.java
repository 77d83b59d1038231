package org.onosdvr.nicira;

/**
 * NXM/OXM 32-bit field headers used by Nicira move/load actions, as raw numbers.
 * <p>
 * A header is {@code class << 16 | field << 9 | hasMask << 8 | lengthInBytes}; class 0x0000 is
 * {@code NXM_OF_*}, 0x0001 is {@code NXM_NX_*}. Field numbers and widths were checked against
 * {@code ovs-fields(7)} of Open vSwitch 3.1 (see the unit test, which recomputes each one).
 */
public final class NiciraNxm {

    /** NXM class of the {@code NXM_OF_*} fields. */
    public static final int CLASS_OF = 0x0000;
    /** NXM class of the {@code NXM_NX_*} fields. */
    public static final int CLASS_NX = 0x0001;

    /** {@code NXM_OF_IN_PORT} (in_port, 16 bits). */
    public static final int IN_PORT = header(CLASS_OF, 0, 2);
    /** {@code NXM_OF_ETH_DST} (eth_dst, 48 bits). */
    public static final int ETH_DST = header(CLASS_OF, 1, 6);
    /** {@code NXM_OF_ETH_SRC} (eth_src, 48 bits). */
    public static final int ETH_SRC = header(CLASS_OF, 2, 6);
    /** {@code NXM_OF_ETH_TYPE} (eth_type, 16 bits). */
    public static final int ETH_TYPE = header(CLASS_OF, 3, 2);
    /** {@code NXM_OF_IP_PROTO} (nw_proto, 8 bits). */
    public static final int IP_PROTO = header(CLASS_OF, 6, 1);
    /** {@code NXM_OF_IP_SRC} (ip_src / nw_src, 32 bits). */
    public static final int IP_SRC = header(CLASS_OF, 7, 4);
    /** {@code NXM_OF_IP_DST} (ip_dst / nw_dst, 32 bits). */
    public static final int IP_DST = header(CLASS_OF, 8, 4);
    /** {@code NXM_OF_ICMP_TYPE} (icmp_type, 8 bits). */
    public static final int ICMP_TYPE = header(CLASS_OF, 13, 1);
    /** {@code NXM_OF_ICMP_CODE} (icmp_code, 8 bits). */
    public static final int ICMP_CODE = header(CLASS_OF, 14, 1);
    /** {@code NXM_OF_ARP_OP} (arp_op, 16 bits). */
    public static final int ARP_OP = header(CLASS_OF, 15, 2);
    /** {@code NXM_OF_ARP_SPA} (arp_spa, 32 bits). */
    public static final int ARP_SPA = header(CLASS_OF, 16, 4);
    /** {@code NXM_OF_ARP_TPA} (arp_tpa, 32 bits). */
    public static final int ARP_TPA = header(CLASS_OF, 17, 4);

    /** {@code NXM_NX_REG0} (reg0, 32 bits); {@code regN} is {@link #reg(int)}. */
    public static final int REG0 = header(CLASS_NX, 0, 4);
    /** {@code NXM_NX_TUN_ID} (tun_id, 64 bits). */
    public static final int TUN_ID = header(CLASS_NX, 16, 8);
    /** {@code NXM_NX_ARP_SHA} (arp_sha, 48 bits). */
    public static final int ARP_SHA = header(CLASS_NX, 17, 6);
    /** {@code NXM_NX_ARP_THA} (arp_tha, 48 bits). */
    public static final int ARP_THA = header(CLASS_NX, 18, 6);
    /** {@code NXM_NX_IP_TTL} (nw_ttl, 8 bits). */
    public static final int NW_TTL = header(CLASS_NX, 29, 1);
    /** {@code NXM_NX_TUN_IPV4_SRC} (tun_src, 32 bits). */
    public static final int TUN_IPV4_SRC = header(CLASS_NX, 31, 4);
    /** {@code NXM_NX_TUN_IPV4_DST} (tun_dst, 32 bits). */
    public static final int TUN_IPV4_DST = header(CLASS_NX, 32, 4);
    /** {@code NXM_NX_CT_STATE} (ct_state, 32 bits). */
    public static final int CT_STATE = header(CLASS_NX, 105, 4);
    /** {@code NXM_NX_CT_ZONE} (ct_zone, 16 bits). */
    public static final int CT_ZONE = header(CLASS_NX, 106, 2);
    /** {@code NXM_NX_CT_MARK} (ct_mark, 32 bits). */
    public static final int CT_MARK = header(CLASS_NX, 107, 4);

    private NiciraNxm() {
    }

    /**
     * Builds an unmasked NXM header.
     *
     * @param nxmClass NXM class (0 or 1)
     * @param field    field number within the class (0..127)
     * @param length   field length in bytes (1..255)
     * @return the 32-bit header
     */
    public static int header(int nxmClass, int field, int length) {
        if (nxmClass < 0 || nxmClass > 0xffff || field < 0 || field > 0x7f || length < 1 || length > 0xff) {
            throw new IllegalArgumentException("bad NXM header: class " + nxmClass + " field " + field
                    + " length " + length);
        }
        return (nxmClass << 16) | (field << 9) | length;
    }

    /**
     * Returns the header of {@code NXM_NX_REGn}.
     *
     * @param n register number 0..15
     * @return the 32-bit header
     */
    public static int reg(int n) {
        if (n < 0 || n > 15) {
            throw new IllegalArgumentException("register must be 0..15: " + n);
        }
        return header(CLASS_NX, n, 4);
    }

    /**
     * Returns the width in bits of the field of a header.
     *
     * @param header NXM header (unmasked)
     * @return field width in bits
     */
    public static int bits(int header) {
        return (header & 0xff) * 8;
    }

    /**
     * Encodes the {@code ofs_nbits} of a load action: {@code ofs << 6 | (nBits - 1)}.
     *
     * @param ofs   first bit written (0 = least significant)
     * @param nBits number of bits written (1..64)
     * @return ofs_nbits value
     */
    public static int ofsNbits(int ofs, int nBits) {
        if (ofs < 0 || nBits < 1 || nBits > 64 || ofs + nBits > 1024) {
            throw new IllegalArgumentException("bad ofs/nbits: " + ofs + "/" + nBits);
        }
        return (ofs << 6) | (nBits - 1);
    }

    /**
     * Returns a readable name of the fields declared here, for messages.
     *
     * @param header NXM header
     * @return name such as {@code NXM_OF_ETH_SRC}, or the header in hex
     */
    public static String name(int header) {
        switch (header) {
            case 0x00000002: return "NXM_OF_IN_PORT";
            case 0x00000206: return "NXM_OF_ETH_DST";
            case 0x00000406: return "NXM_OF_ETH_SRC";
            case 0x00000602: return "NXM_OF_ETH_TYPE";
            case 0x00000c01: return "NXM_OF_IP_PROTO";
            case 0x00000e04: return "NXM_OF_IP_SRC";
            case 0x00001004: return "NXM_OF_IP_DST";
            case 0x00001a01: return "NXM_OF_ICMP_TYPE";
            case 0x00001c01: return "NXM_OF_ICMP_CODE";
            case 0x00001e02: return "NXM_OF_ARP_OP";
            case 0x00002004: return "NXM_OF_ARP_SPA";
            case 0x00002204: return "NXM_OF_ARP_TPA";
            case 0x00012008: return "NXM_NX_TUN_ID";
            case 0x00012206: return "NXM_NX_ARP_SHA";
            case 0x00012406: return "NXM_NX_ARP_THA";
            case 0x00013a01: return "NXM_NX_IP_TTL";
            case 0x00013e04: return "NXM_NX_TUN_IPV4_SRC";
            case 0x00014004: return "NXM_NX_TUN_IPV4_DST";
            case 0x0001d204: return "NXM_NX_CT_STATE";
            case 0x0001d402: return "NXM_NX_CT_ZONE";
            case 0x0001d604: return "NXM_NX_CT_MARK";
            default:
                if ((header >>> 16) == CLASS_NX && (header & 0x1ff) == 4 && ((header >> 9) & 0x7f) < 16) {
                    return "NXM_NX_REG" + ((header >> 9) & 0x7f);
                }
                return String.format("NXM 0x%08x", header);
        }
    }
}
