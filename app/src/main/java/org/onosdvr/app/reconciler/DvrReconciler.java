package org.onosdvr.app.reconciler;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import com.google.common.collect.Sets;
import org.onlab.util.Tools;
import org.onosdvr.api.DesiredFlow;
import org.onosdvr.api.DesiredGroup;
import org.onosdvr.api.DeviceSyncStatus;
import org.onosdvr.api.DvrEvent;
import org.onosdvr.api.DvrListener;
import org.onosdvr.api.DvrNode;
import org.onosdvr.api.DvrReconcilerService;
import org.onosdvr.api.DvrService;
import org.onosdvr.api.DvrSnapshot;
import org.onosdvr.api.FlowDiff;
import org.onosproject.cfg.ComponentConfigService;
import org.onosproject.core.ApplicationId;
import org.onosproject.core.CoreService;
import org.onosproject.mastership.MastershipEvent;
import org.onosproject.mastership.MastershipListener;
import org.onosproject.mastership.MastershipService;
import org.onosproject.net.DeviceId;
import org.onosproject.net.device.DeviceEvent;
import org.onosproject.net.device.DeviceListener;
import org.onosproject.net.device.DeviceService;
import org.onosproject.net.flow.FlowEntry;
import org.onosproject.net.flow.FlowId;
import org.onosproject.net.flow.FlowRule;
import org.onosproject.net.flow.FlowRuleEvent;
import org.onosproject.net.flow.FlowRuleListener;
import org.onosproject.net.flow.FlowRuleOperations;
import org.onosproject.net.flow.FlowRuleOperationsContext;
import org.onosproject.net.flow.FlowRuleService;
import org.onosproject.net.group.Group;
import org.onosproject.net.group.GroupEvent;
import org.onosproject.net.group.GroupListener;
import org.onosproject.net.group.GroupService;
import org.osgi.service.component.ComponentContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.slf4j.Logger;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Dictionary;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;

import static java.util.concurrent.Executors.newSingleThreadScheduledExecutor;
import static org.onlab.util.Tools.groupedThreads;
import static org.onosdvr.app.reconciler.ReconcilerProperties.AUDIT_PERIOD_SEC;
import static org.onosdvr.app.reconciler.ReconcilerProperties.AUDIT_PERIOD_SEC_DEFAULT;
import static org.slf4j.LoggerFactory.getLogger;

/**
 * Level-triggered flow reconciler. For each device: desired = the compiled rules of the current snapshot for it,
 * installed = this application's entries on it; installed rules no desired rule matches exactly are removed,
 * missing desired rules added (a changed treatment on the same key is modified in place), as one
 * {@link FlowRuleOperations} batch per device (removes, then adds). Running it twice does nothing the second
 * time.
 * <p>
 * Every trigger (DVR state change, device added/available/port change, mastership change, one of our rules
 * removed by someone else, periodic audit) only marks devices dirty; one single-threaded executor drains the
 * dirty set, so bursts coalesce. Only devices this instance masters are programmed ({@link #isResponsible}).
 * </p>
 */
@Component(immediate = true, service = DvrReconcilerService.class,
        property = AUDIT_PERIOD_SEC + ":Integer=" + AUDIT_PERIOD_SEC_DEFAULT)
public class DvrReconciler implements DvrReconcilerService {

    /** Application name the rules belong to. */
    public static final String APP_NAME = "org.onosdvr.app";

    private final Logger log = getLogger(getClass());

    @Reference(cardinality = ReferenceCardinality.MANDATORY)
    protected CoreService coreService;

    @Reference(cardinality = ReferenceCardinality.MANDATORY)
    protected DvrService dvrService;

    @Reference(cardinality = ReferenceCardinality.MANDATORY)
    protected FlowRuleService flowRuleService;

    @Reference(cardinality = ReferenceCardinality.MANDATORY)
    protected DeviceService deviceService;

    /**
     * Optional: a runtime without one still gets every rule; desired groups then fail the device with a reason
     * instead of keeping the whole reconciler from activating.
     */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            bind = "bindGroupService", unbind = "unbindGroupService")
    protected volatile GroupService groupService;

    @Reference(cardinality = ReferenceCardinality.MANDATORY)
    protected MastershipService mastershipService;

    @Reference(cardinality = ReferenceCardinality.MANDATORY)
    protected ComponentConfigService cfgService;

    @Reference(cardinality = ReferenceCardinality.MANDATORY)
    protected RuleCompilerFactory compilerFactory;

    private int auditPeriodSec = AUDIT_PERIOD_SEC_DEFAULT;

    private final DvrListener dvrListener = this::dvrEvent;
    private final DeviceListener deviceListener = this::deviceEvent;
    private final FlowRuleListener flowListener = this::flowEvent;
    private final GroupListener groupListener = this::groupEvent;
    private final MastershipListener mastershipListener = this::mastershipEvent;

    private final Set<DeviceId> dirty = ConcurrentHashMap.newKeySet();
    /** Devices named by an event, synced if they turn out to be DVR devices. */
    private final Set<DeviceId> candidates = ConcurrentHashMap.newKeySet();
    /** Our rules the flow service reported removed, to check against the desired state. */
    private final Queue<FlowRule> removedRules = new ConcurrentLinkedQueue<>();
    /** Every device is to be synced ({@link #markAll}). */
    private final AtomicBoolean allPending = new AtomicBoolean();
    private final AtomicBoolean drainScheduled = new AtomicBoolean();
    private final Map<DeviceId, DeviceSyncStatus> statuses = new ConcurrentHashMap<>();
    /** Consecutive failed operation batches per device (reset when a batch succeeds or nothing is left to do). */
    private final Map<DeviceId, Integer> failures = new ConcurrentHashMap<>();
    /** Error of the last failed batch per device, while {@link #failures} holds it. */
    private final Map<DeviceId, String> failureReasons = new ConcurrentHashMap<>();
    /** Pending delayed retry per device after a failure. */
    private final Map<DeviceId, ScheduledFuture<?>> retries = new ConcurrentHashMap<>();
    /** First retry delay after a failed batch, doubled per consecutive failure up to {@link #RETRY_MAX_MS}. */
    long retryBaseMs = 1_000;
    /** Longest retry delay. */
    static final long RETRY_MAX_MS = 30_000;
    private ScheduledExecutorService executor;
    private ScheduledFuture<?> audit;
    private ApplicationId appId;
    private RuleCompiler compiler;

    /** Compilation cache: the snapshot compiled last and its result (replaced whole, read without lock). */
    private volatile Cache cache;
    /** One compilation at a time: callers that find the cache stale wait for it instead of compiling again. */
    private final Object compileLock = new Object();

    private static final class Cache {
        final DvrSnapshot snapshot;
        final RuleCompiler.Compiled compiled;
        /** Desired rules per device by flow id, built when first needed. */
        private final Map<DeviceId, DesiredIndex> byId = new ConcurrentHashMap<>();

        Cache(DvrSnapshot snapshot, RuleCompiler.Compiled compiled) {
            this.snapshot = snapshot;
            this.compiled = compiled;
        }

        DesiredIndex desiredById(DeviceId d) {
            return byId.computeIfAbsent(d, k -> new DesiredIndex(compiled.rules(k)));
        }
    }

    /**
     * A device's desired rules by flow id. Two different rules may share an id (an id is a hash of device, table,
     * priority and match: 48 bits from our compiler, 32 from ONOS's default builder, where at 50k rules on a
     * switch a shared id is likely), so the rare extra rules of an id are kept aside.
     */
    static final class DesiredIndex {
        private final Map<FlowId, FlowRule> first = new HashMap<>();
        private final Map<FlowId, List<FlowRule>> more = new HashMap<>();

        DesiredIndex(Collection<DesiredFlow> rules) {
            for (DesiredFlow f : rules) {
                FlowRule r = f.flowRule();
                if (first.putIfAbsent(r.id(), r) != null) {
                    more.computeIfAbsent(r.id(), k -> new ArrayList<>(1)).add(r);
                }
            }
        }

        /**
         * @param rule a rule
         * @return true if a desired rule is exactly this one (same match, treatment and id)
         */
        boolean contains(FlowRule rule) {
            FlowRule r = first.get(rule.id());
            if (r == null) {
                return false;
            }
            return r.exactMatch(rule) || more.getOrDefault(rule.id(), List.of()).stream()
                    .anyMatch(x -> x.exactMatch(rule));
        }
    }

    @Activate
    protected void activate(ComponentContext context) {
        appId = coreService.registerApplication(APP_NAME);
        compiler = compilerFactory.create(appId);
        executor = newSingleThreadScheduledExecutor(groupedThreads("onos-dvr", "reconciler-%d", log));
        cfgService.registerProperties(getClass());
        readConfiguration(context);
        dvrService.addListener(dvrListener);
        deviceService.addListener(deviceListener);
        flowRuleService.addListener(flowListener);
        mastershipService.addListener(mastershipListener);
        markAll();
        log.info("Started");
    }

    protected void bindGroupService(GroupService service) {
        service.addListener(groupListener);
        groupService = service;
        if (executor != null) {
            markAll();
        }
    }

    protected void unbindGroupService(GroupService service) {
        service.removeListener(groupListener);
        if (groupService == service) {
            groupService = null;
        }
    }

    @Deactivate
    protected void deactivate() {
        mastershipService.removeListener(mastershipListener);
        flowRuleService.removeListener(flowListener);
        deviceService.removeListener(deviceListener);
        dvrService.removeListener(dvrListener);
        cfgService.unregisterProperties(getClass(), false);
        executor.shutdownNow();
        log.info("Stopped");
    }

    @Modified
    protected void modified(ComponentContext context) {
        readConfiguration(context);
    }

    private void readConfiguration(ComponentContext context) {
        Dictionary<?, ?> properties = context == null ? null : context.getProperties();
        int period = properties == null ? AUDIT_PERIOD_SEC_DEFAULT
                : Tools.getIntegerProperty(properties, AUDIT_PERIOD_SEC, AUDIT_PERIOD_SEC_DEFAULT);
        auditPeriodSec = period < 0 ? AUDIT_PERIOD_SEC_DEFAULT : period;
        if (audit != null) {
            audit.cancel(false);
            audit = null;
        }
        if (auditPeriodSec > 0) {
            audit = executor.scheduleWithFixedDelay(this::markAll, auditPeriodSec, auditPeriodSec,
                                                    TimeUnit.SECONDS);
        }
        log.info("Settings: {}={}", AUDIT_PERIOD_SEC, auditPeriodSec);
    }

    // ---- the single mastership check

    /**
     * Tells whether this instance programs a device: it does when it is the device's master. This is the only
     * place that decides it.
     *
     * @param deviceId device
     * @return true if this instance is master
     */
    private boolean isResponsible(DeviceId deviceId) {
        return mastershipService.isLocalMaster(deviceId);
    }

    // ---- triggers: each marks devices dirty

    private void dvrEvent(DvrEvent event) {
        if (event.type() == DvrEvent.Type.SNAPSHOT_CHANGED) {
            markAll();
        }
    }

    private void deviceEvent(DeviceEvent event) {
        switch (event.type()) {
            case DEVICE_ADDED:
            case DEVICE_AVAILABILITY_CHANGED:
            case PORT_ADDED:
            case PORT_UPDATED:
            case PORT_REMOVED:
                markIfKnown(event.subject().id());
                break;
            default:
                break;
        }
    }

    private void flowEvent(FlowRuleEvent event) {
        FlowRule rule = event.subject();
        if (event.type() == FlowRuleEvent.Type.RULE_REMOVED && rule.appId() == appId.id()) {
            // judged on the executor: a switch that restarted empty sends one event per rule
            removedRules.add(rule);
            scheduleDrain();
        }
    }

    private void groupEvent(GroupEvent event) {
        Group g = event.subject();
        if (g.appId() == null || !g.appId().equals(appId)) {
            return;
        }
        DeviceId d = g.deviceId();
        switch (event.type()) {
            case GROUP_ADD_FAILED:
            case GROUP_UPDATE_FAILED:
            case GROUP_REMOVE_FAILED:
                failed(d, "group 0x" + Integer.toHexString(g.id().id()) + " " + event.type());
                break;
            case GROUP_REMOVED:
                // a group still desired comes back with the sync; one no longer desired makes it a no-op
                log.debug("Group removed on {}: {}", d, g.id());
                markIfKnown(d);
                break;
            default:
                break;
        }
    }

    private void mastershipEvent(MastershipEvent event) {
        if (event.type() == MastershipEvent.Type.MASTER_CHANGED) {
            markIfKnown(event.subject());
        }
    }

    private boolean known(DeviceId d) {
        return dvrService.snapshot().node(d).isPresent() || statuses.containsKey(d) || compiled().devices()
                .contains(d);
    }

    private boolean stillDesired(FlowRule rule) {
        return cache().desiredById(rule.deviceId()).contains(rule);
    }

    private void mark(DeviceId d) {
        dirty.add(d);
        scheduleDrain();
    }

    /** Marks a device that an event named; whether it is a DVR device is decided on the executor. */
    private void markIfKnown(DeviceId d) {
        candidates.add(d);
        scheduleDrain();
    }

    /**
     * Marks every device that has or had desired rules, every DVR node and every device synced before. The set is
     * computed on the executor: it needs the compiled state, and compiling in the caller (the event dispatcher,
     * for a DVR state change) would hold up every other listener for the whole compilation.
     */
    private void markAll() {
        allPending.set(true);
        scheduleDrain();
    }

    private Set<DeviceId> devices() {
        Set<DeviceId> all = new TreeSet<>((a, b) -> a.toString().compareTo(b.toString()));
        all.addAll(compiled().devices());
        all.addAll(statuses.keySet());
        dvrService.snapshot().nodes().stream().map(DvrNode::deviceId).forEach(all::add);
        return all;
    }

    private void scheduleDrain() {
        if (executor != null && !executor.isShutdown() && drainScheduled.compareAndSet(false, true)) {
            executor.execute(this::drain);
        }
    }

    private void drain() {
        drainScheduled.set(false);
        if (allPending.getAndSet(false)) {
            dirty.addAll(devices());
        }
        for (DeviceId d : List.copyOf(candidates)) {
            candidates.remove(d);
            if (known(d)) {
                dirty.add(d);
            }
        }
        Map<DeviceId, Integer> removed = new LinkedHashMap<>();
        for (FlowRule r = removedRules.poll(); r != null; r = removedRules.poll()) {
            if (stillDesired(r)) {
                removed.merge(r.deviceId(), 1, Integer::sum);
                dirty.add(r.deviceId());
            }
        }
        removed.forEach((d, n) -> log.debug("{} desired rule(s) removed on {}: re-sync", n, d));
        List<DeviceId> batch = new ArrayList<>(dirty);
        dirty.removeAll(batch);
        batch.forEach(this::syncNow);
    }

    // ---- compilation

    private RuleCompiler.Compiled compiled() {
        return cache().compiled;
    }

    private Cache cache() {
        Cache c = cache;
        if (c != null && c.snapshot == dvrService.snapshot()) {
            return c;
        }
        synchronized (compileLock) {
            DvrSnapshot s = dvrService.snapshot();
            c = cache;
            if (c == null || c.snapshot != s) {
                c = new Cache(s, compiler.compile(s));
                cache = c;
            }
            return c;
        }
    }

    // ---- synchronisation

    /** Synchronises one device (on the executor). */
    private DeviceSyncStatus syncNow(DeviceId d) {
        DeviceSyncStatus old = statuses.get(d);
        long count = old == null ? 1 : old.syncCount() + 1;
        DeviceSyncStatus status;
        try {
            if (!isResponsible(d)) {
                status = status(d, DeviceSyncStatus.State.NOT_MASTER, null, count, null);
            } else if (!deviceService.isAvailable(d)) {
                status = status(d, DeviceSyncStatus.State.UNAVAILABLE, null, count, null);
            } else {
                FlowDiff diff = diff(d);
                GroupDiffer.GroupDiff groups = GroupDiffer.diff(compiled().groups(d), installedGroups(d));
                if (diff.isEmpty() && groups.isEmpty()) {
                    failures.remove(d);
                    failureReasons.remove(d);
                } else {
                    GroupService gs = groupService;
                    // groups first: the rules that apply them must never reach the switch before them
                    if (gs != null) {
                        groups.toAdd.forEach(gs::addGroup);
                        groups.toModify.forEach(g -> gs.setBucketsForGroup(
                                d, g.appCookie(), g.buckets(), g.appCookie(), appId));
                    }
                    if (!diff.isEmpty()) {
                        flowRuleService.apply(operations(diff));
                    }
                    // stale groups last: their rules are removed by the batch above
                    if (gs != null) {
                        groups.toRemove.forEach(g -> gs.removeGroup(d, g.appCookie(), appId));
                    } else if (!groups.isEmpty()) {
                        failed(d, groups.toAdd.size() + " group(s): no GroupService in this runtime");
                    }
                    log.debug("Synced {}: {}, {}", d, diff, groups);
                }
                // while failures repeat, keep reporting FAILED (with the last error) instead of IN_SYNC
                String failure = failures.containsKey(d) ? failureReasons.get(d) : null;
                status = failure != null
                        ? status(d, DeviceSyncStatus.State.FAILED, diff, count, failure)
                        : status(d, DeviceSyncStatus.State.IN_SYNC, diff, count, null);
            }
        } catch (RuntimeException e) {
            log.warn("Cannot sync {}: {}", d, e.toString());
            status = status(d, DeviceSyncStatus.State.FAILED, null, count, e.toString());
        }
        statuses.put(d, status);
        return status;
    }

    private static DeviceSyncStatus status(DeviceId d, DeviceSyncStatus.State state, FlowDiff diff, long count,
                                           String error) {
        return diff == null
                ? new DeviceSyncStatus(d, state, 0, 0, 0, 0, 0, System.currentTimeMillis(), count, error)
                : new DeviceSyncStatus(d, state, diff.desiredCount(), diff.installedCount(), diff.toAdd().size(),
                                       diff.toRemove().size(), diff.toModify().size(),
                                       System.currentTimeMillis(), count, error);
    }

    private FlowRuleOperations operations(FlowDiff diff) {
        FlowRuleOperations.Builder ops = FlowRuleOperations.builder();
        diff.toRemove().forEach(ops::remove);
        ops.newStage();
        diff.toAdd().forEach(ops::add);
        diff.toModify().forEach(ops::modify);
        DeviceId d = diff.deviceId();
        return ops.build(new FlowRuleOperationsContext() {
            @Override
            public void onSuccess(FlowRuleOperations done) {
                failures.remove(d);
                failureReasons.remove(d);
            }

            @Override
            public void onError(FlowRuleOperations failed) {
                DvrReconciler.this.failed(d, "flow rule operations");
            }
        });
    }

    /**
     * Records a failed operation on a device: FAILED status with the reason, retry with backoff.
     *
     * @param d    device
     * @param what what failed
     */
    private void failed(DeviceId d, String what) {
        int n = failures.merge(d, 1, Integer::sum);
        long delay = retryDelayMillis(retryBaseMs, n);
        String error = what + " failed (" + n + " in a row); retry in " + delay + " ms";
        failureReasons.put(d, error);
        log.warn("{} failed on {} ({} in a row); retrying in {} ms", what, d, n, delay);
        statuses.computeIfPresent(d, (k, s) -> new DeviceSyncStatus(
                d, DeviceSyncStatus.State.FAILED, s.desired(), s.installed(), s.added(), s.removed(),
                s.modified(), s.lastSyncMillis(), s.syncCount(), error));
        scheduleRetry(d, delay);
    }

    /**
     * Delay before retrying a device after {@code failures} consecutive failed batches: exponential backoff, so a
     * rule the switch always rejects does not turn into a busy loop of FLOW_MODs and log lines.
     *
     * @param baseMs   first delay
     * @param failures consecutive failures (1 or more)
     * @return delay in milliseconds, at most {@link #RETRY_MAX_MS}
     */
    static long retryDelayMillis(long baseMs, int failures) {
        int shift = Math.min(Math.max(failures - 1, 0), 20);
        return Math.min(RETRY_MAX_MS, baseMs << shift);
    }

    private void scheduleRetry(DeviceId d, long delayMs) {
        if (executor == null || executor.isShutdown()) {
            return;
        }
        retries.compute(d, (k, pending) -> pending != null && !pending.isDone() ? pending
                : executor.schedule(() -> mark(d), delayMs, TimeUnit.MILLISECONDS));
    }

    // ---- DvrReconcilerService

    @Override
    public List<DesiredFlow> desired(DeviceId deviceId) {
        return ImmutableList.copyOf(compiled().rules(deviceId));
    }

    @Override
    public Collection<FlowEntry> installed(DeviceId deviceId) {
        List<FlowEntry> list = new ArrayList<>();
        for (FlowEntry e : flowRuleService.getFlowEntries(deviceId)) {
            if (e.appId() == appId.id()) {
                list.add(e);
            }
        }
        return list;
    }

    @Override
    public List<DesiredGroup> desiredGroups(DeviceId deviceId) {
        return ImmutableList.copyOf(compiled().groups(deviceId));
    }

    @Override
    public Collection<Group> installedGroups(DeviceId deviceId) {
        List<Group> list = new ArrayList<>();
        GroupService gs = groupService;
        if (gs == null) {
            return list;
        }
        for (Group g : gs.getGroups(deviceId, appId)) {
            if (appId.equals(g.appId())) {
                list.add(g);
            }
        }
        return list;
    }

    @Override
    public FlowDiff diff(DeviceId deviceId) {
        List<FlowRule> desired = compiled().rules(deviceId).stream().map(DesiredFlow::flowRule)
                .collect(Collectors.toList());
        return FlowDiffer.diff(deviceId, desired, installed(deviceId));
    }

    @Override
    public CompletableFuture<DeviceSyncStatus> sync(DeviceId deviceId) {
        return CompletableFuture.supplyAsync(() -> syncNow(deviceId), executor);
    }

    @Override
    public CompletableFuture<Map<DeviceId, DeviceSyncStatus>> syncAll() {
        return CompletableFuture.supplyAsync(() -> {
            Map<DeviceId, DeviceSyncStatus> result = new LinkedHashMap<>();
            Set<DeviceId> all = devices();
            dirty.removeAll(all);
            all.forEach(d -> result.put(d, syncNow(d)));
            return ImmutableMap.copyOf(result);
        }, executor);
    }

    @Override
    public Map<DeviceId, DeviceSyncStatus> status() {
        Map<DeviceId, DeviceSyncStatus> result = new LinkedHashMap<>();
        for (DeviceId d : Sets.union(devices(), statuses.keySet())) {
            result.put(d, statuses.getOrDefault(d, new DeviceSyncStatus(d, DeviceSyncStatus.State.NEVER, 0, 0, 0,
                                                                           0, 0, 0, 0, null)));
        }
        return ImmutableMap.copyOf(result);
    }

    /**
     * Waits until the work queued so far is done (for tests).
     *
     * @throws Exception if interrupted or failed
     */
    void flush() throws Exception {
        executor.submit(() -> { }).get(10, TimeUnit.SECONDS);
    }

    /**
     * Holds the executor until {@code release} counts down (for tests: lets events pile up before a drain).
     *
     * @param release latch the executor waits on
     */
    void hold(CountDownLatch release) {
        executor.execute(() -> {
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
    }
}
