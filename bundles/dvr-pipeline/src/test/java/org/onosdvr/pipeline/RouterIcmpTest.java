package org.onosdvr.pipeline;

import org.junit.Test;
import org.onlab.packet.ICMP;
import org.onlab.packet.IPv4;
import org.onlab.packet.IpAddress;
import org.onosproject.net.PortNumber;
import org.onosproject.net.flow.criteria.Criteria;
import org.onosproject.net.flow.criteria.Criterion;
import org.onosproject.net.flow.instructions.ExtensionTreatment;
import org.onosproject.net.flow.instructions.ExtensionTreatmentType.ExtensionTreatmentTypes;

import java.util.List;
import java.util.Optional;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.onosdvr.pipeline.PipelineTable.L3_INGRESS;
import static org.onosdvr.pipeline.testing.Rules.drops;
import static org.onosdvr.pipeline.testing.Rules.extensions;
import static org.onosdvr.pipeline.testing.Rules.matching;
import static org.onosdvr.pipeline.testing.Rules.only;
import static org.onosdvr.pipeline.testing.Rules.outputs;
import static org.onosdvr.pipeline.testing.Rules.property;
import static org.onosdvr.pipeline.testing.Rules.setEthSrc;
import static org.onosdvr.pipeline.testing.Rules.setIpSrc;

/**
 * Function 7: the router answers ping on its interface addresses, in the switch.
 */
public class RouterIcmpTest extends CompilerTestBase {

    @Test
    public void echoRequestToTheGatewayIsAnsweredInPlace() {
        IpAddress gw = s.subnet("a2-sub").gatewayIp();
        Criterion mac = Criteria.matchEthDst(s.routerInterface("a2-sub").mac());
        CompiledRule r = only(p, dev("c2"), L3_INGRESS, vni("a2", s), mac, ipDst(gw),
                              Criteria.matchIPProtocol(IPv4.PROTOCOL_ICMP),
                              Criteria.matchIcmpType(ICMP.TYPE_ECHO_REQUEST));
        assertEquals(Priorities.L3Ingress.ICMP_ECHO, r.priority());
        assertEquals(Optional.of(s.routerInterface("a2-sub").mac()), setEthSrc(r));
        assertEquals(Optional.of(gw), setIpSrc(r));
        List<ExtensionTreatment> ext = extensions(r);
        assertThat(ext, hasSize(3));
        assertEquals(ExtensionTreatmentTypes.NICIRA_MOV_ETH_SRC_TO_DST.type(), ext.get(0).type());
        assertEquals(ExtensionTreatmentTypes.NICIRA_MOV_IP_SRC_TO_DST.type(), ext.get(1).type());
        ExtensionTreatment load = ext.get(2);
        assertEquals(ExtensionTreatmentTypes.NICIRA_LOAD.type(), load.type());
        assertEquals(0L, property(load, "value"));
        assertEquals(NiciraActions.NXM_OF_ICMP_TYPE, property(load, "dst"));
        assertEquals(7, property(load, "ofsNbits")); // offset 0, 8 bits
        assertThat(outputs(r), contains(PortNumber.IN_PORT));
    }

    @Test
    public void otherTrafficToTheGatewayIpIsDropped() {
        IpAddress gw = s.subnet("a2-sub").gatewayIp();
        List<CompiledRule> rs = matching(p, dev("c2"), L3_INGRESS, vni("a2", s), ipDst(gw));
        assertThat(rs, hasSize(2));
        CompiledRule drop = rs.stream().filter(r -> r.priority() == Priorities.L3Ingress.ROUTER_IP_DROP)
                .findFirst().get();
        assertTrue(drops(drop));
        assertTrue(Priorities.L3Ingress.ICMP_ECHO > drop.priority());
        assertTrue(drop.priority() > Priorities.L3Ingress.ROUTE);
    }

    @Test
    public void legacyGatewayPingIsAnsweredOnTheComputeNode() {
        IpAddress gw = s.subnet("l1-sub").gatewayIp();
        only(p, dev("c1"), L3_INGRESS, vni("l1", s), ipDst(gw), Criteria.matchIcmpType(ICMP.TYPE_ECHO_REQUEST));
    }
}
