package org.onosdvr.nicira;

import com.google.common.base.MoreObjects;
import org.onosproject.net.flow.criteria.ExtensionSelector;
import org.onosproject.net.flow.criteria.ExtensionSelectorType;

import java.util.Objects;

/**
 * Match on {@code ct_state} with a mask.
 * <p>
 * Properties as in ONOS's driver: {@code ctState}, {@code ctStateMask} (long, {@code STATE_*} bits).
 * Example {@code ct_state=+trk+est}: {@code new NiciraMatchCtState(TRK | EST, TRK | EST)}.
 */
public final class NiciraMatchCtState extends AbstractNiciraExtension implements ExtensionSelector {

    /** {@code +new}. */
    public static final long NEW = 0x01;
    /** {@code +est}. */
    public static final long EST = 0x02;
    /** {@code +rel}. */
    public static final long REL = 0x04;
    /** {@code +rpl}. */
    public static final long RPL = 0x08;
    /** {@code +inv}. */
    public static final long INV = 0x10;
    /** {@code +trk}. */
    public static final long TRK = 0x20;
    /** {@code +snat}. */
    public static final long SNAT = 0x40;
    /** {@code +dnat}. */
    public static final long DNAT = 0x80;

    private long ctState;
    private long ctStateMask;

    /** Creates a selector for state 0 with a full mask. */
    public NiciraMatchCtState() {
        this(0L, ~0L);
    }

    /**
     * Creates a selector.
     *
     * @param ctState     state bits that must be set
     * @param ctStateMask bits that are compared
     */
    public NiciraMatchCtState(long ctState, long ctStateMask) {
        this.ctState = ctState;
        this.ctStateMask = ctStateMask;
    }

    /**
     * Returns the state.
     *
     * @return state bits
     */
    public long ctState() {
        return ctState;
    }

    /**
     * Returns the mask.
     *
     * @return mask bits
     */
    public long ctStateMask() {
        return ctStateMask;
    }

    @Override
    public ExtensionSelectorType type() {
        return ExtensionSelectorType.ExtensionSelectorTypes.NICIRA_MATCH_CONNTRACK_STATE.type();
    }

    @Override
    public byte[] serialize() {
        return encode(out -> {
            out.writeLong(ctState);
            out.writeLong(ctStateMask);
        });
    }

    @Override
    public void deserialize(byte[] data) {
        decode(data, in -> {
            ctState = in.readLong();
            ctStateMask = in.readLong();
        });
    }

    @Override
    public boolean equals(Object obj) {
        if (this == obj) {
            return true;
        }
        if (!(obj instanceof NiciraMatchCtState)) {
            return false;
        }
        NiciraMatchCtState that = (NiciraMatchCtState) obj;
        return ctState == that.ctState && ctStateMask == that.ctStateMask;
    }

    @Override
    public int hashCode() {
        return Objects.hash(type(), ctState, ctStateMask);
    }

    @Override
    public String toString() {
        return MoreObjects.toStringHelper(this)
                .add("ctState", "0x" + Long.toHexString(ctState))
                .add("ctStateMask", "0x" + Long.toHexString(ctStateMask))
                .toString();
    }
}
