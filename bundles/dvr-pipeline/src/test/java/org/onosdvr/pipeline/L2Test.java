package org.onosdvr.pipeline;

import org.junit.Test;
import org.onlab.packet.MacAddress;
import org.onosdvr.pipeline.testing.ScenarioBuilder;
import org.onosdvr.pipeline.testing.Scenarios;
import org.onosproject.net.PortNumber;
import org.onosproject.net.flow.criteria.Criteria;
import org.onosproject.net.flow.criteria.Criterion;

import java.util.List;
import java.util.Optional;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.empty;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.onosdvr.pipeline.PipelineTable.L2_LOOKUP;
import static org.onosdvr.pipeline.PipelineTable.TUNNEL_OUT;
import static org.onosdvr.pipeline.testing.Rules.gotoTable;
import static org.onosdvr.pipeline.testing.Rules.exactly;
import static org.onosdvr.pipeline.testing.Rules.only;
import static org.onosdvr.pipeline.testing.Rules.outputs;
import static org.onosdvr.pipeline.testing.Rules.setTunnelId;
import static org.onosdvr.pipeline.testing.Rules.tunnelDsts;

/**
 * Function 4: L2 switching, local, remote, flooding with split horizon.
 */
public class L2Test extends CompilerTestBase {

    private static final MacAddress GROUP = MacAddress.valueOf("01:00:00:00:00:00");
    private static final Criterion FLOOD = Criteria.matchEthDstMasked(GROUP, GROUP);

    @Test
    public void localMacGoesToItsPort() {
        CompiledRule r = only(p, dev("c1"), L2_LOOKUP, vni("a1", s), Criteria.matchEthDst(s.port("va1").mac()));
        assertThat(outputs(r), contains(s.port("va1").location().get().port()));
        assertEquals(Optional.empty(), setTunnelId(r));
    }

    @Test
    public void remoteMacIsTunnelledToItsNode() {
        CompiledRule r = only(p, dev("c1"), L2_LOOKUP, vni("a1", s), Criteria.matchEthDst(s.port("va2").mac()));
        assertEquals(Optional.of(101L), setTunnelId(r));
        assertThat(tunnelDsts(r), contains(s.node("c2").tunnelIp()));
        assertEquals(Optional.of(TUNNEL_OUT.id()), gotoTable(r));
        assertThat(outputs(r), empty());
    }

    @Test
    public void floodFromLocalPortReachesLocalPortsAndRemoteHosts() {
        Scenario3 x = new Scenario3();
        CompiledRule r = exactly(x.p, x.s.device("c1"), L2_LOOKUP, vni("a1", x.s), FLOOD);
        assertEquals(Priorities.L2Lookup.FLOOD, r.priority());
        List<PortNumber> out = outputs(r);
        PortNumber p1 = x.s.port("va1").location().get().port();
        PortNumber p5 = x.s.port("va5").location().get().port();
        assertThat(out.subList(0, 2), containsInAnyOrder(p1, p5));
        assertThat(out.subList(2, out.size()), contains(ScenarioBuilder.TUNNEL_PORT, ScenarioBuilder.TUNNEL_PORT));
        assertThat(tunnelDsts(r), containsInAnyOrder(x.s.node("c2").tunnelIp(), x.s.node("c3").tunnelIp()));
        assertEquals(Optional.of(101L), setTunnelId(r));
    }

    @Test
    public void floodFromTunnelStaysLocal() {
        CompiledRule r = only(p, dev("c1"), L2_LOOKUP, vni("a1", s), FLOOD,
                              Criteria.matchInPort(ScenarioBuilder.TUNNEL_PORT));
        assertEquals(Priorities.L2Lookup.FLOOD_FROM_TUNNEL, r.priority());
        assertThat(outputs(r), contains(s.port("va1").location().get().port()));
        assertThat(tunnelDsts(r), empty());
        assertTrue(r.priority() > Priorities.L2Lookup.FLOOD);
    }

    @Test
    public void nodesWithoutPortsOnANetworkDoNotFloodIt() {
        assertTrue(org.onosdvr.pipeline.testing.Rules.matching(p, dev("gw"), L2_LOOKUP, FLOOD).isEmpty());
        assertTrue(org.onosdvr.pipeline.testing.Rules.matching(p, dev("c2"), L2_LOOKUP, vni("l1", s)).isEmpty());
    }

    /** The reference scenario plus a third compute node and two more a1 VMs. */
    private static final class Scenario3 {
        final org.onosdvr.pipeline.testing.Scenario s = Scenarios.standardBuilder().compute("c3")
                .vm("va5", "a1", "c1").vm("va6", "a1", "c3").build();
        final CompiledPipeline p = new DvrCompiler(org.onosdvr.pipeline.testing.TestExtensions.APP_ID,
                                                   new org.onosdvr.pipeline.testing.TestExtensions())
                .compile(s.snapshot());
    }
}
