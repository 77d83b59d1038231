package org.onosdvr.cli.testing;

import com.google.common.collect.ImmutableMap;
import org.onosdvr.api.DesiredFlow;
import org.onosdvr.api.DesiredGroup;
import org.onosdvr.api.DeviceSyncStatus;
import org.onosdvr.api.DvrReconcilerService;
import org.onosdvr.api.DvrService;
import org.onosdvr.api.FlowDiff;
import org.onosdvr.pipeline.CompiledPipeline;
import org.onosdvr.pipeline.DvrCompiler;
import org.onosdvr.pipeline.testing.TestExtensions;
import org.onosproject.net.DeviceId;
import org.onosproject.net.flow.DefaultFlowEntry;
import org.onosproject.net.flow.FlowEntry;
import org.onosproject.net.flow.FlowRule;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;

/**
 * TEST ONLY: a reconciler over the real pipeline compiler (desired = the compiled rules of the DVR service's
 * current snapshot) and an in-memory "device" per node (installed entries). {@link #sync} makes a device hold
 * exactly its desired rules; tests tamper with the installed entries to create missing, extraneous and modified
 * rules. Devices the snapshot has no node for are unknown unless synced before.
 */
public class CompilingReconcilerService implements DvrReconcilerService {

    private final DvrService dvr;
    private final DvrCompiler compiler = new DvrCompiler(TestExtensions.APP_ID, new TestExtensions());
    private final Map<DeviceId, List<FlowEntry>> installed = new HashMap<>();
    private final Map<DeviceId, DeviceSyncStatus> statuses = new LinkedHashMap<>();
    private int syncCalls;

    /**
     * @param dvr where the snapshot comes from
     */
    public CompilingReconcilerService(DvrService dvr) {
        this.dvr = dvr;
    }

    private CompiledPipeline compiled() {
        return compiler.compile(dvr.snapshot());
    }

    /** @return number of sync calls so far */
    public int syncCalls() {
        return syncCalls;
    }

    /**
     * Puts an entry on a device as installed (test tampering).
     *
     * @param rule rule
     */
    public synchronized void install(FlowRule rule) {
        installed.computeIfAbsent(rule.deviceId(), d -> new ArrayList<>())
                .add(new DefaultFlowEntry(rule, FlowEntry.FlowEntryState.ADDED));
    }

    /**
     * Removes installed entries equal (by key) to a rule (test tampering).
     *
     * @param rule rule
     */
    public synchronized void uninstall(FlowRule rule) {
        installed.getOrDefault(rule.deviceId(), new ArrayList<>()).removeIf(e -> e.equals(rule));
    }

    @Override
    public List<DesiredGroup> desiredGroups(DeviceId deviceId) {
        return compiled().groups(deviceId).stream()
                .map(g -> new DesiredGroup(g.group(), g.description(), g.source())).collect(Collectors.toList());
    }

    @Override
    public List<DesiredFlow> desired(DeviceId deviceId) {
        return compiled().rules(deviceId).stream()
                .map(r -> new DesiredFlow(r.flowRule(), r.table().tableName(), r.description(), r.source()))
                .collect(Collectors.toList());
    }

    @Override
    public synchronized Collection<FlowEntry> installed(DeviceId deviceId) {
        return List.copyOf(installed.getOrDefault(deviceId, List.of()));
    }

    @Override
    public synchronized FlowDiff diff(DeviceId deviceId) {
        List<FlowRule> desired = compiled().rules(deviceId).stream().map(r -> r.flowRule())
                .collect(Collectors.toList());
        Map<FlowRule, FlowRule> wanted = new HashMap<>();
        desired.forEach(r -> wanted.put(r, r));
        Map<FlowRule, FlowEntry> present = new HashMap<>();
        List<FlowEntry> toRemove = new ArrayList<>();
        List<FlowEntry> entries = installed.getOrDefault(deviceId, List.of());
        for (FlowEntry e : entries) {
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
        return new FlowDiff(deviceId, toRemove, toAdd, toModify, wanted.size(), entries.size());
    }

    private synchronized DeviceSyncStatus syncNow(DeviceId d) {
        syncCalls++;
        FlowDiff diff = diff(d);
        installed.put(d, compiled().rules(d).stream()
                .map(r -> (FlowEntry) new DefaultFlowEntry(r.flowRule(), FlowEntry.FlowEntryState.ADDED))
                .collect(Collectors.toCollection(ArrayList::new)));
        DeviceSyncStatus old = statuses.get(d);
        DeviceSyncStatus s = new DeviceSyncStatus(d, DeviceSyncStatus.State.IN_SYNC, diff.desiredCount(),
                                                  diff.installedCount(), diff.toAdd().size(),
                                                  diff.toRemove().size(), diff.toModify().size(),
                                                  1_700_000_000_000L, old == null ? 1 : old.syncCount() + 1,
                                                  null);
        statuses.put(d, s);
        return s;
    }

    @Override
    public CompletableFuture<DeviceSyncStatus> sync(DeviceId deviceId) {
        return CompletableFuture.completedFuture(syncNow(deviceId));
    }

    @Override
    public synchronized CompletableFuture<Map<DeviceId, DeviceSyncStatus>> syncAll() {
        Map<DeviceId, DeviceSyncStatus> out = new LinkedHashMap<>();
        dvr.snapshot().nodes().forEach(n -> out.put(n.deviceId(), syncNow(n.deviceId())));
        return CompletableFuture.completedFuture(ImmutableMap.copyOf(out));
    }

    @Override
    public synchronized Map<DeviceId, DeviceSyncStatus> status() {
        Map<DeviceId, DeviceSyncStatus> out = new LinkedHashMap<>();
        dvr.snapshot().nodes().forEach(n -> out.put(n.deviceId(), statuses.getOrDefault(
                n.deviceId(), new DeviceSyncStatus(n.deviceId(), DeviceSyncStatus.State.NEVER, 0, 0, 0, 0, 0, 0,
                                                   0, null))));
        out.putAll(statuses);
        return ImmutableMap.copyOf(out);
    }
}
