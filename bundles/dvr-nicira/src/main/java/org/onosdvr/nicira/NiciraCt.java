package org.onosdvr.nicira;

import com.google.common.base.MoreObjects;
import org.onosproject.net.flow.instructions.ExtensionTreatment;
import org.onosproject.net.flow.instructions.ExtensionTreatmentType;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Nicira {@code ct} action ({@code NXAST_CT}): sends the packet through connection tracking.
 * <p>
 * Properties as in ONOS's driver: {@code flags} (int, {@link #FLAG_COMMIT}, {@link #FLAG_FORCE}),
 * {@code zoneSrc} (long: 0 = {@code zone} is an immediate zone id; else an NXM header the zone is read from),
 * {@code zone} (int: the zone id, or {@code ofs_nbits} when {@code zoneSrc} is set), {@code recircTable}
 * (short: table to recirculate to, {@link #RECIRC_NONE} = none), {@code alg} (int, 0 = none),
 * {@code nestedActions} ({@code List<ExtensionTreatment>}, e.g. one {@link NiciraNat}).
 * <p>
 * Example, {@code ct(commit,zone=5,nat(src=203.0.113.10),table=6)}:
 * {@code new NiciraCt(FLAG_COMMIT, 0, 5, (short) 6, 0, List.of(NiciraNat.snat(ip)))}.
 */
public final class NiciraCt extends AbstractNiciraExtension implements ExtensionTreatment {

    /** {@code NX_CT_F_COMMIT}. */
    public static final int FLAG_COMMIT = 1;
    /** {@code NX_CT_F_FORCE}. */
    public static final int FLAG_FORCE = 1 << 1;
    /** recircTable value meaning "do not recirculate". */
    public static final short RECIRC_NONE = 0xff;

    private int flags;
    private long zoneSrc;
    private int zone;
    private short recircTable;
    private int alg;
    private List<ExtensionTreatment> nestedActions;

    /** Creates {@code ct} with no flags, zone 0, no recirculation, no nested actions. */
    public NiciraCt() {
        this(0, 0L, 0, RECIRC_NONE, 0, new ArrayList<>());
    }

    /**
     * Creates a ct action.
     *
     * @param flags         {@code FLAG_*} bits
     * @param zoneSrc       0 for an immediate zone, else the NXM header of the zone source field
     * @param zone          immediate zone, or ofs_nbits of the source field
     * @param recircTable   table to recirculate to, or {@link #RECIRC_NONE}
     * @param alg           ALG port, 0 = none
     * @param nestedActions nested actions (copied)
     */
    public NiciraCt(int flags, long zoneSrc, int zone, short recircTable, int alg,
                    List<ExtensionTreatment> nestedActions) {
        this.flags = flags;
        this.zoneSrc = zoneSrc;
        this.zone = zone;
        this.recircTable = recircTable;
        this.alg = alg;
        this.nestedActions = new ArrayList<>(nestedActions);
    }

    /**
     * Returns the flags.
     *
     * @return flags
     */
    public int niciraCtFlags() {
        return flags;
    }

    /**
     * Returns the zone source field (0 = immediate zone).
     *
     * @return NXM header or 0
     */
    public long niciraCtZoneSrc() {
        return zoneSrc;
    }

    /**
     * Returns the zone (or ofs_nbits if zoneSrc is set).
     *
     * @return zone
     */
    public int niciraCtZone() {
        return zone;
    }

    /**
     * Returns the recirculation table.
     *
     * @return table, {@link #RECIRC_NONE} = none
     */
    public short niciraCtRecircTable() {
        return recircTable;
    }

    /**
     * Returns the ALG port.
     *
     * @return port, 0 = none
     */
    public int niciraCtAlg() {
        return alg;
    }

    /**
     * Returns the nested actions.
     *
     * @return the live list (as in ONOS)
     */
    public List<ExtensionTreatment> niciraCtNestActions() {
        return nestedActions;
    }

    @Override
    public ExtensionTreatmentType type() {
        return ExtensionTreatmentType.ExtensionTreatmentTypes.NICIRA_CT.type();
    }

    /**
     * {@inheritDoc}
     * Nested actions must be extensions the {@link NiciraExtensionResolver} can create.
     */
    @Override
    public byte[] serialize() {
        return encode(out -> {
            out.writeInt(flags);
            out.writeLong(zoneSrc);
            out.writeInt(zone);
            out.writeShort(recircTable);
            out.writeInt(alg);
            List<ExtensionTreatment> nested = nestedActions == null ? List.of() : nestedActions;
            out.writeInt(nested.size());
            for (ExtensionTreatment action : nested) {
                NiciraExtensionResolver.checkTreatmentType(action.type());
                byte[] bytes = action.serialize();
                out.writeInt(action.type().type());
                out.writeInt(bytes.length);
                out.write(bytes);
            }
        });
    }

    @Override
    public void deserialize(byte[] data) {
        decode(data, in -> {
            flags = in.readInt();
            zoneSrc = in.readLong();
            zone = in.readInt();
            recircTable = in.readShort();
            alg = in.readInt();
            int count = in.readInt();
            List<ExtensionTreatment> nested = new ArrayList<>();
            NiciraExtensionResolver resolver = new NiciraExtensionResolver();
            for (int i = 0; i < count; i++) {
                ExtensionTreatment action = resolver.getExtensionInstruction(new ExtensionTreatmentType(in.readInt()));
                byte[] bytes = new byte[in.readInt()];
                in.readFully(bytes);
                action.deserialize(bytes);
                nested.add(action);
            }
            nestedActions = nested;
        });
    }

    @Override
    public boolean equals(Object obj) {
        if (this == obj) {
            return true;
        }
        if (!(obj instanceof NiciraCt)) {
            return false;
        }
        NiciraCt that = (NiciraCt) obj;
        return flags == that.flags && zoneSrc == that.zoneSrc && zone == that.zone
                && recircTable == that.recircTable && alg == that.alg
                && Objects.equals(nestedActions, that.nestedActions);
    }

    @Override
    public int hashCode() {
        return Objects.hash(type(), flags, zoneSrc, zone, recircTable, alg, nestedActions);
    }

    @Override
    public String toString() {
        return MoreObjects.toStringHelper(this)
                .add("flags", flags)
                .add("zoneSrc", zoneSrc)
                .add("zone", zone)
                .add("recircTable", recircTable & 0xff)
                .add("alg", alg)
                .add("nestedActions", nestedActions)
                .toString();
    }
}
