package org.onosdvr.nicira;

import com.google.common.base.MoreObjects;
import org.onlab.packet.IpAddress;
import org.onosproject.net.flow.instructions.ExtensionTreatment;
import org.onosproject.net.flow.instructions.ExtensionTreatmentType;

import java.util.Objects;

/**
 * Nicira {@code nat} action ({@code NXAST_NAT}); only meaningful nested in a {@link NiciraCt}.
 * <p>
 * Properties as in ONOS's driver: {@code flags} (int, {@code FLAG_*} bits), {@code presentFlags} (int,
 * {@code RANGE_*} bits saying which of the range fields are present), {@code portMin}, {@code portMax} (int),
 * {@code ipAddressMin}, {@code ipAddressMax} ({@link IpAddress}). The bit values are the OVS wire values.
 * An all-zero nat (no flags) is {@code nat} alone: it applies the NAT of an existing connection (un-SNAT).
 */
public final class NiciraNat extends AbstractNiciraExtension implements ExtensionTreatment {

    /** {@code NX_NAT_F_SRC}: source NAT. */
    public static final int FLAG_SRC = 1;
    /** {@code NX_NAT_F_DST}: destination NAT. */
    public static final int FLAG_DST = 1 << 1;
    /** {@code NX_NAT_F_PERSISTENT}. */
    public static final int FLAG_PERSISTENT = 1 << 2;
    /** {@code NX_NAT_F_PROTO_HASH}. */
    public static final int FLAG_PROTO_HASH = 1 << 3;
    /** {@code NX_NAT_F_PROTO_RANDOM}. */
    public static final int FLAG_PROTO_RANDOM = 1 << 4;

    /** {@code NX_NAT_RANGE_IPV4_MIN}: {@code ipAddressMin} is present (IPv4). */
    public static final int RANGE_IPV4_MIN = 1;
    /** {@code NX_NAT_RANGE_IPV4_MAX}: {@code ipAddressMax} is present (IPv4). */
    public static final int RANGE_IPV4_MAX = 1 << 1;
    /** {@code NX_NAT_RANGE_IPV6_MIN}. */
    public static final int RANGE_IPV6_MIN = 1 << 2;
    /** {@code NX_NAT_RANGE_IPV6_MAX}. */
    public static final int RANGE_IPV6_MAX = 1 << 3;
    /** {@code NX_NAT_RANGE_PROTO_MIN}: {@code portMin} is present. */
    public static final int RANGE_PROTO_MIN = 1 << 4;
    /** {@code NX_NAT_RANGE_PROTO_MAX}: {@code portMax} is present. */
    public static final int RANGE_PROTO_MAX = 1 << 5;

    private int flags;
    private int presentFlags;
    private int portMin;
    private int portMax;
    private IpAddress ipAddressMin;
    private IpAddress ipAddressMax;

    /** Creates a plain {@code nat} (no flags, no range). */
    public NiciraNat() {
        this(0, 0, 0, 0, IpAddress.valueOf(0), IpAddress.valueOf(0));
    }

    /**
     * Creates a nat action.
     *
     * @param flags        {@code FLAG_*} bits
     * @param presentFlags {@code RANGE_*} bits
     * @param portMin      minimum L4 port
     * @param portMax      maximum L4 port
     * @param ipAddressMin minimum address
     * @param ipAddressMax maximum address
     */
    public NiciraNat(int flags, int presentFlags, int portMin, int portMax,
                     IpAddress ipAddressMin, IpAddress ipAddressMax) {
        this.flags = flags;
        this.presentFlags = presentFlags;
        this.portMin = portMin;
        this.portMax = portMax;
        this.ipAddressMin = ipAddressMin;
        this.ipAddressMax = ipAddressMax;
    }

    /**
     * Source NAT to one IPv4 address: {@code nat(src=ip)}.
     *
     * @param ip the translated source address
     * @return a new nat action
     */
    public static NiciraNat snat(IpAddress ip) {
        return new NiciraNat(FLAG_SRC, RANGE_IPV4_MIN, 0, 0, ip, IpAddress.valueOf(0));
    }

    /**
     * Destination NAT to one IPv4 address: {@code nat(dst=ip)}.
     *
     * @param ip the translated destination address
     * @return a new nat action
     */
    public static NiciraNat dnat(IpAddress ip) {
        return new NiciraNat(FLAG_DST, RANGE_IPV4_MIN, 0, 0, ip, IpAddress.valueOf(0));
    }

    /**
     * Returns the flags.
     *
     * @return {@code FLAG_*} bits
     */
    public int niciraNatFlags() {
        return flags;
    }

    /**
     * Returns which range fields are present.
     *
     * @return {@code RANGE_*} bits
     */
    public int niciraNatPresentFlags() {
        return presentFlags;
    }

    /**
     * Returns the minimum port.
     *
     * @return port
     */
    public int niciraNatPortMin() {
        return portMin;
    }

    /**
     * Returns the maximum port.
     *
     * @return port
     */
    public int niciraNatPortMax() {
        return portMax;
    }

    /**
     * Returns the minimum address.
     *
     * @return address
     */
    public IpAddress niciraNatIpAddressMin() {
        return ipAddressMin;
    }

    /**
     * Returns the maximum address.
     *
     * @return address
     */
    public IpAddress niciraNatIpAddressMax() {
        return ipAddressMax;
    }

    @Override
    public ExtensionTreatmentType type() {
        return ExtensionTreatmentType.ExtensionTreatmentTypes.NICIRA_NAT.type();
    }

    @Override
    public byte[] serialize() {
        return encode(out -> {
            out.writeInt(flags);
            out.writeInt(presentFlags);
            out.writeInt(portMin);
            out.writeInt(portMax);
            writeIp(out, ipAddressMin);
            writeIp(out, ipAddressMax);
        });
    }

    @Override
    public void deserialize(byte[] data) {
        decode(data, in -> {
            flags = in.readInt();
            presentFlags = in.readInt();
            portMin = in.readInt();
            portMax = in.readInt();
            ipAddressMin = readIp(in);
            ipAddressMax = readIp(in);
        });
    }

    @Override
    public boolean equals(Object obj) {
        if (this == obj) {
            return true;
        }
        if (!(obj instanceof NiciraNat)) {
            return false;
        }
        NiciraNat that = (NiciraNat) obj;
        return flags == that.flags && presentFlags == that.presentFlags
                && portMin == that.portMin && portMax == that.portMax
                && Objects.equals(ipAddressMin, that.ipAddressMin)
                && Objects.equals(ipAddressMax, that.ipAddressMax);
    }

    @Override
    public int hashCode() {
        return Objects.hash(type(), flags, presentFlags, portMin, portMax, ipAddressMin, ipAddressMax);
    }

    @Override
    public String toString() {
        return MoreObjects.toStringHelper(this)
                .add("flags", flags)
                .add("presentFlags", presentFlags)
                .add("portMin", portMin)
                .add("portMax", portMax)
                .add("ipAddressMin", ipAddressMin)
                .add("ipAddressMax", ipAddressMax)
                .toString();
    }
}
