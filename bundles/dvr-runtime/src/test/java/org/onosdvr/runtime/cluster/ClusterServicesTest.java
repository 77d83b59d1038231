package org.onosdvr.runtime.cluster;

import org.junit.Test;
import org.onosdvr.runtime.TestWiring;
import org.onosproject.cluster.ControllerNode;
import org.onosproject.cluster.Leadership;
import org.onosproject.cluster.LeadershipEvent;
import org.onosproject.cluster.NodeId;
import org.onosproject.mastership.MastershipEvent;
import org.onosproject.net.DeviceId;
import org.onosproject.net.MastershipRole;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionException;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.instanceOf;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

/**
 * Single-node cluster, mastership and leadership.
 */
public class ClusterServicesTest {

    private static final DeviceId DEV = DeviceId.deviceId("of:0000000000000001");
    private static final NodeId LOCAL = NodeId.nodeId("dvr-runtime");

    @Test
    public void oneLocalNode() {
        RuntimeClusterService cluster = TestWiring.withSyncEvents(new RuntimeClusterService());
        cluster.activate();
        assertEquals(LOCAL, cluster.getLocalNode().id());
        assertEquals("127.0.0.1", cluster.getLocalNode().ip().toString());
        assertEquals(1, cluster.getNodes().size());
        assertEquals(ControllerNode.State.READY, cluster.getState(LOCAL));
        assertEquals(ControllerNode.State.INACTIVE, cluster.getState(NodeId.nodeId("other")));
        assertNull(cluster.getNode(NodeId.nodeId("other")));
        assertEquals("2.7.0", cluster.getVersion(LOCAL).toString());
    }

    @Test
    public void localNodeMastersEveryDevice() {
        RuntimeMastershipService mastership = TestWiring.withSyncEvents(new RuntimeMastershipService());
        mastership.activate();
        List<MastershipEvent> events = new ArrayList<>();
        mastership.addListener(events::add);

        assertEquals(MastershipRole.MASTER, mastership.getLocalRole(DEV));
        assertTrue(mastership.isLocalMaster(DEV));
        assertEquals(LOCAL, mastership.getMasterFor(DEV));
        assertEquals(MastershipRole.MASTER, mastership.requestRoleForSync(DEV));
        mastership.requestRoleForSync(DEV);
        assertEquals("one MASTER_CHANGED per device", 1, events.size());
        assertEquals(MastershipEvent.Type.MASTER_CHANGED, events.get(0).type());
        assertEquals(LOCAL, events.get(0).mastershipInfo().master().get());
        assertThat(mastership.getDevicesOf(LOCAL), contains(DEV));
        assertTrue(mastership.getDevicesOf(NodeId.nodeId("other")).isEmpty());

        mastership.relinquishMastershipSync(DEV);
        assertTrue("a single node keeps mastership", mastership.isLocalMaster(DEV));
        try {
            mastership.setRole(NodeId.nodeId("other"), DEV, MastershipRole.MASTER).join();
            fail("another node cannot become master");
        } catch (CompletionException e) {
            assertThat(e.getCause(), instanceOf(IllegalArgumentException.class));
        }
    }

    @Test
    public void runningForLeadershipWinsAtOnce() {
        RuntimeLeadershipService leadership = TestWiring.withSyncEvents(new RuntimeLeadershipService());
        leadership.activate();
        List<LeadershipEvent> events = new ArrayList<>();
        leadership.addListener(events::add);

        assertNull(leadership.getLeader("dvr"));
        Leadership won = leadership.runForLeadership("dvr");
        assertEquals(LOCAL, won.leaderNodeId());
        assertEquals(1, won.leader().term());
        assertEquals(LOCAL, leadership.getLeader("dvr"));
        assertThat(leadership.getCandidates("dvr"), contains(LOCAL));
        assertEquals(won, leadership.runForLeadership("dvr"));
        assertThat(leadership.ownedTopics(LOCAL), contains("dvr"));

        leadership.withdraw("dvr");
        assertNull(leadership.getLeader("dvr"));
        assertEquals("a new election starts a new term", 2, leadership.runForLeadership("dvr").leader().term());
        assertEquals(3, events.size());
        assertNull(events.get(1).subject().leader());
    }
}
