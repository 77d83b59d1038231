package org.onosdvr.pipeline;

import org.junit.Test;
import org.onlab.packet.IpAddress;
import org.onosdvr.api.NodeRole;
import org.onosdvr.pipeline.testing.Scenario;
import org.onosdvr.pipeline.testing.Scenarios;
import org.onosproject.net.flow.criteria.Criterion;

import java.util.Optional;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.empty;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.onosdvr.pipeline.PipelineTable.ARP_RESPONDER;
import static org.onosdvr.pipeline.PipelineTable.EXT_OUT;
import static org.onosdvr.pipeline.PipelineTable.L3_INGRESS;
import static org.onosdvr.pipeline.PipelineTable.L3_ROUTE;
import static org.onosdvr.pipeline.testing.Rules.decTtl;
import static org.onosdvr.pipeline.testing.Rules.gotoTable;
import static org.onosdvr.pipeline.testing.Rules.matching;
import static org.onosdvr.pipeline.testing.Rules.metadata;
import static org.onosdvr.pipeline.testing.Rules.only;
import static org.onosdvr.pipeline.testing.Rules.setEthSrc;
import static org.onosdvr.pipeline.testing.Rules.setIpDst;
import static org.onosdvr.pipeline.testing.Rules.setIpSrc;

/**
 * Function 5: floating IPs on the VM's node (distributed) or the gateway node (legacy); a distributed router's
 * floating IP on a node without external port is centralized on the router's SNAT gateway.
 */
public class FloatingIpTest extends CompilerTestBase {

    private final Criterion ext = md(Metadata.external(1000));
    private final IpAddress fip = s.fip("fa1").floatingIp();
    private final long ra = Metadata.router(s.router("ra").key());

    @Test
    public void inboundIsDnatedIntoTheRouterOnTheVmNode() {
        CompiledRule r = only(p, dev("c1"), L3_INGRESS, ext, IPV4, ipDst(fip));
        assertEquals(Priorities.L3Ingress.EXTERNAL, r.priority());
        assertEquals(Optional.of(s.ip("va1")), setIpDst(r));
        assertEquals(Optional.of(ra), metadata(r));
        assertEquals(Optional.of(L3_ROUTE.id()), gotoTable(r));
        assertEquals("fip:fa1", r.source());
        assertThat(matching(p, dev("c2"), L3_INGRESS, ext, ipDst(fip)), empty());
        assertThat(matching(p, dev("gw"), L3_INGRESS, ext, ipDst(fip)), empty());
    }

    @Test
    public void outboundIsSnatedToTheFloatingIpWithTheNodeMac() {
        CompiledRule r = only(p, dev("c1"), L3_ROUTE, md(ra), ipSrc(s.ip("va1")));
        assertEquals(Priorities.L3Route.FIP_EGRESS, r.priority());
        assertEquals(Optional.of(fip), setIpSrc(r));
        assertEquals(Optional.of(s.node("c1").dvrMac()), setEthSrc(r));
        assertTrue(decTtl(r));
        assertEquals(Optional.of(EXT_OUT.id()), gotoTable(r));
        assertTrue(r.priority() > Priorities.L3Route.ROUTE_BASE);
        // a VM without floating IP has no egress rule: it takes the default route
        assertThat(matching(p, dev("c2"), L3_ROUTE, md(ra), ipSrc(s.ip("va2"))), empty());
    }

    @Test
    public void movingTheVmMovesTheFloatingIp() {
        CompiledPipeline moved = compiler.compile(s.snapshot().toBuilder().port(
                s.port("va1").withLocation(new org.onosproject.net.ConnectPoint(dev("c2"),
                        org.onosproject.net.PortNumber.portNumber(99)))).build());
        assertThat(matching(moved, dev("c1"), L3_INGRESS, ext, ipDst(fip)), empty());
        only(moved, dev("c2"), L3_INGRESS, ext, ipDst(fip));
        assertEquals(Optional.of(s.node("c2").dvrMac()),
                     setEthSrc(only(moved, dev("c2"), L3_ROUTE, md(ra), ipSrc(s.ip("va1")))));
    }

    @Test
    public void legacyFloatingIpLivesOnTheGatewayNode() {
        IpAddress fl1 = s.fip("fl1").floatingIp();
        long rl = Metadata.router(s.router("rl").key());
        only(p, dev("gw"), L3_INGRESS, ext, ipDst(fl1));
        assertEquals(Optional.of(fl1), setIpSrc(only(p, dev("gw"), L3_ROUTE, md(rl), ipSrc(s.ip("vl1")))));
        assertThat(matching(p, dev("c1"), L3_INGRESS, ext, ipDst(fl1)), empty());
    }
    /** c3: a compute node without external port hosting va5 (a1) with floating IP fa5. */
    private static Scenario noExternal(boolean snat) {
        return Scenarios.standardBuilder().node("c3", NodeRole.COMPUTE, false)
                .routerGateway("ra", "203.0.113.10", snat, "gw")
                .vm("va5", "a1", "c3").fip("fa5", "va5", "203.0.113.105", "ra").build();
    }

    @Test
    public void floatingIpOfAVmOnANodeWithoutExternalPortIsCentralizedOnTheSnatGateway() {
        Scenario n = noExternal(true);
        CompiledPipeline c = compiler.compile(n.snapshot());
        IpAddress fa5 = n.fip("fa5").floatingIp();
        long router = Metadata.router(n.router("ra").key());
        only(c, n.device("gw"), ARP_RESPONDER, ext, ipArpTarget(fa5));
        CompiledRule dnat = only(c, n.device("gw"), L3_INGRESS, ext, IPV4, ipDst(fa5));
        assertEquals(Optional.of(n.ip("va5")), setIpDst(dnat));
        CompiledRule snat = only(c, n.device("gw"), L3_ROUTE, md(router), ipSrc(n.ip("va5")));
        assertEquals(Optional.of(fa5), setIpSrc(snat));
        assertEquals(Optional.of(n.node("gw").dvrMac()), setEthSrc(snat));
        assertTrue(snat.priority() > Priorities.L3Route.ROUTE_BASE);
        for (String node : new String[] {"c1", "c2", "c3"}) {
            assertThat(matching(c, n.device(node), L3_INGRESS, ext, ipDst(fa5)), empty());
            assertThat(matching(c, n.device(node), L3_ROUTE, md(router), ipSrc(n.ip("va5"))), empty());
        }
        // fa1 stays on its VM's node, which has an external port
        only(c, n.device("c1"), L3_INGRESS, ext, IPV4, ipDst(fip));
        assertThat(matching(c, n.device("gw"), L3_INGRESS, ext, ipDst(fip)), empty());
    }

    @Test
    public void withoutSnatGatewayACentralizedFloatingIpIsServedNowhere() {
        Scenario n = noExternal(false);
        CompiledPipeline c = compiler.compile(n.snapshot());
        IpAddress fa5 = n.fip("fa5").floatingIp();
        for (String node : n.nodeNames().keySet()) {
            assertThat(matching(c, n.device(node), L3_INGRESS, ext, ipDst(fa5)), empty());
            assertThat(matching(c, n.device(node), ARP_RESPONDER, ext, ipArpTarget(fa5)), empty());
        }
    }

    @Test
    public void movingTheVmToANodeWithoutExternalPortMovesItsFloatingIpToTheGateway() {
        Scenario n = noExternal(true);
        CompiledPipeline moved = compiler.compile(n.snapshot().toBuilder().port(
                n.port("va1").withLocation(new org.onosproject.net.ConnectPoint(n.device("c3"),
                        org.onosproject.net.PortNumber.portNumber(99)))).build());
        assertThat(matching(moved, n.device("c1"), L3_INGRESS, ext, ipDst(fip)), empty());
        only(moved, n.device("gw"), L3_INGRESS, ext, IPV4, ipDst(fip));
    }

    private static Criterion ipArpTarget(IpAddress ip) {
        return org.onosproject.net.flow.criteria.Criteria.matchArpTpa(ip.getIp4Address());
    }
}
