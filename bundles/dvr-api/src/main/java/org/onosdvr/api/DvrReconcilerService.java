package org.onosdvr.api;

import org.onosproject.net.DeviceId;
import org.onosproject.net.flow.FlowEntry;
import org.onosproject.net.group.Group;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * The flow reconciler: per device, what the DVR wants installed, what is installed (this application's rules
 * only), how they differ, and on-demand synchronisation. Used by the {@code dvr-sync}, {@code dvr-flows} and
 * {@code dvr-verify} commands and the REST API.
 */
public interface DvrReconcilerService {

    /**
     * Returns the rules the current state compiles to for a device, with their provenance.
     *
     * @param deviceId device
     * @return desired rules in the compiler's order (empty for a device that is no DVR node)
     */
    List<DesiredFlow> desired(DeviceId deviceId);

    /**
     * Returns this application's rules as ONOS currently holds them for a device.
     *
     * @param deviceId device
     * @return installed entries
     */
    Collection<FlowEntry> installed(DeviceId deviceId);

    /**
     * Returns the groups the current state compiles to for a device (SNAT fast-failover groups).
     *
     * @param deviceId device
     * @return desired groups in id order
     */
    default List<DesiredGroup> desiredGroups(DeviceId deviceId) {
        return List.of();
    }

    /**
     * Returns this application's groups as ONOS currently holds them for a device.
     *
     * @param deviceId device
     * @return installed groups
     */
    default Collection<Group> installedGroups(DeviceId deviceId) {
        return List.of();
    }

    /**
     * Compares desired and installed rules of a device without changing anything.
     *
     * @param deviceId device
     * @return what a synchronisation would remove and add
     */
    FlowDiff diff(DeviceId deviceId);

    /**
     * Synchronises one device now (on the reconciler's thread).
     *
     * @param deviceId device
     * @return its status once done
     */
    CompletableFuture<DeviceSyncStatus> sync(DeviceId deviceId);

    /**
     * Synchronises every known device now.
     *
     * @return status per device once done
     */
    CompletableFuture<Map<DeviceId, DeviceSyncStatus>> syncAll();

    /**
     * Returns the status of every device the reconciler knows.
     *
     * @return status per device
     */
    Map<DeviceId, DeviceSyncStatus> status();
}
