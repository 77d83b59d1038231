package org.onosdvr.openflow.net;

import com.google.common.collect.Iterables;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.onosdvr.openflow.channel.OpenFlowRequestException;
import org.onosdvr.openflow.channel.SwitchError;
import org.onosproject.net.DeviceId;
import org.onosproject.net.flow.FlowEntry;
import org.onosproject.net.flow.FlowRule;
import org.onosproject.net.flow.FlowRuleEvent;
import org.onosproject.net.flow.FlowRuleOperation;
import org.onosproject.net.flow.FlowRuleOperations;
import org.onosproject.net.flow.FlowRuleOperationsContext;
import org.projectfloodlight.openflow.protocol.OFBadActionCode;
import org.projectfloodlight.openflow.protocol.OFFlowAdd;
import org.projectfloodlight.openflow.protocol.OFFlowDeleteStrict;
import org.projectfloodlight.openflow.protocol.OFFlowRemovedReason;
import org.projectfloodlight.openflow.protocol.OFFlowStatsRequest;
import org.projectfloodlight.openflow.protocol.OFMessage;
import org.projectfloodlight.openflow.types.U64;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.instanceOf;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertSame;
import static org.junit.Assert.assertTrue;
import static org.onosproject.net.flow.FlowEntry.FlowEntryState.ADDED;
import static org.onosproject.net.flow.FlowEntry.FlowEntryState.FAILED;
import static org.onosproject.net.flow.FlowEntry.FlowEntryState.PENDING_ADD;
import static org.onosproject.net.flow.FlowEntry.FlowEntryState.PENDING_REMOVE;
import static org.onosproject.net.flow.FlowRuleEvent.Type.RULE_ADDED;
import static org.onosproject.net.flow.FlowRuleEvent.Type.RULE_ADD_REQUESTED;
import static org.onosproject.net.flow.FlowRuleEvent.Type.RULE_REMOVED;
import static org.onosproject.net.flow.FlowRuleEvent.Type.RULE_REMOVE_REQUESTED;

/**
 * Flow rule operations, barrier confirmation, per-rule errors, polling and reconnection against a fake switch.
 */
public class OpenFlowRuleManagerTest {

    private final FakeController controller = new FakeController();
    private final OpenFlowRuleManager mgr = new OpenFlowRuleManager();
    private final List<FlowRuleEvent> events = new ArrayList<>();
    private final FakeSwitch sw = new FakeSwitch(1);
    private final DeviceId dev = sw.deviceId();
    private final FlowRule r1 = Flows.rule(Flows.APP, dev, 1, 2);
    private final FlowRule r2 = Flows.rule(Flows.APP, dev, 2, 1);

    @Before
    public void setUp() {
        mgr.controller = controller;
        SyncEventDispatcher.inject(mgr);
        mgr.activate(Map.of(OsgiPropertyConstants.POLL_INTERVAL_SEC, 3600));
        mgr.addListener(events::add);
        controller.connect(sw);
        answerPoll();          // the poll on connect: empty switch
    }

    @After
    public void tearDown() {
        mgr.deactivate();
    }

    private void answerPoll(FlowRule... onSwitch) {
        FakeSwitch.Request r = sw.lastRequest();
        assertThat(r.msg, instanceOf(OFFlowStatsRequest.class));
        r.future.complete(List.of(Flows.reply(onSwitch)));
    }

    private List<FlowRuleEvent.Type> types() {
        List<FlowRuleEvent.Type> t = events.stream().map(FlowRuleEvent::type).collect(Collectors.toList());
        events.clear();
        return t;
    }

    private FlowEntry.FlowEntryState state(FlowRule r) {
        FlowEntry e = mgr.getFlowEntry(r);
        return e == null ? null : e.state();
    }

    private static SwitchError badAction(long xid) {
        return SwitchError.of(FakeSwitch.F.errorMsgs().buildBadActionErrorMsg().setXid(xid)
                .setCode(OFBadActionCode.BAD_OUT_PORT).build());
    }

    private void addConfirmed(FlowRule... rules) {
        mgr.applyFlowRules(rules);
        sw.lastBatch().ok();
        events.clear();
    }

    @Test
    public void addIsPendingUntilBarrierAndPerRuleErrorsFailOnlyThatRule() {
        List<FlowRuleOperations> errors = new ArrayList<>();
        List<FlowRuleOperations> successes = new ArrayList<>();
        mgr.apply(FlowRuleOperations.builder().add(r1).add(r2).build(new FlowRuleOperationsContext() {
            @Override
            public void onSuccess(FlowRuleOperations ops) {
                successes.add(ops);
            }

            @Override
            public void onError(FlowRuleOperations ops) {
                errors.add(ops);
            }
        }));
        assertThat(types(), contains(RULE_ADD_REQUESTED, RULE_ADD_REQUESTED));
        assertEquals(PENDING_ADD, state(r1));
        FakeSwitch.Batch b = sw.lastBatch();
        assertEquals(2, b.msgs.size());
        int i1 = -1;
        for (int i = 0; i < 2; i++) {
            OFFlowAdd add = (OFFlowAdd) b.msgs.get(i);
            if (add.getCookie().getValue() == r1.id().value()) {
                i1 = i;
            }
        }
        assertTrue("cookie = flow id", i1 >= 0);

        b.future.complete(Map.of(1 - i1, badAction(99)));   // r2 rejected
        assertEquals(ADDED, state(r1));
        assertEquals(FAILED, state(r2));
        assertThat(mgr.failureReason(dev, r2.id()).orElseThrow(), containsString("BAD_OUT_PORT"));
        assertThat(types(), contains(RULE_ADDED));
        assertTrue(successes.isEmpty());
        assertEquals(1, errors.size());
        FlowRuleOperation failed = Iterables.getOnlyElement(errors.get(0).stages().get(0));
        assertEquals(r2, failed.rule());
    }

    @Test
    public void modifyOfAnAddedRuleIsWhatTheStoreShows() {
        addConfirmed(r1);
        FlowRule modified = Flows.rule(Flows.APP, dev, 1, 7);     // same id (match), other output
        assertEquals(r1.id(), modified.id());
        mgr.applyFlowRules(modified);
        sw.lastBatch().ok();
        FlowEntry e = mgr.getFlowEntry(r1);
        assertEquals(ADDED, e.state());
        assertTrue("the store shows the treatment last sent", e.exactMatch(modified));
        // and back: the store must not believe the old treatment is still installed
        mgr.applyFlowRules(r1);
        sw.lastBatch().ok();
        assertTrue(mgr.getFlowEntry(r1).exactMatch(r1));
    }

    @Test
    public void removingAFailedRuleDropsItWithoutAMessage() {
        mgr.applyFlowRules(r2);
        sw.lastBatch().future.complete(Map.of(0, badAction(7)));
        assertEquals(FAILED, state(r2));
        FakeSwitch.Batch rejected = sw.lastBatch();
        events.clear();
        // the switch never installed it (and would reject a DELETE of the same match): drop it in the store
        mgr.removeFlowRules(r2);
        assertSame("nothing sent", rejected, sw.lastBatch());
        assertThat(types(), contains(RULE_REMOVED));
        assertNull(mgr.getFlowEntry(r2));
        assertEquals(0, mgr.getFlowRuleCount());
    }

    @Test
    public void removeSendsCookieStrictDeleteAndDropsEntryOnBarrier() {
        addConfirmed(r1);
        mgr.removeFlowRules(r1);
        assertEquals(PENDING_REMOVE, state(r1));
        OFFlowDeleteStrict del = (OFFlowDeleteStrict) Iterables.getOnlyElement(sw.lastBatch().msgs);
        assertEquals(r1.id().value(), del.getCookie().getValue());
        assertEquals(U64.NO_MASK, del.getCookieMask());
        sw.lastBatch().ok();
        assertThat(types(), contains(RULE_REMOVE_REQUESTED, RULE_REMOVED));
        assertNull(mgr.getFlowEntry(r1));
        assertEquals(0, mgr.getFlowRuleCount());
    }

    @Test
    public void pollDropsRulesDeletedBehindOurBackAndUpdatesCounters() {
        addConfirmed(r1, r2);
        CompletableFuture<Void> done = mgr.pollNow(dev);
        answerPoll(r1);                       // r2 is gone
        assertTrue(done.isDone() && !done.isCompletedExceptionally());
        assertThat(types(), contains(RULE_REMOVED));
        assertNull(mgr.getFlowEntry(r2));
        assertEquals(5, mgr.getFlowEntry(r1).packets());
        assertEquals(3, mgr.getFlowEntry(r1).life());
    }

    @Test
    public void pollImportsUnknownRulesOfOurAppsOnlyAndIgnoresForeignCookies() {
        addConfirmed(r1);
        FlowRule stray = Flows.rule(Flows.APP, dev, 5, 6);
        FlowRule foreign = Flows.rule(Flows.OTHER_APP, dev, 7, 8);
        mgr.pollNow(dev);
        answerPoll(r1, stray, foreign);
        assertThat(types(), contains(RULE_ADDED));
        assertEquals(ADDED, state(stray));
        assertNull(mgr.getFlowEntry(foreign));
        assertEquals(1, mgr.extraneousRules(dev));
        assertEquals(2, Iterables.size(mgr.getFlowEntriesById(Flows.APP)));
    }

    @Test
    public void pollThatCannotBeDecodedKeepsTheStoreView() {
        addConfirmed(r1);
        CompletableFuture<Void> done = mgr.pollNow(dev);
        sw.lastRequest().future.completeExceptionally(new OpenFlowRequestException(
                OpenFlowRequestException.Kind.UNDECODABLE_REPLY, 5, "bad action", null, null));
        assertTrue(done.isCompletedExceptionally());
        assertEquals(ADDED, state(r1));
        assertTrue(types().isEmpty());
    }

    @Test
    public void rulesForDisconnectedSwitchStayPendingAndAreSentOnReconnect() {
        controller.disconnect(sw);
        List<FlowRuleOperations> errors = new ArrayList<>();
        mgr.apply(FlowRuleOperations.builder().add(r1).build(new FlowRuleOperationsContext() {
            @Override
            public void onError(FlowRuleOperations ops) {
                errors.add(ops);
            }
        }));
        assertEquals(1, errors.size());
        assertEquals(PENDING_ADD, state(r1));
        int batches = sw.batches.size();

        controller.connect(sw);
        answerPoll();                                  // not on the switch: send it
        assertEquals(batches + 1, sw.batches.size());
        OFMessage m = Iterables.getOnlyElement(sw.lastBatch().msgs);
        assertEquals(r1.id().value(), ((OFFlowAdd) m).getCookie().getValue());
        sw.lastBatch().ok();
        assertEquals(ADDED, state(r1));
    }

    @Test
    public void reconnectRefreshDropsRulesLostBySwitch() {
        addConfirmed(r1, r2);
        controller.disconnect(sw);
        controller.connect(sw);
        answerPoll(r2);                                // the switch restarted and kept only r2
        assertThat(types(), contains(RULE_REMOVED));
        assertNull(mgr.getFlowEntry(r1));
        assertEquals(ADDED, state(r2));
    }

    @Test
    public void lateConfirmationOfAnOlderRequestDoesNotOverrideANewerOne() {
        addConfirmed(r1);
        mgr.removeFlowRules(r1);
        FakeSwitch.Batch removal = sw.lastBatch();
        mgr.applyFlowRules(r1);                        // re-added before the removal was confirmed
        FakeSwitch.Batch readd = sw.lastBatch();
        removal.ok();
        assertEquals("the re-add is still pending", PENDING_ADD, state(r1));
        readd.ok();
        assertEquals(ADDED, state(r1));
    }

    @Test
    public void flowRemovedMessageDropsAddedRule() {
        addConfirmed(r1);
        controller.each(l -> l.flowRemoved(sw, FakeSwitch.F.buildFlowRemoved()
                .setCookie(U64.of(r1.id().value())).setReason(OFFlowRemovedReason.DELETE)
                .setMatch(FakeSwitch.F.matchWildcardAll()).build()));
        assertThat(types(), contains(RULE_REMOVED));
        assertNull(mgr.getFlowEntry(r1));
    }

    @Test
    public void laterStagesAreSkippedWhenAStageFails() {
        List<FlowRuleOperations> errors = new ArrayList<>();
        mgr.apply(FlowRuleOperations.builder().add(r1).newStage().add(r2).build(new FlowRuleOperationsContext() {
            @Override
            public void onError(FlowRuleOperations ops) {
                errors.add(ops);
            }
        }));
        assertEquals(1, sw.batches.size());
        sw.lastBatch().future.complete(Map.of(0, badAction(1)));
        assertEquals(1, errors.size());
        assertEquals("second stage never sent", 1, sw.batches.size());
        assertNull(mgr.getFlowEntry(r2));
    }

    @Test
    public void removeFlowRulesByIdRemovesOnlyThatApp() {
        FlowRule other = Flows.rule(Flows.OTHER_APP, dev, 3, 4);
        addConfirmed(r1, other);
        mgr.removeFlowRulesById(Flows.APP);
        OFFlowDeleteStrict del = (OFFlowDeleteStrict) Iterables.getOnlyElement(sw.lastBatch().msgs);
        assertEquals(r1.id().value(), del.getCookie().getValue());
    }
}
