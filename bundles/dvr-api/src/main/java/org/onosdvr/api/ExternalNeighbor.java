package org.onosdvr.api;

import com.google.common.base.MoreObjects;
import org.onlab.packet.IpAddress;
import org.onlab.packet.MacAddress;

import java.util.Objects;

import static org.onosdvr.api.Checks.ipv4;
import static org.onosdvr.api.Checks.required;
import static org.onosdvr.api.Checks.unicastMac;

/**
 * A host or next hop on an external network whose MAC is known (learned from ARP or configured): where
 * floating-IP and SNAT traffic is sent on the external port.
 */
public final class ExternalNeighbor {

    private final NetworkId networkId;
    private final IpAddress ip;
    private final MacAddress mac;

    /**
     * Creates a neighbor.
     *
     * @param networkId external network
     * @param ip        its address
     * @param mac       its MAC
     */
    public ExternalNeighbor(NetworkId networkId, IpAddress ip, MacAddress mac) {
        this.networkId = required(networkId, "network_id");
        this.ip = ipv4(ip, "ip_address");
        this.mac = unicastMac(mac, "mac_address");
    }

    public NetworkId networkId() {
        return networkId;
    }

    public IpAddress ip() {
        return ip;
    }

    public MacAddress mac() {
        return mac;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof ExternalNeighbor)) {
            return false;
        }
        ExternalNeighbor n = (ExternalNeighbor) o;
        return networkId.equals(n.networkId) && ip.equals(n.ip) && mac.equals(n.mac);
    }

    @Override
    public int hashCode() {
        return Objects.hash(networkId, ip, mac);
    }

    @Override
    public String toString() {
        return MoreObjects.toStringHelper(this).add("network", networkId).add("ip", ip).add("mac", mac)
                .toString();
    }
}
