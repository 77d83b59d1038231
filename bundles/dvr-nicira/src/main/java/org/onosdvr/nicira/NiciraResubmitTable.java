package org.onosdvr.nicira;

import com.google.common.base.MoreObjects;
import org.onosproject.net.PortNumber;
import org.onosproject.net.flow.instructions.ExtensionTreatment;
import org.onosproject.net.flow.instructions.ExtensionTreatmentType;

import java.util.Objects;

import static com.google.common.base.Preconditions.checkNotNull;

/**
 * Nicira {@code resubmit(in_port,table)} action ({@code NXAST_RESUBMIT_TABLE}).
 * <p>
 * Properties as in ONOS's driver: {@code inPort} ({@link PortNumber}; {@link #IN_PORT_KEEP} = 0xfff8 keeps the
 * packet's in_port) and {@code table} (short; -1 = 255 = the current table).
 */
public final class NiciraResubmitTable extends AbstractNiciraExtension implements ExtensionTreatment {

    /** The in_port value meaning "keep the packet's in_port" (OFPP_IN_PORT of OpenFlow 1.0). */
    public static final PortNumber IN_PORT_KEEP = PortNumber.portNumber(0xfff8);

    private PortNumber inPort;
    private short table;

    /** Creates a resubmit to the current table keeping in_port. */
    public NiciraResubmitTable() {
        this(IN_PORT_KEEP, (short) -1);
    }

    /**
     * Creates a resubmit to a table keeping in_port.
     *
     * @param table table id 0..254
     */
    public NiciraResubmitTable(short table) {
        this(IN_PORT_KEEP, table);
    }

    /**
     * Creates a resubmit.
     *
     * @param inPort in_port to use while resubmitting
     * @param table  table id
     */
    public NiciraResubmitTable(PortNumber inPort, short table) {
        this.inPort = checkNotNull(inPort, "inPort");
        this.table = table;
    }

    /**
     * Returns the in_port used while resubmitting.
     *
     * @return port
     */
    public PortNumber inPort() {
        return inPort;
    }

    /**
     * Returns the table id.
     *
     * @return table (as a signed short; 255 is -1)
     */
    public short table() {
        return table;
    }

    @Override
    public ExtensionTreatmentType type() {
        return ExtensionTreatmentType.ExtensionTreatmentTypes.NICIRA_RESUBMIT_TABLE.type();
    }

    @Override
    public byte[] serialize() {
        return encode(out -> {
            out.writeLong(inPort.toLong());
            out.writeShort(table);
        });
    }

    @Override
    public void deserialize(byte[] data) {
        decode(data, in -> {
            inPort = PortNumber.portNumber(in.readLong());
            table = in.readShort();
        });
    }

    @Override
    public boolean equals(Object obj) {
        if (this == obj) {
            return true;
        }
        if (!(obj instanceof NiciraResubmitTable)) {
            return false;
        }
        NiciraResubmitTable that = (NiciraResubmitTable) obj;
        return table == that.table && Objects.equals(inPort, that.inPort);
    }

    @Override
    public int hashCode() {
        return Objects.hash(type(), inPort, table);
    }

    @Override
    public String toString() {
        return MoreObjects.toStringHelper(this).add("inPort", inPort).add("table", table & 0xff).toString();
    }
}
