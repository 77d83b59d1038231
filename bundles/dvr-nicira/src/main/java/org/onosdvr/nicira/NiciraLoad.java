package org.onosdvr.nicira;

import com.google.common.base.MoreObjects;
import org.onosproject.net.flow.instructions.ExtensionTreatment;
import org.onosproject.net.flow.instructions.ExtensionTreatmentType;

import java.util.Objects;

/**
 * Nicira {@code load} action ({@code NXAST_REG_LOAD}): writes {@code value} into bits of field {@code dst}.
 * <p>
 * Properties as in ONOS's driver: {@code ofsNbits} (int, {@code ofs << 6 | (nBits - 1)}, see
 * {@link NiciraNxm#ofsNbits(int, int)}), {@code dst} (long, raw NXM header, see {@link NiciraNxm}),
 * {@code value} (long).
 */
public final class NiciraLoad extends AbstractNiciraExtension implements ExtensionTreatment {

    private int ofsNbits;
    private long dst;
    private long value;

    /** Creates an empty load (set the properties before use). */
    public NiciraLoad() {
    }

    /**
     * Creates a load.
     *
     * @param ofsNbits offset and bit count, see {@link NiciraNxm#ofsNbits(int, int)}
     * @param dst      destination field NXM header
     * @param value    value to write
     */
    public NiciraLoad(int ofsNbits, long dst, long value) {
        this.ofsNbits = ofsNbits;
        this.dst = dst;
        this.value = value;
    }

    /**
     * Loads a whole field: e.g. {@code fullField(NiciraNxm.ARP_OP, 2)} is {@code load:2->NXM_OF_ARP_OP[]}.
     *
     * @param header field NXM header
     * @param value  value
     * @return a new load
     */
    public static NiciraLoad fullField(int header, long value) {
        return new NiciraLoad(NiciraNxm.ofsNbits(0, NiciraNxm.bits(header)), header & 0xffffffffL, value);
    }

    /**
     * Returns the encoded offset and bit count.
     *
     * @return ofs_nbits
     */
    public int ofsNbits() {
        return ofsNbits;
    }

    /**
     * Returns the destination field.
     *
     * @return NXM header
     */
    public long dst() {
        return dst;
    }

    /**
     * Returns the value written.
     *
     * @return value
     */
    public long value() {
        return value;
    }

    @Override
    public ExtensionTreatmentType type() {
        return ExtensionTreatmentType.ExtensionTreatmentTypes.NICIRA_LOAD.type();
    }

    @Override
    public byte[] serialize() {
        return encode(out -> {
            out.writeInt(ofsNbits);
            out.writeLong(dst);
            out.writeLong(value);
        });
    }

    @Override
    public void deserialize(byte[] data) {
        decode(data, in -> {
            ofsNbits = in.readInt();
            dst = in.readLong();
            value = in.readLong();
        });
    }

    @Override
    public boolean equals(Object obj) {
        if (this == obj) {
            return true;
        }
        if (!(obj instanceof NiciraLoad)) {
            return false;
        }
        NiciraLoad that = (NiciraLoad) obj;
        return ofsNbits == that.ofsNbits && dst == that.dst && value == that.value;
    }

    @Override
    public int hashCode() {
        return Objects.hash(type(), ofsNbits, dst, value);
    }

    @Override
    public String toString() {
        return MoreObjects.toStringHelper(this)
                .add("ofsNbits", ofsNbits)
                .add("dst", NiciraNxm.name((int) dst))
                .add("value", value)
                .toString();
    }
}
