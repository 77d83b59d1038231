package org.onosdvr.nicira;

import com.google.common.base.MoreObjects;
import org.onlab.packet.Ip4Address;
import org.onlab.packet.IpAddress;
import org.onosproject.net.flow.instructions.ExtensionTreatment;
import org.onosproject.net.flow.instructions.ExtensionTreatmentType;

import java.util.Objects;

import static com.google.common.base.Preconditions.checkNotNull;

/**
 * Sets the tunnel (VXLAN/Geneve) outer IPv4 destination: OpenFlow {@code set_field:tun_dst}.
 * <p>
 * Property {@code tunnelDst} ({@link Ip4Address}), as in ONOS's driver.
 */
public final class NiciraSetTunnelDst extends AbstractNiciraExtension implements ExtensionTreatment {

    private Ip4Address tunnelDst;

    /** Creates an instruction without destination (set {@code tunnelDst} before use). */
    public NiciraSetTunnelDst() {
        tunnelDst = null;
    }

    /**
     * Creates an instruction setting the given tunnel destination.
     *
     * @param tunnelDst tunnel destination
     */
    public NiciraSetTunnelDst(Ip4Address tunnelDst) {
        this.tunnelDst = checkNotNull(tunnelDst, "tunnelDst");
    }

    /**
     * Returns the tunnel destination.
     *
     * @return IPv4 address, or null if not set yet
     */
    public Ip4Address tunnelDst() {
        return tunnelDst;
    }

    @Override
    public ExtensionTreatmentType type() {
        return ExtensionTreatmentType.ExtensionTreatmentTypes.NICIRA_SET_TUNNEL_DST.type();
    }

    @Override
    public byte[] serialize() {
        return encode(out -> writeIp(out, tunnelDst));
    }

    @Override
    public void deserialize(byte[] data) {
        decode(data, in -> {
            IpAddress ip = readIp(in);
            tunnelDst = ip == null ? null : ip.getIp4Address();
        });
    }

    @Override
    public boolean equals(Object obj) {
        if (this == obj) {
            return true;
        }
        if (!(obj instanceof NiciraSetTunnelDst)) {
            return false;
        }
        return Objects.equals(tunnelDst, ((NiciraSetTunnelDst) obj).tunnelDst);
    }

    @Override
    public int hashCode() {
        return Objects.hash(type(), tunnelDst);
    }

    @Override
    public String toString() {
        return MoreObjects.toStringHelper(this).add("tunnelDst", tunnelDst).toString();
    }
}
