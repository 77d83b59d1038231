package org.onosdvr.runtime.cluster;

import com.google.common.collect.ImmutableMap;
import com.google.common.collect.ImmutableSet;
import org.onosproject.cluster.NodeId;
import org.onosproject.cluster.RoleInfo;
import org.onosproject.event.AbstractListenerManager;
import org.onosproject.mastership.MastershipAdminService;
import org.onosproject.mastership.MastershipEvent;
import org.onosproject.mastership.MastershipInfo;
import org.onosproject.mastership.MastershipListener;
import org.onosproject.mastership.MastershipService;
import org.onosproject.net.DeviceId;
import org.onosproject.net.MastershipRole;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

import static com.google.common.base.Preconditions.checkNotNull;

/**
 * Mastership on a single node: the local node is MASTER of every device, with no backups, in term 1.
 * {@link #requestRoleFor} records the device (listed by {@link #getDevicesOf}) and posts
 * {@code MASTER_CHANGED} the first time. Mastership cannot be handed to another node: relinquishing is a
 * no-op, and {@link #setRole} accepts only MASTER for the local node.
 */
@Component(immediate = true, service = {MastershipService.class, MastershipAdminService.class})
public class RuntimeMastershipService extends AbstractListenerManager<MastershipEvent, MastershipListener>
        implements MastershipService, MastershipAdminService {

    private static final long TERM = 1;
    private static final NodeId LOCAL = RuntimeClusterService.LOCAL_NODE.id();

    private final Set<DeviceId> devices = ConcurrentHashMap.newKeySet();

    /** Registers the event sink. */
    @Activate
    public void activate() {
        eventDispatcher.addSink(MastershipEvent.class, listenerRegistry);
    }

    /** Unregisters the event sink. */
    @Deactivate
    public void deactivate() {
        eventDispatcher.removeSink(MastershipEvent.class);
    }

    @Override
    public MastershipRole getLocalRole(DeviceId deviceId) {
        checkNotNull(deviceId, "Device id cannot be null");
        return MastershipRole.MASTER;
    }

    @Override
    public CompletableFuture<MastershipRole> requestRoleFor(DeviceId deviceId) {
        checkNotNull(deviceId, "Device id cannot be null");
        if (devices.add(deviceId)) {
            post(new MastershipEvent(MastershipEvent.Type.MASTER_CHANGED, deviceId, getMastershipFor(deviceId)));
        }
        return CompletableFuture.completedFuture(MastershipRole.MASTER);
    }

    @Override
    public CompletableFuture<Void> relinquishMastership(DeviceId deviceId) {
        checkNotNull(deviceId, "Device id cannot be null");
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public NodeId getMasterFor(DeviceId deviceId) {
        checkNotNull(deviceId, "Device id cannot be null");
        return LOCAL;
    }

    @Override
    public RoleInfo getNodesFor(DeviceId deviceId) {
        checkNotNull(deviceId, "Device id cannot be null");
        return new RoleInfo(LOCAL, List.of());
    }

    @Override
    public MastershipInfo getMastershipFor(DeviceId deviceId) {
        checkNotNull(deviceId, "Device id cannot be null");
        return new MastershipInfo(TERM, Optional.of(LOCAL), ImmutableMap.of(LOCAL, MastershipRole.MASTER));
    }

    @Override
    public Set<DeviceId> getDevicesOf(NodeId nodeId) {
        return LOCAL.equals(nodeId) ? ImmutableSet.copyOf(devices) : ImmutableSet.of();
    }

    @Override
    public CompletableFuture<Void> setRole(NodeId nodeId, DeviceId deviceId, MastershipRole role) {
        if (!LOCAL.equals(nodeId) || role != MastershipRole.MASTER) {
            return CompletableFuture.failedFuture(new IllegalArgumentException(
                    "Single-node runtime: only " + LOCAL + " can be, and always is, MASTER (requested "
                            + nodeId + " " + role + " for " + deviceId + ")"));
        }
        return requestRoleFor(deviceId).thenApply(r -> null);
    }

    @Override
    public void balanceRoles() {
        // One node: nothing to balance.
    }
}
