package org.onosdvr.openflow.net;

import org.onosdvr.openflow.channel.SwitchError;
import org.onosdvr.openflow.translate.FlowModEncoder;
import org.onosdvr.openflow.translate.FlowStatsDecoder;
import org.onosdvr.openflow.translate.InstalledFlow;
import org.onosdvr.openflow.translate.OfTranslationException;
import org.onosproject.cfg.ComponentConfigService;
import org.onosproject.core.ApplicationId;
import org.onosproject.core.CoreService;
import org.onosproject.event.AbstractListenerManager;
import org.onosproject.net.DeviceId;
import org.onosproject.net.flow.FlowEntry;
import org.onosproject.net.flow.FlowId;
import org.onosproject.net.flow.FlowRule;
import org.onosproject.net.flow.FlowRuleEvent;
import org.onosproject.net.flow.FlowRuleListener;
import org.onosproject.net.flow.FlowRuleOperation;
import org.onosproject.net.flow.FlowRuleOperations;
import org.onosproject.net.flow.FlowRuleOperationsContext;
import org.onosproject.net.flow.FlowRuleService;
import org.onosproject.net.flow.TableStatisticsEntry;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.projectfloodlight.openflow.protocol.OFFlowDeleteStrict;
import org.projectfloodlight.openflow.protocol.OFFlowMod;
import org.projectfloodlight.openflow.protocol.OFFlowModCommand;
import org.projectfloodlight.openflow.protocol.OFFlowRemoved;
import org.projectfloodlight.openflow.protocol.OFFlowStatsReply;
import org.projectfloodlight.openflow.protocol.OFMessage;
import org.projectfloodlight.openflow.types.U64;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.onosdvr.openflow.net.OsgiPropertyConstants.POLL_INTERVAL_SEC;
import static org.onosdvr.openflow.net.OsgiPropertyConstants.POLL_INTERVAL_SEC_DEFAULT;

/**
 * {@link FlowRuleService} of the embedded runtime, over OpenFlow 1.3.
 * <p>
 * Operations are grouped per device and stage; each group goes out as one batch of FLOW_MODs (cookie = flow id;
 * ADD and MODIFY as ADD, REMOVE as DELETE_STRICT restricted to that cookie) followed by a barrier. The barrier
 * confirms the rules the switch did not reject: PENDING_ADD becomes ADDED, PENDING_REMOVE entries go away; a
 * rule the switch rejected (or that cannot be encoded) becomes FAILED with the error kept
 * ({@link FlowRuleDiagnostics#failureReason}) and is reported to the context's {@code onError} (later stages
 * are then skipped, as in ONOS). Rules for a switch that is not connected stay pending (and are reported as
 * failed); they are sent when it connects.
 * <p>
 * Flow statistics are polled every {@code pollIntervalSec} and right after a switch connects: counters are
 * updated, ADDED rules missing on the switch are dropped with RULE_REMOVED (so the application's reconciler
 * re-installs them), and flows carrying one of our application ids in the cookie but unknown to the store are
 * imported as ADDED (counted as extraneous) so the application sees them and can remove them. FLOW_REMOVED
 * messages give RULE_REMOVED at once. A dump openflowj cannot decode fails that poll only: the store's view is
 * kept and the failure is logged.
 */
@Component(immediate = true, service = {FlowRuleService.class, FlowRuleDiagnostics.class},
        property = {
                POLL_INTERVAL_SEC + ":Integer=" + POLL_INTERVAL_SEC_DEFAULT,
        })
public class OpenFlowRuleManager extends AbstractListenerManager<FlowRuleEvent, FlowRuleListener>
        implements FlowRuleService, FlowRuleDiagnostics {

    private static final long MIN_STATS_TIMEOUT_MS = 10_000;

    private final Logger log = LoggerFactory.getLogger(getClass());

    @Reference(cardinality = ReferenceCardinality.MANDATORY)
    protected OpenFlowControllerService controller;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policyOption = ReferencePolicyOption.GREEDY)
    protected ComponentConfigService cfgService;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policyOption = ReferencePolicyOption.GREEDY)
    protected CoreService coreService;

    private final OfFlowRuleStore store = new OfFlowRuleStore();
    private final Set<Short> knownApps = ConcurrentHashMap.newKeySet();
    private final Map<SwitchConnection, CompletableFuture<Void>> polls = new ConcurrentHashMap<>();
    private final Map<DeviceId, AtomicLong> extraneous = new ConcurrentHashMap<>();
    private final SwitchConnectionListener switchListener = new InternalSwitchListener();
    private ScheduledExecutorService poller;
    private ScheduledFuture<?> pollTask;
    private int pollIntervalSec = POLL_INTERVAL_SEC_DEFAULT;

    /**
     * Starts polling and listening to switches.
     *
     * @param properties component properties
     */
    @Activate
    protected void activate(Map<String, Object> properties) {
        eventDispatcher.addSink(FlowRuleEvent.class, listenerRegistry);
        if (cfgService != null) {
            cfgService.registerProperties(getClass());
        }
        poller = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "of-flow-stats-poll");
            t.setDaemon(true);
            return t;
        });
        pollIntervalSec = new ComponentProperties(properties).positive(POLL_INTERVAL_SEC, POLL_INTERVAL_SEC_DEFAULT);
        schedulePolling();
        controller.addListener(switchListener);
        controller.connections().forEach(this::poll);
        log.info("Started (flow stats every {} s)", pollIntervalSec);
    }

    /**
     * Re-reads {@code pollIntervalSec}.
     *
     * @param properties component properties
     */
    @Modified
    protected void modified(Map<String, Object> properties) {
        int next;
        try {
            next = new ComponentProperties(properties).positive(POLL_INTERVAL_SEC, POLL_INTERVAL_SEC_DEFAULT);
        } catch (IllegalArgumentException e) {
            log.warn("Ignoring invalid configuration: {}", e.getMessage());
            return;
        }
        if (next != pollIntervalSec) {
            pollIntervalSec = next;
            schedulePolling();
            log.info("Flow stats polling every {} s", next);
        }
    }

    /** Stops polling and listening. */
    @Deactivate
    protected void deactivate() {
        controller.removeListener(switchListener);
        poller.shutdownNow();
        if (cfgService != null) {
            cfgService.unregisterProperties(getClass(), false);
        }
        eventDispatcher.removeSink(FlowRuleEvent.class);
        log.info("Stopped");
    }

    private synchronized void schedulePolling() {
        if (pollTask != null) {
            pollTask.cancel(false);
        }
        pollTask = poller.scheduleWithFixedDelay(this::pollAll, pollIntervalSec, pollIntervalSec, TimeUnit.SECONDS);
    }

    private void pollAll() {
        try {
            controller.connections().forEach(this::poll);
        } catch (RuntimeException e) {
            log.warn("Flow stats poll failed", e);
        }
    }

    // ---- FlowRuleService: queries ----

    @Override
    public int getFlowRuleCount() {
        return store.count();
    }

    @Override
    public FlowEntry getFlowEntry(FlowRule rule) {
        return store.entry(rule);
    }

    @Override
    public Iterable<FlowEntry> getFlowEntries(DeviceId deviceId) {
        return store.entries(deviceId);
    }

    @Override
    public Iterable<FlowEntry> getFlowEntriesById(ApplicationId id) {
        return store.entries(e -> e.appId() == id.id());
    }

    @Override
    public Iterable<FlowRule> getFlowRulesByGroupId(ApplicationId appId, short groupId) {
        return List.of();
    }

    @Override
    public Iterable<TableStatisticsEntry> getFlowTableStatistics(DeviceId deviceId) {
        return List.of();
    }

    @Override
    public Optional<String> failureReason(DeviceId deviceId, FlowId flowId) {
        return store.failureReason(deviceId, flowId);
    }

    @Override
    public long extraneousRules(DeviceId deviceId) {
        AtomicLong n = extraneous.get(deviceId);
        return n == null ? 0 : n.get();
    }

    // ---- FlowRuleService: changes ----

    @Override
    public void applyFlowRules(FlowRule... flowRules) {
        FlowRuleOperations.Builder b = FlowRuleOperations.builder();
        Arrays.stream(flowRules).forEach(b::add);
        apply(b.build());
    }

    @Override
    public void removeFlowRules(FlowRule... flowRules) {
        FlowRuleOperations.Builder b = FlowRuleOperations.builder();
        Arrays.stream(flowRules).forEach(b::remove);
        apply(b.build());
    }

    @Override
    public void removeFlowRulesById(ApplicationId appId) {
        List<FlowEntry> entries = store.entries(e -> e.appId() == appId.id());
        removeFlowRules(entries.toArray(new FlowRule[0]));
    }

    @Override
    public void purgeFlowRules(DeviceId deviceId) {
        store.purge(deviceId);
    }

    @Override
    public void apply(FlowRuleOperations ops) {
        runStage(ops, 0);
    }

    private void runStage(FlowRuleOperations ops, int index) {
        FlowRuleOperationsContext ctx = ops.callback();
        if (index >= ops.stages().size()) {
            if (ctx != null) {
                ctx.onSuccess(ops);
            }
            return;
        }
        executeStage(ops.stages().get(index)).whenComplete((failed, e) -> {
            if (e != null) {
                log.error("Flow rule stage failed unexpectedly", e);
                failed = List.copyOf(ops.stages().get(index));
            }
            if (!failed.isEmpty()) {
                if (ctx != null) {
                    FlowRuleOperations.Builder b = FlowRuleOperations.builder();
                    failed.forEach(b::operation);
                    ctx.onError(b.build());
                }
                return;
            }
            runStage(ops, index + 1);
        });
    }

    private CompletableFuture<List<FlowRuleOperation>> executeStage(Set<FlowRuleOperation> stage) {
        Map<DeviceId, List<Pending>> byDevice = new LinkedHashMap<>();
        for (FlowRuleOperation op : stage) {
            knownApps.add(op.rule().appId());
            OfFlowRuleStore.Change c = op.type() == FlowRuleOperation.Type.REMOVE
                    ? store.requestRemove(op.rule()) : store.requestAdd(op.rule());
            if (c.event != null) {
                post(c.event);
            }
            if (c.local) {
                continue;
            }
            byDevice.computeIfAbsent(op.rule().deviceId(), d -> new ArrayList<>())
                    .add(new Pending(op, op.type() == FlowRuleOperation.Type.REMOVE, c));
        }
        List<CompletableFuture<List<FlowRuleOperation>>> futures = new ArrayList<>();
        byDevice.forEach((d, list) -> futures.add(send(d, list)));
        return CompletableFuture.allOf(futures.toArray(new CompletableFuture[0])).thenApply(v -> {
            List<FlowRuleOperation> failed = new ArrayList<>();
            futures.forEach(f -> failed.addAll(f.join()));
            return failed;
        });
    }

    /**
     * Sends recorded changes to one device as one batch and applies the outcome to the store.
     *
     * @return the operations that failed (internal re-sends have none)
     */
    private CompletableFuture<List<FlowRuleOperation>> send(DeviceId deviceId, List<Pending> changes) {
        List<FlowRuleOperation> failed = new ArrayList<>();
        Optional<SwitchConnection> conn = controller.connection(deviceId).filter(SwitchConnection::isConnected);
        if (conn.isEmpty()) {
            log.debug("{} is not connected; {} flow operation(s) stay pending", deviceId, changes.size());
            changes.forEach(p -> {
                store.notSent(deviceId, p.change.rule.id(), p.change.version);
                p.failTo(failed);
            });
            return CompletableFuture.completedFuture(failed);
        }
        SwitchConnection sw = conn.get();
        List<Pending> sent = new ArrayList<>();
        List<OFMessage> msgs = new ArrayList<>();
        for (Pending p : changes) {
            try {
                msgs.add(encode(p, sw));
                sent.add(p);
            } catch (OfTranslationException | IllegalArgumentException e) {
                fail(deviceId, p, "cannot encode: " + e.getMessage(), failed);
            }
        }
        if (msgs.isEmpty()) {
            return CompletableFuture.completedFuture(failed);
        }
        long started = System.nanoTime();
        return sw.sendBatch(msgs).handle((errors, e) -> {
            if (e != null) {
                Throwable cause = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
                log.warn("Batch of {} flow operation(s) to {} not confirmed: {}", sent.size(), deviceId,
                         cause.getMessage());
                sent.forEach(p -> {
                    store.notSent(deviceId, p.change.rule.id(), p.change.version);
                    p.failTo(failed);
                });
                return failed;
            }
            for (int i = 0; i < sent.size(); i++) {
                Pending p = sent.get(i);
                SwitchError err = errors.get(i);
                if (err != null) {
                    fail(deviceId, p, err.toString(), failed);
                } else {
                    FlowId id = p.change.rule.id();
                    FlowRuleEvent ev = p.remove ? store.confirmRemove(deviceId, id, p.change.version)
                            : store.confirmAdd(deviceId, id, p.change.version);
                    if (ev != null) {
                        post(ev);
                    }
                }
            }
            log.debug("Batch of {} flow operation(s) to {} confirmed in {} ms, {} rejected", sent.size(), deviceId,
                      TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started), errors.size());
            return failed;
        });
    }

    private void fail(DeviceId deviceId, Pending p, String reason, List<FlowRuleOperation> failed) {
        log.warn("Flow rule {} on {} FAILED: {} ({})", Long.toHexString(p.change.rule.id().value()), deviceId,
                 reason, p.change.rule);
        store.failed(deviceId, p.change.rule.id(), p.change.version, reason, -1, -1);
        p.failTo(failed);
    }

    private static OFMessage encode(Pending p, SwitchConnection sw) {
        if (!p.remove) {
            return FlowModEncoder.toFlowMod(p.change.rule, sw.factory(), OFFlowModCommand.ADD);
        }
        OFFlowMod del = FlowModEncoder.toFlowMod(p.change.rule, sw.factory(), OFFlowModCommand.DELETE_STRICT);
        // only our rule: not another one that took its match since
        return ((OFFlowDeleteStrict) del).createBuilder().setCookieMask(U64.NO_MASK).build();
    }

    // ---- polling ----

    @Override
    public CompletableFuture<Void> pollNow(DeviceId deviceId) {
        return controller.connection(deviceId).map(this::poll).orElseGet(
                () -> CompletableFuture.failedFuture(new IllegalStateException(deviceId + " is not connected")));
    }

    private CompletableFuture<Void> poll(SwitchConnection sw) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        CompletableFuture<Void> running = polls.putIfAbsent(sw, done);
        if (running != null) {
            return running;
        }
        long since = store.sequence();
        long started = System.nanoTime();
        long timeout = Math.max(MIN_STATS_TIMEOUT_MS, TimeUnit.SECONDS.toMillis(3L * pollIntervalSec));
        sw.request(FlowStatsDecoder.allFlowsRequest(sw.factory()), timeout).whenComplete((replies, e) -> {
            polls.remove(sw, done);
            if (e != null) {
                Throwable cause = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
                log.warn("Flow stats of {} failed: {}; keeping the store's view", sw.deviceId(), cause.getMessage());
                done.completeExceptionally(cause);
                return;
            }
            try {
                merge(sw, replies, since, started);
                done.complete(null);
            } catch (RuntimeException x) {
                log.warn("Flow stats of {} could not be merged", sw.deviceId(), x);
                done.completeExceptionally(x);
            }
        });
        return done;
    }

    private void merge(SwitchConnection sw, List<OFMessage> replies, long since, long started) {
        DeviceId id = sw.deviceId();
        List<InstalledFlow> dump = new ArrayList<>();
        for (OFMessage m : replies) {
            if (m instanceof OFFlowStatsReply) {
                dump.addAll(FlowStatsDecoder.decode((OFFlowStatsReply) m, id));
            }
        }
        OfFlowRuleStore.Merge m = store.merge(id, dump, since, this::isOurApp);
        int missing = 0;
        for (FlowRuleEvent e : m.events) {
            if (e.type() == FlowRuleEvent.Type.RULE_REMOVED) {
                missing++;
                log.trace("Rule {} missing on {}", e.subject().id(), id);
            }
            post(e);
        }
        if (missing > 0) {
            // one line, not one per rule: a switch that restarted empty is missing every rule (50k lines at scale)
            log.info("{} rule(s) missing on {} (removed behind our back, or the switch restarted): dropped from the "
                             + "store", missing, id);
        }
        if (!m.imported.isEmpty()) {
            extraneous.computeIfAbsent(id, d -> new AtomicLong()).addAndGet(m.imported.size());
            log.info("{} rule(s) of our applications found on {} that the store did not know: imported",
                     m.imported.size(), id);
        }
        m.undecodable.forEach(f -> log.warn("Extraneous rule on {} that cannot be decoded: {}", id, f));
        List<Pending> resend = new ArrayList<>();
        m.resendAdds.forEach(c -> resend.add(new Pending(null, false, c)));
        m.resendRemoves.forEach(c -> resend.add(new Pending(null, true, c)));
        if (!resend.isEmpty()) {
            log.info("Sending {} pending flow operation(s) to {}", resend.size(), id);
            send(id, resend);
        }
        log.debug("Flow stats of {} merged {} ms after the request: {} flow(s), {} event(s), {} imported, {} re-sent",
                  id, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started), dump.size(), m.events.size(),
                  m.imported.size(), resend.size());
    }

    private boolean isOurApp(short appId) {
        if (knownApps.contains(appId)) {
            return true;
        }
        CoreService core = coreService;
        return core != null && core.getAppId(appId) != null;
    }

    @Override
    public String toString() {
        return "OpenFlowRuleManager{rules=" + store.count() + "}";
    }

    /** One recorded change on its way to a switch. */
    private static final class Pending {
        private final FlowRuleOperation op;
        private final boolean remove;
        private final OfFlowRuleStore.Change change;

        private Pending(FlowRuleOperation op, boolean remove, OfFlowRuleStore.Change change) {
            this.op = op;
            this.remove = remove;
            this.change = change;
        }

        private void failTo(List<FlowRuleOperation> failed) {
            if (op != null) {
                failed.add(op);
            }
        }
    }

    private final class InternalSwitchListener implements SwitchConnectionListener {
        @Override
        public void connected(SwitchConnection sw) {
            poll(sw);
        }

        @Override
        public void flowRemoved(SwitchConnection sw, OFFlowRemoved removed) {
            FlowRuleEvent e = store.flowRemoved(sw.deviceId(), FlowId.valueOf(removed.getCookie().getValue()),
                                                removed.getTableId().getValue(), removed.getPriority(),
                                                FlowStatsDecoder.selector(removed.getMatch(), sw.deviceId())
                                                        .orElse(null));
            if (e != null) {
                log.debug("Rule {} removed by {} ({})", e.subject().id(), sw.deviceId(), removed.getReason());
                post(e);
            }
        }
    }
}
