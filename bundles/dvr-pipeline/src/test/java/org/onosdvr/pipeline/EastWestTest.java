package org.onosdvr.pipeline;

import org.junit.Test;
import org.onlab.packet.MacAddress;
import org.onosdvr.api.RouterInterface;
import org.onosdvr.pipeline.testing.ScenarioBuilder;
import org.onosproject.net.flow.criteria.Criteria;
import org.onosproject.net.flow.criteria.Criterion;

import java.util.Optional;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.onosdvr.pipeline.PipelineTable.ARP_RESOLVE;
import static org.onosdvr.pipeline.PipelineTable.CLASSIFIER;
import static org.onosdvr.pipeline.PipelineTable.L2_LOOKUP;
import static org.onosdvr.pipeline.PipelineTable.L3_INGRESS;
import static org.onosdvr.pipeline.PipelineTable.L3_ROUTE;
import static org.onosdvr.pipeline.PipelineTable.TUNNEL_OUT;
import static org.onosdvr.pipeline.testing.Rules.decTtl;
import static org.onosdvr.pipeline.testing.Rules.exactly;
import static org.onosdvr.pipeline.testing.Rules.gotoTable;
import static org.onosdvr.pipeline.testing.Rules.matching;
import static org.onosdvr.pipeline.testing.Rules.metadata;
import static org.onosdvr.pipeline.testing.Rules.only;
import static org.onosdvr.pipeline.testing.Rules.outputs;
import static org.onosdvr.pipeline.testing.Rules.setEthDst;
import static org.onosdvr.pipeline.testing.Rules.setEthSrc;

/**
 * Function 3: east-west routing on the first hop, DVR MAC on the overlay and its restore.
 */
public class EastWestTest extends CompilerTestBase {

    private final long ra = Metadata.router(s.router("ra").key());

    @Test
    public void packetsToTheRouterMacEnterTheRouterContext() {
        RouterInterface a1 = s.routerInterface("a1-sub");
        for (String node : new String[]{"c1", "c2", "gw"}) {
            java.util.List<CompiledRule> rs = matching(p, dev(node), L3_INGRESS, vni("a1", s),
                                                       Criteria.matchEthDst(a1.mac()), IPV4);
            CompiledRule r = rs.stream().filter(x -> x.priority() == Priorities.L3Ingress.ROUTE)
                    .reduce((x, y) -> {
                        throw new AssertionError("two route rules");
                    }).get();
            assertEquals(3, r.flowRule().selector().criteria().size());
            assertEquals(Optional.of(ra), metadata(r));
            assertEquals(Optional.of(L3_ROUTE.id()), gotoTable(r));
        }
        assertEquals(0x1_0000_0000L | s.router("ra").key(), ra);
    }

    @Test
    public void connectedRoutesUseTheLpmFormula() {
        CompiledRule r = only(p, dev("c1"), L3_ROUTE, md(ra), Criteria.matchIPDst(s.subnet("a2-sub").cidr()));
        assertEquals(Priorities.L3Route.ROUTE_BASE + 2 * 24, r.priority());
        assertEquals(Optional.of(s.routerInterface("a2-sub").mac()), setEthSrc(r));
        assertTrue(decTtl(r));
        assertEquals(Optional.of(Metadata.network(102)), metadata(r));
        assertEquals(Optional.of(ARP_RESOLVE.id()), gotoTable(r));
        assertTrue(r.priority() > Priorities.L3Route.FIP_EGRESS);
        assertTrue(Priorities.L3Route.connected(org.onlab.packet.IpPrefix.valueOf("10.0.0.0/25"))
                           > Priorities.L3Route.connected(org.onlab.packet.IpPrefix.valueOf("10.0.0.0/24")));
    }

    @Test
    public void arpResolveKnowsEveryVmOfTheRoutedNetworks() {
        for (String vm : new String[]{"va1", "va2", "va3", "va4"}) {
            String net = s.port(vm).networkId().toString();
            CompiledRule r = only(p, dev("c1"), ARP_RESOLVE, vni(net, s), ipDst(s.ip(vm)));
            assertEquals(Optional.of(s.port(vm).mac()), setEthDst(r));
            assertEquals(Optional.of(L2_LOOKUP.id()), gotoTable(r));
        }
    }

    @Test
    public void overlappingTenantsResolveInTheirOwnNetwork() {
        assertEquals(s.ip("va1"), s.ip("vb1"));
        assertEquals(Optional.of(s.port("va1").mac()),
                     setEthDst(only(p, dev("c1"), ARP_RESOLVE, vni("a1", s), ipDst(s.ip("va1")))));
        assertEquals(Optional.of(s.port("vb1").mac()),
                     setEthDst(only(p, dev("c1"), ARP_RESOLVE, vni("b1", s), ipDst(s.ip("vb1")))));
        // routes of the two routers live in separate router contexts
        long rb = Metadata.router(s.router("rb").key());
        assertEquals(Optional.of(s.routerInterface("b2-sub").mac()), setEthSrc(
                only(p, dev("c1"), L3_ROUTE, md(rb), Criteria.matchIPDst(s.subnet("b2-sub").cidr()))));
    }

    @Test
    public void routedPacketsLeaveWithTheNodeDvrMac() {
        for (String node : new String[]{"c1", "c2"}) {
            for (String sub : new String[]{"a1-sub", "a2-sub"}) {
                CompiledRule r = exactly(p, dev(node), TUNNEL_OUT,
                                         Criteria.matchEthSrc(s.routerInterface(sub).mac()));
                assertEquals(Optional.of(s.node(node).dvrMac()), setEthSrc(r));
                assertThat(outputs(r), contains(ScenarioBuilder.TUNNEL_PORT));
            }
        }
        // legacy router MACs are not rewritten: they are only ever used by the gateway node
        assertThat(matching(p, dev("gw"), TUNNEL_OUT, Criteria.matchEthSrc(s.routerInterface("l1-sub").mac())),
                   empty());
    }

    @Test
    public void hostingNodesRestoreTheInterfaceMac() {
        MacAddress prefix = MacAddress.valueOf("fa:16:3f:00:00:00");
        MacAddress mask = MacAddress.valueOf("ff:ff:ff:00:00:00");
        Criterion fromDvr = Criteria.matchEthSrcMasked(prefix, mask);
        CompiledRule r = only(p, dev("c2"), CLASSIFIER, fromDvr, Criteria.matchTunnelId(102),
                              Criteria.matchIPDst(s.subnet("a2-sub").cidr()));
        assertEquals(Priorities.Classifier.DVR_RESTORE, r.priority());
        assertEquals(Optional.of(s.routerInterface("a2-sub").mac()), setEthSrc(r));
        assertEquals(Optional.of(Metadata.network(102)), metadata(r));
        // every other node's DVR MAC is inside the masked match
        for (String node : new String[]{"c1", "gw"}) {
            assertEquals(prefix.toLong(), s.node(node).dvrMac().toLong() & mask.toLong());
        }
        // the gateway hosts no VM: nothing to restore there
        assertThat(matching(p, dev("gw"), CLASSIFIER, fromDvr), empty());
    }
}
