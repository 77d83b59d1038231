package org.onosdvr.pipeline;

import org.junit.Test;
import org.onlab.packet.VlanId;
import org.onosdvr.api.VmPort;
import org.onosdvr.pipeline.testing.ScenarioBuilder;
import org.onosdvr.pipeline.testing.Scenarios;
import org.onosproject.net.PortNumber;
import org.onosproject.net.flow.criteria.Criteria;
import org.onosproject.net.flow.criteria.Criterion;
import org.onosproject.net.flow.criteria.EthCriterion;

import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.onosdvr.pipeline.PipelineTable.ARP_RESPONDER;
import static org.onosdvr.pipeline.PipelineTable.CLASSIFIER;
import static org.onosdvr.pipeline.testing.Rules.drops;
import static org.onosdvr.pipeline.testing.Rules.gotoTable;
import static org.onosdvr.pipeline.testing.Rules.matching;
import static org.onosdvr.pipeline.testing.Rules.metadata;
import static org.onosdvr.pipeline.testing.Rules.of;
import static org.onosdvr.pipeline.testing.Rules.exactly;
import static org.onosdvr.pipeline.testing.Rules.only;
import static org.onosdvr.pipeline.testing.Rules.outputs;

/**
 * Function 1: port classification and anti-spoofing.
 */
public class ClassificationTest extends CompilerTestBase {

    @Test
    public void vmPortPassesOnlyWithItsMacAndIps() {
        VmPort va1 = s.port("va1");
        PortNumber in = va1.location().get().port();
        Criterion inPort = Criteria.matchInPort(in);
        CompiledRule ip = only(p, dev("c1"), CLASSIFIER, inPort, IPV4);
        assertTrue(ip.flowRule().selector().criteria().contains(Criteria.matchEthSrc(va1.mac())));
        assertTrue(ip.flowRule().selector().criteria().contains(ipSrc(s.ip("va1"))));
        assertEquals(Optional.of(Metadata.network(101)), metadata(ip));
        assertEquals(Optional.of(ARP_RESPONDER.id()), gotoTable(ip));
        assertEquals(Priorities.Classifier.PORT, ip.priority());
        Criterion untagged = Criteria.matchVlanId(VlanId.NONE);
        assertTrue("untagged only", ip.flowRule().selector().criteria().contains(untagged));

        CompiledRule arp = only(p, dev("c1"), CLASSIFIER, inPort, ARP);
        assertTrue(arp.flowRule().selector().criteria().contains(
                Criteria.matchArpSpa(s.ip("va1").getIp4Address())));
        assertTrue(arp.flowRule().selector().criteria().contains(Criteria.matchArpSha(va1.mac())));
        assertEquals(Optional.of(Metadata.network(101)), metadata(arp));
        assertTrue("untagged only", arp.flowRule().selector().criteria().contains(untagged));

        CompiledRule rest = exactly(p, dev("c1"), CLASSIFIER, inPort);
        assertTrue("the only rule matching in_port alone drops", rest.flowRule().selector().criteria().size() == 1
                && drops(rest));
        assertTrue(rest.priority() < ip.priority());
        assertEquals("port:va1", ip.source());
    }

    @Test
    public void spoofedSourcesHaveNoPassingRule() {
        VmPort va1 = s.port("va1");
        Criterion inPort = Criteria.matchInPort(va1.location().get().port());
        for (CompiledRule r : matching(p, dev("c1"), CLASSIFIER, inPort)) {
            if (drops(r)) {
                continue;
            }
            // every passing rule pins the source MAC, and the source IP / ARP sender to the VM's own
            EthCriterion src = (EthCriterion) r.flowRule().selector().getCriterion(Criterion.Type.ETH_SRC);
            assertEquals(va1.mac(), src.mac());
            Criterion ipSrc = r.flowRule().selector().getCriterion(Criterion.Type.IPV4_SRC);
            Criterion spa = r.flowRule().selector().getCriterion(Criterion.Type.ARP_SPA);
            assertTrue(ipSrc != null ? ipSrc.equals(ipSrc(s.ip("va1")))
                               : spa.equals(Criteria.matchArpSpa(s.ip("va1").getIp4Address())));
        }
    }

    @Test
    public void vmPortRulesOnlyOnItsNode() {
        Criterion in = Criteria.matchInPort(s.port("va1").location().get().port());
        Criterion mac = Criteria.matchEthSrc(s.port("va1").mac());
        assertThat(matching(p, dev("c2"), CLASSIFIER, in, mac), empty());
        assertThat(matching(p, dev("gw"), CLASSIFIER, in, mac), empty());
    }

    @Test
    public void unlocatedPortsAndPortsOnUnknownNodesGetNoRules() {
        CompiledPipeline q = compiler.compile(Scenarios.standardBuilder().vm("vx", "a1", null).build().snapshot());
        assertEquals(p.devices(), q.devices());
        assertTrue(q.allRules().stream().noneMatch(r -> r.source().equals("port:vx")));
        assertEquals(p.size(), q.size());
    }

    @Test
    public void tunnelPortAcceptsOnlyVnisOfTheNode() {
        Criterion tunnel = Criteria.matchInPort(ScenarioBuilder.TUNNEL_PORT);
        List<CompiledRule> vni101 = matching(p, dev("c1"), CLASSIFIER, tunnel, Criteria.matchTunnelId(101));
        assertThat(vni101, hasSize(2)); // plain, and the DVR-MAC restore
        CompiledRule plain = vni101.stream().filter(r -> r.priority() == Priorities.Classifier.PORT)
                .findFirst().get();
        assertEquals(2, plain.flowRule().selector().criteria().size());
        assertEquals(Optional.of(Metadata.network(101)), metadata(plain));
        assertEquals(Optional.of(ARP_RESPONDER.id()), gotoTable(plain));
        // c1 hosts a1, a2, b1, l1 and routes ra, rb (distributed): b2 too; not the legacy l2 (routed on gw)
        for (int vni : new int[]{101, 102, 201, 202, 301}) {
            assertThat("vni " + vni, matching(p, dev("c1"), CLASSIFIER, tunnel, Criteria.matchTunnelId(vni))
                    .isEmpty(), is(false));
        }
        assertThat(matching(p, dev("c1"), CLASSIFIER, tunnel, Criteria.matchTunnelId(302)), empty());
        // the gateway takes part in every routed network (SNAT gateway of ra and rb, host of rl)
        for (int vni : new int[]{101, 102, 201, 202, 301, 302}) {
            assertThat(matching(p, dev("gw"), CLASSIFIER, tunnel, Criteria.matchTunnelId(vni)), hasSize(1));
        }
        List<CompiledRule> rest = matching(p, dev("c1"), CLASSIFIER, tunnel).stream()
                .filter(r -> r.flowRule().selector().criteria().size() == 1).collect(Collectors.toList());
        assertThat(rest, hasSize(1));
        assertTrue(drops(rest.get(0)));
    }

    @Test
    public void externalPortTagsTheExternalNetworkUntaggedOnly() {
        for (String node : new String[]{"c1", "c2", "gw"}) {
            Criterion ext = Criteria.matchInPort(ScenarioBuilder.EXTERNAL_PORT);
            CompiledRule r = only(p, dev(node), CLASSIFIER, ext, Criteria.matchVlanId(VlanId.NONE));
            assertEquals(Optional.of(0x2_0000_0000L | 1000), metadata(r));
            assertEquals(Optional.of(ARP_RESPONDER.id()), gotoTable(r));
            List<CompiledRule> rest = matching(p, dev(node), CLASSIFIER, ext).stream().filter(x -> x != r)
                    .collect(Collectors.toList());
            assertThat(rest, hasSize(1));
            assertEquals(Priorities.Classifier.PORT_DROP, rest.get(0).priority());
            assertTrue(drops(rest.get(0)));
        }
    }

    @Test
    public void arpAndDhcpFromUnknownPortsGoToTheController() {
        List<CompiledRule> punts = matching(p, dev("c1"), CLASSIFIER);
        long n = punts.stream().filter(r -> r.priority() == Priorities.Classifier.PUNT).count();
        assertEquals(2, n);
        CompiledRule arp = punts.stream().filter(r -> r.priority() == Priorities.Classifier.PUNT
                && r.flowRule().selector().criteria().contains(ARP)).findFirst().get();
        assertThat(outputs(arp), contains(PortNumber.CONTROLLER));
        CompiledRule miss = of(p, dev("c1"), CLASSIFIER).stream().filter(r -> r.priority() == 0).findFirst().get();
        assertTrue(drops(miss));
        // a spoofed packet from a known port never reaches the punt band: the port's drop rule is above it
        assertTrue(Priorities.Classifier.PORT_DROP > Priorities.Classifier.PUNT);
    }
}
