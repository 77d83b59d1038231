package org.onosdvr.openflow.net;

import org.junit.Test;
import org.onlab.packet.MacAddress;
import org.onosproject.net.DeviceId;
import org.onosproject.net.PortNumber;
import org.onosproject.net.flow.DefaultFlowRule;
import org.onosproject.net.flow.DefaultTrafficSelector;
import org.onosproject.net.flow.DefaultTrafficTreatment;
import org.onosproject.net.flow.FlowEntry;
import org.onosproject.net.flow.FlowRule;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertNull;
import static org.onosproject.net.flow.FlowEntry.FlowEntryState.ADDED;

/**
 * The flow store's "same match, other id" replacement and its match index.
 */
public class OfFlowRuleStoreTest {

    private static final DeviceId DEV = DeviceId.deviceId("of:0000000000000001");

    /** in_port=port, eth_src=mac -> output: the shape of the DVR classifier rules. */
    private static FlowRule rule(org.onosproject.core.ApplicationId app, int port, long mac, int out) {
        return DefaultFlowRule.builder().forDevice(DEV).forTable(0).withPriority(100).fromApp(app).makePermanent()
                .withSelector(DefaultTrafficSelector.builder().matchInPort(PortNumber.portNumber(port))
                                      .matchEthSrc(MacAddress.valueOf(mac)).build())
                .withTreatment(DefaultTrafficTreatment.builder().setOutput(PortNumber.portNumber(out)).build())
                .build();
    }

    private static Set<Long> ids(List<FlowEntry> entries) {
        return entries.stream().map(e -> e.id().value()).collect(Collectors.toSet());
    }

    @Test
    public void aRuleOfAnotherIdWithTheSameMatchIsReplacedOthersStay() {
        OfFlowRuleStore store = new OfFlowRuleStore();
        FlowRule mine = rule(Flows.APP, 3, 0xfa163e000001L, 1);
        FlowRule neighbour = rule(Flows.APP, 4, 0xfa163e000002L, 1);
        FlowRule theirs = rule(Flows.OTHER_APP, 3, 0xfa163e000001L, 2);
        store.requestAdd(mine);
        store.requestAdd(neighbour);
        store.requestAdd(theirs);
        assertEquals(Set.of(neighbour.id().value(), theirs.id().value()), ids(store.entries(DEV)));

        // a modify keeps the entry indexed: the same match of another id still replaces it
        OfFlowRuleStore.Change c = store.requestAdd(theirs);
        store.confirmAdd(DEV, theirs.id(), c.version);
        FlowRule theirsModified = rule(Flows.OTHER_APP, 3, 0xfa163e000001L, 9);
        store.requestAdd(theirsModified);
        assertEquals(ADDED, store.entry(theirs).state());
        store.requestAdd(mine);
        assertNull(store.entry(theirs));
        assertNotNull(store.entry(mine));
        assertEquals(2, store.count());
    }

    @Test
    public void removedAndDroppedEntriesLeaveTheIndex() {
        OfFlowRuleStore store = new OfFlowRuleStore();
        FlowRule mine = rule(Flows.APP, 3, 0xfa163e000001L, 1);
        FlowRule theirs = rule(Flows.OTHER_APP, 3, 0xfa163e000001L, 2);
        OfFlowRuleStore.Change add = store.requestAdd(mine);
        store.confirmAdd(DEV, mine.id(), add.version);
        OfFlowRuleStore.Change rm = store.requestRemove(mine);
        store.confirmRemove(DEV, mine.id(), rm.version);
        store.requestAdd(theirs);
        store.requestAdd(mine);
        assertEquals("the later add replaced the same match", Set.of(mine.id().value()), ids(store.entries(DEV)));
    }

    @Test
    public void matchHashIsConsistentWithEqualsAndSpreadsMatches() {
        List<FlowRule> rules = new ArrayList<>();
        Set<Long> matchHashes = new HashSet<>();
        int n = 20_000;
        for (int i = 0; i < n; i++) {
            FlowRule r = rule(Flows.APP, 10 + i, 0xfa163e000000L + i, 1);
            rules.add(r);
            matchHashes.add(OfFlowRuleStore.matchHash(r));
        }
        assertEquals("no collision among " + n + " correlated matches", n, matchHashes.size());
        FlowRule again = rule(Flows.OTHER_APP, 10, 0xfa163e000000L, 7);
        assertEquals("same table, priority, selector: same hash (other app, other treatment)",
                     OfFlowRuleStore.matchHash(rules.get(0)), OfFlowRuleStore.matchHash(again));
    }
}
