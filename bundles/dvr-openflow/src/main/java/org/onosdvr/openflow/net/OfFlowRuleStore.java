package org.onosdvr.openflow.net;

import com.google.common.collect.ImmutableList;
import org.onosdvr.openflow.translate.InstalledFlow;
import org.onosproject.net.DeviceId;
import org.onosproject.net.flow.DefaultFlowEntry;
import org.onosproject.net.flow.FlowEntry;
import org.onosproject.net.flow.FlowEntry.FlowEntryState;
import org.onosproject.net.flow.FlowId;
import org.onosproject.net.flow.FlowRule;
import org.onosproject.net.flow.FlowRuleEvent;
import org.onosproject.net.flow.criteria.Criterion;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import static org.onosproject.net.flow.FlowEntry.FlowEntryState.ADDED;
import static org.onosproject.net.flow.FlowEntry.FlowEntryState.FAILED;
import static org.onosproject.net.flow.FlowEntry.FlowEntryState.PENDING_ADD;
import static org.onosproject.net.flow.FlowEntry.FlowEntryState.PENDING_REMOVE;
import static org.onosproject.net.flow.FlowEntry.FlowEntryState.REMOVED;
import static org.onosproject.net.flow.FlowRuleEvent.Type.RULE_ADDED;
import static org.onosproject.net.flow.FlowRuleEvent.Type.RULE_ADD_REQUESTED;
import static org.onosproject.net.flow.FlowRuleEvent.Type.RULE_REMOVED;
import static org.onosproject.net.flow.FlowRuleEvent.Type.RULE_REMOVE_REQUESTED;

/**
 * Flow entries of every device, keyed by device and {@link FlowId} (= the OpenFlow cookie), with ONOS states.
 * <p>
 * Every change gets a version from one sequence. Switch answers (barrier confirmations, errors) only apply to
 * the version they were sent for, so a late answer never overrides a newer request; a flow-stats dump only
 * judges entries (and removals, kept as tombstones) older than the moment it was requested. Not thread-safe
 * on its own: all methods are synchronized. Returned entries are immutable snapshots.
 */
final class OfFlowRuleStore {

    private final Map<DeviceId, DeviceFlows> flows = new HashMap<>();
    private final Map<DeviceId, Map<FlowId, Long>> tombstones = new HashMap<>();
    private long sequence;

    /** What a request changed: the version to confirm later and the event to post, if any. */
    static final class Change {
        final FlowRule rule;
        final long version;
        final FlowRuleEvent event;
        /** Completed in the store: nothing to send to the switch. */
        final boolean local;

        Change(FlowRule rule, long version, FlowRuleEvent event) {
            this(rule, version, event, false);
        }

        Change(FlowRule rule, long version, FlowRuleEvent event, boolean local) {
            this.rule = rule;
            this.version = version;
            this.event = event;
            this.local = local;
        }
    }

    /** Outcome of comparing a flow-stats dump with the store. */
    static final class Merge {
        final List<FlowRuleEvent> events = new ArrayList<>();
        final List<Change> resendAdds = new ArrayList<>();
        final List<Change> resendRemoves = new ArrayList<>();
        final List<InstalledFlow> imported = new ArrayList<>();
        final List<InstalledFlow> undecodable = new ArrayList<>();
    }

    private static final class Tracked {
        private FlowRule rule;
        private FlowEntryState state;
        private long version;
        private boolean inFlight;
        private long packets;
        private long bytes;
        private long lifeNanos;
        private String error;
        private int errType = -1;
        private int errCode = -1;
        private FlowEntry snapshot;

        private Tracked(FlowRule rule, FlowEntryState state, long version) {
            this.rule = rule;
            this.state = state;
            this.version = version;
            refresh();
        }

        private void refresh() {
            snapshot = state == FAILED ? new DefaultFlowEntry(rule, errType, errCode)
                    : new DefaultFlowEntry(rule, state, lifeNanos, TimeUnit.NANOSECONDS, packets, bytes);
        }

        private boolean sameMatch(FlowRule other) {
            return rule.tableId() == other.tableId() && rule.priority() == other.priority()
                    && Objects.equals(rule.selector(), other.selector());
        }
    }

    synchronized long sequence() {
        return sequence;
    }

    /**
     * Records an ADD or MODIFY about to be sent: state PENDING_ADD (an ADDED entry stays ADDED while it is
     * re-sent). Entries of the same device, table, priority and selector but another id are dropped: the switch
     * replaces them.
     *
     * @param rule the rule
     * @return version and event
     */
    synchronized Change requestAdd(FlowRule rule) {
        DeviceFlows dev = device(rule.deviceId());
        dev.removeSameMatch(rule);
        long v = ++sequence;
        Tracked t = dev.get(rule.id());
        FlowRuleEvent event = null;
        if (t == null || t.state != ADDED) {
            t = new Tracked(rule, PENDING_ADD, v);
            dev.put(t);
            event = new FlowRuleEvent(RULE_ADD_REQUESTED, t.snapshot);
        } else if (!t.rule.exactMatch(rule)) {
            // a MODIFY (same id, new treatment): the entry must show what was sent, or a later change back to the
            // old treatment would look like "nothing to do" and the switch would keep the modified rule
            dev.remove(t);
            t.rule = rule;
            t.refresh();
            dev.put(t);
        }
        t.version = v;
        t.inFlight = true;
        return new Change(rule, v, event);
    }

    /**
     * Records a REMOVE about to be sent (state PENDING_REMOVE if the entry is known). A FAILED entry (the switch
     * rejected it, so none of it is installed) is removed at once, with nothing to send: a DELETE of a rule the
     * switch cannot parse would only fail again and leave the entry FAILED for ever.
     *
     * @param rule the rule
     * @return version and event ({@link Change#local} when nothing is to be sent)
     */
    synchronized Change requestRemove(FlowRule rule) {
        long v = ++sequence;
        Tracked t = device(rule.deviceId()).get(rule.id());
        if (t == null) {
            tombstones.computeIfAbsent(rule.deviceId(), d -> new HashMap<>()).put(rule.id(), v);
            return new Change(rule, v, null);
        }
        if (t.state == FAILED) {
            return new Change(t.rule, v, drop(rule.deviceId(), t), true);
        }
        boolean changed = t.state != PENDING_REMOVE;
        t.state = PENDING_REMOVE;
        t.version = v;
        t.inFlight = true;
        t.refresh();
        return new Change(t.rule, v, changed ? new FlowRuleEvent(RULE_REMOVE_REQUESTED, t.snapshot) : null);
    }

    /**
     * The barrier confirmed an ADD/MODIFY: ADDED (event only if the state changed).
     *
     * @param deviceId device
     * @param id       flow id
     * @param version  version that was sent
     * @return RULE_ADDED, or null
     */
    synchronized FlowRuleEvent confirmAdd(DeviceId deviceId, FlowId id, long version) {
        Tracked t = current(deviceId, id, version);
        if (t == null) {
            return null;
        }
        t.inFlight = false;
        return toAdded(t);
    }

    /**
     * The barrier confirmed a REMOVE: the entry is gone (REMOVED event).
     *
     * @param deviceId device
     * @param id       flow id
     * @param version  version that was sent
     * @return RULE_REMOVED, or null
     */
    synchronized FlowRuleEvent confirmRemove(DeviceId deviceId, FlowId id, long version) {
        Tracked t = current(deviceId, id, version);
        if (t == null) {
            return null;
        }
        return drop(deviceId, t);
    }

    /**
     * The switch rejected the message of this version: FAILED, with the error kept.
     *
     * @param deviceId device
     * @param id       flow id
     * @param version  version that was sent
     * @param reason   error text
     * @param type     OpenFlow error type, -1 if unknown
     * @param code     OpenFlow error code, -1 if unknown
     * @return the FAILED entry, or null if the version is stale
     */
    synchronized FlowEntry failed(DeviceId deviceId, FlowId id, long version, String reason, int type, int code) {
        Tracked t = current(deviceId, id, version);
        if (t == null) {
            return null;
        }
        t.inFlight = false;
        t.state = FAILED;
        t.error = reason;
        t.errType = type;
        t.errCode = code;
        t.refresh();
        return t.snapshot;
    }

    /**
     * The message of this version did not reach the switch (no connection, barrier failed): stays pending.
     *
     * @param deviceId device
     * @param id       flow id
     * @param version  version that was sent
     */
    synchronized void notSent(DeviceId deviceId, FlowId id, long version) {
        Tracked t = current(deviceId, id, version);
        if (t != null) {
            t.inFlight = false;
        }
    }

    /**
     * The switch removed a flow (FLOW_REMOVED): RULE_REMOVED unless an ADD of it is on its way.
     *
     * @param deviceId device
     * @param id       flow id (the cookie)
     * @return RULE_REMOVED, or null
     */
    synchronized FlowRuleEvent flowRemoved(DeviceId deviceId, FlowId id) {
        Tracked t = device(deviceId).get(id);
        if (t == null || t.state == PENDING_ADD || t.state == FAILED || (t.inFlight && t.state == ADDED)) {
            return null;
        }
        return drop(deviceId, t);
    }

    /**
     * Compares a flow-stats dump requested at sequence {@code since} with the store: counters updated, pending
     * adds seen become ADDED, ADDED entries missing are dropped (RULE_REMOVED), PENDING_REMOVE entries missing
     * are gone; entries not sent yet are returned for (re)sending; flows of our applications unknown to the
     * store are imported as ADDED.
     *
     * @param deviceId device
     * @param dump     flows read from the switch
     * @param since    store sequence when the dump was requested
     * @param ours     whether an application id (cookie's high 16 bits) is one of ours
     * @return events to post, changes to send, imported and undecodable flows
     */
    synchronized Merge merge(DeviceId deviceId, List<InstalledFlow> dump, long since, Predicate<Short> ours) {
        Merge m = new Merge();
        DeviceFlows dev = device(deviceId);
        Map<FlowId, Long> tombs = tombstones.getOrDefault(deviceId, Map.of());
        Set<FlowId> seen = new HashSet<>();
        for (InstalledFlow f : dump) {
            FlowId id = FlowId.valueOf(f.cookie());
            Tracked t = dev.get(id);
            if (t != null) {
                seen.add(id);
                t.packets = f.packets();
                t.bytes = f.bytes();
                t.lifeNanos = f.durationNanos();
                if (t.state == PENDING_REMOVE) {
                    resendRemove(t, m);
                } else {
                    FlowRuleEvent e = toAdded(t);
                    if (e != null) {
                        m.events.add(e);
                    }
                }
            } else if (ours.test((short) (f.cookie() >>> 48)) && tombs.getOrDefault(id, 0L) <= since) {
                if (f.isDecoded()) {
                    Tracked n = new Tracked(f.toFlowEntry(), ADDED, ++sequence);
                    n.packets = f.packets();
                    n.bytes = f.bytes();
                    n.lifeNanos = f.durationNanos();
                    n.refresh();
                    dev.put(n);
                    m.imported.add(f);
                    m.events.add(new FlowRuleEvent(RULE_ADDED, n.snapshot));
                } else {
                    m.undecodable.add(f);
                }
            }
        }
        for (Tracked t : dev.copy()) {
            if (seen.contains(t.rule.id()) || t.version > since) {
                continue;
            }
            if (t.state == ADDED || t.state == PENDING_REMOVE && !t.inFlight) {
                m.events.add(drop(deviceId, t));
            } else if (t.state == PENDING_ADD && !t.inFlight) {
                t.version = ++sequence;
                t.inFlight = true;
                m.resendAdds.add(new Change(t.rule, t.version, null));
            }
        }
        Map<FlowId, Long> deviceTombs = tombstones.get(deviceId);
        if (deviceTombs != null) {
            deviceTombs.values().removeIf(v -> v <= since);
        }
        return m;
    }

    private void resendRemove(Tracked t, Merge m) {
        if (!t.inFlight) {
            t.version = ++sequence;
            t.inFlight = true;
            m.resendRemoves.add(new Change(t.rule, t.version, null));
        }
    }

    synchronized List<FlowEntry> entries(DeviceId deviceId) {
        DeviceFlows dev = flows.get(deviceId);
        if (dev == null) {
            return List.of();
        }
        return dev.byId.values().stream().map(t -> t.snapshot).collect(ImmutableList.toImmutableList());
    }

    synchronized List<FlowEntry> entries(Predicate<FlowEntry> filter) {
        List<FlowEntry> out = new ArrayList<>();
        flows.values().forEach(dev -> dev.byId.values().forEach(t -> {
            if (filter.test(t.snapshot)) {
                out.add(t.snapshot);
            }
        }));
        return out;
    }

    synchronized FlowEntry entry(FlowRule rule) {
        Tracked t = device(rule.deviceId()).get(rule.id());
        return t == null ? null : t.snapshot;
    }

    synchronized Optional<String> failureReason(DeviceId deviceId, FlowId id) {
        Tracked t = device(deviceId).get(id);
        return t == null || t.state != FAILED ? Optional.empty() : Optional.ofNullable(t.error);
    }

    synchronized int count() {
        return flows.values().stream().mapToInt(d -> d.byId.size()).sum();
    }

    synchronized Set<Short> appIds() {
        Set<Short> ids = new HashSet<>();
        flows.values().forEach(dev -> dev.byId.values().forEach(t -> ids.add(t.rule.appId())));
        return ids;
    }

    synchronized void purge(DeviceId deviceId) {
        flows.remove(deviceId);
        tombstones.remove(deviceId);
    }

    private FlowRuleEvent toAdded(Tracked t) {
        if (t.state == ADDED) {
            t.refresh();
            return null;
        }
        t.state = ADDED;
        t.error = null;
        t.errType = -1;
        t.errCode = -1;
        t.refresh();
        return new FlowRuleEvent(RULE_ADDED, t.snapshot);
    }

    private FlowRuleEvent drop(DeviceId deviceId, Tracked t) {
        device(deviceId).remove(t);
        tombstones.computeIfAbsent(deviceId, d -> new HashMap<>()).put(t.rule.id(), ++sequence);
        t.state = REMOVED;
        t.refresh();
        return new FlowRuleEvent(RULE_REMOVED, t.snapshot);
    }

    private Tracked current(DeviceId deviceId, FlowId id, long version) {
        Tracked t = device(deviceId).get(id);
        return t != null && t.version == version ? t : null;
    }

    private DeviceFlows device(DeviceId deviceId) {
        return flows.computeIfAbsent(deviceId, d -> new DeviceFlows());
    }

    /** Removes devices left without entries (keeps the maps small). */
    synchronized void compact() {
        for (Iterator<Map.Entry<DeviceId, DeviceFlows>> it = flows.entrySet().iterator(); it.hasNext();) {
            if (it.next().getValue().byId.isEmpty()) {
                it.remove();
            }
        }
    }

    /**
     * A hash of what the switch keys a flow by (table, priority, match), consistent with {@code FlowRule#equals}
     * on those fields (which ignores the application and the treatment): the criteria's hash codes are mixed one
     * by one and summed, so equal selectors (equal criteria sets, in any order) hash alike. The flow id is no
     * substitute: it carries the application id, and a rule may carry any cookie.
     *
     * @param rule rule
     * @return hash of table, priority and selector
     */
    static long matchHash(FlowRule rule) {
        long sum = 0;
        for (Criterion c : rule.selector().criteria()) {
            sum += mix(c.hashCode());
        }
        return mix(sum + mix(((long) rule.tableId() << 32) ^ rule.priority()));
    }

    private static long mix(long z) {
        // SplitMix64 finaliser
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }

    /** Entries of one device by flow id, and their ids by {@link #matchHash}: "same match" in O(1). */
    private static final class DeviceFlows {
        private final Map<FlowId, Tracked> byId = new HashMap<>();
        private final Map<Long, List<FlowId>> byMatch = new HashMap<>();

        private Tracked get(FlowId id) {
            return byId.get(id);
        }

        private void put(Tracked t) {
            Tracked old = byId.put(t.rule.id(), t);
            if (old != null) {
                unindex(old);
            }
            byMatch.computeIfAbsent(matchHash(t.rule), k -> new ArrayList<>(1)).add(t.rule.id());
        }

        private void remove(Tracked t) {
            if (byId.remove(t.rule.id(), t)) {
                unindex(t);
            }
        }

        private void unindex(Tracked t) {
            long key = matchHash(t.rule);
            List<FlowId> ids = byMatch.get(key);
            if (ids != null) {
                ids.remove(t.rule.id());
                if (ids.isEmpty()) {
                    byMatch.remove(key);
                }
            }
        }

        /** Drops entries with the rule's table, priority and selector but another id: the switch replaces them. */
        private void removeSameMatch(FlowRule rule) {
            List<FlowId> ids = byMatch.get(matchHash(rule));
            if (ids == null) {
                return;
            }
            for (FlowId id : List.copyOf(ids)) {
                Tracked t = byId.get(id);
                if (t != null && !id.equals(rule.id()) && t.sameMatch(rule)) {
                    remove(t);
                }
            }
        }

        private List<Tracked> copy() {
            return List.copyOf(byId.values());
        }
    }
}
