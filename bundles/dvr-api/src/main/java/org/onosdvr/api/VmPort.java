package org.onosdvr.api;

import com.google.common.base.MoreObjects;
import com.google.common.collect.ImmutableSortedSet;
import org.onlab.packet.IpAddress;
import org.onlab.packet.MacAddress;
import org.onosproject.net.ConnectPoint;

import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import static org.onosdvr.api.Checks.check;
import static org.onosdvr.api.Checks.ipv4;
import static org.onosdvr.api.Checks.required;
import static org.onosdvr.api.Checks.unicastMac;

/**
 * A VM port (Neutron port with a compute owner): MAC, fixed IPs, and its switch location once known.
 */
public final class VmPort {

    private final PortId id;
    private final NetworkId networkId;
    private final TenantId tenantId;
    private final String name;
    private final MacAddress mac;
    private final ImmutableSortedSet<IpAddress> fixedIps;
    private final ConnectPoint location;

    private VmPort(Builder b) {
        this.id = required(b.id, "id");
        this.networkId = required(b.networkId, "network_id");
        this.tenantId = required(b.tenantId, "tenant_id");
        this.name = b.name == null ? "" : b.name;
        this.mac = unicastMac(b.mac, "mac_address");
        required(b.fixedIps, "fixed_ips");
        b.fixedIps.forEach(ip -> ipv4(ip, "fixed_ips.ip_address"));
        this.fixedIps = ImmutableSortedSet.copyOf(b.fixedIps);
        check(!fixedIps.isEmpty(), "fixed_ips must hold at least one address");
        this.location = b.location;
    }

    public PortId id() {
        return id;
    }

    public NetworkId networkId() {
        return networkId;
    }

    public TenantId tenantId() {
        return tenantId;
    }

    public String name() {
        return name;
    }

    public MacAddress mac() {
        return mac;
    }

    /** @return fixed IPv4 addresses, sorted */
    public Set<IpAddress> fixedIps() {
        return fixedIps;
    }

    /** @return switch port the VM is attached to, if known */
    public Optional<ConnectPoint> location() {
        return Optional.ofNullable(location);
    }

    /**
     * Returns a copy at another location.
     *
     * @param newLocation new location, null if unknown
     * @return the moved port
     */
    public VmPort withLocation(ConnectPoint newLocation) {
        return toBuilder().location(newLocation).build();
    }

    public Builder toBuilder() {
        return builder().id(id).networkId(networkId).tenantId(tenantId).name(name).mac(mac)
                .fixedIps(fixedIps).location(location);
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof VmPort)) {
            return false;
        }
        VmPort p = (VmPort) o;
        return id.equals(p.id) && networkId.equals(p.networkId) && tenantId.equals(p.tenantId)
                && name.equals(p.name) && mac.equals(p.mac) && fixedIps.equals(p.fixedIps)
                && Objects.equals(location, p.location);
    }

    @Override
    public int hashCode() {
        return Objects.hash(id, networkId, tenantId, name, mac, fixedIps, location);
    }

    @Override
    public String toString() {
        return MoreObjects.toStringHelper(this).add("id", id).add("network", networkId).add("mac", mac)
                .add("ips", fixedIps).add("location", location).toString();
    }

    /** Builder of {@link VmPort}. */
    public static final class Builder {
        private PortId id;
        private NetworkId networkId;
        private TenantId tenantId;
        private String name;
        private MacAddress mac;
        private Set<IpAddress> fixedIps;
        private ConnectPoint location;

        private Builder() {
        }

        public Builder id(PortId id) {
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

        public Builder mac(MacAddress mac) {
            this.mac = mac;
            return this;
        }

        public Builder fixedIps(Set<IpAddress> fixedIps) {
            this.fixedIps = fixedIps;
            return this;
        }

        public Builder location(ConnectPoint location) {
            this.location = location;
            return this;
        }

        /**
         * @return the port
         * @throws IllegalArgumentException on a missing or invalid field
         */
        public VmPort build() {
            return new VmPort(this);
        }
    }
}
