package org.onosdvr.api;

import com.google.common.base.MoreObjects;
import org.onlab.packet.IpAddress;
import org.onlab.packet.MacAddress;

import java.util.Objects;

import static org.onosdvr.api.Checks.ipv4;
import static org.onosdvr.api.Checks.required;
import static org.onosdvr.api.Checks.unicastMac;

/**
 * A router's external gateway (Neutron {@code external_gateway_info}): its address on an external network, used
 * as the source of default SNAT, and the router's external MAC (identical on the primary and backup gateways).
 */
public final class ExternalGateway {

    private final NetworkId networkId;
    private final SubnetId subnetId;
    private final IpAddress externalIp;
    private final boolean enableSnat;
    private final MacAddress mac;

    /**
     * Creates an external gateway.
     *
     * @param networkId  external network
     * @param subnetId   external subnet
     * @param externalIp router address on it
     * @param enableSnat whether VMs without a floating IP get default SNAT
     * @param mac        router's external MAC, null to let the admin service allocate one
     */
    public ExternalGateway(NetworkId networkId, SubnetId subnetId, IpAddress externalIp, boolean enableSnat,
                           MacAddress mac) {
        this.networkId = required(networkId, "external_gateway_info.network_id");
        this.subnetId = required(subnetId, "external_gateway_info.external_fixed_ips.subnet_id");
        this.externalIp = ipv4(externalIp, "external_gateway_info.external_fixed_ips.ip_address");
        this.enableSnat = enableSnat;
        this.mac = mac == null ? null : unicastMac(mac, "external_gateway_info.mac_address");
    }

    public NetworkId networkId() {
        return networkId;
    }

    public SubnetId subnetId() {
        return subnetId;
    }

    public IpAddress externalIp() {
        return externalIp;
    }

    public boolean enableSnat() {
        return enableSnat;
    }

    /** @return router's external MAC, null if not allocated yet */
    public MacAddress mac() {
        return mac;
    }

    /**
     * Returns a copy with another MAC.
     *
     * @param newMac MAC
     * @return copy
     */
    public ExternalGateway withMac(MacAddress newMac) {
        return new ExternalGateway(networkId, subnetId, externalIp, enableSnat, newMac);
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof ExternalGateway)) {
            return false;
        }
        ExternalGateway g = (ExternalGateway) o;
        return enableSnat == g.enableSnat && networkId.equals(g.networkId) && subnetId.equals(g.subnetId)
                && externalIp.equals(g.externalIp) && Objects.equals(mac, g.mac);
    }

    @Override
    public int hashCode() {
        return Objects.hash(networkId, subnetId, externalIp, enableSnat, mac);
    }

    @Override
    public String toString() {
        return MoreObjects.toStringHelper(this).add("network", networkId).add("subnet", subnetId)
                .add("ip", externalIp).add("snat", enableSnat).add("mac", mac).toString();
    }
}
