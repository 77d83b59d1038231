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
import org.onosproject.net.flow.TrafficSelector;
import org.onosproject.net.flow.criteria.Criterion;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
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
 * Flow entries of every device, keyed by device, {@link FlowId} (= the OpenFlow cookie) and match, with ONOS
 * states. A flow id is the application id plus a 32-bit hash of device, table, priority and selector, so two
 * different rules of a switch share an id now and then (at 50k rules on a switch, one pair in four runs; seen
 * in the reconcile benchmark): entries with the same id are kept apart by their table, priority and selector,
 * as ONOS's own store does, and so are the switch's flows (OVS keys flows by match, not by cookie).
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
        /** Next entry with the same flow id (a hash collision), or null. */
        private Tracked next;

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

        /** Whether this is the flow the switch reports with this table, priority and (if decoded) selector. */
        private boolean isFlow(int table, int priority, TrafficSelector selector) {
            return rule.tableId() == table && rule.priority() == priority
                    && (selector == null || Objects.equals(rule.selector(), selector));
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
        Tracked t = dev.find(rule);
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
        Tracked t = device(rule.deviceId()).find(rule);
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
     * The switch removed a flow (FLOW_REMOVED): RULE_REMOVED unless an ADD of it is on its way. The entry is
     * the one with this cookie, table, priority and match, or else the only one with this cookie.
     *
     * @param deviceId device
     * @param id       flow id (the cookie)
     * @param table    the flow's table
     * @param priority the flow's priority
     * @param selector the flow's match, null if it could not be decoded
     * @return RULE_REMOVED, or null
     */
    synchronized FlowRuleEvent flowRemoved(DeviceId deviceId, FlowId id, int table, int priority,
                                           TrafficSelector selector) {
        DeviceFlows dev = device(deviceId);
        Tracked t = dev.find(id, table, priority, selector);
        if (t == null) {
            // the only entry with this cookie, whatever the message says about its match
            Tracked only = dev.byId.get(id);
            t = only != null && only.next == null ? only : null;
        }
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
        Set<Tracked> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        for (InstalledFlow f : dump) {
            FlowId id = FlowId.valueOf(f.cookie());
            Tracked t = dev.find(id, f.tableId(), f.priority(), f.selector().orElse(null));
            if (t != null) {
                seen.add(t);
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
            if (seen.contains(t) || t.version > since) {
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
        ImmutableList.Builder<FlowEntry> out = ImmutableList.builder();
        dev.forEach(t -> out.add(t.snapshot));
        return out.build();
    }

    synchronized List<FlowEntry> entries(Predicate<FlowEntry> filter) {
        List<FlowEntry> out = new ArrayList<>();
        flows.values().forEach(dev -> dev.forEach(t -> {
            if (filter.test(t.snapshot)) {
                out.add(t.snapshot);
            }
        }));
        return out;
    }

    synchronized FlowEntry entry(FlowRule rule) {
        Tracked t = device(rule.deviceId()).find(rule);
        return t == null ? null : t.snapshot;
    }

    synchronized Optional<String> failureReason(DeviceId deviceId, FlowId id) {
        for (Tracked t = device(deviceId).byId.get(id); t != null; t = t.next) {
            if (t.state == FAILED) {
                return Optional.ofNullable(t.error);
            }
        }
        return Optional.empty();
    }

    synchronized int count() {
        return flows.values().stream().mapToInt(d -> d.size).sum();
    }

    synchronized Set<Short> appIds() {
        Set<Short> ids = new HashSet<>();
        flows.values().forEach(dev -> dev.forEach(t -> ids.add(t.rule.appId())));
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
        for (Tracked t = device(deviceId).byId.get(id); t != null; t = t.next) {
            if (t.version == version) {
                return t;
            }
        }
        return null;
    }

    private DeviceFlows device(DeviceId deviceId) {
        return flows.computeIfAbsent(deviceId, d -> new DeviceFlows());
    }

    /** Removes devices left without entries (keeps the maps small). */
    synchronized void compact() {
        for (Iterator<Map.Entry<DeviceId, DeviceFlows>> it = flows.entrySet().iterator(); it.hasNext();) {
            if (it.next().getValue().size == 0) {
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

    /**
     * Entries of one device by flow id (entries sharing an id chained through {@link Tracked#next}), and by
     * {@link #matchHash}: "same match" in O(1).
     */
    private static final class DeviceFlows {
        private final Map<FlowId, Tracked> byId = new HashMap<>();
        private final Map<Long, List<Tracked>> byMatch = new HashMap<>();
        private int size;

        /** The entry of this rule: same id, same table, priority and selector. */
        private Tracked find(FlowRule rule) {
            for (Tracked t = byId.get(rule.id()); t != null; t = t.next) {
                if (t.sameMatch(rule)) {
                    return t;
                }
            }
            return null;
        }

        /** The entry of a flow the switch reported. */
        private Tracked find(FlowId id, int table, int priority, TrafficSelector selector) {
            for (Tracked t = byId.get(id); t != null; t = t.next) {
                if (t.isFlow(table, priority, selector)) {
                    return t;
                }
            }
            return null;
        }

        /** Adds an entry, replacing the entry of the same rule (same id and match) if there is one. */
        private void put(Tracked t) {
            Tracked old = find(t.rule);
            if (old != null) {
                remove(old);
            }
            t.next = byId.get(t.rule.id());
            byId.put(t.rule.id(), t);
            byMatch.computeIfAbsent(matchHash(t.rule), k -> new ArrayList<>(1)).add(t);
            size++;
        }

        private void remove(Tracked t) {
            Tracked head = byId.get(t.rule.id());
            if (head == t) {
                if (t.next == null) {
                    byId.remove(t.rule.id());
                } else {
                    byId.put(t.rule.id(), t.next);
                }
            } else {
                Tracked prev = head;
                while (prev != null && prev.next != t) {
                    prev = prev.next;
                }
                if (prev == null) {
                    return;
                }
                prev.next = t.next;
            }
            t.next = null;
            size--;
            long key = matchHash(t.rule);
            List<Tracked> same = byMatch.get(key);
            if (same != null) {
                same.remove(t);
                if (same.isEmpty()) {
                    byMatch.remove(key);
                }
            }
        }

        /** Drops entries with the rule's table, priority and selector but another id: the switch replaces them. */
        private void removeSameMatch(FlowRule rule) {
            List<Tracked> same = byMatch.get(matchHash(rule));
            if (same == null) {
                return;
            }
            for (Tracked t : List.copyOf(same)) {
                if (!t.rule.id().equals(rule.id()) && t.sameMatch(rule)) {
                    remove(t);
                }
            }
        }

        private void forEach(Consumer<Tracked> action) {
            for (Tracked head : byId.values()) {
                for (Tracked t = head; t != null; t = t.next) {
                    action.accept(t);
                }
            }
        }

        private List<Tracked> copy() {
            List<Tracked> out = new ArrayList<>(size);
            forEach(out::add);
            return out;
        }
    }
}
