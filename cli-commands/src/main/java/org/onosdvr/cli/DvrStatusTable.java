package org.onosdvr.cli;

import org.onosdvr.api.DeviceSyncStatus;

import java.time.Instant;

/**
 * The table of reconciler statuses printed by {@code dvr-sync}.
 */
final class DvrStatusTable {

    private DvrStatusTable() {
    }

    /**
     * @param statuses statuses
     * @return table: device, state, desired, installed, added, removed, modified, last sync, error
     */
    static Table of(Iterable<DeviceSyncStatus> statuses) {
        Table t = new Table("device", "state", "desired", "installed", "added", "removed", "modified",
                            "last_sync", "error");
        for (DeviceSyncStatus s : statuses) {
            t.row(s.deviceId(), s.state(), s.desired(), s.installed(), s.added(), s.removed(), s.modified(),
                  s.lastSyncMillis() > 0 ? Instant.ofEpochMilli(s.lastSyncMillis()) : null,
                  s.lastError().orElse(null));
        }
        return t;
    }
}
