package org.onosdvr.nicira;

import com.google.common.base.MoreObjects;
import org.onosproject.net.flow.criteria.ExtensionSelector;
import org.onosproject.net.flow.criteria.ExtensionSelectorType;

import java.util.Objects;

/**
 * Match on {@code ct_mark} with a mask. Properties as in ONOS's driver: {@code ctMark}, {@code ctMarkMask}
 * (long; the field is 32 bits wide, a mask of {@code ~0L} means exact).
 */
public final class NiciraMatchCtMark extends AbstractNiciraExtension implements ExtensionSelector {

    private long ctMark;
    private long ctMarkMask;

    /** Creates a selector for mark 0, exact. */
    public NiciraMatchCtMark() {
        this(0L, ~0L);
    }

    /**
     * Creates an exact selector.
     *
     * @param ctMark mark
     */
    public NiciraMatchCtMark(long ctMark) {
        this(ctMark, ~0L);
    }

    /**
     * Creates a masked selector.
     *
     * @param ctMark     mark
     * @param ctMarkMask mask
     */
    public NiciraMatchCtMark(long ctMark, long ctMarkMask) {
        this.ctMark = ctMark;
        this.ctMarkMask = ctMarkMask;
    }

    /**
     * Returns the mark.
     *
     * @return mark
     */
    public long ctMark() {
        return ctMark;
    }

    /**
     * Returns the mask.
     *
     * @return mask
     */
    public long ctMarkMask() {
        return ctMarkMask;
    }

    @Override
    public ExtensionSelectorType type() {
        return ExtensionSelectorType.ExtensionSelectorTypes.NICIRA_MATCH_CONNTRACK_MARK.type();
    }

    @Override
    public byte[] serialize() {
        return encode(out -> {
            out.writeLong(ctMark);
            out.writeLong(ctMarkMask);
        });
    }

    @Override
    public void deserialize(byte[] data) {
        decode(data, in -> {
            ctMark = in.readLong();
            ctMarkMask = in.readLong();
        });
    }

    @Override
    public boolean equals(Object obj) {
        if (this == obj) {
            return true;
        }
        if (!(obj instanceof NiciraMatchCtMark)) {
            return false;
        }
        NiciraMatchCtMark that = (NiciraMatchCtMark) obj;
        return ctMark == that.ctMark && ctMarkMask == that.ctMarkMask;
    }

    @Override
    public int hashCode() {
        return Objects.hash(type(), ctMark, ctMarkMask);
    }

    @Override
    public String toString() {
        return MoreObjects.toStringHelper(this)
                .add("ctMark", "0x" + Long.toHexString(ctMark))
                .add("ctMarkMask", "0x" + Long.toHexString(ctMarkMask))
                .toString();
    }
}
