package org.onosdvr.app.reconciler;

import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.onosdvr.api.DesiredFlow;
import org.onosdvr.api.DesiredGroup;
import org.onosdvr.api.DeviceSyncStatus;
import org.onosdvr.api.DvrNode;
import org.onosdvr.api.DvrSnapshot;
import org.onosdvr.api.NodeRole;
import org.onosdvr.api.PortId;
import org.onosdvr.api.VmPort;
import org.onosdvr.app.testing.DvrTestBed;
import org.onosdvr.app.testing.InMemoryFlowRuleService;
import org.onosdvr.app.testing.InMemoryGroupService;
import org.onosdvr.app.testing.TestModel;
import org.onosproject.cfg.ComponentConfigAdapter;
import org.onosproject.core.ApplicationId;
import org.onosproject.core.CoreServiceAdapter;
import org.onosproject.core.DefaultApplicationId;
import org.onosproject.mastership.MastershipServiceAdapter;
import org.onosproject.net.ConnectPoint;
import org.onosproject.net.DeviceId;
import org.onosproject.net.MastershipRole;
import org.onosproject.net.PortNumber;
import org.onosproject.net.device.DeviceServiceAdapter;
import org.onosproject.net.flow.DefaultFlowRule;
import org.onosproject.net.flow.DefaultTrafficSelector;
import org.onosproject.net.flow.DefaultTrafficTreatment;
import org.onosproject.net.flow.FlowEntry;
import org.onosproject.net.flow.FlowRule;
import org.onosproject.net.flow.FlowRuleOperation;
import org.onosproject.net.group.DefaultGroupBucket;
import org.onosproject.net.group.DefaultGroupDescription;
import org.onosproject.net.group.DefaultGroupKey;
import org.onosproject.net.group.Group;
import org.onosproject.net.group.GroupBucket;
import org.onosproject.net.group.GroupBuckets;
import org.onosproject.net.group.GroupDescription;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

/**
 * Tests of the reconciler against a flow rule service that behaves like ONOS's.
 */
public class DvrReconcilerTest {

    private static final ApplicationId APP = new DefaultApplicationId(42, DvrReconciler.APP_NAME);
    private static final ApplicationId OTHER_APP = new DefaultApplicationId(43, "other");
    private static final DeviceId D1 = DeviceId.deviceId("of:0000000000000001");
    private static final DeviceId D2 = DeviceId.deviceId("of:0000000000000002");

    private final Set<DeviceId> mastered = new HashSet<>(Set.of(D1, D2));
    private final InMemoryFlowRuleService flows = new InMemoryFlowRuleService();
    private final InMemoryGroupService groups = new InMemoryGroupService();
    private static final int GROUP_ID = 0x10001;
    private volatile int groupBuckets;
    private DvrTestBed bed;
    private DvrReconciler rec;

    /** A toy compiler: a miss rule per node, and an L2 rule per VM port located on it. */
    static final class ToyCompiler implements RuleCompiler {
        private final ApplicationId appId;
        private final java.util.function.IntSupplier groupBuckets;

        ToyCompiler(ApplicationId appId) {
            this(appId, () -> 0);
        }

        /** With groupBuckets() > 0: per node a fast-failover group of that many buckets and a rule using it. */
        ToyCompiler(ApplicationId appId, java.util.function.IntSupplier groupBuckets) {
            this.appId = appId;
            this.groupBuckets = groupBuckets;
        }

        static GroupDescription group(ApplicationId appId, DeviceId d, int buckets) {
            List<GroupBucket> b = new ArrayList<>();
            for (int i = 0; i < buckets; i++) {
                b.add(DefaultGroupBucket.createFailoverGroupBucket(
                        DefaultTrafficTreatment.builder().setOutput(PortNumber.portNumber(1)).build(),
                        PortNumber.portNumber(200 + i), null));
            }
            return new DefaultGroupDescription(d, GroupDescription.Type.FAILOVER, new GroupBuckets(b),
                                               new DefaultGroupKey("dvr-snat-1".getBytes()), GROUP_ID, appId);
        }

        private FlowRule rule(DeviceId d, int table, int priority, DefaultTrafficSelector.Builder sel,
                              DefaultTrafficTreatment.Builder treat) {
            return DefaultFlowRule.builder().fromApp(appId).forDevice(d).forTable(table).withPriority(priority)
                    .withSelector(sel.build()).withTreatment(treat.build()).makePermanent().build();
        }

        @Override
        public Compiled compile(DvrSnapshot s) {
            Map<DeviceId, List<DesiredFlow>> map = new java.util.HashMap<>();
            for (DvrNode n : s.nodes()) {
                List<DesiredFlow> list = map.computeIfAbsent(n.deviceId(), k -> new ArrayList<>());
                list.add(new DesiredFlow(rule(n.deviceId(), 0, 0, (DefaultTrafficSelector.Builder)
                        DefaultTrafficSelector.builder(), (DefaultTrafficTreatment.Builder)
                        DefaultTrafficTreatment.builder().drop()), "classifier", "miss", "node:" + n.deviceId()));
            }
            for (VmPort p : s.ports()) {
                p.location().filter(l -> map.containsKey(l.deviceId())).ifPresent(l -> map.get(l.deviceId()).add(
                        new DesiredFlow(rule(l.deviceId(), 7, 100, (DefaultTrafficSelector.Builder)
                                DefaultTrafficSelector.builder().matchEthDst(p.mac()),
                                             (DefaultTrafficTreatment.Builder) DefaultTrafficTreatment.builder()
                                                     .setOutput(l.port())), "l2_lookup", "to " + p.id(),
                                        "port:" + p.id())));
            }
            Map<DeviceId, List<DesiredGroup>> groupMap = new java.util.HashMap<>();
            int buckets = groupBuckets.getAsInt();
            if (buckets > 0) {
                for (DvrNode n : s.nodes()) {
                    groupMap.put(n.deviceId(), List.of(new DesiredGroup(group(appId, n.deviceId(), buckets),
                                                                        "failover", "router:r1")));
                    map.get(n.deviceId()).add(new DesiredFlow(rule(n.deviceId(), 3, 1000,
                            (DefaultTrafficSelector.Builder) DefaultTrafficSelector.builder()
                                    .matchEthType((short) 0x800),
                            (DefaultTrafficTreatment.Builder) DefaultTrafficTreatment.builder()
                                    .group(org.onosproject.core.GroupId.valueOf(GROUP_ID))),
                            "l3_route", "via group", "router:r1"));
                }
            }
            return new Compiled() {
                @Override
                public Set<DeviceId> devices() {
                    return map.keySet();
                }

                @Override
                public List<DesiredGroup> groups(DeviceId deviceId) {
                    return groupMap.getOrDefault(deviceId, List.of());
                }

                @Override
                public List<DesiredFlow> rules(DeviceId deviceId) {
                    return map.getOrDefault(deviceId, List.of());
                }
            };
        }
    }

    @Before
    public void setUp() {
        bed = new DvrTestBed();
        bed.manager.createNetwork(TestModel.network("n1", 101));
        bed.manager.createSubnet(TestModel.subnet("s1", "n1", "10.0.1.0/24", "10.0.1.1"));
        bed.manager.updateNode(TestModel.node(D1.toString(), NodeRole.COMPUTE, "198.18.0.1", 0));
        bed.manager.updateNode(TestModel.node(D2.toString(), NodeRole.COMPUTE, "198.18.0.2", 0));
        bed.manager.createPort(TestModel.port("p1", "n1", "fa:16:3e:00:00:01", "10.0.1.10")
                                       .withLocation(new ConnectPoint(D1, PortNumber.portNumber(3))));
        bed.manager.createPort(TestModel.port("p2", "n1", "fa:16:3e:00:00:02", "10.0.1.11")
                                       .withLocation(new ConnectPoint(D2, PortNumber.portNumber(4))));

        rec = new DvrReconciler();
        rec.coreService = new CoreServiceAdapter() {
            @Override
            public ApplicationId registerApplication(String name) {
                return APP;
            }
        };
        rec.dvrService = bed.manager;
        rec.flowRuleService = flows;
        rec.bindGroupService(groups);
        groups.clock = () -> flows.applied.size();
        rec.deviceService = new DeviceServiceAdapter() {
            @Override
            public boolean isAvailable(DeviceId deviceId) {
                return true;
            }
        };
        rec.mastershipService = new MastershipServiceAdapter() {
            @Override
            public MastershipRole getLocalRole(DeviceId deviceId) {
                return mastered.contains(deviceId) ? MastershipRole.MASTER : MastershipRole.STANDBY;
            }
        };
        rec.cfgService = new ComponentConfigAdapter();
        rec.compilerFactory = app -> new ToyCompiler(app, () -> groupBuckets);
        rec.activate(null);
    }

    @After
    public void tearDown() {
        rec.deactivate();
        bed.stop();
    }

    private Map<DeviceId, DeviceSyncStatus> syncAll() throws Exception {
        return rec.syncAll().get(10, TimeUnit.SECONDS);
    }

    private Set<String> table(DeviceId d) {
        Set<String> rules = new TreeSet<>();
        for (FlowEntry e : flows.getFlowEntries(d)) {
            rules.add(e.appId() + "/" + e.tableId() + "/" + e.priority() + "/" + e.selector().criteria() + "/"
                              + e.treatment().allInstructions());
        }
        return rules;
    }

    @Test
    public void installsDesiredRulesAndSecondRunDoesNothing() throws Exception {
        rec.flush();
        syncAll();
        assertEquals(2, table(D1).size());
        assertEquals(2, table(D2).size());
        assertTrue(rec.diff(D1).isEmpty());

        int ops = flows.applied.size();
        int batches = flows.batches;
        Map<DeviceId, DeviceSyncStatus> second = syncAll();
        assertEquals("second run: zero operations", ops, flows.applied.size());
        assertEquals("second run: no batch", batches, flows.batches);
        assertEquals(DeviceSyncStatus.State.IN_SYNC, second.get(D1).state());
        assertEquals(0, second.get(D1).added());
        assertEquals(2, second.get(D1).installed());
    }

    @Test
    public void repairsRuleDeletedBehindItsBack() throws Exception {
        syncAll();
        Set<String> before = table(D1);
        FlowRule l2 = rec.desired(D1).stream().filter(f -> f.table().equals("l2_lookup")).findFirst().get()
                .flowRule();
        int ops = flows.applied.size();
        flows.removeBehindBack(l2);
        rec.flush();
        assertEquals("restored by the event-triggered sync", before, table(D1));
        List<FlowRuleOperation> repair = flows.applied.subList(ops, flows.applied.size());
        assertEquals(1, repair.size());
        assertEquals(FlowRuleOperation.Type.ADD, repair.get(0).type());
        assertTrue(repair.get(0).rule().exactMatch(l2));
    }

    @Test
    public void removesStaleRulesOfOurAppOnlyAndBatchesPerDevice() throws Exception {
        FlowRule stale = DefaultFlowRule.builder().fromApp(APP).forDevice(D1).forTable(3).withPriority(5)
                .withSelector(DefaultTrafficSelector.builder().matchEthType((short) 0x800).build())
                .withTreatment(DefaultTrafficTreatment.builder().drop().build()).makePermanent().build();
        FlowRule foreign = DefaultFlowRule.builder().fromApp(OTHER_APP).forDevice(D1).forTable(3).withPriority(6)
                .withSelector(DefaultTrafficSelector.builder().matchEthType((short) 0x806).build())
                .withTreatment(DefaultTrafficTreatment.builder().drop().build()).makePermanent().build();
        rec.flush();
        flows.applyFlowRules(stale, foreign);
        int batches = flows.batches;
        int ops = flows.applied.size();
        rec.sync(D1).get(10, TimeUnit.SECONDS);
        assertEquals("one batch for the device", batches + 1, flows.batches);
        List<FlowEntry> ours = new ArrayList<>(rec.installed(D1));
        assertEquals(2, ours.size());
        assertTrue(ours.stream().noneMatch(e -> e.exactMatch(stale)));
        assertEquals("the other application's rule is untouched", 3, table(D1).size());
        List<FlowRuleOperation.Type> types = flows.applied.subList(ops, flows.applied.size()).stream()
                .map(FlowRuleOperation::type)
                .collect(Collectors.toList());
        assertEquals("removes come first", FlowRuleOperation.Type.REMOVE, types.get(0));
    }

    @Test
    public void stateChangeUpdatesOnlyTheDifference() throws Exception {
        syncAll();
        int ops = flows.applied.size();
        VmPort p1 = bed.manager.snapshot().port(PortId.of("p1")).get();
        bed.manager.updatePort(p1.withLocation(new ConnectPoint(D1, PortNumber.portNumber(9))));
        rec.flush();
        List<FlowRuleOperation> done = flows.applied.subList(ops, flows.applied.size());
        assertEquals("same key, new output: one modify", 1, done.size());
        assertEquals(FlowRuleOperation.Type.MODIFY, done.get(0).type());
        assertTrue(table(D1).stream().anyMatch(r -> r.contains("OUTPUT:9")));
        assertTrue(rec.diff(D1).isEmpty());

        bed.manager.removePort(PortId.of("p2"));
        rec.flush();
        assertEquals(1, table(D2).size());
    }

    @Test
    public void onlyMasteredDevicesAreProgrammed() throws Exception {
        syncAll();
        mastered.remove(D2);
        bed.manager.removePort(PortId.of("p2"));
        rec.flush();
        Map<DeviceId, DeviceSyncStatus> st = syncAll();
        assertEquals(DeviceSyncStatus.State.NOT_MASTER, st.get(D2).state());
        assertEquals("another member's device is left alone", 2, table(D2).size());
        assertEquals(1, rec.diff(D2).toRemove().size());
        assertEquals(2, table(D1).size());
        assertEquals(DeviceSyncStatus.State.NOT_MASTER, rec.status().get(D2).state());
    }

    @Test
    public void retryDelayGrowsExponentiallyUpToTheCap() {
        assertEquals(1000, DvrReconciler.retryDelayMillis(1000, 1));
        assertEquals(2000, DvrReconciler.retryDelayMillis(1000, 2));
        assertEquals(8000, DvrReconciler.retryDelayMillis(1000, 4));
        assertEquals(DvrReconciler.RETRY_MAX_MS, DvrReconciler.retryDelayMillis(1000, 6));
        assertEquals(DvrReconciler.RETRY_MAX_MS, DvrReconciler.retryDelayMillis(1000, 1000));
    }

    @Test
    public void rejectedRuleIsRetriedWithBackoffNotInABusyLoopAndReportedAsFailed() throws Exception {
        // the switch rejects the L2 rule of p1 (like OVS rejecting an impossible port): the reconciler must
        // neither spin (the old code re-marked the device at once from onError) nor claim IN_SYNC
        rec.flush();
        rec.retryBaseMs = 20_000;
        flows.rejects = r -> r.deviceId().equals(D1) && r.tableId() == 7;
        bed.manager.updatePort(bed.manager.snapshot().port(PortId.of("p1")).get()
                                       .withLocation(new ConnectPoint(D1, PortNumber.portNumber(8))));
        rec.flush();
        int batches = flows.batches;
        for (int i = 0; i < 5; i++) {
            rec.flush();
        }
        assertEquals("no immediate re-sync after a failure", batches, flows.batches);
        DeviceSyncStatus st = rec.status().get(D1);
        assertEquals(DeviceSyncStatus.State.FAILED, st.state());
        assertTrue(st.lastError().orElse(""), st.lastError().orElse("").contains("retry in 20000 ms"));

        // a later trigger (audit, event) retries; still failing -> still FAILED, next delay doubled
        rec.sync(D1).get(10, TimeUnit.SECONDS);
        rec.flush();
        assertEquals(DeviceSyncStatus.State.FAILED, rec.status().get(D1).state());

        // the switch accepts again: the next sync repairs and the device is IN_SYNC
        flows.rejects = r -> false;
        rec.sync(D1).get(10, TimeUnit.SECONDS);
        rec.flush();
        assertTrue(rec.diff(D1).isEmpty());
        assertEquals(DeviceSyncStatus.State.IN_SYNC, rec.sync(D1).get(10, TimeUnit.SECONDS).state());
    }

    @Test
    public void failedEntryOfARuleNoLongerWantedIsRemoved() throws Exception {
        rec.flush();
        rec.retryBaseMs = 20_000;
        flows.rejects = r -> r.deviceId().equals(D2) && r.tableId() == 7;
        bed.manager.updatePort(bed.manager.snapshot().port(PortId.of("p2")).get()
                                       .withLocation(new ConnectPoint(D2, PortNumber.portNumber(8))));
        rec.flush();
        assertTrue(table(D2).stream().anyMatch(r -> r.contains("OUTPUT:8")));
        flows.rejects = r -> false;
        // the port goes away: its rule is not desired any more, so the FAILED entry must go too
        bed.manager.removePort(PortId.of("p2"));
        rec.flush();
        assertEquals("only the miss rule is left, no FAILED leftover", 1, table(D2).size());
        assertTrue(rec.diff(D2).isEmpty());
        assertEquals(DeviceSyncStatus.State.IN_SYNC, rec.sync(D2).get(10, TimeUnit.SECONDS).state());
    }
    // ---- groups

    private List<Group> groupsOf(DeviceId d) {
        List<Group> out = new ArrayList<>();
        groups.getGroups(d).forEach(out::add);
        return out;
    }

    /** Changes what the toy compiler emits and makes the reconciler see a new snapshot. */
    private void compileGroups(int buckets) throws Exception {
        groupBuckets = buckets;
        bed.manager.createPort(TestModel.port("p" + (10 + buckets), "n1", String.format("fa:16:3e:00:01:%02x",
                                                                                          buckets),
                                              "10.0.1." + (50 + buckets)));
        rec.flush();
    }

    @Test
    public void installsGroupsBeforeTheRulesThatUseThemAndSecondRunDoesNothing() throws Exception {
        syncAll();
        int flowOps = flows.applied.size();
        compileGroups(2);
        syncAll();
        Group g = groupsOf(D1).get(0);
        assertEquals(GROUP_ID, g.id().id().intValue());
        assertEquals(2, g.buckets().buckets().size());
        InMemoryGroupService.Op add = groups.ops.stream().filter(o -> o.type.equals("ADD")).findFirst().get();
        assertTrue("group added before any flow of its sync: " + groups.ops, add.flowOpsBefore <= flowOps);
        assertTrue(table(D1).stream().anyMatch(r -> r.contains("GROUP")));

        int ops = groups.ops.size();
        int batches = flows.batches;
        Map<DeviceId, DeviceSyncStatus> again = syncAll();
        assertEquals("second run: no group operation", ops, groups.ops.size());
        assertEquals("second run: no flow batch", batches, flows.batches);
        assertEquals(DeviceSyncStatus.State.IN_SYNC, again.get(D1).state());
        assertEquals(1, rec.installedGroups(D1).size());
        assertEquals(1, rec.desiredGroups(D1).size());
    }

    @Test
    public void changedBucketsModifyTheGroupInPlace() throws Exception {
        compileGroups(2);
        syncAll();
        int ops = groups.ops.size();
        compileGroups(1);
        syncAll();
        List<String> types = groups.ops.subList(ops, groups.ops.size()).stream().map(o -> o.type)
                .collect(Collectors.toList());
        assertEquals(List.of("MODIFY", "MODIFY"), types);       // one per device, no remove + add
        assertEquals(1, groupsOf(D1).get(0).buckets().buckets().size());
    }

    @Test
    public void staleGroupIsRemovedAfterTheRulesThatUsedIt() throws Exception {
        compileGroups(2);
        syncAll();
        int flowOps = flows.applied.size();
        compileGroups(0);
        syncAll();
        assertTrue(groupsOf(D1).isEmpty());
        assertTrue(table(D1).stream().noneMatch(r -> r.contains("GROUP")));
        InMemoryGroupService.Op remove = groups.ops.stream().filter(o -> o.type.equals("REMOVE")).findFirst()
                .get();
        assertTrue("removed after the flow removes: " + groups.ops + " flows before " + flowOps,
                   remove.flowOpsBefore > flowOps);
    }

    @Test
    public void groupDeletedBehindItsBackIsRestored() throws Exception {
        compileGroups(2);
        syncAll();
        groups.removeBehindBack(D1, GROUP_ID);
        rec.flush();
        assertEquals(1, groupsOf(D1).size());
        assertEquals(2, groupsOf(D1).get(0).buckets().buckets().size());
    }

    @Test
    public void rejectedGroupFailsTheDeviceWithAReasonAndBacksOff() throws Exception {
        rec.retryBaseMs = 60_000;
        groups.rejects = g -> g.deviceId().equals(D1);
        compileGroups(2);
        syncAll();
        rec.flush();
        DeviceSyncStatus st = rec.status().get(D1);
        assertEquals(DeviceSyncStatus.State.FAILED, st.state());
        assertTrue(st.toString(), st.lastError().orElse("").contains("group 0x10001 GROUP_ADD_FAILED"));
        assertTrue(groupsOf(D1).isEmpty());
        assertEquals(1, groupsOf(D2).size());
        assertEquals(DeviceSyncStatus.State.IN_SYNC, rec.status().get(D2).state());
    }

    @Test
    public void withoutGroupServiceRulesAreInstalledAndDesiredGroupsFailTheDevice() throws Exception {
        rec.unbindGroupService(groups);
        rec.retryBaseMs = 60_000;
        syncAll();
        assertEquals("rules without groups are installed", 2, table(D1).size());
        assertEquals(DeviceSyncStatus.State.IN_SYNC, rec.status().get(D1).state());
        assertTrue(rec.installedGroups(D1).isEmpty());

        compileGroups(2);
        syncAll();
        rec.flush();
        DeviceSyncStatus st = rec.status().get(D1);
        assertEquals(DeviceSyncStatus.State.FAILED, st.state());
        assertTrue(st.toString(), st.lastError().orElse("").contains("no GroupService"));
        assertTrue(groupsOf(D1).isEmpty());

        // a GroupService that appears later gets the groups at once
        rec.bindGroupService(groups);
        rec.flush();
        assertEquals(1, groupsOf(D1).size());
        assertEquals(1, groupsOf(D2).size());
    }

    @Test
    public void aStateChangeIsCompiledOnTheReconcilerThreadNotTheNotifiers() throws Exception {
        List<String> threads = new java.util.concurrent.CopyOnWriteArrayList<>();
        rec.deactivate();
        rec = new DvrReconciler();
        rec.coreService = new CoreServiceAdapter() {
            @Override
            public ApplicationId registerApplication(String name) {
                return APP;
            }
        };
        rec.dvrService = bed.manager;
        rec.flowRuleService = flows;
        rec.bindGroupService(groups);
        rec.deviceService = new DeviceServiceAdapter() {
            @Override
            public boolean isAvailable(DeviceId deviceId) {
                return true;
            }
        };
        rec.mastershipService = new MastershipServiceAdapter() {
            @Override
            public MastershipRole getLocalRole(DeviceId deviceId) {
                return MastershipRole.MASTER;
            }
        };
        rec.cfgService = new ComponentConfigAdapter();
        rec.compilerFactory = app -> snapshot -> {
            threads.add(Thread.currentThread().getName());
            return new ToyCompiler(app).compile(snapshot);
        };
        rec.activate(null);
        rec.flush();
        threads.clear();
        // the test bed delivers DVR events synchronously: the listener runs in this thread
        bed.manager.createPort(TestModel.port("p9", "n1", "fa:16:3e:00:00:09", "10.0.1.19")
                                       .withLocation(new ConnectPoint(D1, PortNumber.portNumber(9))));
        rec.flush();
        assertEquals("one compilation of the new state", 1, threads.size());
        assertTrue("compiled by the reconciler, not the notifier: " + threads, threads.get(0).contains("reconciler"));
        assertEquals(3, table(D1).size());
    }

    @Test
    public void aSwitchThatLostEveryRuleIsRefilledInOneBatch() throws Exception {
        for (int i = 0; i < 200; i++) {
            bed.manager.createPort(TestModel.port("q" + i, "n1", String.format("fa:16:3e:00:10:%02x", i),
                                                  String.format("10.0.1.%d", 20 + i))
                                           .withLocation(new ConnectPoint(D1, PortNumber.portNumber(1000 + i))));
        }
        syncAll();
        Set<String> before = table(D1);
        assertEquals(202, before.size());
        int batches = flows.batches;
        // every rule reported removed at once, as the flow-stats poll does for a switch that restarted empty;
        // the executor is held meanwhile, so that all of them are queued when it drains (as when it is busy)
        CountDownLatch release = new CountDownLatch(1);
        rec.hold(release);
        for (FlowEntry e : List.copyOf(rec.installed(D1))) {
            flows.removeBehindBack(e);
        }
        release.countDown();
        rec.flush();
        assertEquals(before, table(D1));
        assertEquals("the removals coalesce: one drain, one re-sync, one batch", 1, flows.batches - batches);
    }

    @Test
    public void desiredIndexKeepsRulesThatShareAFlowId() {
        long cookie = (42L << 48) | 0x104750d3L;
        FlowRule a = DefaultFlowRule.builder().forDevice(D1).forTable(0).withPriority(100).withCookie(cookie)
                .withSelector(DefaultTrafficSelector.builder().matchInPort(PortNumber.portNumber(3)).build())
                .withTreatment(DefaultTrafficTreatment.builder().drop().build()).makePermanent().build();
        FlowRule b = DefaultFlowRule.builder().forDevice(D1).forTable(7).withPriority(200).withCookie(cookie)
                .withSelector(DefaultTrafficSelector.builder().matchInPort(PortNumber.portNumber(4)).build())
                .withTreatment(DefaultTrafficTreatment.builder().drop().build()).makePermanent().build();
        FlowRule c = DefaultFlowRule.builder().forDevice(D1).forTable(7).withPriority(200).withCookie(cookie)
                .withSelector(DefaultTrafficSelector.builder().matchInPort(PortNumber.portNumber(5)).build())
                .withTreatment(DefaultTrafficTreatment.builder().drop().build()).makePermanent().build();
        DvrReconciler.DesiredIndex index = new DvrReconciler.DesiredIndex(List.of(
                new DesiredFlow(a, "classifier", "a", "test"), new DesiredFlow(b, "l2_lookup", "b", "test")));
        assertTrue(index.contains(a));
        assertTrue("the second rule with the same id is found too", index.contains(b));
        assertTrue("same id, other match: not desired", !index.contains(c));
    }
}
