package org.onosdvr.pipeline;

import org.junit.Test;
import org.onlab.packet.IpAddress;
import org.onlab.packet.IpPrefix;
import org.onosdvr.api.DvrNode;
import org.onosdvr.api.ExternalGateway;
import org.onosdvr.api.NodeRole;
import org.onosdvr.pipeline.testing.Rules;
import org.onosdvr.pipeline.testing.Scenario;
import org.onosdvr.pipeline.testing.ScenarioBuilder;
import org.onosdvr.pipeline.testing.Scenarios;
import org.onosdvr.pipeline.testing.TestExtensions;
import org.onosproject.net.DeviceId;
import org.onosproject.net.PortNumber;
import org.onosproject.net.flow.criteria.Criteria;
import org.onosproject.net.flow.instructions.ExtensionTreatment;
import org.onosproject.net.flow.instructions.Instruction;
import org.onosproject.net.flow.instructions.Instructions;
import org.onosproject.net.group.GroupBucket;
import org.onosproject.net.group.GroupDescription;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.onosdvr.pipeline.PipelineTable.ARP_RESPONDER;
import static org.onosdvr.pipeline.PipelineTable.L3_INGRESS;
import static org.onosdvr.pipeline.PipelineTable.L3_ROUTE;
import static org.onosdvr.pipeline.PipelineTable.SNAT;
import static org.onosdvr.pipeline.testing.Rules.matching;
import static org.onosdvr.pipeline.testing.Rules.only;

/**
 * Data-plane SNAT failover: the fast-failover group compute nodes send default-SNAT traffic through, and the hot
 * backup gateway's rules ({@link Scenarios#failoverBuilder()}).
 */
public class FailoverGroupsTest {

    private final DvrCompiler compiler = new DvrCompiler(TestExtensions.APP_ID, new TestExtensions());
    private final Scenario s = Scenarios.failoverBuilder().build();
    private final CompiledPipeline p = compiler.compile(s.snapshot());
    private final int ra = s.router("ra").key();
    private final ExternalGateway g = s.router("ra").externalGateway().get();

    private DeviceId dev(String n) {
        return s.device(n);
    }

    private DvrNode node(String n) {
        return s.snapshot().node(dev(n)).get();
    }

    private PortNumber watchOf(String from, String to) {
        return node(from).failoverPort(node(to).tunnelIp()).get();
    }

    private static IpAddress tunnelDst(GroupBucket b) {
        List<ExtensionTreatment> ext = b.treatment().allInstructions().stream()
                .filter(i -> i instanceof Instructions.ExtensionInstructionWrapper)
                .map(i -> ((Instructions.ExtensionInstructionWrapper) i).extensionInstruction())
                .collect(Collectors.toList());
        assertThat(ext, hasSize(1));
        return (IpAddress) Rules.property(ext.get(0), "tunnelDst");
    }

    private static List<PortNumber> outputs(GroupBucket b) {
        return b.treatment().allInstructions().stream().filter(i -> i.type() == Instruction.Type.OUTPUT)
                .map(i -> ((Instructions.OutputInstruction) i).port()).collect(Collectors.toList());
    }

    @Test
    public void computeNodeHasOneFailoverGroupPerSnatRouterPrimaryThenBackup() {
        for (String c : List.of("c1", "c2")) {
            List<CompiledGroup> groups = p.groups(dev(c));
            assertThat(c, groups, hasSize(1));
            GroupDescription gd = groups.get(0).group();
            assertEquals(GroupDescription.Type.FAILOVER, gd.type());
            assertEquals(Integer.valueOf(FailoverGroups.snatGroupId(ra)), gd.givenGroupId());
            assertEquals(TestExtensions.APP_ID, gd.appId());
            List<GroupBucket> b = gd.buckets().buckets();
            assertThat(b, hasSize(3));
            assertEquals(watchOf(c, "g1"), b.get(0).watchPort());
            assertEquals(node("g1").tunnelIp(), tunnelDst(b.get(0)));
            assertEquals(watchOf(c, "g2"), b.get(1).watchPort());
            assertEquals(node("g2").tunnelIp(), tunnelDst(b.get(1)));
            // while no BFD port is live: the primary, as without failover ports
            assertEquals(ScenarioBuilder.TUNNEL_PORT, b.get(2).watchPort());
            assertEquals(node("g1").tunnelIp(), tunnelDst(b.get(2)));
            for (GroupBucket x : b) {
                // data leaves through the flow-based tunnel port, never through the BFD-only port it watches
                assertEquals(List.of(ScenarioBuilder.TUNNEL_PORT), outputs(x));
            }
            assertEquals("router:ra", groups.get(0).source());
        }
    }

    @Test
    public void defaultRouteOfEachSubnetGoesThroughTheGroupWithItsVni() {
        for (String sub : List.of("a1-sub", "a2-sub")) {
            CompiledRule r = only(p, dev("c1"), L3_ROUTE, Criteria.matchMetadata(Metadata.router(ra)),
                                  Criteria.matchIPSrc(s.subnet(sub).cidr()));
            assertEquals(Priorities.L3Route.ROUTE_BASE, r.priority());
            List<Instruction> a = Rules.actions(r);
            assertEquals(Optional.of((long) s.network(sub.substring(0, 2)).segmentId()), Rules.setTunnelId(r));
            Instruction last = a.get(a.size() - 1);
            assertEquals(Instruction.Type.GROUP, last.type());
            assertEquals(FailoverGroups.snatGroupId(ra), ((Instructions.GroupInstruction) last).groupId().id()
                    .intValue());
            assertTrue("no tun_dst in the rule: the bucket sets it", Rules.extensions(r).isEmpty());
            assertEquals(Optional.empty(), Rules.gotoTable(r));
        }
    }

    @Test
    public void hotBackupHoldsSnatAndUnSnatButDoesNotAnswerArpForTheExternalIp() {
        CompiledRule primaryArp = only(p, dev("g1"), ARP_RESPONDER, Criteria.matchArpTpa(g.externalIp()
                                                                                        .getIp4Address()));
        assertEquals(Priorities.ArpResponder.REPLY, primaryArp.priority());
        assertThat(matching(p, dev("g2"), ARP_RESPONDER, Criteria.matchArpTpa(g.externalIp().getIp4Address())),
                   empty());
        for (String gw : List.of("g1", "g2")) {
            only(p, dev(gw), SNAT, Criteria.matchMetadata(Metadata.router(ra)));
            only(p, dev(gw), L3_INGRESS, Criteria.matchIPDst(IpPrefix.valueOf(g.externalIp(), 32)));
            // the return path: both route the router (connected routes to its subnets)
            only(p, dev(gw), L3_ROUTE, Criteria.matchMetadata(Metadata.router(ra)),
                 Criteria.matchIPDst(s.subnet("a1-sub").cidr()));
            assertThat(gw + " has no group of its own", p.groups(dev(gw)), empty());
        }
    }

    @Test
    public void legacyRouterHasNoHotBackupNorGroup() {
        int rl = s.router("rl").key();
        assertThat(matching(p, dev("g2"), SNAT, Criteria.matchMetadata(Metadata.router(rl))), empty());
        assertThat(matching(p, dev("g2"), L3_ROUTE, Criteria.matchMetadata(Metadata.router(rl))), empty());
        assertTrue(p.groups(dev("c1")).stream()
                           .noneMatch(x -> x.group().givenGroupId() == FailoverGroups.snatGroupId(rl)));
        assertEquals(1, matching(p, dev("g1"), SNAT, Criteria.matchMetadata(Metadata.router(rl))).size());
    }

    @Test
    public void withoutFailoverPortsNothingChanges() {
        CompiledPipeline std = compiler.compile(Scenarios.standard().snapshot());
        assertEquals(0, std.groupCount());
        Scenario plain = rebuiltWithoutPorts();
        CompiledPipeline q = compiler.compile(plain.snapshot());
        assertEquals(0, q.groupCount());
        CompiledRule r = only(q, dev("c1"), L3_ROUTE, Criteria.matchMetadata(Metadata.router(ra)),
                              Criteria.matchIPSrc(s.subnet("a1-sub").cidr()));
        assertTrue("tunnels straight to the primary", Rules.extension(r,
                org.onosproject.net.flow.instructions.ExtensionTreatmentType.ExtensionTreatmentTypes
                        .NICIRA_SET_TUNNEL_DST).isPresent());
        // the hot backup still holds the SNAT rules (nothing sends to it until the controller fails over)
        only(q, dev("g2"), SNAT, Criteria.matchMetadata(Metadata.router(ra)));
    }

    private Scenario rebuiltWithoutPorts() {
        ScenarioBuilder b = new ScenarioBuilder()
                .compute("c1").compute("c2").gateway("g1").gateway("g2")
                .external("ext", 1000, "203.0.113.0/24")
                .network("A", "a1", 101, "10.0.1.0/24").network("A", "a2", 102, "10.0.2.0/24")
                .router("A", "ra", true, "a1-sub", "a2-sub")
                .routerGateway("ra", "203.0.113.10", true, "g1", "g2")
                .vm("va1", "a1", "c1").vm("va2", "a2", "c2");
        return b.build();
    }

    @Test
    public void missingPortTowardsTheBackupLeavesAOneBucketGroup() {
        DvrNode c1 = node("c1");
        Map<IpAddress, PortNumber> ports = new java.util.TreeMap<>(c1.failoverPorts());
        ports.remove(node("g2").tunnelIp());
        CompiledPipeline q = compiler.compile(s.snapshot().toBuilder().node(c1.toBuilder().failoverPorts(ports)
                                                                               .build()).build());
        List<GroupBucket> b = q.groups(dev("c1")).get(0).group().buckets().buckets();
        assertThat(b, hasSize(2));
        assertEquals(node("g1").tunnelIp(), tunnelDst(b.get(0)));
        assertEquals(watchOf("c1", "g1"), b.get(0).watchPort());
        assertEquals(ScenarioBuilder.TUNNEL_PORT, b.get(1).watchPort());
        assertEquals(node("g1").tunnelIp(), tunnelDst(b.get(1)));
    }

    @Test
    public void missingPortTowardsThePrimaryMeansNoGroup() {
        DvrNode c1 = node("c1");
        Map<IpAddress, PortNumber> ports = new java.util.TreeMap<>(c1.failoverPorts());
        ports.remove(node("g1").tunnelIp());
        CompiledPipeline q = compiler.compile(s.snapshot().toBuilder().node(c1.toBuilder().failoverPorts(ports)
                                                                               .build()).build());
        assertThat(q.groups(dev("c1")), empty());
    }

    @Test
    public void computeGatewayBackupIsNotHot() {
        DvrNode g2 = node("g2");
        CompiledPipeline q = compiler.compile(s.snapshot().toBuilder().node(
                g2.toBuilder().role(NodeRole.COMPUTE_GATEWAY).build()).build());
        assertThat(matching(q, dev("g2"), SNAT, Criteria.matchMetadata(Metadata.router(ra))), empty());
        assertThat(q.groups(dev("c1")).get(0).group().buckets().buckets(), hasSize(2));
    }

    @Test
    public void groupsAreDeterministicAndIncrementalAgrees() {
        assertEquals(p, compiler.compile(s.snapshot()));
        IncrementalCompiler inc = compiler.incremental(rebuiltWithoutPorts().snapshot());
        inc.update(s.snapshot());
        assertEquals(p, inc.current());
        assertFalse(inc.current().groups(dev("c1")).isEmpty());
        inc.update(rebuiltWithoutPorts().snapshot());
        assertEquals(0, inc.current().groupCount());
    }
}
