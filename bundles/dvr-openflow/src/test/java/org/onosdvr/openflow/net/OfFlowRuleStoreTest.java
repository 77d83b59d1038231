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
import org.onosdvr.openflow.translate.FlowStatsDecoder;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;
import static org.onosproject.net.flow.FlowEntry.FlowEntryState.ADDED;
import static org.onosproject.net.flow.FlowRuleEvent.Type.RULE_REMOVED;

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

    /** Two different rules sharing a flow id, as ONOS's 32-bit match hash makes happen at scale. */
    private static FlowRule withCookie(int table, int port, long cookie) {
        return DefaultFlowRule.builder().forDevice(DEV).forTable(table).withPriority(100).withCookie(cookie)
                .makePermanent()
                .withSelector(DefaultTrafficSelector.builder().matchInPort(PortNumber.portNumber(port)).build())
                .withTreatment(DefaultTrafficTreatment.builder().setOutput(PortNumber.portNumber(1)).build())
                .build();
    }

    @Test
    public void rulesSharingAFlowIdAreKeptApart() {
        long cookie = (7L << 48) | 0x104750d3L;
        FlowRule a = withCookie(0, 3, cookie);
        FlowRule b = withCookie(7, 4, cookie);
        assertEquals(a.id(), b.id());
        OfFlowRuleStore store = new OfFlowRuleStore();
        OfFlowRuleStore.Change ca = store.requestAdd(a);
        OfFlowRuleStore.Change cb = store.requestAdd(b);
        assertEquals("both kept", 2, store.count());
        store.confirmAdd(DEV, a.id(), ca.version);
        store.confirmAdd(DEV, b.id(), cb.version);
        assertEquals(ADDED, store.entry(a).state());
        assertEquals(ADDED, store.entry(b).state());
        assertEquals(a.tableId(), store.entry(a).tableId());
        assertEquals(b.tableId(), store.entry(b).tableId());

        // a poll that sees both changes nothing; one that sees only b drops a
        long since = store.sequence();
        assertTrue(store.merge(DEV, FlowStatsDecoder.decode(Flows.reply(a, b), DEV), since, app -> true)
                           .events.isEmpty());
        OfFlowRuleStore.Merge m = store.merge(DEV, FlowStatsDecoder.decode(Flows.reply(b), DEV), since,
                                              app -> true);
        assertEquals(1, m.events.size());
        assertEquals(RULE_REMOVED, m.events.get(0).type());
        assertEquals(a.tableId(), m.events.get(0).subject().tableId());
        assertNull(store.entry(a));
        assertEquals(ADDED, store.entry(b).state());

        // re-added, then the switch reports b removed: only b goes
        OfFlowRuleStore.Change again = store.requestAdd(a);
        store.confirmAdd(DEV, a.id(), again.version);
        assertNotNull(store.flowRemoved(DEV, b.id(), b.tableId(), b.priority(), b.selector()));
        assertNull(store.entry(b));
        assertEquals(ADDED, store.entry(a).state());
        assertEquals(1, store.count());

        // removing a by rule leaves nothing behind
        OfFlowRuleStore.Change rm = store.requestRemove(a);
        store.confirmRemove(DEV, a.id(), rm.version);
        assertEquals(0, store.count());
        assertTrue(store.entries(DEV).isEmpty());
    }
}
