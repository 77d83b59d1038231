package org.onosdvr.openflow.net;

import org.onosdvr.openflow.translate.FlowModEncoder;
import org.onosproject.core.ApplicationId;
import org.onosproject.core.DefaultApplicationId;
import org.onosproject.net.DeviceId;
import org.onosproject.net.PortNumber;
import org.onosproject.net.flow.DefaultFlowRule;
import org.onosproject.net.flow.DefaultTrafficSelector;
import org.onosproject.net.flow.DefaultTrafficTreatment;
import org.onosproject.net.flow.FlowRule;
import org.projectfloodlight.openflow.protocol.OFFlowStatsEntry;
import org.projectfloodlight.openflow.protocol.OFFlowStatsReply;
import org.projectfloodlight.openflow.types.TableId;
import org.projectfloodlight.openflow.types.U64;

import java.util.ArrayList;
import java.util.List;

/**
 * Flow rules and flow-stats replies for tests.
 */
final class Flows {

    static final ApplicationId APP = new DefaultApplicationId(7, "org.onosdvr.test");
    static final ApplicationId OTHER_APP = new DefaultApplicationId(9, "org.onosdvr.other");

    private Flows() {
    }

    /** in_port=inPort -> output:outPort, table 0, priority 100. */
    static FlowRule rule(ApplicationId app, DeviceId device, int inPort, int outPort) {
        return DefaultFlowRule.builder()
                .forDevice(device)
                .forTable(0)
                .withPriority(100)
                .fromApp(app)
                .makePermanent()
                .withSelector(DefaultTrafficSelector.builder().matchInPort(PortNumber.portNumber(inPort)).build())
                .withTreatment(DefaultTrafficTreatment.builder().setOutput(PortNumber.portNumber(outPort)).build())
                .build();
    }

    /** A flow-stats entry for a rule as a switch would report it. */
    static OFFlowStatsEntry entry(FlowRule r, long packets) {
        return FakeSwitch.F.buildFlowStatsEntry()
                .setTableId(TableId.of(r.tableId()))
                .setPriority(r.priority())
                .setCookie(U64.of(r.id().value()))
                .setMatch(FlowModEncoder.toMatch(r.selector(), FakeSwitch.F))
                .setInstructions(FlowModEncoder.toInstructions(r.treatment(), FakeSwitch.F))
                .setPacketCount(U64.of(packets))
                .setByteCount(U64.of(packets * 100))
                .setDurationSec(3)
                .build();
    }

    /** A flow-stats reply with entries for these rules. */
    static OFFlowStatsReply reply(FlowRule... rules) {
        List<OFFlowStatsEntry> entries = new ArrayList<>();
        for (FlowRule r : rules) {
            entries.add(entry(r, 5));
        }
        return FakeSwitch.F.buildFlowStatsReply().setEntries(entries).build();
    }
}
