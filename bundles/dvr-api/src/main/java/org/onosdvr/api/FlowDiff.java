package org.onosdvr.api;

import com.google.common.base.MoreObjects;
import com.google.common.collect.ImmutableList;
import org.onosproject.net.DeviceId;
import org.onosproject.net.flow.FlowEntry;
import org.onosproject.net.flow.FlowRule;

import java.util.List;

/**
 * The difference between the desired and installed rules of one device: installed rules that no desired rule
 * matches exactly (to remove), desired rules that are not installed (to add), and desired rules that replace an
 * installed rule with the same match, priority and table but another treatment (to modify in place).
 */
public final class FlowDiff {

    private final DeviceId deviceId;
    private final List<FlowEntry> toRemove;
    private final List<FlowRule> toAdd;
    private final List<FlowRule> toModify;
    private final int desired;
    private final int installed;

    /**
     * Creates a diff.
     *
     * @param deviceId  device
     * @param toRemove  installed entries to remove
     * @param toAdd     desired rules to add
     * @param toModify  desired rules replacing an installed rule of the same key
     * @param desired   number of desired rules
     * @param installed number of installed rules
     */
    public FlowDiff(DeviceId deviceId, List<FlowEntry> toRemove, List<FlowRule> toAdd, List<FlowRule> toModify,
                    int desired, int installed) {
        this.deviceId = deviceId;
        this.toRemove = ImmutableList.copyOf(toRemove);
        this.toAdd = ImmutableList.copyOf(toAdd);
        this.toModify = ImmutableList.copyOf(toModify);
        this.desired = desired;
        this.installed = installed;
    }

    /** @return device */
    public DeviceId deviceId() {
        return deviceId;
    }

    /** @return installed entries no desired rule matches */
    public List<FlowEntry> toRemove() {
        return toRemove;
    }

    /** @return desired rules missing on the device */
    public List<FlowRule> toAdd() {
        return toAdd;
    }

    /** @return desired rules whose key is installed with another treatment */
    public List<FlowRule> toModify() {
        return toModify;
    }

    /** @return number of desired rules */
    public int desiredCount() {
        return desired;
    }

    /** @return number of installed rules */
    public int installedCount() {
        return installed;
    }

    /** @return true if the device holds exactly the desired rules */
    public boolean isEmpty() {
        return toRemove.isEmpty() && toAdd.isEmpty() && toModify.isEmpty();
    }

    @Override
    public String toString() {
        return MoreObjects.toStringHelper(this).add("device", deviceId).add("remove", toRemove.size())
                .add("add", toAdd.size()).add("modify", toModify.size()).add("desired", desired)
                .add("installed", installed).toString();
    }
}
