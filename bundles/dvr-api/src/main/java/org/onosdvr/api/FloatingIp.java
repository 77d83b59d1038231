package org.onosdvr.api;

import com.google.common.base.MoreObjects;
import org.onlab.packet.IpAddress;

import java.util.Objects;
import java.util.Optional;

import static org.onosdvr.api.Checks.check;
import static org.onosdvr.api.Checks.ipv4;
import static org.onosdvr.api.Checks.required;

/**
 * A floating IP: an address of an external network, optionally associated 1:1 with a VM port's fixed IP
 * (through the router that connects the port's subnet to that external network).
 */
public final class FloatingIp {

    private final FloatingIpId id;
    private final TenantId tenantId;
    private final NetworkId floatingNetworkId;
    private final IpAddress floatingIp;
    private final PortId portId;
    private final IpAddress fixedIp;
    private final RouterId routerId;

    private FloatingIp(Builder b) {
        this.id = required(b.id, "id");
        this.tenantId = required(b.tenantId, "tenant_id");
        this.floatingNetworkId = required(b.floatingNetworkId, "floating_network_id");
        this.floatingIp = ipv4(b.floatingIp, "floating_ip_address");
        this.portId = b.portId;
        this.fixedIp = b.fixedIp == null ? null : ipv4(b.fixedIp, "fixed_ip_address");
        this.routerId = b.routerId;
        check(portId != null || (fixedIp == null && routerId == null),
              "fixed_ip_address and router_id need a port_id");
    }

    public FloatingIpId id() {
        return id;
    }

    public TenantId tenantId() {
        return tenantId;
    }

    public NetworkId floatingNetworkId() {
        return floatingNetworkId;
    }

    public IpAddress floatingIp() {
        return floatingIp;
    }

    public Optional<PortId> portId() {
        return Optional.ofNullable(portId);
    }

    public Optional<IpAddress> fixedIp() {
        return Optional.ofNullable(fixedIp);
    }

    public Optional<RouterId> routerId() {
        return Optional.ofNullable(routerId);
    }

    /** @return true if associated with a port */
    public boolean associated() {
        return portId != null;
    }

    public Builder toBuilder() {
        return builder().id(id).tenantId(tenantId).floatingNetworkId(floatingNetworkId).floatingIp(floatingIp)
                .portId(portId).fixedIp(fixedIp).routerId(routerId);
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof FloatingIp)) {
            return false;
        }
        FloatingIp f = (FloatingIp) o;
        return id.equals(f.id) && tenantId.equals(f.tenantId) && floatingNetworkId.equals(f.floatingNetworkId)
                && floatingIp.equals(f.floatingIp) && Objects.equals(portId, f.portId)
                && Objects.equals(fixedIp, f.fixedIp) && Objects.equals(routerId, f.routerId);
    }

    @Override
    public int hashCode() {
        return Objects.hash(id, tenantId, floatingNetworkId, floatingIp, portId, fixedIp, routerId);
    }

    @Override
    public String toString() {
        return MoreObjects.toStringHelper(this).add("id", id).add("ip", floatingIp).add("port", portId)
                .add("fixedIp", fixedIp).add("router", routerId).toString();
    }

    /** Builder of {@link FloatingIp}. */
    public static final class Builder {
        private FloatingIpId id;
        private TenantId tenantId;
        private NetworkId floatingNetworkId;
        private IpAddress floatingIp;
        private PortId portId;
        private IpAddress fixedIp;
        private RouterId routerId;

        private Builder() {
        }

        public Builder id(FloatingIpId id) {
            this.id = id;
            return this;
        }

        public Builder tenantId(TenantId tenantId) {
            this.tenantId = tenantId;
            return this;
        }

        public Builder floatingNetworkId(NetworkId floatingNetworkId) {
            this.floatingNetworkId = floatingNetworkId;
            return this;
        }

        public Builder floatingIp(IpAddress floatingIp) {
            this.floatingIp = floatingIp;
            return this;
        }

        public Builder portId(PortId portId) {
            this.portId = portId;
            return this;
        }

        public Builder fixedIp(IpAddress fixedIp) {
            this.fixedIp = fixedIp;
            return this;
        }

        public Builder routerId(RouterId routerId) {
            this.routerId = routerId;
            return this;
        }

        /**
         * @return the floating IP
         * @throws IllegalArgumentException on a missing or invalid field
         */
        public FloatingIp build() {
            return new FloatingIp(this);
        }
    }
}
