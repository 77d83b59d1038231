package org.onosdvr.openflow.net;

import com.google.common.collect.Iterables;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.onosdvr.openflow.channel.SwitchError;
import org.onosproject.net.DeviceId;
import org.onosproject.net.PortNumber;
import org.onosproject.net.flow.DefaultTrafficTreatment;
import org.onosproject.net.group.DefaultGroupBucket;
import org.onosproject.net.group.DefaultGroupDescription;
import org.onosproject.net.group.DefaultGroupKey;
import org.onosproject.net.group.Group;
import org.onosproject.net.group.GroupBucket;
import org.onosproject.net.group.GroupBuckets;
import org.onosproject.net.group.GroupDescription;
import org.onosproject.net.group.GroupEvent;
import org.onosproject.net.group.GroupKey;
import org.projectfloodlight.openflow.protocol.OFBucket;
import org.projectfloodlight.openflow.protocol.OFGroupAdd;
import org.projectfloodlight.openflow.protocol.OFGroupDelete;
import org.projectfloodlight.openflow.protocol.OFGroupModFailedCode;
import org.projectfloodlight.openflow.protocol.OFGroupModify;
import org.projectfloodlight.openflow.protocol.OFGroupStatsRequest;
import org.projectfloodlight.openflow.protocol.OFGroupType;
import org.projectfloodlight.openflow.protocol.action.OFActionOutput;
import org.projectfloodlight.openflow.types.OFGroup;
import org.projectfloodlight.openflow.types.OFPort;
import org.projectfloodlight.openflow.types.U64;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.instanceOf;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

/**
 * Group operations, barrier confirmation, GROUP_EXISTS handling, reconnection and statistics against a fake
 * switch.
 */
public class OpenFlowGroupManagerTest {

    private static final GroupKey KEY = new DefaultGroupKey("dvr-snat-5".getBytes(StandardCharsets.UTF_8));

    private final FakeController controller = new FakeController();
    private final OpenFlowGroupManager mgr = new OpenFlowGroupManager();
    private final List<GroupEvent> events = new ArrayList<>();
    private final FakeSwitch sw = new FakeSwitch(1);
    private final DeviceId dev = sw.deviceId();

    @Before
    public void setUp() {
        mgr.controller = controller;
        SyncEventDispatcher.inject(mgr);
        mgr.activate();
        mgr.addListener(events::add);
        controller.connect(sw);
    }

    @After
    public void tearDown() {
        mgr.deactivate();
    }

    private static GroupBucket bucket(int watch, int out) {
        return DefaultGroupBucket.createFailoverGroupBucket(
                DefaultTrafficTreatment.builder().setOutput(PortNumber.portNumber(out)).build(),
                PortNumber.portNumber(watch), null);
    }

    private GroupDescription failover(GroupBucket... buckets) {
        return new DefaultGroupDescription(dev, GroupDescription.Type.FAILOVER, new GroupBuckets(List.of(buckets)),
                                           KEY, 0x10005, Flows.APP);
    }

    private List<GroupEvent.Type> types() {
        List<GroupEvent.Type> t = events.stream().map(GroupEvent::type).collect(Collectors.toList());
        events.clear();
        return t;
    }

    private Group.GroupState state() {
        Group g = mgr.getGroup(dev, KEY);
        return g == null ? null : g.state();
    }

    private static SwitchError groupError(long xid, OFGroupModFailedCode code) {
        return SwitchError.of(FakeSwitch.F.errorMsgs().buildGroupModFailedErrorMsg().setXid(xid).setCode(code)
                                      .build());
    }

    @Test
    public void addIsEncodedAsAFastFailoverGroupAndConfirmedByTheBarrier() {
        mgr.addGroup(failover(bucket(7, 100), bucket(8, 100)));
        assertThat(types(), contains(GroupEvent.Type.GROUP_ADD_REQUESTED));
        assertEquals(Group.GroupState.PENDING_ADD, state());
        FakeSwitch.Batch b = sw.lastBatch();
        assertThat(b.msgs.get(0), instanceOf(OFGroupAdd.class));
        OFGroupAdd add = (OFGroupAdd) b.msgs.get(0);
        assertEquals(OFGroup.of(0x10005), add.getGroup());
        assertEquals(OFGroupType.FF, add.getGroupType());
        OFBucket first = add.getBuckets().get(0);
        assertEquals(OFPort.of(7), first.getWatchPort());
        assertEquals(OFGroup.ANY, first.getWatchGroup());
        assertEquals(OFPort.of(100), ((OFActionOutput) first.getActions().get(0)).getPort());
        assertEquals(OFPort.of(8), add.getBuckets().get(1).getWatchPort());
        b.ok();
        assertThat(types(), contains(GroupEvent.Type.GROUP_ADDED));
        assertEquals(Group.GroupState.ADDED, state());
        assertEquals(1, Iterables.size(mgr.getGroups(dev, Flows.APP)));
        assertEquals(0, Iterables.size(mgr.getGroups(dev, Flows.OTHER_APP)));
    }

    @Test
    public void anExistingGroupOnTheSwitchIsModifiedInsteadAndOtherErrorsFail() {
        mgr.addGroup(failover(bucket(7, 100)));
        sw.lastBatch().future.complete(Map.of(0, groupError(1, OFGroupModFailedCode.GROUP_EXISTS)));
        assertThat(sw.lastBatch().msgs.get(0), instanceOf(OFGroupModify.class));
        assertEquals(Group.GroupState.PENDING_ADD, state());
        sw.lastBatch().ok();
        assertEquals(Group.GroupState.ADDED, state());
        types();

        mgr.removeGroup(dev, KEY, Flows.APP);
        assertThat(sw.lastBatch().msgs.get(0), instanceOf(OFGroupDelete.class));
        sw.lastBatch().ok();
        assertThat(types(), contains(GroupEvent.Type.GROUP_REMOVE_REQUESTED, GroupEvent.Type.GROUP_REMOVED));
        assertNull(state());

        mgr.addGroup(failover(bucket(7, 100)));
        sw.lastBatch().future.complete(Map.of(0, groupError(2, OFGroupModFailedCode.BAD_WATCH)));
        assertThat(types(), contains(GroupEvent.Type.GROUP_ADD_REQUESTED, GroupEvent.Type.GROUP_ADD_FAILED));
        assertNull("a rejected group is not kept", state());
    }

    @Test
    public void bucketsAreReplacedInPlace() {
        mgr.addGroup(failover(bucket(7, 100), bucket(8, 100)));
        sw.lastBatch().ok();
        types();
        mgr.setBucketsForGroup(dev, KEY, new GroupBuckets(List.of(bucket(8, 100))), KEY, Flows.APP);
        assertEquals(Group.GroupState.PENDING_UPDATE, state());
        OFGroupModify mod = (OFGroupModify) sw.lastBatch().msgs.get(0);
        assertEquals(1, mod.getBuckets().size());
        assertEquals(OFPort.of(8), mod.getBuckets().get(0).getWatchPort());
        sw.lastBatch().ok();
        assertThat(types(), contains(GroupEvent.Type.GROUP_UPDATE_REQUESTED, GroupEvent.Type.GROUP_UPDATED));
        assertEquals(1, mgr.getGroup(dev, KEY).buckets().buckets().size());
    }

    @Test
    public void groupsWaitForTheSwitchAndAreSentAgainOnEveryReconnection() {
        controller.disconnect(sw);
        sw.connected = false;
        int batches = sw.batches.size();
        mgr.addGroup(failover(bucket(7, 100)));
        assertEquals("nothing is sent to a disconnected switch", batches, sw.batches.size());
        assertEquals(Group.GroupState.PENDING_ADD, state());
        sw.connected = true;
        controller.connect(sw);
        assertThat(sw.lastBatch().msgs.get(0), instanceOf(OFGroupAdd.class));
        sw.lastBatch().ok();
        assertEquals(Group.GroupState.ADDED, state());

        // a restarted switch (no groups) reconnects: the group goes out again
        controller.disconnect(sw);
        controller.connect(sw);
        assertThat(sw.lastBatch().msgs.get(0), instanceOf(OFGroupAdd.class));
        sw.lastBatch().ok();
        assertEquals(Group.GroupState.ADDED, state());
    }

    @Test
    public void statisticsCountPacketsPerBucketAndNoticeAGroupDeletedBehindOurBack() throws Exception {
        mgr.addGroup(failover(bucket(7, 100), bucket(8, 100)));
        sw.lastBatch().ok();
        types();
        Thread.sleep(2);
        mgr.poll(sw);
        FakeSwitch.Request r = sw.lastRequest();
        assertThat(r.msg, instanceOf(OFGroupStatsRequest.class));
        r.future.complete(List.of(FakeSwitch.F.buildGroupStatsReply().setEntries(List.of(
                FakeSwitch.F.buildGroupStatsEntry().setGroup(OFGroup.of(0x10005)).setPacketCount(U64.of(30))
                        .setByteCount(U64.of(3000)).setBucketStats(List.of(
                                FakeSwitch.F.bucketCounter(U64.of(10), U64.of(1000)),
                                FakeSwitch.F.bucketCounter(U64.of(20), U64.of(2000)))).build())).build()));
        Group g = mgr.getGroup(dev, KEY);
        assertEquals(30, g.packets());
        assertEquals(20, g.buckets().buckets().get(1).packets());
        assertTrue(types().isEmpty());

        mgr.poll(sw);
        sw.lastRequest().future.complete(List.of(FakeSwitch.F.buildGroupStatsReply().setEntries(List.of()).build()));
        assertThat(types(), contains(GroupEvent.Type.GROUP_REMOVED));
        assertNull(state());
    }
}
