package org.onosdvr.nicira;

import com.google.common.base.MoreObjects;
import org.onosproject.net.flow.criteria.ExtensionSelector;
import org.onosproject.net.flow.criteria.ExtensionSelectorType;

import java.util.Objects;

/**
 * Exact match on {@code ct_zone}. Property as in ONOS's driver: {@code ctZone} (int, 0..65535).
 */
public final class NiciraMatchCtZone extends AbstractNiciraExtension implements ExtensionSelector {

    private int ctZone;

    /** Creates a selector for zone 0. */
    public NiciraMatchCtZone() {
        this(0);
    }

    /**
     * Creates a selector.
     *
     * @param ctZone zone
     */
    public NiciraMatchCtZone(int ctZone) {
        this.ctZone = ctZone;
    }

    /**
     * Returns the zone.
     *
     * @return zone
     */
    public int ctZone() {
        return ctZone;
    }

    @Override
    public ExtensionSelectorType type() {
        return ExtensionSelectorType.ExtensionSelectorTypes.NICIRA_MATCH_CONNTRACK_ZONE.type();
    }

    @Override
    public byte[] serialize() {
        return encode(out -> out.writeInt(ctZone));
    }

    @Override
    public void deserialize(byte[] data) {
        decode(data, in -> ctZone = in.readInt());
    }

    @Override
    public boolean equals(Object obj) {
        return this == obj || obj instanceof NiciraMatchCtZone && ctZone == ((NiciraMatchCtZone) obj).ctZone;
    }

    @Override
    public int hashCode() {
        return Objects.hash(type(), ctZone);
    }

    @Override
    public String toString() {
        return MoreObjects.toStringHelper(this).add("ctZone", ctZone).toString();
    }
}
