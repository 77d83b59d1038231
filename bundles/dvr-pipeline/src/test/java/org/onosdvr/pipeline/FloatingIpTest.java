package org.onosdvr.pipeline;

import org.junit.Test;
import org.onlab.packet.IpAddress;
import org.onosproject.net.flow.criteria.Criterion;

import java.util.Optional;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.empty;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
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
 * Function 5: floating IPs on the VM's node (distributed) or the gateway node (legacy).
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
}
