package org.onosdvr.app.testing;

import org.onosproject.core.ApplicationId;
import org.onosproject.net.DeviceId;
import org.onosproject.net.flow.DefaultFlowEntry;
import org.onosproject.net.flow.FlowEntry;
import org.onosproject.net.flow.FlowRule;
import org.onosproject.net.flow.FlowRuleEvent;
import org.onosproject.net.flow.FlowRuleListener;
import org.onosproject.net.flow.FlowRuleOperation;
import org.onosproject.net.flow.FlowRuleOperations;
import org.onosproject.net.flow.FlowRuleServiceAdapter;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

/**
 * A flow rule service that behaves like ONOS's for the reconciler: a table per device keyed like ONOS keys rules
 * (device, table, priority, selector), ADD and MODIFY replace the entry of the same key, REMOVE deletes it,
 * stages run in order, and every operation is counted.
 */
public class InMemoryFlowRuleService extends FlowRuleServiceAdapter {

    private final Map<DeviceId, Map<FlowRule, FlowEntry>> tables = new ConcurrentHashMap<>();
    private final List<FlowRuleListener> listeners = new CopyOnWriteArrayList<>();
    /** Applied operations, in order. */
    public final List<FlowRuleOperation> applied = new CopyOnWriteArrayList<>();
    /** Number of apply() calls. */
    public volatile int batches;
    /** Rules the "switch" rejects: kept as FAILED entries, and the batch reports {@code onError}. */
    public volatile Predicate<FlowRule> rejects = r -> false;

    private Map<FlowRule, FlowEntry> table(DeviceId d) {
        return tables.computeIfAbsent(d, k -> new LinkedHashMap<>());
    }

    @Override
    public synchronized void apply(FlowRuleOperations ops) {
        batches++;
        boolean failed = false;
        for (Set<FlowRuleOperation> stage : ops.stages()) {
            for (FlowRuleOperation op : stage) {
                applied.add(op);
                FlowRule r = op.rule();
                if (op.type() != FlowRuleOperation.Type.REMOVE && rejects.test(r)) {
                    failed = true;      // kept as a FAILED entry, as ONOS and the runtime do
                    table(r.deviceId()).put(r, new DefaultFlowEntry(r, FlowEntry.FlowEntryState.FAILED, 0, 0, 0));
                } else if (op.type() == FlowRuleOperation.Type.REMOVE) {
                    table(r.deviceId()).remove(r);
                } else {
                    table(r.deviceId()).put(r, new DefaultFlowEntry(r, FlowEntry.FlowEntryState.ADDED, 0, 0, 0));
                }
            }
        }
        if (ops.callback() != null) {
            if (failed) {
                ops.callback().onError(ops);
            } else {
                ops.callback().onSuccess(ops);
            }
        }
    }

    @Override
    public synchronized void applyFlowRules(FlowRule... rules) {
        for (FlowRule r : rules) {
            table(r.deviceId()).put(r, new DefaultFlowEntry(r, FlowEntry.FlowEntryState.ADDED, 0, 0, 0));
        }
    }

    @Override
    public synchronized Iterable<FlowEntry> getFlowEntries(DeviceId deviceId) {
        return new ArrayList<>(table(deviceId).values());
    }

    @Override
    public synchronized Iterable<FlowEntry> getFlowEntriesById(ApplicationId id) {
        List<FlowEntry> list = new ArrayList<>();
        tables.values().forEach(t -> t.values().stream().filter(e -> e.appId() == id.id()).forEach(list::add));
        return list;
    }

    @Override
    public int getFlowRuleCount() {
        return tables.values().stream().mapToInt(Map::size).sum();
    }

    /**
     * Deletes a rule as a switch or another application would, and reports it like ONOS does.
     *
     * @param rule rule to delete
     */
    public void removeBehindBack(FlowRule rule) {
        FlowEntry e;
        synchronized (this) {
            e = table(rule.deviceId()).remove(rule);
        }
        if (e != null) {
            FlowRuleEvent event = new FlowRuleEvent(FlowRuleEvent.Type.RULE_REMOVED, e);
            listeners.forEach(l -> l.event(event));
        }
    }

    @Override
    public void addListener(FlowRuleListener listener) {
        listeners.add(listener);
    }

    @Override
    public void removeListener(FlowRuleListener listener) {
        listeners.remove(listener);
    }
}
