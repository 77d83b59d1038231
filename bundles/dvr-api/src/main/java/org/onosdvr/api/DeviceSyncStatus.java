package org.onosdvr.api;

import com.google.common.base.MoreObjects;
import org.onosproject.net.DeviceId;

import java.util.Optional;

/**
 * What the reconciler last did on a device.
 */
public final class DeviceSyncStatus {

    /** Outcome of the last synchronisation attempt. */
    public enum State {
        /** Never synchronised. */
        NEVER,
        /** Desired rules were installed (operations submitted, or nothing to do). */
        IN_SYNC,
        /** Skipped: another cluster member is master of the device. */
        NOT_MASTER,
        /** Skipped: the device is not available. */
        UNAVAILABLE,
        /** The last attempt failed (see {@link #lastError()}). */
        FAILED
    }

    private final DeviceId deviceId;
    private final State state;
    private final int desired;
    private final int installed;
    private final int added;
    private final int removed;
    private final int modified;
    private final long lastSyncMillis;
    private final long syncCount;
    private final String lastError;

    /**
     * Creates a status.
     *
     * @param deviceId       device
     * @param state          outcome of the last attempt
     * @param desired        desired rules at the last attempt
     * @param installed      installed rules at the last attempt (before changes)
     * @param added          rules added by the last attempt
     * @param removed        rules removed by the last attempt
     * @param modified       rules modified by the last attempt
     * @param lastSyncMillis wall-clock time of the last attempt, 0 if never
     * @param syncCount      attempts so far
     * @param lastError      error of the last failed attempt, null if none
     */
    public DeviceSyncStatus(DeviceId deviceId, State state, int desired, int installed, int added, int removed,
                            int modified, long lastSyncMillis, long syncCount, String lastError) {
        this.deviceId = deviceId;
        this.state = state;
        this.desired = desired;
        this.installed = installed;
        this.added = added;
        this.removed = removed;
        this.modified = modified;
        this.lastSyncMillis = lastSyncMillis;
        this.syncCount = syncCount;
        this.lastError = lastError;
    }

    /** @return device */
    public DeviceId deviceId() {
        return deviceId;
    }

    /** @return outcome of the last attempt */
    public State state() {
        return state;
    }

    /** @return desired rules at the last attempt */
    public int desired() {
        return desired;
    }

    /** @return installed rules at the last attempt, before its changes */
    public int installed() {
        return installed;
    }

    /** @return rules added by the last attempt */
    public int added() {
        return added;
    }

    /** @return rules removed by the last attempt */
    public int removed() {
        return removed;
    }

    /** @return rules modified by the last attempt */
    public int modified() {
        return modified;
    }

    /** @return time of the last attempt (ms since the epoch), 0 if never */
    public long lastSyncMillis() {
        return lastSyncMillis;
    }

    /** @return number of attempts */
    public long syncCount() {
        return syncCount;
    }

    /** @return error of the last failed attempt */
    public Optional<String> lastError() {
        return Optional.ofNullable(lastError);
    }

    @Override
    public String toString() {
        return MoreObjects.toStringHelper(this).add("device", deviceId).add("state", state)
                .add("desired", desired).add("installed", installed).add("added", added).add("removed", removed)
                .add("modified", modified).add("lastSync", lastSyncMillis).add("syncs", syncCount)
                .add("error", lastError).toString();
    }
}
