package org.onosdvr.api;

import com.google.common.base.MoreObjects;
import com.google.common.collect.ImmutableList;
import org.onosproject.net.DeviceId;

import java.util.List;
import java.util.Objects;

import static org.onosdvr.api.Checks.check;
import static org.onosdvr.api.Checks.required;

/**
 * Which gateway node does a router's default SNAT (and hosts a legacy router), with ordered backups.
 */
public final class GatewayAssignment {

    private final RouterId routerId;
    private final DeviceId primary;
    private final ImmutableList<DeviceId> backups;

    /**
     * Creates an assignment.
     *
     * @param routerId router
     * @param primary  active gateway node
     * @param backups  standby gateway nodes in failover order (without the primary)
     */
    public GatewayAssignment(RouterId routerId, DeviceId primary, List<DeviceId> backups) {
        this.routerId = required(routerId, "router_id");
        this.primary = required(primary, "primary");
        this.backups = ImmutableList.copyOf(required(backups, "backups"));
        check(!this.backups.contains(primary), "a backup gateway equals the primary: %s", primary);
    }

    public RouterId routerId() {
        return routerId;
    }

    public DeviceId primary() {
        return primary;
    }

    public List<DeviceId> backups() {
        return backups;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof GatewayAssignment)) {
            return false;
        }
        GatewayAssignment a = (GatewayAssignment) o;
        return routerId.equals(a.routerId) && primary.equals(a.primary) && backups.equals(a.backups);
    }

    @Override
    public int hashCode() {
        return Objects.hash(routerId, primary, backups);
    }

    @Override
    public String toString() {
        return MoreObjects.toStringHelper(this).add("router", routerId).add("primary", primary)
                .add("backups", backups).toString();
    }
}
