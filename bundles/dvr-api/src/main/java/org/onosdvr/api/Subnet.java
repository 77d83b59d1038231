package org.onosdvr.api;

import com.google.common.base.MoreObjects;
import org.onlab.packet.IpAddress;
import org.onlab.packet.IpPrefix;

import java.util.Objects;

import static org.onosdvr.api.Checks.check;
import static org.onosdvr.api.Checks.ipv4;
import static org.onosdvr.api.Checks.required;

/**
 * An IPv4 subnet of a network, with its gateway address (the router interface IP when attached to a router).
 */
public final class Subnet {

    private final SubnetId id;
    private final NetworkId networkId;
    private final TenantId tenantId;
    private final String name;
    private final IpPrefix cidr;
    private final IpAddress gatewayIp;

    private Subnet(Builder b) {
        this.id = required(b.id, "id");
        this.networkId = required(b.networkId, "network_id");
        this.tenantId = required(b.tenantId, "tenant_id");
        this.name = b.name == null ? "" : b.name;
        this.cidr = ipv4(b.cidr, "cidr");
        this.gatewayIp = ipv4(b.gatewayIp, "gateway_ip");
        check(cidr.prefixLength() >= 1 && cidr.prefixLength() <= 30,
              "cidr prefix length must be in 1..30: %s", cidr);
        check(cidr.contains(gatewayIp), "gateway_ip %s is outside cidr %s", gatewayIp, cidr);
        check(isHostAddress(gatewayIp), "gateway_ip %s is the network or broadcast address of %s",
              gatewayIp, cidr);
    }

    /**
     * Tells whether an address is a usable host address of this subnet (inside, not network or broadcast).
     *
     * @param ip address
     * @return true if a host of this subnet may use it
     */
    public boolean isHostAddress(IpAddress ip) {
        if (!ip.isIp4() || !cidr.contains(ip)) {
            return false;
        }
        int hostBits = 32 - cidr.prefixLength();
        int host = ip.getIp4Address().toInt() & (int) ((1L << hostBits) - 1);
        return host != 0 && host != (int) ((1L << hostBits) - 1);
    }

    /** @return subnet id */
    public SubnetId id() {
        return id;
    }

    /** @return network the subnet belongs to */
    public NetworkId networkId() {
        return networkId;
    }

    /** @return owning tenant */
    public TenantId tenantId() {
        return tenantId;
    }

    /** @return display name */
    public String name() {
        return name;
    }

    /** @return IPv4 prefix */
    public IpPrefix cidr() {
        return cidr;
    }

    /** @return gateway address */
    public IpAddress gatewayIp() {
        return gatewayIp;
    }

    /** @return a builder initialised from this subnet */
    public Builder toBuilder() {
        return builder().id(id).networkId(networkId).tenantId(tenantId).name(name).cidr(cidr)
                .gatewayIp(gatewayIp);
    }

    /** @return a new builder */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof Subnet)) {
            return false;
        }
        Subnet s = (Subnet) o;
        return id.equals(s.id) && networkId.equals(s.networkId) && tenantId.equals(s.tenantId)
                && name.equals(s.name) && cidr.equals(s.cidr) && gatewayIp.equals(s.gatewayIp);
    }

    @Override
    public int hashCode() {
        return Objects.hash(id, networkId, tenantId, name, cidr, gatewayIp);
    }

    @Override
    public String toString() {
        return MoreObjects.toStringHelper(this).add("id", id).add("network", networkId).add("cidr", cidr)
                .add("gateway", gatewayIp).toString();
    }

    /** Builder of {@link Subnet}. */
    public static final class Builder {
        private SubnetId id;
        private NetworkId networkId;
        private TenantId tenantId;
        private String name;
        private IpPrefix cidr;
        private IpAddress gatewayIp;

        private Builder() {
        }

        public Builder id(SubnetId id) {
            this.id = id;
            return this;
        }

        public Builder networkId(NetworkId networkId) {
            this.networkId = networkId;
            return this;
        }

        public Builder tenantId(TenantId tenantId) {
            this.tenantId = tenantId;
            return this;
        }

        public Builder name(String name) {
            this.name = name;
            return this;
        }

        public Builder cidr(IpPrefix cidr) {
            this.cidr = cidr;
            return this;
        }

        public Builder gatewayIp(IpAddress gatewayIp) {
            this.gatewayIp = gatewayIp;
            return this;
        }

        /**
         * @return the subnet
         * @throws IllegalArgumentException on a missing or invalid field
         */
        public Subnet build() {
            return new Subnet(this);
        }
    }
}
