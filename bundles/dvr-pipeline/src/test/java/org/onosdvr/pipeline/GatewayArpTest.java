package org.onosdvr.pipeline;

import org.junit.Test;
import org.onlab.packet.IpAddress;
import org.onlab.packet.MacAddress;
import org.onosdvr.api.RouterInterface;
import org.onosproject.net.PortNumber;
import org.onosproject.net.flow.criteria.Criteria;
import org.onosproject.net.flow.criteria.Criterion;
import org.onosproject.net.flow.instructions.ExtensionTreatmentType.ExtensionTreatmentTypes;
import org.onosproject.net.flow.instructions.Instruction;
import org.onosproject.net.flow.instructions.Instructions;
import org.onosproject.net.flow.instructions.L2ModificationInstruction;
import org.onosproject.net.flow.instructions.L3ModificationInstruction;

import java.util.List;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.Assert.assertEquals;
import static org.onosdvr.pipeline.PipelineTable.ARP_RESPONDER;
import static org.onosdvr.pipeline.testing.Rules.actions;
import static org.onosdvr.pipeline.testing.Rules.matching;
import static org.onosdvr.pipeline.testing.Rules.only;
import static org.onosdvr.pipeline.testing.Rules.outputs;

/**
 * Function 2: ARP for gateway, floating and router external IPs answered in the switch.
 */
public class GatewayArpTest extends CompilerTestBase {

    private Criterion tpa(IpAddress ip) {
        return Criteria.matchArpTpa(ip.getIp4Address());
    }

    /** Checks the exact reply sequence of the ARP responder. */
    private void assertReply(CompiledRule r, MacAddress mac, IpAddress ip) {
        List<Instruction> a = actions(r);
        assertThat(a, hasSize(8));
        assertEquals(ExtensionTreatmentTypes.NICIRA_MOV_ETH_SRC_TO_DST.type(), ext(a.get(0)));
        assertEquals(mac, ((L2ModificationInstruction.ModEtherInstruction) a.get(1)).mac());
        assertEquals(L2ModificationInstruction.L2SubType.ETH_SRC,
                     ((L2ModificationInstruction.ModEtherInstruction) a.get(1)).subtype());
        assertEquals(org.onlab.packet.ARP.OP_REPLY, ((L3ModificationInstruction.ModArpOpInstruction) a.get(2)).op());
        assertEquals(ExtensionTreatmentTypes.NICIRA_MOV_ARP_SHA_TO_THA.type(), ext(a.get(3)));
        assertEquals(mac, ((L3ModificationInstruction.ModArpEthInstruction) a.get(4)).mac());
        assertEquals(ExtensionTreatmentTypes.NICIRA_MOV_ARP_SPA_TO_TPA.type(), ext(a.get(5)));
        assertEquals(ip, ((L3ModificationInstruction.ModArpIPInstruction) a.get(6)).ip());
        assertThat(outputs(r), contains(PortNumber.IN_PORT));
    }

    private static Object ext(Instruction i) {
        return ((Instructions.ExtensionInstructionWrapper) i).extensionInstruction().type();
    }

    @Test
    public void routerInterfaceArpIsAnsweredOnEveryNodeOfTheNetwork() {
        RouterInterface a1 = s.routerInterface("a1-sub");
        IpAddress gw = s.subnet("a1-sub").gatewayIp();
        for (String node : new String[]{"c1", "c2", "gw"}) {
            CompiledRule r = only(p, dev(node), ARP_RESPONDER, vni("a1", s), ARP, tpa(gw),
                                  Criteria.matchArpOp(org.onlab.packet.ARP.OP_REQUEST));
            assertReply(r, a1.mac(), gw);
            assertEquals("router:ra", r.source());
        }
    }

    @Test
    public void overlappingTenantsGetTheirOwnGatewayMac() {
        IpAddress gw = s.subnet("a1-sub").gatewayIp();
        assertEquals(gw, s.subnet("b1-sub").gatewayIp());
        CompiledRule a = only(p, dev("c1"), ARP_RESPONDER, vni("a1", s), tpa(gw));
        CompiledRule b = only(p, dev("c1"), ARP_RESPONDER, vni("b1", s), tpa(gw));
        assertReply(a, s.routerInterface("a1-sub").mac(), gw);
        assertReply(b, s.routerInterface("b1-sub").mac(), gw);
    }

    @Test
    public void legacyGatewayArpIsAnsweredLocallyOnComputeNodes() {
        IpAddress gw = s.subnet("l1-sub").gatewayIp();
        assertReply(only(p, dev("c1"), ARP_RESPONDER, vni("l1", s), tpa(gw)), s.routerInterface("l1-sub").mac(),
                    gw);
        // c2 has no port on l1 and does not route the legacy router
        assertThat(matching(p, dev("c2"), ARP_RESPONDER, vni("l1", s)), empty());
    }

    @Test
    public void floatingIpArpOnlyOnTheVmNodeWithItsDvrMac() {
        IpAddress fip = s.fip("fa1").floatingIp();
        Criterion ext = md(Metadata.external(1000));
        assertReply(only(p, dev("c1"), ARP_RESPONDER, ext, tpa(fip)), s.node("c1").dvrMac(), fip);
        assertThat(matching(p, dev("c2"), ARP_RESPONDER, ext, tpa(fip)), empty());
        assertThat(matching(p, dev("gw"), ARP_RESPONDER, ext, tpa(fip)), empty());
    }

    @Test
    public void routerExternalIpArpOnlyOnTheSnatGateway() {
        IpAddress ip = s.router("ra").externalGateway().get().externalIp();
        Criterion ext = md(Metadata.external(1000));
        assertReply(only(p, dev("gw"), ARP_RESPONDER, ext, tpa(ip)),
                    s.router("ra").externalGateway().get().mac(), ip);
        assertThat(matching(p, dev("c1"), ARP_RESPONDER, ext, tpa(ip)), empty());
        assertThat(matching(p, dev("c2"), ARP_RESPONDER, ext, tpa(ip)), empty());
    }

    @Test
    public void arpMissContinuesToL3Ingress() {
        CompiledRule miss = matching(p, dev("c1"), ARP_RESPONDER).stream().filter(r -> r.priority() == 0)
                .findFirst().get();
        assertEquals(java.util.Optional.of(PipelineTable.L3_INGRESS.id()),
                     org.onosdvr.pipeline.testing.Rules.gotoTable(miss));
    }
}
