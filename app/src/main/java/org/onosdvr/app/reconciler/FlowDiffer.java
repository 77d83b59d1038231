package org.onosdvr.app.reconciler;

import org.onosdvr.api.FlowDiff;
import org.onosproject.net.DeviceId;
import org.onosproject.net.flow.FlowEntry;
import org.onosproject.net.flow.FlowRule;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Compares desired rules with installed entries of one device (rules of one application). Rules are keyed as
 * ONOS keys them (device, table, priority, selector: {@code FlowRule#equals}, and the flow id derived from
 * them); a desired rule is satisfied by an installed entry that {@code exactMatch}es it (same key, same
 * treatment, same id). Pure.
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
        Map<Key, FlowRule> wanted = new LinkedHashMap<>();
        for (FlowRule r : desired) {
            wanted.put(new Key(r), r);
        }
        Map<Key, FlowEntry> present = new HashMap<>();
        List<FlowEntry> toRemove = new ArrayList<>();
        int installedCount = 0;
        for (FlowEntry e : installed) {
            Key k = new Key(e);
            if (!live(e)) {
                // a rule the switch rejected that is no longer wanted: remove the entry (else it stays FAILED)
                if (e.state() == FlowEntry.FlowEntryState.FAILED && !wanted.containsKey(k)) {
                    toRemove.add(e);
                }
                continue;
            }
            installedCount++;
            if (wanted.containsKey(k) && !present.containsKey(k)) {
                present.put(k, e);
            } else {
                toRemove.add(e);
            }
        }
        List<FlowRule> toAdd = new ArrayList<>();
        List<FlowRule> toModify = new ArrayList<>();
        for (Map.Entry<Key, FlowRule> w : wanted.entrySet()) {
            FlowEntry e = present.get(w.getKey());
            if (e == null) {
                toAdd.add(w.getValue());
            } else if (!e.exactMatch(w.getValue())) {
                toModify.add(w.getValue());
            }
        }
        return new FlowDiff(deviceId, toRemove, toAdd, toModify, wanted.size(), installedCount);
    }

    /**
     * A rule as ONOS keys it ({@code FlowRule#equals}: device, table, priority, selector), hashed by its flow id.
     * The id is a hash of the same fields plus the application (the compiler's cookie, or ONOS's default),
     * computed once when the rule is built; the rule's own {@code hashCode} recomputes the selector's hash (every
     * criterion's) at each call, most of a diff's time at 50k rules. Rules of one application with equal keys
     * have equal ids, so the hash agrees with equality; an entry of ours carrying another cookie for the same
     * match is simply not "present" (it is removed and the desired rule added, which leaves the switch as a
     * modify would).
     */
    private static final class Key {
        private final FlowRule rule;

        private Key(FlowRule rule) {
            this.rule = rule;
        }

        @Override
        public int hashCode() {
            return Long.hashCode(rule.id().value());
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key && ((Key) o).rule.id().equals(rule.id()) && ((Key) o).rule.equals(rule);
        }
    }
}
