package org.onosdvr.nicira;

import com.google.common.base.MoreObjects;
import org.onosproject.net.flow.instructions.ExtensionPropertyException;
import org.onosproject.net.flow.instructions.ExtensionTreatment;
import org.onosproject.net.flow.instructions.ExtensionTreatmentType;
import org.onosproject.net.flow.instructions.ExtensionTreatmentType.ExtensionTreatmentTypes;

import java.util.Objects;

/**
 * Nicira {@code move} action ({@code NXAST_REG_MOVE}): copies {@code nBits} bits from field {@code src} at
 * bit {@code srcOfs} to field {@code dst} at bit {@code dstOfs}.
 * <p>
 * One class serves every fixed move type ({@code NICIRA_MOV_ETH_SRC_TO_DST}, {@code NICIRA_MOV_ARP_SHA_TO_THA},
 * {@code NICIRA_MOV_ARP_SPA_TO_TPA}, {@code NICIRA_MOV_IP_SRC_TO_DST}), like ONOS's
 * {@code DefaultMoveExtensionTreatment}: properties {@code srcOfs}, {@code dstOfs}, {@code nBits}, {@code src},
 * {@code dst} (int, raw NXM headers for src/dst) and {@code type} are readable; they are fixed by the type,
 * so writing them is refused.
 */
public final class NiciraMove extends AbstractNiciraExtension implements ExtensionTreatment {

    private int srcOfs;
    private int dstOfs;
    private int nBits;
    private int src;
    private int dst;
    private ExtensionTreatmentType type;

    private NiciraMove(int srcOfs, int dstOfs, int nBits, int src, int dst, ExtensionTreatmentType type) {
        this.srcOfs = srcOfs;
        this.dstOfs = dstOfs;
        this.nBits = nBits;
        this.src = src;
        this.dst = dst;
        this.type = type;
    }

    /**
     * Move eth_src to eth_dst (48 bits).
     *
     * @return a new move treatment
     */
    public static NiciraMove ethSrcToDst() {
        return new NiciraMove(0, 0, 48, NiciraNxm.ETH_SRC, NiciraNxm.ETH_DST,
                ExtensionTreatmentTypes.NICIRA_MOV_ETH_SRC_TO_DST.type());
    }

    /**
     * Move arp_sha to arp_tha (48 bits).
     *
     * @return a new move treatment
     */
    public static NiciraMove arpShaToTha() {
        return new NiciraMove(0, 0, 48, NiciraNxm.ARP_SHA, NiciraNxm.ARP_THA,
                ExtensionTreatmentTypes.NICIRA_MOV_ARP_SHA_TO_THA.type());
    }

    /**
     * Move arp_spa to arp_tpa (32 bits).
     *
     * @return a new move treatment
     */
    public static NiciraMove arpSpaToTpa() {
        return new NiciraMove(0, 0, 32, NiciraNxm.ARP_SPA, NiciraNxm.ARP_TPA,
                ExtensionTreatmentTypes.NICIRA_MOV_ARP_SPA_TO_TPA.type());
    }

    /**
     * Move ip_src to ip_dst (32 bits).
     *
     * @return a new move treatment
     */
    public static NiciraMove ipSrcToDst() {
        return new NiciraMove(0, 0, 32, NiciraNxm.IP_SRC, NiciraNxm.IP_DST,
                ExtensionTreatmentTypes.NICIRA_MOV_IP_SRC_TO_DST.type());
    }

    /**
     * Returns the move of a given type.
     *
     * @param type one of the four move types
     * @return a new move treatment
     * @throws IllegalArgumentException if the type is not a move we know
     */
    public static NiciraMove of(ExtensionTreatmentType type) {
        if (ExtensionTreatmentTypes.NICIRA_MOV_ETH_SRC_TO_DST.type().equals(type)) {
            return ethSrcToDst();
        }
        if (ExtensionTreatmentTypes.NICIRA_MOV_ARP_SHA_TO_THA.type().equals(type)) {
            return arpShaToTha();
        }
        if (ExtensionTreatmentTypes.NICIRA_MOV_ARP_SPA_TO_TPA.type().equals(type)) {
            return arpSpaToTpa();
        }
        if (ExtensionTreatmentTypes.NICIRA_MOV_IP_SRC_TO_DST.type().equals(type)) {
            return ipSrcToDst();
        }
        throw new IllegalArgumentException("not a supported Nicira move type: " + type);
    }

    /**
     * Returns the source bit offset.
     *
     * @return offset
     */
    public int srcOffset() {
        return srcOfs;
    }

    /**
     * Returns the destination bit offset.
     *
     * @return offset
     */
    public int dstOffset() {
        return dstOfs;
    }

    /**
     * Returns the number of bits moved.
     *
     * @return bit count
     */
    public int nBits() {
        return nBits;
    }

    /**
     * Returns the source field as a raw NXM header.
     *
     * @return header, see {@link NiciraNxm}
     */
    public int src() {
        return src;
    }

    /**
     * Returns the destination field as a raw NXM header.
     *
     * @return header, see {@link NiciraNxm}
     */
    public int dst() {
        return dst;
    }

    @Override
    public ExtensionTreatmentType type() {
        return type;
    }

    @Override
    public <T> void setPropertyValue(String key, T value) throws ExtensionPropertyException {
        throw new ExtensionPropertyException("property " + key + " of a Nicira move is fixed by its type "
                + type + " and read-only");
    }

    @Override
    public byte[] serialize() {
        return encode(out -> {
            out.writeInt(type.type());
            out.writeInt(srcOfs);
            out.writeInt(dstOfs);
            out.writeInt(nBits);
            out.writeInt(src);
            out.writeInt(dst);
        });
    }

    @Override
    public void deserialize(byte[] data) {
        decode(data, in -> {
            type = new ExtensionTreatmentType(in.readInt());
            srcOfs = in.readInt();
            dstOfs = in.readInt();
            nBits = in.readInt();
            src = in.readInt();
            dst = in.readInt();
        });
    }

    @Override
    public boolean equals(Object obj) {
        if (this == obj) {
            return true;
        }
        if (!(obj instanceof NiciraMove)) {
            return false;
        }
        NiciraMove that = (NiciraMove) obj;
        return srcOfs == that.srcOfs && dstOfs == that.dstOfs && nBits == that.nBits
                && src == that.src && dst == that.dst && Objects.equals(type, that.type);
    }

    @Override
    public int hashCode() {
        return Objects.hash(type, srcOfs, dstOfs, nBits, src, dst);
    }

    @Override
    public String toString() {
        return MoreObjects.toStringHelper(this)
                .add("type", type)
                .add("src", NiciraNxm.name(src))
                .add("srcOfs", srcOfs)
                .add("dst", NiciraNxm.name(dst))
                .add("dstOfs", dstOfs)
                .add("nBits", nBits)
                .toString();
    }
}
