package org.onosdvr.app.store;

import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.onlab.packet.MacAddress;
import org.onosdvr.api.DvrEvent;
import org.onosdvr.api.DvrNode;
import org.onosdvr.api.DvrSnapshot;
import org.onosdvr.api.GatewayAssignment;
import org.onosdvr.api.NetworkId;
import org.onosdvr.api.NodeRole;
import org.onosdvr.api.RouterId;
import org.onosdvr.api.RouterInterface;
import org.onosdvr.api.SubnetId;
import org.onosdvr.app.testing.SharedTestStorage;
import org.onosdvr.app.testing.TestModel;
import org.onosproject.core.CoreServiceAdapter;
import org.onosproject.net.DeviceId;
import org.onosproject.net.PortNumber;
import org.onosproject.net.ConnectPoint;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.is;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.assertSame;
import static org.junit.Assert.fail;
import static org.onosdvr.api.DvrEvent.Type.NETWORK_UPDATED;
import static org.onosdvr.api.DvrEvent.Type.NODE_UPDATED;
import static org.onosdvr.api.DvrEvent.Type.PORT_REMOVED;
import static org.onosdvr.api.DvrEvent.Type.PORT_UPDATED;
import static org.onosdvr.api.DvrEvent.Type.SNAPSHOT_CHANGED;
import static org.onosdvr.api.DvrEvent.Type.SUBNET_UPDATED;

/**
 * Tests of the distributed DVR store over a shared, serializing storage service.
 */
public class DistributedDvrStoreTest {

    private SharedTestStorage storage;
    private DistributedDvrStore store;
    private final List<DvrEvent> events = new ArrayList<>();

    static DistributedDvrStore newStore(SharedTestStorage storage) {
        DistributedDvrStore s = new DistributedDvrStore();
        s.coreService = new CoreServiceAdapter();
        s.storageService = storage;
        s.activate();
        return s;
    }

    @Before
    public void setUp() {
        storage = new SharedTestStorage();
        store = newStore(storage);
        store.setDelegate(events::add);
    }

    @After
    public void tearDown() {
        store.deactivate();
    }

    private DvrSnapshot populate(DistributedDvrStore s) {
        return s.apply(b -> b
                .network(TestModel.network("n1", 101))
                .network(TestModel.externalNetwork("ext", 900))
                .subnet(TestModel.subnet("s1", "n1", "10.0.1.0/24", "10.0.1.1"))
                .subnet(TestModel.subnet("es", "ext", "203.0.113.0/24", "203.0.113.1"))
                .port(TestModel.port("p1", "n1", "fa:16:3e:00:00:01", "10.0.1.10")
                              .withLocation(ConnectPoint.deviceConnectPoint("of:0000000000000001/3")))
                .router(TestModel.routerWithGateway("r1", "ext", "es", "203.0.113.10", true).toBuilder().key(1)
                                .externalGateway(TestModel.routerWithGateway("r1", "ext", "es", "203.0.113.10", true)
                                                         .externalGateway().get()
                                                         .withMac(MacAddress.valueOf("fa:16:3e:aa:00:01")))
                                .build())
                .routerInterface(new RouterInterface(RouterId.of("r1"), SubnetId.of("s1"),
                                                     MacAddress.valueOf("fa:16:3e:bb:00:01")))
                .floatingIp(TestModel.floatingIp("f1", "ext", "203.0.113.20", "p1").toBuilder()
                                    .fixedIp(org.onlab.packet.IpAddress.valueOf("10.0.1.10"))
                                    .routerId(RouterId.of("r1")).build())
                .node(TestModel.node("of:0000000000000001", NodeRole.COMPUTE, "198.18.0.1", 1))
                .node(TestModel.node("of:0000000000000002", NodeRole.GATEWAY, "198.18.0.2", 2))
                .gatewayAssignment(new GatewayAssignment(RouterId.of("r1"),
                                                         DeviceId.deviceId("of:0000000000000002"), List.of()))
                .neighbor(new org.onosdvr.api.ExternalNeighbor(NetworkId.of("ext"),
                                                               org.onlab.packet.IpAddress.valueOf("203.0.113.1"),
                                                               MacAddress.valueOf("02:00:00:00:00:01"))));
    }

    private List<DvrEvent.Type> types() {
        return events.stream().map(DvrEvent::type).collect(Collectors.toList());
    }

    @Test
    public void applyPostsOneEventPerChangedObjectThenSnapshotChanged() {
        store.apply(b -> b.network(TestModel.network("n1", 101))
                .subnet(TestModel.subnet("s1", "n1", "10.0.1.0/24", "10.0.1.1")));
        assertThat(types(), contains(NETWORK_UPDATED, SUBNET_UPDATED, SNAPSHOT_CHANGED));
        assertSame(store.snapshot(), events.get(2).subject());

        events.clear();
        store.apply(b -> b.port(TestModel.port("p1", "n1", "fa:16:3e:00:00:01", "10.0.1.10")));
        assertThat(types(), contains(PORT_UPDATED, SNAPSHOT_CHANGED));

        events.clear();
        store.apply(b -> b.removePort(org.onosdvr.api.PortId.of("p1")));
        assertThat(types(), contains(PORT_REMOVED, SNAPSHOT_CHANGED));
        assertEquals("removal event carries the old value", "p1",
                     ((org.onosdvr.api.VmPort) events.get(0).subject()).id().toString());
    }

    @Test
    public void unchangedApplyPostsNothing() {
        populate(store);
        events.clear();
        DvrSnapshot before = store.snapshot();
        DvrSnapshot after = store.apply(b -> b.network(TestModel.network("n1", 101)));
        assertSame(before, after);
        assertThat(events, is(empty()));
    }

    @Test
    public void invalidChangeLeavesStateAndMapsUnchanged() throws Exception {
        DvrSnapshot before = populate(store);
        events.clear();
        try {
            // a second network with the same VNI, and a dangling subnet: rejected as a whole
            store.apply(b -> b.network(TestModel.network("n2", 101))
                    .subnet(TestModel.subnet("s9", "nx", "10.9.0.0/24", "10.9.0.1")));
            fail("expected IllegalArgumentException");
        } catch (IllegalArgumentException e) {
            assertThat(e.getMessage().contains("segmentation_id") || e.getMessage().contains("unknown network"),
                       is(true));
        }
        assertEquals(before, store.snapshot());
        assertThat(events, is(empty()));
        assertEquals(2, storage.map("onos-dvr-networks").size());
        store.flush();
        assertEquals(before, store.snapshot());
    }

    @Test
    public void restartRestoresEverything() throws Exception {
        DvrSnapshot before = populate(store);
        store.apply(b -> b.baseMac(MacAddress.valueOf("fa:16:3f:10:00:00"))
                .node(TestModel.node("of:0000000000000001", NodeRole.COMPUTE, "198.18.0.1", 1).toBuilder()
                              .baseMac(MacAddress.valueOf("fa:16:3f:10:00:00")).build())
                .node(TestModel.node("of:0000000000000002", NodeRole.GATEWAY, "198.18.0.2", 2).toBuilder()
                              .baseMac(MacAddress.valueOf("fa:16:3f:10:00:00")).build()));
        DvrSnapshot saved = store.snapshot();
        assertThat(saved.equals(before), is(false));
        store.deactivate();

        DistributedDvrStore restarted = newStore(storage);
        try {
            assertEquals(saved, restarted.snapshot());
            assertEquals(MacAddress.valueOf("fa:16:3f:10:00:01"),
                         restarted.snapshot().node(DeviceId.deviceId("of:0000000000000001")).get().dvrMac());
            assertEquals(1, restarted.snapshot().floatingIps().size());
            assertEquals(1, restarted.snapshot().neighbors().size());
        } finally {
            restarted.deactivate();
            store = newStore(storage); // for tearDown
        }
    }

    @Test
    public void otherMemberSeesChangesWithEvents() throws Exception {
        DistributedDvrStore other = newStore(storage);
        List<DvrEvent> otherEvents = new ArrayList<>();
        other.setDelegate(otherEvents::add);
        try {
            DvrSnapshot written = populate(store);
            other.flush();
            assertEquals(written, other.snapshot());
            assertThat(otherEvents.get(otherEvents.size() - 1).type(), is(SNAPSHOT_CHANGED));

            otherEvents.clear();
            DvrNode moved = TestModel.node("of:0000000000000001", NodeRole.COMPUTE, "198.18.0.11", 1);
            store.apply(b -> b.node(moved));
            other.flush();
            assertEquals(store.snapshot(), other.snapshot());
            assertThat(otherEvents.stream().map(DvrEvent::type).collect(Collectors.toList()),
                       contains(NODE_UPDATED, SNAPSHOT_CHANGED));
            assertEquals(moved, otherEvents.get(0).subject());
            store.flush();
            assertThat("own writes produce no second round of events", events.stream()
                    .filter(e -> e.type() == SNAPSHOT_CHANGED).count(), is(2L));
        } finally {
            other.deactivate();
        }
    }

    @Test
    public void ownWritesDoNotReloadTheMapsAnotherMembersDo() throws Exception {
        DistributedDvrStore other = newStore(storage);
        try {
            populate(store);
            for (int i = 0; i < 20; i++) {
                store.apply(b -> b.port(TestModel.port("q" + b.build().ports().size(), "n1",
                                                       String.format("fa:16:3e:00:01:%02x", b.build().ports().size()),
                                                       "10.0.1." + (100 + b.build().ports().size()))));
            }
            store.flush();
            other.flush();
            assertEquals("no reload for its own writes", 0, store.reloads.get());
            assertTrue("the other member reloads", other.reloads.get() > 0);
            assertEquals(store.snapshot(), other.snapshot());
        } finally {
            other.deactivate();
        }
    }

    @Test
    public void locationOfPortSurvivesSerialization() throws Exception {
        populate(store);
        store.deactivate();
        store = newStore(storage);
        assertEquals(PortNumber.portNumber(3), store.snapshot().port(org.onosdvr.api.PortId.of("p1")).get()
                .location().get().port());
    }
}
