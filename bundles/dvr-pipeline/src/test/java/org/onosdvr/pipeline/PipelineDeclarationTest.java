package org.onosdvr.pipeline;

import org.junit.Test;
import org.onlab.packet.EthType;
import org.onlab.packet.IpPrefix;
import org.onlab.packet.MacAddress;
import org.onosdvr.nicira.NiciraNxm;
import org.onosdvr.pipeline.testing.Scenario;
import org.onosdvr.pipeline.testing.Scenarios;
import org.onosdvr.pipeline.testing.TestExtensions;
import org.onosproject.net.DeviceId;

import java.util.List;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

/**
 * The table declaration and its enforcement by {@link DvrFlowBuilder}.
 */
public class PipelineDeclarationTest {

    private static final short IPV4 = EthType.EtherType.IPV4.ethType().toShort();

    @Test
    public void tablesAreNumberedByPositionWithForwardGotosOnly() {
        String[] names = {"classifier", "arp_responder", "l3_ingress", "l3_route", "arp_resolve", "snat",
                "ext_out", "l2_lookup", "tunnel_out"};
        assertEquals(names.length, PipelineTable.values().length);
        for (int i = 0; i < names.length; i++) {
            PipelineTable t = PipelineTable.byName(names[i]).get();
            assertEquals(i, t.id());
            for (PipelineTable to : t.allowedGotos()) {
                assertTrue(t + " -> " + to, to.id() > t.id());
            }
            t.missTarget().ifPresent(to -> assertTrue(t.allowedGotos().contains(to)));
            assertEquals(t.miss() == PipelineTable.Miss.GOTO, t.missTarget().isPresent());
        }
    }

    @Test
    public void everyCompiledRuleValidatesAgainstItsTable() {
        for (long seed = 0; seed < 20; seed++) {
            CompiledPipeline p = compile(Scenarios.random(seed));
            for (CompiledRule r : p.allRules()) {
                assertEquals(r.table().id(), r.flowRule().tableId());
                assertEquals(r.priority(), r.flowRule().priority());
                DvrFlowBuilder.validate(r.table(), r.priority(), r.rule().match(), r.rule().actions());
                assertEquals(TestExtensions.APP_ID.id(), r.flowRule().appId());
                assertEquals(TestExtensions.APP_ID.id(), r.flowRule().id().value() >>> 48);
                assertTrue(r.flowRule().isPermanent());
                assertTrue(!r.description().isEmpty() && !r.source().isEmpty());
            }
        }
    }

    @Test
    public void everyDeviceHasTheGeneratedMissRuleOfEveryTable() {
        CompiledPipeline p = compile(Scenarios.standard());
        for (DeviceId d : p.devices()) {
            for (PipelineTable t : PipelineTable.values()) {
                List<CompiledRule> miss = new java.util.ArrayList<>();
                p.rules(d).stream().filter(r -> r.table() == t && r.priority() == Priorities.MISS)
                        .forEach(miss::add);
                assertEquals(1, miss.size());
                assertTrue(miss.get(0).flowRule().selector().criteria().isEmpty());
                assertEquals("pipeline", miss.get(0).source());
            }
        }
    }

    @Test
    public void noTwoRulesOfEqualPriorityOverlap() {
        for (long seed = 0; seed < 20; seed++) {
            CompiledPipeline p = compile(Scenarios.random(seed));
            for (DeviceId d : p.devices()) {
                List<CompiledRule> rules = new java.util.ArrayList<>(p.rules(d));
                for (int i = 0; i < rules.size(); i++) {
                    for (int j = i + 1; j < rules.size(); j++) {
                        CompiledRule a = rules.get(i);
                        CompiledRule b = rules.get(j);
                        if (a.table() == b.table() && a.priority() == b.priority()) {
                            assertTrue("seed " + seed + ": " + a.explain() + " overlaps " + b.explain(),
                                       MatchOverlap.disjoint(a.flowRule().selector(), b.flowRule().selector()));
                        }
                    }
                }
            }
        }
    }

    @Test
    public void undeclaredMatchIsRejected() {
        Match s = Match.builder().matchEthType(IPV4).matchIPDst(IpPrefix.valueOf("10.0.0.0/24")).build();
        expectRejected(PipelineTable.TUNNEL_OUT, 10, s, Actions.builder().drop().build());
    }

    @Test
    public void missingPrerequisiteIsRejected() {
        Match s = Match.builder().matchIPDst(IpPrefix.valueOf("10.0.0.0/24")).build();
        expectRejected(PipelineTable.ARP_RESOLVE, 10, s, Actions.builder().drop().build());
    }

    @Test
    public void undeclaredOrBackwardGotoIsRejected() {
        Match s = Match.builder().matchEthSrc(MacAddress.valueOf("fa:16:3e:00:00:01")).build();
        expectRejected(PipelineTable.CLASSIFIER, 10, s,
                       Actions.builder().transition(PipelineTable.L2_LOOKUP.id()).build());
        expectRejected(PipelineTable.TUNNEL_OUT, 10, s,
                       Actions.builder().transition(PipelineTable.CLASSIFIER.id()).build());
    }

    @Test
    public void undeclaredActionIsRejected() {
        expectRejected(PipelineTable.TUNNEL_OUT, 10, Match.empty(), Actions.builder().decNwTtl().build());
        expectRejected(PipelineTable.L2_LOOKUP, 10, Match.empty(),
                       Actions.builder().ctReverseNat(1, PipelineTable.TUNNEL_OUT).build());
    }

    @Test
    public void undeclaredRecirculationIsRejected() {
        Match s = Match.builder().matchMetadata(1).matchEthType(IPV4).build();
        expectRejected(PipelineTable.SNAT, 10, s,
                       Actions.builder().ctReverseNat(1, PipelineTable.L2_LOOKUP).build());
    }

    @Test
    public void priorityZeroIsOnlyForTheMissRule() {
        Match s = Match.builder().matchEthSrc(MacAddress.valueOf("fa:16:3e:00:00:01")).build();
        expectRejected(PipelineTable.TUNNEL_OUT, 0, s, Actions.builder().drop().build());
    }

    @Test
    public void cookiesAreStableAndDistinctPerDevice() {
        DeviceId d = DeviceId.deviceId("of:0000000000000001");
        DvrFlowBuilder b = new DvrFlowBuilder(TestExtensions.APP_ID, d, new TestExtensions());
        Match m = Match.builder().matchEthSrc(MacAddress.valueOf("fa:16:3e:00:00:01")).build();
        // the value is part of the contract with the switches: a rule keeps its cookie across restarts
        assertEquals(0x002a_0000_0000_0000L, b.cookie(PipelineTable.TUNNEL_OUT, 10, m) & 0xffff_0000_0000_0000L);
        assertEquals(b.cookie(PipelineTable.TUNNEL_OUT, 10, m),
                     new DvrFlowBuilder(TestExtensions.APP_ID, d, new TestExtensions())
                             .cookie(PipelineTable.TUNNEL_OUT, 10,
                                     Match.builder().matchEthSrc(MacAddress.valueOf("fa:16:3e:00:00:01")).build()));
        for (long seed = 0; seed < 5; seed++) {
            CompiledPipeline p = compile(Scenarios.random(seed));
            for (DeviceId device : p.devices()) {
                java.util.Set<Long> ids = new java.util.HashSet<>();
                p.rules(device).forEach(r -> assertTrue(r.explain(), ids.add(r.flowRule().id().value())));
            }
        }
    }

    @Test
    public void nxmHeadersAgreeWithDvrNicira() {
        assertEquals(NiciraNxm.ICMP_TYPE & 0xffffffffL, NiciraActions.NXM_OF_ICMP_TYPE);
        assertEquals(NiciraNxm.header(0x8000, 2, 8) & 0xffffffffL, NiciraActions.OXM_OF_METADATA);
        assertEquals(NiciraNxm.ofsNbits(0, 8), NiciraActions.ofsNbits(0, 8));
        assertEquals(NiciraNxm.ofsNbits(0, 64), NiciraActions.ofsNbits(0, 64));
    }

    private void expectRejected(PipelineTable t, int priority, Match s, Actions tr) {
        try {
            DvrFlowBuilder.rule(t, priority, s, tr, "test", "test");
            fail("accepted an invalid rule in " + t);
        } catch (IllegalStateException e) {
            assertTrue(e.getMessage().startsWith(t.tableName()));
        }
    }

    static CompiledPipeline compile(Scenario s) {
        return new DvrCompiler(TestExtensions.APP_ID, new TestExtensions()).compile(s.snapshot());
    }
}
