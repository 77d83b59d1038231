package org.onosdvr.api;

import com.google.common.base.MoreObjects;
import com.google.common.collect.ImmutableMap;
import org.onlab.packet.IpAddress;
import org.onlab.packet.MacAddress;
import org.onosproject.net.DeviceId;
import org.onosproject.net.PortNumber;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

import static org.onosdvr.api.Checks.check;
import static org.onosdvr.api.Checks.ipv4;
import static org.onosdvr.api.Checks.required;

/**
 * A switch (OVS br-int) taking part in the DVR: its role, tunnel endpoint, tunnel and external ports, and its
 * stable index, from which its DVR MAC is derived.
 */
public final class DvrNode {

    private final DeviceId deviceId;
    private final NodeRole role;
    private final IpAddress tunnelIp;
    private final PortNumber tunnelPort;
    private final PortNumber externalPort;
    private final int index;
    private final MacAddress dvrMac;
    private final Map<IpAddress, PortNumber> failoverPorts;

    private DvrNode(Builder b) {
        this.deviceId = required(b.deviceId, "device_id");
        this.role = required(b.role, "role");
        this.tunnelIp = ipv4(b.tunnelIp, "tunnel_ip");
        this.tunnelPort = required(b.tunnelPort, "tunnel_port");
        this.externalPort = b.externalPort;
        this.index = b.index;
        check(index >= 0 && index <= DvrMacs.MAX_INDEX, "node index must be in 0..%d (0: allocate): %d",
              DvrMacs.MAX_INDEX, index);
        this.dvrMac = index == 0 ? null
                : DvrMacs.dvrMac(b.baseMac == null ? DvrMacs.DEFAULT_BASE_MAC : b.baseMac, index);
        check(!tunnelPort.isLogical(), "tunnel_port must be a physical port number: %s", tunnelPort);
        check(externalPort == null || !externalPort.isLogical(),
              "external_port must be a physical port number: %s", externalPort);
        check(externalPort == null || !externalPort.equals(tunnelPort),
              "external_port and tunnel_port must differ");
        Map<IpAddress, PortNumber> ports = new TreeMap<>();
        b.failoverPorts.forEach((ip, port) -> {
            ipv4(ip, "failover peer");
            check(port != null && !port.isLogical() && !port.equals(tunnelPort) && !port.equals(externalPort),
                  "failover port towards %s must be a physical port other than the tunnel/external port: %s",
                  ip, port);
            check(!ip.equals(tunnelIp), "no failover port towards the node itself (%s)", ip);
            ports.put(ip, port);
        });
        this.failoverPorts = ImmutableMap.copyOf(ports);
    }

    public DeviceId deviceId() {
        return deviceId;
    }

    public NodeRole role() {
        return role;
    }

    public IpAddress tunnelIp() {
        return tunnelIp;
    }

    public PortNumber tunnelPort() {
        return tunnelPort;
    }

    /** @return port on the external network, if the node has external access */
    public Optional<PortNumber> externalPort() {
        return Optional.ofNullable(externalPort);
    }

    /**
     * BFD-monitored tunnel ports of this node, by the tunnel IP of the peer they watch
     * ({@link FailoverTunnel}): the liveness a fast-failover group bucket watches. They carry only BFD; data
     * still leaves through {@link #tunnelPort()}. Learned from the switch's port names.
     *
     * @return peer tunnel IP -> port number (sorted by IP; empty when the node has none)
     */
    public Map<IpAddress, PortNumber> failoverPorts() {
        return failoverPorts;
    }

    /**
     * @param peerTunnelIp tunnel IP of another node
     * @return the port watching that peer, if the switch has one
     */
    public Optional<PortNumber> failoverPort(IpAddress peerTunnelIp) {
        return Optional.ofNullable(failoverPorts.get(peerTunnelIp));
    }

    /** @return stable index, 0 until the admin service assigns one */
    public int index() {
        return index;
    }

    /** @return this node's unique DVR MAC (null while the index is 0) */
    public MacAddress dvrMac() {
        return dvrMac;
    }

    /**
     * Returns a builder initialised from this node (with its base MAC recovered from the DVR MAC).
     *
     * @return builder
     */
    public Builder toBuilder() {
        return builder().deviceId(deviceId).role(role).tunnelIp(tunnelIp).tunnelPort(tunnelPort)
                .externalPort(externalPort).index(index).failoverPorts(failoverPorts)
                .baseMac(dvrMac == null ? null : MacAddress.valueOf(dvrMac.toLong() - index));
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof DvrNode)) {
            return false;
        }
        DvrNode n = (DvrNode) o;
        return index == n.index && deviceId.equals(n.deviceId) && role == n.role && tunnelIp.equals(n.tunnelIp)
                && tunnelPort.equals(n.tunnelPort) && Objects.equals(externalPort, n.externalPort)
                && Objects.equals(dvrMac, n.dvrMac) && failoverPorts.equals(n.failoverPorts);
    }

    @Override
    public int hashCode() {
        return Objects.hash(deviceId, role, tunnelIp, tunnelPort, externalPort, index, dvrMac, failoverPorts);
    }

    @Override
    public String toString() {
        return MoreObjects.toStringHelper(this).add("device", deviceId).add("role", role)
                .add("tunnelIp", tunnelIp).add("tunnelPort", tunnelPort).add("externalPort", externalPort)
                .add("index", index).add("dvrMac", dvrMac).add("failoverPorts", failoverPorts).toString();
    }

    /** Builder of {@link DvrNode}. */
    public static final class Builder {
        private DeviceId deviceId;
        private NodeRole role;
        private IpAddress tunnelIp;
        private PortNumber tunnelPort;
        private PortNumber externalPort;
        private int index;
        private MacAddress baseMac;
        private Map<IpAddress, PortNumber> failoverPorts = Map.of();

        private Builder() {
        }

        public Builder deviceId(DeviceId deviceId) {
            this.deviceId = deviceId;
            return this;
        }

        public Builder role(NodeRole role) {
            this.role = role;
            return this;
        }

        public Builder tunnelIp(IpAddress tunnelIp) {
            this.tunnelIp = tunnelIp;
            return this;
        }

        public Builder tunnelPort(PortNumber tunnelPort) {
            this.tunnelPort = tunnelPort;
            return this;
        }

        public Builder externalPort(PortNumber externalPort) {
            this.externalPort = externalPort;
            return this;
        }

        public Builder index(int index) {
            this.index = index;
            return this;
        }

        /**
         * @param ports BFD-watched tunnel ports by peer tunnel IP (null: none)
         * @return this builder
         */
        public Builder failoverPorts(Map<IpAddress, PortNumber> ports) {
            this.failoverPorts = ports == null ? Map.of() : ports;
            return this;
        }

        /**
         * @param baseMac DVR base MAC (default {@link DvrMacs#DEFAULT_BASE_MAC})
         * @return this builder
         */
        public Builder baseMac(MacAddress baseMac) {
            this.baseMac = baseMac;
            return this;
        }

        /**
         * @return the node
         * @throws IllegalArgumentException on a missing or invalid field
         */
        public DvrNode build() {
            return new DvrNode(this);
        }
    }
}
