package org.onosdvr.pipeline;

import org.junit.Test;
import org.onosdvr.api.RouterInterface;
import org.onosproject.net.flow.criteria.Criteria;

import java.util.Optional;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.onosdvr.pipeline.PipelineTable.L2_LOOKUP;
import static org.onosdvr.pipeline.PipelineTable.L3_INGRESS;
import static org.onosdvr.pipeline.PipelineTable.L3_ROUTE;
import static org.onosdvr.pipeline.PipelineTable.TUNNEL_OUT;
import static org.onosdvr.pipeline.testing.Rules.gotoTable;
import static org.onosdvr.pipeline.testing.Rules.matching;
import static org.onosdvr.pipeline.testing.Rules.metadata;
import static org.onosdvr.pipeline.testing.Rules.only;
import static org.onosdvr.pipeline.testing.Rules.setTunnelId;
import static org.onosdvr.pipeline.testing.Rules.tunnelDsts;

/**
 * Function 8: legacy routers route on their gateway node only.
 */
public class LegacyRouterTest extends CompilerTestBase {

    private final long rl = Metadata.router(s.router("rl").key());
    private final RouterInterface l1 = s.routerInterface("l1-sub");

    @Test
    public void computeNodesSwitchRouterTrafficToTheGateway() {
        assertTrue(matching(p, dev("c1"), L3_INGRESS, vni("l1", s), Criteria.matchEthDst(l1.mac())).stream()
                           .noneMatch(r -> r.priority() == Priorities.L3Ingress.ROUTE));
        assertThat(matching(p, dev("c1"), L3_ROUTE, md(rl)), empty());
        CompiledRule r = only(p, dev("c1"), L2_LOOKUP, vni("l1", s), Criteria.matchEthDst(l1.mac()));
        assertEquals(Optional.of(301L), setTunnelId(r));
        assertThat(tunnelDsts(r), contains(s.node("gw").tunnelIp()));
        assertEquals(Optional.of(TUNNEL_OUT.id()), gotoTable(r));
    }

    @Test
    public void gatewayNodeRoutes() {
        CompiledRule in = matching(p, dev("gw"), L3_INGRESS, vni("l1", s), Criteria.matchEthDst(l1.mac()), IPV4)
                .stream().filter(r -> r.priority() == Priorities.L3Ingress.ROUTE).findFirst().get();
        assertEquals(Optional.of(rl), metadata(in));
        only(p, dev("gw"), L3_ROUTE, md(rl), Criteria.matchIPDst(s.subnet("l2-sub").cidr()));
        // and it knows where the VMs are
        CompiledRule toVm = only(p, dev("gw"), L2_LOOKUP, vni("l2", s), Criteria.matchEthDst(s.port("vl2").mac()));
        assertThat(tunnelDsts(toVm), contains(s.node("c2").tunnelIp()));
        assertThat(matching(p, dev("gw"), L2_LOOKUP, Criteria.matchEthDst(l1.mac())), empty());
    }

    @Test
    public void unassignedLegacyRouterIsRoutedNowhere() {
        CompiledPipeline q = compiler.compile(s.snapshot().toBuilder()
                .removeGatewayAssignment(s.router("rl").id()).build());
        for (String node : new String[]{"c1", "c2", "gw"}) {
            assertThat(matching(q, dev(node), L3_ROUTE, md(rl)), empty());
            assertThat(matching(q, dev(node), L2_LOOKUP, Criteria.matchEthDst(l1.mac())), empty());
        }
    }
}
