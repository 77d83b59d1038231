package org.onosdvr.pipeline;

import org.junit.Test;
import org.onlab.packet.IpAddress;
import org.onlab.packet.MacAddress;
import org.onosdvr.api.DvrNode;
import org.onosdvr.api.DvrSnapshot;
import org.onosdvr.api.ExternalNeighbor;
import org.onosdvr.api.FloatingIp;
import org.onosdvr.api.Network;
import org.onosdvr.api.NodeRole;
import org.onosdvr.api.PortId;
import org.onosdvr.api.Router;
import org.onosdvr.api.VmPort;
import org.onosdvr.pipeline.testing.Scenario;
import org.onosdvr.pipeline.testing.ScenarioBuilder;
import org.onosdvr.pipeline.testing.Scenarios;
import org.onosdvr.pipeline.testing.TestExtensions;
import org.onosproject.net.ConnectPoint;
import org.onosproject.net.DeviceId;
import org.onosproject.net.PortNumber;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

/**
 * Incremental compilation: applying the deltas of any change sequence gives the full compile of the final
 * snapshot, and unrelated devices are not recompiled.
 */
public class IncrementalCompilerTest {

    private final DvrCompiler compiler = new DvrCompiler(TestExtensions.APP_ID, new TestExtensions());

    @Test
    public void deltaSequencesConvergeToTheFullCompile() {
        int steps = 0;
        for (long seed = 0; seed < 12; seed++) {
            Random rnd = new Random(seed * 7919);
            Scenario sc = Scenarios.random(seed);
            IncrementalCompiler inc = compiler.incremental(sc.snapshot());
            Map<DeviceId, Set<RuleKey>> installed = keys(compiler.compile(sc.snapshot()));
            for (int i = 0; i < 25; i++) {
                PipelineDelta delta;
                try {
                    delta = randomChange(inc, rnd, i);
                } catch (IllegalArgumentException invalid) {
                    continue; // the change would make an invalid snapshot: the admin service rejects it
                }
                apply(installed, delta, "seed " + seed + " step " + i);
                steps++;
                assertSame(keys(compiler.compile(inc.snapshot())), installed, "seed " + seed + " step " + i);
            }
            assertEquals(compiler.compile(inc.snapshot()), inc.current());
        }
        assertTrue("too few valid steps: " + steps, steps > 150);
    }

    @Test
    public void sameSnapshotGivesAnEmptyDelta() {
        Scenario sc = Scenarios.standard();
        IncrementalCompiler inc = compiler.incremental(sc.snapshot());
        PipelineDelta d = inc.update(sc.snapshot());
        assertTrue(d.isEmpty());
        assertTrue(d.recompiled().isEmpty());
    }

    @Test
    public void aPortMoveRecompilesOnlyTheNodesOfItsNetwork() {
        Scenario sc = Scenarios.scaled(8, 4);
        IncrementalCompiler inc = compiler.incremental(sc.snapshot());
        PipelineDelta d = inc.portMoved(PortId.of("t0v1"),
                                        new ConnectPoint(sc.device("c0"), PortNumber.portNumber(77)));
        assertEquals(Set.of(sc.device("c0"), sc.device("c1"), sc.device("gw")), d.recompiled());
        assertFalse(d.isEmpty());
        // the old port's rules are removed, the new one's added, on c0 only for the classifier/port rules
        assertTrue(d.removed(sc.device("c0")).size() > 0 && d.added(sc.device("c0")).size() > 0);
        assertTrue(d.added(sc.device("c2")).isEmpty());
    }

    @Test
    public void addThenRemoveRestoresTheRules() {
        Scenario sc = Scenarios.standard();
        IncrementalCompiler inc = compiler.incremental(sc.snapshot());
        CompiledPipeline before = inc.current();
        VmPort p = VmPort.builder().id(PortId.of("vnew")).networkId(sc.network("a2").id())
                .tenantId(sc.network("a2").tenantId()).mac(MacAddress.valueOf("fa:16:3e:aa:00:01"))
                .fixedIps(Set.of(IpAddress.valueOf("10.0.2.99")))
                .location(new ConnectPoint(sc.device("c1"), PortNumber.portNumber(50))).build();
        PipelineDelta added = inc.portAdded(p);
        assertTrue(added.added(sc.device("c1")).size() > 0);
        assertTrue(added.added(sc.device("c2")).size() > 0); // c2 learns where vnew is
        PipelineDelta removed = inc.portRemoved(p.id());
        assertEquals(added.size(), removed.size());
        assertEquals(before, inc.current());
        assertTrue(inc.groups(sc.device("c1")).containsKey("port:va1"));
    }

    @Test
    public void aNodeThatStartsRoutingARouterResolvesThePortsOfNetworksItAlreadyTookPartIn() {
        // n1 has two subnets: s1 on legacy router r1 (gateway c1), s2 on distributed router r2 (gateway g1)
        Scenario sc = new ScenarioBuilder()
                .node("c1", NodeRole.COMPUTE_GATEWAY, true).compute("c2").gateway("g1")
                .external("ext", 1000, "203.0.113.0/24")
                .network("A", "n1", 101, "10.0.1.0/24").subnet("n1", "n1-s2", "10.1.1.0/24")
                .router("A", "r1", false, "n1-sub").routerGateway("r1", "203.0.113.10", true, "c1")
                .router("A", "r2", true, "n1-s2").routerGateway("r2", "203.0.113.11", true, "g1")
                .vm("q", "n1", "c2", "10.1.1.5").vm("v", "n1", "c2")
                .build();
        IncrementalCompiler inc = compiler.incremental(sc.snapshot());
        assertTrue(inc.topology().takesPart(sc.device("c1"), sc.network("n1").id()));
        assertFalse(inc.topology().routes(sc.device("c1"), sc.router("r2")));
        // v moves to c1: c1 now hosts n1, so routes r2 and resolves q's s2 address, although n1 was already there
        PipelineDelta d = inc.portMoved(PortId.of("v"), new ConnectPoint(sc.device("c1"), PortNumber.portNumber(60)));
        assertTrue(d.addedRules(sc.device("c1")).stream().anyMatch(
                r -> r.table() == PipelineTable.ARP_RESOLVE && r.source().equals("port:q")));
        assertEquals(compiler.compile(inc.snapshot()), inc.current());
    }

    private PipelineDelta randomChange(IncrementalCompiler inc, Random rnd, int step) {
        DvrSnapshot s = inc.snapshot();
        List<VmPort> ports = new ArrayList<>(s.ports());
        List<DvrNode> computes = new ArrayList<>();
        s.nodes().stream().filter(n -> n.role().isCompute()).forEach(computes::add);
        switch (rnd.nextInt(10)) {
            case 0:
            case 1: {
                VmPort p = ports.get(rnd.nextInt(ports.size()));
                ConnectPoint to = computes.isEmpty() || rnd.nextInt(5) == 0 ? null
                        : new ConnectPoint(computes.get(rnd.nextInt(computes.size())).deviceId(),
                                           PortNumber.portNumber(100 + step));
                return inc.portMoved(p.id(), to);
            }
            case 2:
                return inc.portRemoved(ports.get(rnd.nextInt(ports.size())).id());
            case 3: {
                List<Network> nets = new ArrayList<>();
                s.networks().stream().filter(n -> !n.external()).forEach(nets::add);
                Network n = nets.get(rnd.nextInt(nets.size()));
                IpAddress ip = IpAddress.valueOf(s.subnets(n.id()).get(0).cidr().address().getIp4Address().toInt()
                                                         + 200 + step);
                ConnectPoint at = computes.isEmpty() ? null : new ConnectPoint(
                        computes.get(rnd.nextInt(computes.size())).deviceId(), PortNumber.portNumber(200 + step));
                return inc.portAdded(VmPort.builder().id(PortId.of("new" + step)).networkId(n.id())
                                             .tenantId(n.tenantId()).mac(MacAddress.valueOf(0xfa163e770000L + step))
                                             .fixedIps(Set.of(ip)).location(at).build());
            }
            case 4: {
                List<FloatingIp> fips = new ArrayList<>(s.floatingIps());
                if (fips.isEmpty()) {
                    throw new IllegalArgumentException("no floating ip");
                }
                FloatingIp f = fips.get(rnd.nextInt(fips.size()));
                return rnd.nextBoolean() ? inc.floatingIpRemoved(f.id())
                        : inc.floatingIpChanged(f.toBuilder().portId(null).fixedIp(null).routerId(null).build());
            }
            case 5: {
                int index = 100 + step;
                return inc.nodeAdded(DvrNode.builder().deviceId(DeviceId.deviceId(String.format("of:%016x", index)))
                                             .role(NodeRole.COMPUTE).tunnelIp(IpAddress.valueOf("198.18.1." + step))
                                             .tunnelPort(PortNumber.portNumber(1))
                                             .externalPort(rnd.nextBoolean() ? PortNumber.portNumber(2) : null)
                                             .index(index).build());
            }
            case 6: {
                List<DvrNode> nodes = new ArrayList<>(s.nodes());
                return inc.nodeRemoved(nodes.get(rnd.nextInt(nodes.size())).deviceId());
            }
            case 7: {
                Network ext = s.networks().stream().filter(Network::external).findFirst().get();
                IpAddress ip = IpAddress.valueOf("203.0.113." + (200 + rnd.nextInt(3)));
                boolean known = s.neighbors().stream().anyMatch(nb -> nb.ip().equals(ip));
                return inc.update(known ? s.toBuilder().removeNeighbor(ext.id(), ip).build()
                                          : s.toBuilder().neighbor(new ExternalNeighbor(
                        ext.id(), ip, MacAddress.valueOf(0x02_00_00_00_00_00L + step))).build());
            }
            case 8: {
                List<Router> routers = new ArrayList<>(s.routers());
                Router r = routers.get(rnd.nextInt(routers.size()));
                return inc.update(s.toBuilder().router(r.toBuilder().adminStateUp(!r.adminStateUp()).build())
                                          .build());
            }
            default:
                return inc.update(s);
        }
    }

    private static void assertSame(Map<DeviceId, Set<RuleKey>> expected, Map<DeviceId, Set<RuleKey>> actual,
                                   String where) {
        assertEquals(where + ": devices", expected.keySet(), actual.keySet());
        for (DeviceId d : expected.keySet()) {
            Set<RuleKey> missing = new HashSet<>(expected.get(d));
            missing.removeAll(actual.get(d));
            Set<RuleKey> extra = new HashSet<>(actual.get(d));
            extra.removeAll(expected.get(d));
            assertTrue(where + " on " + d + ": missing " + first(missing) + ", stale " + first(extra),
                       missing.isEmpty() && extra.isEmpty());
        }
    }

    private static String first(Set<RuleKey> keys) {
        return keys.size() + (keys.isEmpty() ? "" : " e.g. " + keys.iterator().next());
    }

    private static Map<DeviceId, Set<RuleKey>> keys(CompiledPipeline p) {
        Map<DeviceId, Set<RuleKey>> out = new HashMap<>();
        for (DeviceId d : p.devices()) {
            Set<RuleKey> k = new HashSet<>();
            p.rules(d).forEach(r -> k.add(RuleKey.of(r.flowRule())));
            out.put(d, k);
        }
        return out;
    }

    /**
     * Checks that a delta turns one pipeline's rules into another's: every removed rule was there, every added
     * one was not, and the result holds exactly the other's rules.
     *
     * @param before pipeline before the step
     * @param delta  the step's delta
     * @param after  pipeline after the step (full compile)
     * @param where  message prefix
     */
    static void assertDeltaLeadsTo(CompiledPipeline before, PipelineDelta delta, CompiledPipeline after,
                                   String where) {
        Map<DeviceId, Set<RuleKey>> installed = keys(before);
        apply(installed, delta, where);
        assertSame(keys(after), installed, where);
    }

    private static void apply(Map<DeviceId, Set<RuleKey>> installed, PipelineDelta delta, String where) {
        for (DeviceId d : delta.devices()) {
            Set<RuleKey> rules = installed.computeIfAbsent(d, k -> new HashSet<>());
            for (CompiledRule r : delta.removedRules(d)) {
                assertTrue(where + ": removing an absent rule " + r, rules.remove(RuleKey.of(r.flowRule())));
            }
            for (CompiledRule r : delta.addedRules(d)) {
                assertTrue(where + ": adding a present rule " + r, rules.add(RuleKey.of(r.flowRule())));
            }
            if (rules.isEmpty()) {
                installed.remove(d);
            }
        }
    }
}
