package org.onosdvr.pipeline;

import org.junit.Test;
import org.onlab.packet.IpAddress;
import org.onosdvr.api.ExternalGateway;
import org.onosdvr.pipeline.testing.ScenarioBuilder;
import org.onosproject.net.PortNumber;
import org.onosproject.net.flow.criteria.Criteria;
import org.onosproject.net.flow.criteria.Criterion;
import org.onosproject.net.flow.instructions.ExtensionTreatment;
import org.onosproject.net.flow.instructions.ExtensionTreatmentType.ExtensionTreatmentTypes;

import java.util.List;
import java.util.Optional;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.onosdvr.pipeline.PipelineTable.EXT_OUT;
import static org.onosdvr.pipeline.PipelineTable.L3_INGRESS;
import static org.onosdvr.pipeline.PipelineTable.L3_ROUTE;
import static org.onosdvr.pipeline.PipelineTable.SNAT;
import static org.onosdvr.pipeline.PipelineTable.TUNNEL_OUT;
import static org.onosdvr.pipeline.testing.Rules.decTtl;
import static org.onosdvr.pipeline.testing.Rules.extension;
import static org.onosdvr.pipeline.testing.Rules.extensions;
import static org.onosdvr.pipeline.testing.Rules.gotoTable;
import static org.onosdvr.pipeline.testing.Rules.matching;
import static org.onosdvr.pipeline.testing.Rules.of;
import static org.onosdvr.pipeline.testing.Rules.exactly;
import static org.onosdvr.pipeline.testing.Rules.only;
import static org.onosdvr.pipeline.testing.Rules.outputs;
import static org.onosdvr.pipeline.testing.Rules.property;
import static org.onosdvr.pipeline.testing.Rules.setEthDst;
import static org.onosdvr.pipeline.testing.Rules.setEthSrc;
import static org.onosdvr.pipeline.testing.Rules.setTunnelId;
import static org.onosdvr.pipeline.testing.Rules.tunnelDsts;

/**
 * Function 6: default SNAT on the gateway node, reached through the overlay from the other nodes.
 */
public class SnatTest extends CompilerTestBase {

    private final ExternalGateway g = s.router("ra").externalGateway().get();
    private final int key = s.router("ra").key();
    private final long ra = Metadata.router(key);

    @Test
    public void gatewayCommitsSnatThroughConntrack() {
        // one default route per interface subnet: only the router's own subnets are SNATed
        for (String sub : List.of("a1-sub", "a2-sub")) {
            CompiledRule def = exactly(p, dev("gw"), L3_ROUTE, md(ra), IPV4,
                                       Criteria.matchIPSrc(s.subnet(sub).cidr()));
            assertEquals(Priorities.L3Route.ROUTE_BASE, def.priority());
            assertEquals(Optional.of(SNAT.id()), gotoTable(def));
        }
        assertTrue("no route of the router matches every source", matching(p, dev("gw"), L3_ROUTE, md(ra)).stream()
                .allMatch(r -> r.flowRule().selector().getCriterion(Criterion.Type.IPV4_SRC) != null
                        || r.flowRule().selector().getCriterion(Criterion.Type.IPV4_DST) != null));

        CompiledRule snat = only(p, dev("gw"), SNAT, md(ra));
        assertEquals(Optional.of(g.mac()), setEthSrc(snat));
        assertTrue(decTtl(snat));
        ExtensionTreatment ct = extension(snat, ExtensionTreatmentTypes.NICIRA_CT).get();
        assertEquals(1, property(ct, "flags"));
        assertEquals(key, property(ct, "zone"));
        assertEquals((short) EXT_OUT.id(), property(ct, "recircTable"));
        List<?> nested = (List<?>) property(ct, "nestedActions");
        assertThat(nested, hasSize(1));
        ExtensionTreatment nat = (ExtensionTreatment) nested.get(0);
        assertEquals(1, property(nat, "flags")); // src
        assertEquals(g.externalIp(), property(nat, "ipAddressMin"));
    }

    @Test
    public void gatewayUndoesSnatOnReplies() {
        CompiledRule r = only(p, dev("gw"), L3_INGRESS, md(Metadata.external(1000)), ipDst(g.externalIp()));
        List<ExtensionTreatment> ext = extensions(r);
        assertThat(ext, hasSize(2));
        // metadata is loaded inside apply-actions so that the recirculated packet carries the router context
        assertEquals(ExtensionTreatmentTypes.NICIRA_LOAD.type(), ext.get(0).type());
        assertEquals(NiciraActions.OXM_OF_METADATA, property(ext.get(0), "dst"));
        assertEquals(ra, property(ext.get(0), "value"));
        ExtensionTreatment ct = ext.get(1);
        assertEquals(0, property(ct, "flags"));
        assertEquals(key, property(ct, "zone"));
        assertEquals((short) L3_ROUTE.id(), property(ct, "recircTable"));
        ExtensionTreatment nat = (ExtensionTreatment) ((List<?>) property(ct, "nestedActions")).get(0);
        assertEquals(0, property(nat, "flags")); // plain nat: reverse the connection's translation
    }

    @Test
    public void otherNodesTunnelTheDefaultRouteToTheGateway() {
        for (String node : new String[]{"c1", "c2"}) {
            for (String sub : new String[]{"a1-sub", "a2-sub"}) {
                CompiledRule r = only(p, dev(node), L3_ROUTE, md(ra),
                                      Criteria.matchIPSrc(s.subnet(sub).cidr()));
                assertEquals(Priorities.L3Route.ROUTE_BASE, r.priority());
                long vni = s.network(s.subnet(sub).networkId().toString()).segmentId();
                assertEquals(Optional.of(vni), setTunnelId(r));
                assertThat(tunnelDsts(r), contains(s.node("gw").tunnelIp()));
                assertEquals(Optional.of(TUNNEL_OUT.id()), gotoTable(r));
                assertTrue("not routed here: TTL is decremented on the gateway", !decTtl(r));
            }
            assertThat(matching(p, dev(node), SNAT, md(ra)), empty());
        }
    }

    @Test
    public void noGatewayNoDefaultRoute() {
        CompiledPipeline q = compiler.compile(s.snapshot().toBuilder()
                .router(s.router("ra").toBuilder().externalGateway(null).build())
                .removeGatewayAssignment(s.router("ra").id()).removeFloatingIp(s.fip("fa1").id()).build());
        for (String node : new String[]{"c1", "c2", "gw"}) {
            assertTrue(matching(q, dev(node), L3_ROUTE, md(ra)).stream()
                               .allMatch(r -> r.priority() > Priorities.L3Route.FIP_EGRESS));
            assertThat(matching(q, dev(node), SNAT, md(ra)), empty());
        }
    }

    @Test
    public void extOutResolvesNeighborsAndPuntsUnknownHosts() {
        IpAddress up = s.subnet("ext-sub").gatewayIp();
        CompiledRule nb = only(p, dev("gw"), EXT_OUT, ipDst(up));
        assertEquals(Optional.of(ScenarioBuilder.UPSTREAM_MAC), setEthDst(nb));
        assertThat(outputs(nb), contains(ScenarioBuilder.EXTERNAL_PORT));
        Criterion onLink = Criteria.matchIPDst(s.subnet("ext-sub").cidr());
        assertThat(outputs(only(p, dev("gw"), EXT_OUT, onLink)), contains(PortNumber.CONTROLLER));
        CompiledRule def = of(p, dev("gw"), EXT_OUT).stream()
                .filter(r -> r.priority() == Priorities.ExtOut.DEFAULT).findFirst().get();
        assertEquals(Optional.of(ScenarioBuilder.UPSTREAM_MAC), setEthDst(def));
        // without the upstream neighbor, the default goes to the controller
        CompiledPipeline q = compiler.compile(s.snapshot().toBuilder()
                .removeNeighbor(s.network("ext").id(), up).build());
        CompiledRule def2 = of(q, dev("gw"), EXT_OUT).stream()
                .filter(r -> r.priority() == Priorities.ExtOut.DEFAULT).findFirst().get();
        assertThat(outputs(def2), contains(PortNumber.CONTROLLER));
    }

    @Test
    public void externalArpRepliesGoToTheController() {
        Criterion reply = Criteria.matchArpOp(2);
        CompiledRule learn = only(p, dev("gw"), PipelineTable.ARP_RESPONDER, md(Metadata.external(1000)), ARP,
                                  reply);
        assertEquals(Priorities.ArpResponder.LEARN, learn.priority());
        assertThat(outputs(learn), contains(PortNumber.CONTROLLER));
        // requests on the external port are not punted
        for (CompiledRule r : matching(p, dev("gw"), PipelineTable.ARP_RESPONDER, Criteria.matchArpOp(1))) {
            assertTrue(r.description(), !outputs(r).contains(PortNumber.CONTROLLER));
        }
    }
}
