package org.onosdvr.nicira;

import org.onosproject.net.flow.instructions.ExtensionTreatment;
import org.onosproject.net.flow.instructions.ExtensionTreatmentType;

/**
 * Nicira {@code ct_clear} action: forgets the conntrack state of the packet. No properties.
 */
public final class NiciraCtClear extends AbstractNiciraExtension implements ExtensionTreatment {

    /** Creates the action. */
    public NiciraCtClear() {
    }

    @Override
    public ExtensionTreatmentType type() {
        return ExtensionTreatmentType.ExtensionTreatmentTypes.NICIRA_CT_CLEAR.type();
    }

    @Override
    public byte[] serialize() {
        return new byte[0];
    }

    @Override
    public void deserialize(byte[] data) {
        decode(data, in -> { });
    }

    @Override
    public boolean equals(Object obj) {
        return obj instanceof NiciraCtClear;
    }

    @Override
    public int hashCode() {
        return type().hashCode();
    }

    @Override
    public String toString() {
        return "NiciraCtClear{}";
    }
}
