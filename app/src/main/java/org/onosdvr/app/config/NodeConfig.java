package org.onosdvr.app.config;

import com.google.common.base.MoreObjects;
import org.onlab.packet.IpAddress;
import org.onosdvr.api.NodeRole;
import org.onosproject.net.DeviceId;
import org.onosproject.net.PortNumber;

import java.util.Objects;
import java.util.Optional;

/**
 * One entry of the {@code nodes} list of {@link DvrConfig}: what the operator says about a switch. Ports may be
 * left out (the tunnel port is then learned from the switch's port names); index 0 lets the admin service
 * allocate one.
 */
public final class NodeConfig {

    private final DeviceId deviceId;
    private final NodeRole role;
    private final IpAddress tunnelIp;
    private final PortNumber tunnelPort;
    private final PortNumber externalPort;
    private final int index;

    /**
     * Creates a node entry.
     *
     * @param deviceId     switch
     * @param role         role
     * @param tunnelIp     tunnel endpoint address
     * @param tunnelPort   tunnel port, null to learn it
     * @param externalPort external port, null if none
     * @param index        node index, 0 to allocate
     */
    public NodeConfig(DeviceId deviceId, NodeRole role, IpAddress tunnelIp, PortNumber tunnelPort,
                      PortNumber externalPort, int index) {
        this.deviceId = deviceId;
        this.role = role;
        this.tunnelIp = tunnelIp;
        this.tunnelPort = tunnelPort;
        this.externalPort = externalPort;
        this.index = index;
    }

    /** @return switch */
    public DeviceId deviceId() {
        return deviceId;
    }

    /** @return role */
    public NodeRole role() {
        return role;
    }

    /** @return tunnel endpoint address */
    public IpAddress tunnelIp() {
        return tunnelIp;
    }

    /** @return configured tunnel port */
    public Optional<PortNumber> tunnelPort() {
        return Optional.ofNullable(tunnelPort);
    }

    /** @return configured external port */
    public Optional<PortNumber> externalPort() {
        return Optional.ofNullable(externalPort);
    }

    /** @return configured index, 0 if none */
    public int index() {
        return index;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof NodeConfig)) {
            return false;
        }
        NodeConfig n = (NodeConfig) o;
        return index == n.index && deviceId.equals(n.deviceId) && role == n.role && tunnelIp.equals(n.tunnelIp)
                && Objects.equals(tunnelPort, n.tunnelPort) && Objects.equals(externalPort, n.externalPort);
    }

    @Override
    public int hashCode() {
        return Objects.hash(deviceId, role, tunnelIp, tunnelPort, externalPort, index);
    }

    @Override
    public String toString() {
        return MoreObjects.toStringHelper(this).add("device", deviceId).add("role", role)
                .add("tunnelIp", tunnelIp).add("tunnelPort", tunnelPort).add("externalPort", externalPort)
                .add("index", index).toString();
    }
}
