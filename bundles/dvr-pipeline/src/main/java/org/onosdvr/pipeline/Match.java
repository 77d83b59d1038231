package org.onosdvr.pipeline;

import org.onlab.packet.EthType;
import org.onlab.packet.Ip4Address;
import org.onlab.packet.IpAddress;
import org.onlab.packet.IpPrefix;
import org.onlab.packet.MacAddress;
import org.onlab.packet.TpPort;
import org.onlab.packet.VlanId;
import org.onosproject.net.PortNumber;
import org.onosproject.net.flow.DefaultTrafficSelector;
import org.onosproject.net.flow.TrafficSelector;
import org.onosproject.net.flow.criteria.Criterion;

import java.util.Arrays;

/**
 * The match of a compiled rule in a compact, device-independent form: one {@code long} per field, fields in a
 * fixed order. Immutable, with a precomputed hash; equal matches of different devices are one object when the
 * compiler shares them. {@link #selector()} gives the ONOS selector (made once, then kept).
 * <p>
 * The hash ({@link #stableHash()}) depends only on the field values, never on object identity or JVM run: the
 * rule cookies ({@link DvrFlowBuilder#cookie}) are derived from it.
 * </p>
 */
final class Match {

    /** The fields, in encoding order; each maps to the ONOS criterion type it is matched with. */
    enum Field {
        IN_PORT(Criterion.Type.IN_PORT),
        METADATA(Criterion.Type.METADATA),
        TUNNEL_ID(Criterion.Type.TUNNEL_ID),
        ETH_SRC(Criterion.Type.ETH_SRC),
        ETH_SRC_MASKED(Criterion.Type.ETH_SRC_MASKED),
        ETH_DST(Criterion.Type.ETH_DST),
        ETH_DST_MASKED(Criterion.Type.ETH_DST_MASKED),
        ETH_TYPE(Criterion.Type.ETH_TYPE),
        IP_PROTO(Criterion.Type.IP_PROTO),
        IPV4_SRC(Criterion.Type.IPV4_SRC),
        IPV4_DST(Criterion.Type.IPV4_DST),
        ARP_OP(Criterion.Type.ARP_OP),
        ARP_SPA(Criterion.Type.ARP_SPA),
        ARP_TPA(Criterion.Type.ARP_TPA),
        ARP_SHA(Criterion.Type.ARP_SHA),
        ICMPV4_TYPE(Criterion.Type.ICMPV4_TYPE),
        UDP_DST(Criterion.Type.UDP_DST),
        /** Last, so adding it left the encoding (and the cookies) of the rules without it unchanged. */
        VLAN_VID(Criterion.Type.VLAN_VID);

        private final Criterion.Type type;

        Field(Criterion.Type type) {
            this.type = type;
        }

        /** @return the ONOS criterion type */
        Criterion.Type type() {
            return type;
        }

        /** @return true for the masked MAC fields, which take a second value (the mask) */
        boolean masked() {
            return this == ETH_SRC_MASKED || this == ETH_DST_MASKED;
        }

        int bit() {
            return 1 << ordinal();
        }
    }

    private static final Field[] FIELDS = Field.values();

    /** @return the fields in encoding order (a shared array: do not modify) */
    static Field[] fields() {
        return FIELDS;
    }
    private static final Match EMPTY = new Match(0, new long[0]);

    /** Bit per present {@link Field}. */
    private final int present;
    /** Values of the present fields in field order; a masked field is followed by its mask. */
    private final long[] values;
    private final int hash;
    /** The ONOS selector, made when first asked for. */
    private volatile TrafficSelector selector;

    private Match(int present, long[] values) {
        this.present = present;
        this.values = values;
        this.hash = (int) StableHash.mix(StableHash.mix(present, values));
    }

    /**
     * @param ip IPv4 address
     * @return its 32 bits, unsigned (without the two objects {@code getIp4Address().toInt()} makes)
     * @throws IllegalStateException if it is not IPv4 (the DVR pipeline is IPv4 only)
     */
    static long ip4Bits(IpAddress ip) {
        if (!ip.isIp4()) {
            throw new IllegalStateException("the DVR pipeline is IPv4 only: " + ip);
        }
        byte[] o = ip.toOctets();
        return ((o[0] & 0xffL) << 24) | ((o[1] & 0xffL) << 16) | ((o[2] & 0xffL) << 8) | (o[3] & 0xffL);
    }

    /** @return the match-all */
    static Match empty() {
        return EMPTY;
    }

    /** @return a new builder */
    static Builder builder() {
        return new Builder();
    }

    /**
     * @param f field
     * @return true if the field is matched
     */
    boolean has(Field f) {
        return (present & f.bit()) != 0;
    }

    /**
     * @param f field
     * @return its value (the value part of a masked field)
     * @throws IllegalArgumentException if it is not matched
     */
    long get(Field f) {
        if (!has(f)) {
            throw new IllegalArgumentException(f + " is not matched");
        }
        return values[slot(f)];
    }

    private int slot(Field f) {
        int slot = 0;
        for (Field x : FIELDS) {
            if (x == f) {
                return slot;
            }
            if (has(x)) {
                slot += x.masked() ? 2 : 1;
            }
        }
        throw new AssertionError(f);
    }

    /** @return the number of matched fields */
    int size() {
        return Integer.bitCount(present);
    }

    /** @return a hash of the field values that is the same in every JVM run */
    long stableHash() {
        return StableHash.mix(present, values);
    }

    /** @return the ONOS selector with the same criteria */
    TrafficSelector selector() {
        TrafficSelector s = selector;
        if (s == null) {
            s = toSelector();
            selector = s;   // benign race: equal selectors
        }
        return s;
    }

    private TrafficSelector toSelector() {
        TrafficSelector.Builder b = DefaultTrafficSelector.builder();
        int slot = 0;
        for (Field f : FIELDS) {
            if (!has(f)) {
                continue;
            }
            long v = values[slot++];
            switch (f) {
                case IN_PORT:
                    b.matchInPort(PortNumber.portNumber(v));
                    break;
                case METADATA:
                    b.matchMetadata(v);
                    break;
                case TUNNEL_ID:
                    b.matchTunnelId(v);
                    break;
                case ETH_SRC:
                    b.matchEthSrc(MacAddress.valueOf(v));
                    break;
                case ETH_SRC_MASKED:
                    b.matchEthSrcMasked(MacAddress.valueOf(v), MacAddress.valueOf(values[slot++]));
                    break;
                case ETH_DST:
                    b.matchEthDst(MacAddress.valueOf(v));
                    break;
                case ETH_DST_MASKED:
                    b.matchEthDstMasked(MacAddress.valueOf(v), MacAddress.valueOf(values[slot++]));
                    break;
                case ETH_TYPE:
                    b.matchEthType((short) v);
                    break;
                case IP_PROTO:
                    b.matchIPProtocol((byte) v);
                    break;
                case IPV4_SRC:
                    b.matchIPSrc(prefix(v));
                    break;
                case IPV4_DST:
                    b.matchIPDst(prefix(v));
                    break;
                case ARP_OP:
                    b.matchArpOp((int) v);
                    break;
                case ARP_SPA:
                    b.matchArpSpa(Ip4Address.valueOf((int) v));
                    break;
                case ARP_TPA:
                    b.matchArpTpa(Ip4Address.valueOf((int) v));
                    break;
                case ARP_SHA:
                    b.matchArpSha(MacAddress.valueOf(v));
                    break;
                case ICMPV4_TYPE:
                    b.matchIcmpType((byte) v);
                    break;
                case UDP_DST:
                    b.matchUdpDst(TpPort.tpPort((int) v));
                    break;
                case VLAN_VID:
                    b.matchVlanId(VlanId.vlanId((short) v));
                    break;
                default:
                    throw new AssertionError(f);
            }
        }
        return b.build();
    }

    private static IpPrefix prefix(long v) {
        return IpPrefix.valueOf(Ip4Address.valueOf((int) (v >>> 8)), (int) (v & 0xff));
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof Match)) {
            return false;
        }
        Match m = (Match) o;
        return hash == m.hash && present == m.present && Arrays.equals(values, m.values);
    }

    @Override
    public int hashCode() {
        return hash;
    }

    @Override
    public String toString() {
        return selector().criteria().toString();
    }

    /**
     * Builds a match; the method names are those of ONOS's {@code TrafficSelector.Builder}. Setting a field twice
     * keeps the last value, as ONOS does.
     */
    static final class Builder {
        private static final int INITIAL = 6;
        private int present;
        /** Fields set, in setting order (a field set again keeps its first slot). */
        private byte[] fields = new byte[INITIAL];
        private long[] values = new long[INITIAL];
        private long ethSrcMask;
        private long ethDstMask;
        private int size;

        private Builder() {
        }

        private Builder set(Field f, long v) {
            return set(f, v, 0);
        }

        private Builder set(Field f, long v, long mask) {
            int i = 0;
            while (i < size && fields[i] != f.ordinal()) {
                i++;
            }
            if (i == size) {
                if (size == fields.length) {
                    fields = java.util.Arrays.copyOf(fields, size * 2);
                    values = java.util.Arrays.copyOf(values, size * 2);
                }
                fields[size++] = (byte) f.ordinal();
            }
            present |= f.bit();
            values[i] = v;
            if (f == Field.ETH_SRC_MASKED) {
                ethSrcMask = mask;
            } else if (f == Field.ETH_DST_MASKED) {
                ethDstMask = mask;
            }
            return this;
        }

        Builder matchInPort(PortNumber port) {
            return set(Field.IN_PORT, port.toLong());
        }

        Builder matchMetadata(long metadata) {
            return set(Field.METADATA, metadata);
        }

        Builder matchTunnelId(long tunnelId) {
            return set(Field.TUNNEL_ID, tunnelId);
        }

        Builder matchEthSrc(MacAddress mac) {
            return set(Field.ETH_SRC, mac.toLong());
        }

        Builder matchEthSrcMasked(MacAddress mac, MacAddress mask) {
            return set(Field.ETH_SRC_MASKED, mac.toLong(), mask.toLong());
        }

        Builder matchEthDst(MacAddress mac) {
            return set(Field.ETH_DST, mac.toLong());
        }

        Builder matchEthDstMasked(MacAddress mac, MacAddress mask) {
            return set(Field.ETH_DST_MASKED, mac.toLong(), mask.toLong());
        }

        Builder matchEthType(short ethType) {
            return set(Field.ETH_TYPE, ethType & 0xffff);
        }

        Builder matchEthType(EthType.EtherType ethType) {
            return matchEthType(ethType.ethType().toShort());
        }

        Builder matchIPProtocol(byte proto) {
            return set(Field.IP_PROTO, proto & 0xff);
        }

        Builder matchIPSrc(IpPrefix prefix) {
            return set(Field.IPV4_SRC, encode(prefix));
        }

        Builder matchIPDst(IpPrefix prefix) {
            return set(Field.IPV4_DST, encode(prefix));
        }

        Builder matchArpOp(int op) {
            return set(Field.ARP_OP, op);
        }

        Builder matchArpSpa(Ip4Address ip) {
            return set(Field.ARP_SPA, ip4Bits(ip));
        }

        Builder matchArpTpa(Ip4Address ip) {
            return set(Field.ARP_TPA, ip4Bits(ip));
        }

        Builder matchArpSha(MacAddress mac) {
            return set(Field.ARP_SHA, mac.toLong());
        }

        Builder matchIcmpType(byte type) {
            return set(Field.ICMPV4_TYPE, type & 0xff);
        }

        Builder matchUdpDst(TpPort port) {
            return set(Field.UDP_DST, port.toInt());
        }

        Builder matchVlanId(VlanId vlan) {
            return set(Field.VLAN_VID, vlan.toShort() & 0xffff);
        }

        private static long encode(IpPrefix p) {
            if (!p.isIp4()) {
                throw new IllegalStateException("the DVR pipeline is IPv4 only: " + p);
            }
            return (ip4Bits(p.address()) << 8) | p.prefixLength();
        }

        Match build() {
            if (present == 0) {
                return EMPTY;
            }
            int n = 0;
            for (int i = 0; i < size; i++) {
                n += FIELDS[fields[i]].masked() ? 2 : 1;
            }
            long[] out = new long[n];
            int slot = 0;
            for (Field f : FIELDS) {
                if ((present & f.bit()) == 0) {
                    continue;
                }
                int i = 0;
                while (fields[i] != f.ordinal()) {
                    i++;
                }
                out[slot++] = values[i];
                if (f.masked()) {
                    out[slot++] = f == Field.ETH_SRC_MASKED ? ethSrcMask : ethDstMask;
                }
            }
            return new Match(present, out);
        }
    }
}
