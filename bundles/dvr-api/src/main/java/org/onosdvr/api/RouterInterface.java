package org.onosdvr.api;

import com.google.common.base.MoreObjects;
import org.onlab.packet.MacAddress;

import java.util.Objects;

import static org.onosdvr.api.Checks.required;
import static org.onosdvr.api.Checks.unicastMac;

/**
 * A router's interface on a subnet: the subnet's gateway IP with a gateway MAC, the same on every node.
 */
public final class RouterInterface {

    private final RouterId routerId;
    private final SubnetId subnetId;
    private final MacAddress mac;

    /**
     * Creates a router interface.
     *
     * @param routerId router
     * @param subnetId attached subnet
     * @param mac      gateway MAC of the interface, null to let the admin service allocate one
     */
    public RouterInterface(RouterId routerId, SubnetId subnetId, MacAddress mac) {
        this.routerId = required(routerId, "router_id");
        this.subnetId = required(subnetId, "subnet_id");
        this.mac = mac == null ? null : unicastMac(mac, "mac_address");
    }

    public RouterId routerId() {
        return routerId;
    }

    public SubnetId subnetId() {
        return subnetId;
    }

    public MacAddress mac() {
        return mac;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof RouterInterface)) {
            return false;
        }
        RouterInterface i = (RouterInterface) o;
        return routerId.equals(i.routerId) && subnetId.equals(i.subnetId) && Objects.equals(mac, i.mac);
    }

    @Override
    public int hashCode() {
        return Objects.hash(routerId, subnetId, mac);
    }

    @Override
    public String toString() {
        return MoreObjects.toStringHelper(this).add("router", routerId).add("subnet", subnetId).add("mac", mac)
                .toString();
    }
}
