package org.onosdvr.app.reconciler;

import org.onosdvr.api.FlowDiff;
import org.onosproject.net.DeviceId;
import org.onosproject.net.flow.FlowEntry;
import org.onosproject.net.flow.FlowRule;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Compares desired rules with installed entries of one device. Rules are keyed as ONOS keys them (device,
 * table, priority, selector: {@code FlowRule#equals}); a desired rule is satisfied by an installed entry that
 * {@code exactMatch}es it (same key, same treatment, same id). Pure.
 */
public final class FlowDiffer {

    private FlowDiffer() {
    }

    /**
     * Tells whether an installed entry counts as present (not being removed or failed).
     *
     * @param e entry
     * @return true if it is, or is about to be, on the device
     */
    static boolean live(FlowEntry e) {
        switch (e.state()) {
            case PENDING_REMOVE:
            case REMOVED:
            case FAILED:
                return false;
            default:
                return true;
        }
    }

    /**
     * Computes the difference.
     *
     * @param deviceId  device
     * @param desired   desired rules of the device
     * @param installed this application's entries on the device
     * @return removes (installed, not desired), adds (desired, not installed) and modifies (desired, installed
     *         with the same key and another treatment)
     */
    public static FlowDiff diff(DeviceId deviceId, Collection<FlowRule> desired, Iterable<FlowEntry> installed) {
        Map<FlowRule, FlowRule> wanted = new HashMap<>();
        for (FlowRule r : desired) {
            wanted.put(r, r);
        }
        Map<FlowRule, FlowEntry> present = new HashMap<>();
        List<FlowEntry> toRemove = new ArrayList<>();
        int installedCount = 0;
        for (FlowEntry e : installed) {
            if (!live(e)) {
                // a rule the switch rejected that is no longer wanted: remove the entry (else it stays FAILED)
                if (e.state() == FlowEntry.FlowEntryState.FAILED && !wanted.containsKey(e)) {
                    toRemove.add(e);
                }
                continue;
            }
            installedCount++;
            if (wanted.containsKey(e) && !present.containsKey(e)) {
                present.put(e, e);
            } else {
                toRemove.add(e);
            }
        }
        List<FlowRule> toAdd = new ArrayList<>();
        List<FlowRule> toModify = new ArrayList<>();
        for (FlowRule r : wanted.values()) {
            FlowEntry e = present.get(r);
            if (e == null) {
                toAdd.add(r);
            } else if (!e.exactMatch(r)) {
                toModify.add(r);
            }
        }
        return new FlowDiff(deviceId, toRemove, toAdd, toModify, wanted.size(), installedCount);
    }
}
