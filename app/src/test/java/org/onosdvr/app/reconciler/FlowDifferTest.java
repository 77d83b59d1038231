package org.onosdvr.app.reconciler;

import org.junit.Test;
import org.onosdvr.api.FlowDiff;
import org.onosproject.core.ApplicationId;
import org.onosproject.core.DefaultApplicationId;
import org.onosproject.net.DeviceId;
import org.onosproject.net.PortNumber;
import org.onosproject.net.flow.DefaultFlowEntry;
import org.onosproject.net.flow.DefaultFlowRule;
import org.onosproject.net.flow.DefaultTrafficSelector;
import org.onosproject.net.flow.DefaultTrafficTreatment;
import org.onosproject.net.flow.FlowEntry;
import org.onosproject.net.flow.FlowRule;

import java.util.ArrayList;
import java.util.List;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

/**
 * The desired/installed difference, including rules that share a flow id.
 */
public class FlowDifferTest {

    private static final ApplicationId APP = new DefaultApplicationId(42, "org.onosdvr.app");
    private static final DeviceId D = DeviceId.deviceId("of:0000000000000001");

    private static FlowRule rule(int table, int inPort, int out) {
        return DefaultFlowRule.builder().forDevice(D).fromApp(APP).forTable(table).withPriority(100).makePermanent()
                .withSelector(DefaultTrafficSelector.builder().matchInPort(PortNumber.portNumber(inPort)).build())
                .withTreatment(DefaultTrafficTreatment.builder().setOutput(PortNumber.portNumber(out)).build())
                .build();
    }

    private static FlowRule withCookie(FlowRule r, long cookie) {
        return DefaultFlowRule.builder().forDevice(D).forTable(r.tableId()).withPriority(r.priority())
                .withCookie(cookie).makePermanent().withSelector(r.selector()).withTreatment(r.treatment()).build();
    }

    private static FlowEntry added(FlowRule r) {
        return new DefaultFlowEntry(r, FlowEntry.FlowEntryState.ADDED);
    }

    @Test
    public void addsRemovesAndModifiesAndTwiceIsNothing() {
        FlowRule keep = rule(0, 1, 2);
        FlowRule changed = rule(0, 2, 3);
        FlowRule changedBefore = rule(0, 2, 9);
        FlowRule stale = rule(1, 5, 6);
        FlowRule missing = rule(2, 7, 8);
        FlowDiff d = FlowDiffer.diff(D, List.of(keep, changed, missing),
                                     List.of(added(keep), added(changedBefore), added(stale)));
        assertEquals(List.of(missing), d.toAdd());
        assertEquals(List.of(changed), d.toModify());
        assertEquals(1, d.toRemove().size());
        assertTrue(d.toRemove().get(0).exactMatch(stale));
        assertEquals(3, d.desiredCount());
        assertEquals(3, d.installedCount());

        FlowDiff again = FlowDiffer.diff(D, List.of(keep, changed, missing),
                                         List.of(added(keep), added(changed), added(missing)));
        assertTrue(again.isEmpty());
    }

    @Test
    public void rulesSharingAFlowIdAreBothDesiredAndBothSatisfied() {
        long cookie = (42L << 48) | 0x104750d3L;
        FlowRule a = withCookie(rule(0, 3, 1), cookie);
        FlowRule b = withCookie(rule(7, 4, 1), cookie);
        FlowDiff d = FlowDiffer.diff(D, List.of(a, b), List.of(added(b)));
        assertEquals(List.of(a), d.toAdd());
        assertEquals(2, d.desiredCount());
        assertTrue(FlowDiffer.diff(D, List.of(a, b), List.of(added(a), added(b))).isEmpty());
    }

    @Test
    public void ourEntryWithAnotherCookieForADesiredMatchIsReplaced() {
        FlowRule wanted = rule(0, 3, 1);
        FlowRule handAdded = withCookie(wanted, (42L << 48) | 1L);
        FlowDiff d = FlowDiffer.diff(D, List.of(wanted), List.of(added(handAdded)));
        assertEquals(List.of(wanted), d.toAdd());
        assertEquals(1, d.toRemove().size());
        assertEquals(handAdded.id(), d.toRemove().get(0).id());
    }

    @Test
    public void desiredOrderIsKeptForAdds() {
        List<FlowRule> desired = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            desired.add(rule(i % 9, 10 + i, 1));
        }
        assertEquals(desired, FlowDiffer.diff(D, desired, List.of()).toAdd());
    }
}
