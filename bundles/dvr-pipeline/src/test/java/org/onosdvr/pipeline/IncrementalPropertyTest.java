package org.onosdvr.pipeline;

import org.junit.Test;
import org.onlab.packet.IpAddress;
import org.onlab.packet.MacAddress;
import org.onosdvr.api.DvrNode;
import org.onosdvr.api.DvrSnapshot;
import org.onosdvr.api.ExternalNeighbor;
import org.onosdvr.api.FloatingIp;
import org.onosdvr.api.FloatingIpId;
import org.onosdvr.api.GatewayAssignment;
import org.onosdvr.api.Network;
import org.onosdvr.api.NetworkId;
import org.onosdvr.api.NodeRole;
import org.onosdvr.api.PortId;
import org.onosdvr.api.Router;
import org.onosdvr.api.Subnet;
import org.onosdvr.api.VmPort;
import org.onosdvr.pipeline.testing.ScenarioBuilder;
import org.onosdvr.pipeline.testing.Scenarios;
import org.onosdvr.pipeline.testing.TestExtensions;
import org.onosproject.net.ConnectPoint;
import org.onosproject.net.DeviceId;
import org.onosproject.net.PortNumber;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

/**
 * Per-object incremental compilation equals the full compile after every step of random change sequences
 * (the whole pipeline: rules, provenance, groups), on random clouds with distributed and legacy routers, SNAT
 * with hot backups and failover ports, floating IPs on compute nodes, several subnets per network. The derived
 * topology equals the one built from scratch, and the deltas applied to the previous rules give the new ones.
 */
public class IncrementalPropertyTest {

    private final DvrCompiler compiler = new DvrCompiler(TestExtensions.APP_ID, new TestExtensions());

    @Test
    public void everyStepEqualsTheFullCompile() {
        int steps = 0;
        for (long seed = 0; seed < 20; seed++) {
            steps += run(cloud(seed), new Random(seed * 31 + 7), 30, "seed " + seed);
        }
        steps += run(Scenarios.failoverBuilder().build().snapshot(), new Random(5), 40, "failover");
        steps += run(Scenarios.standard().snapshot(), new Random(6), 40, "standard");
        assertTrue("too few valid steps: " + steps, steps > 400);
    }

    private int run(DvrSnapshot initial, Random rnd, int count, String name) {
        IncrementalCompiler inc = compiler.incremental(initial);
        int steps = 0;
        for (int i = 0; i < count; i++) {
            CompiledPipeline before = inc.current();
            DvrSnapshot beforeSnapshot = inc.snapshot();
            PipelineDelta delta;
            try {
                delta = change(inc, rnd, i);
            } catch (IllegalArgumentException invalid) {
                continue; // an invalid snapshot: the admin service rejects the change
            }
            String where = name + " step " + i;
            CompiledPipeline full = compiler.compile(inc.snapshot());
            assertEquals(where, full, inc.current());
            IncrementalCompilerTest.assertDeltaLeadsTo(before, delta, full, where);
            TopologyCheck.assertSame(where, new DvrTopology(inc.snapshot()), inc.topology());
            if (beforeSnapshot.equals(inc.snapshot())) {
                assertTrue(where + ": same state, yet " + delta, delta.isEmpty() && before.equals(full));
            }
            steps++;
        }
        return steps;
    }

    /** A random cloud: compute (some with external ports), two gateways with a backup, failover ports. */
    static DvrSnapshot cloud(long seed) {
        Random rnd = new Random(seed);
        ScenarioBuilder s = new ScenarioBuilder();
        int computes = 2 + rnd.nextInt(3);
        List<String> nodes = new ArrayList<>();
        List<String> gateways = new ArrayList<>(List.of("g1", "g2"));
        for (int c = 0; c < computes; c++) {
            boolean both = rnd.nextBoolean();
            s.node("c" + c, both ? NodeRole.COMPUTE_GATEWAY : NodeRole.COMPUTE, rnd.nextInt(3) != 0);
            nodes.add("c" + c);
            if (both) {
                gateways.add("c" + c);
            }
        }
        s.gateway("g1").gateway("g2").external("ext", 5000, "203.0.113.0/24");
        int tenants = 1 + rnd.nextInt(3);
        int fipHost = 100;
        for (int t = 0; t < tenants; t++) {
            int nets = 1 + rnd.nextInt(3);
            List<String> subnets = new ArrayList<>();
            for (int n = 0; n < nets; n++) {
                String name = "t" + t + "n" + n;
                s.network("T" + t, name, 100 * (t + 1) + n, "10.0." + n + ".0/24");
                subnets.add(name + "-sub");
                if (rnd.nextInt(3) == 0) {
                    s.subnet(name, name + "-sub2", "10.1." + n + ".0/24");
                    subnets.add(name + "-sub2");
                }
            }
            String r = "t" + t + "r";
            List<String> second = new ArrayList<>();
            if (rnd.nextInt(3) == 0) {
                // a second router on the networks' second subnets: networks routed by two routers
                subnets.stream().filter(x -> x.endsWith("-sub2")).forEach(second::add);
                subnets.removeAll(second);
            }
            s.router("T" + t, r, rnd.nextInt(4) != 0, subnets.toArray(new String[0]));
            if (!second.isEmpty()) {
                s.router("T" + t, r + "2", rnd.nextBoolean(), second.toArray(new String[0]));
                s.routerGateway(r + "2", "203.0.113." + (50 + t), true, pick(rnd, gateways));
            }
            boolean gateway = rnd.nextInt(4) != 0;
            if (gateway) {
                String primary = pick(rnd, gateways);
                String backup = primary.equals("g1") ? "g2" : "g1";
                s.routerGateway(r, "203.0.113." + (10 + t), rnd.nextInt(5) != 0, primary,
                                rnd.nextBoolean() ? new String[]{backup} : new String[0]);
            }
            for (int n = 0; n < nets; n++) {
                int vms = 1 + rnd.nextInt(4);
                for (int v = 0; v < vms; v++) {
                    String vm = "t" + t + "n" + n + "v" + v;
                    s.vm(vm, "t" + t + "n" + n, rnd.nextInt(6) == 0 ? null : nodes.get(rnd.nextInt(nodes.size())));
                    if (gateway && rnd.nextInt(3) == 0) {
                        s.fip("f" + vm, vm, "203.0.113." + fipHost++, r);
                    }
                }
            }
        }
        if (rnd.nextBoolean()) {
            s.failoverPorts();
        }
        return s.build().snapshot();
    }

    private PipelineDelta change(IncrementalCompiler inc, Random rnd, int step) {
        DvrSnapshot s = inc.snapshot();
        List<VmPort> ports = new ArrayList<>(s.ports());
        List<DvrNode> nodes = new ArrayList<>(s.nodes());
        switch (rnd.nextInt(14)) {
            case 0:
            case 1:
                return inc.portMoved(pick(rnd, ports).id(), location(rnd, nodes, step));
            case 2:
                return inc.portRemoved(pick(rnd, ports).id());
            case 3:
            case 4:
                return inc.portAdded(newPort(s, rnd, nodes, step));
            case 5:
                return associate(inc, rnd, step);
            case 6: {
                FloatingIp f = pick(rnd, new ArrayList<>(s.floatingIps()));
                return rnd.nextBoolean() ? inc.floatingIpRemoved(f.id())
                        : inc.floatingIpChanged(f.toBuilder().portId(null).fixedIp(null).routerId(null).build());
            }
            case 7:
                return inc.update(neighbors(s, rnd, step));
            case 8: {
                // several ports at once, through the generic path
                DvrSnapshot.Builder b = s.toBuilder();
                for (int k = 0; k < 3; k++) {
                    VmPort p = pick(rnd, ports);
                    b.port(rnd.nextBoolean() ? p.withLocation(location(rnd, nodes, step * 10 + k))
                                   : p.toBuilder().mac(MacAddress.valueOf(0xfa163e550000L + step * 10 + k)).build());
                }
                return inc.update(b.build());
            }
            case 9:
                // the same state rebuilt from scratch (new objects, equal values)
                return inc.update(rebuilt(s));
            case 10: {
                Router r = pick(rnd, new ArrayList<>(s.routers()));
                return inc.update(s.toBuilder().router(r.toBuilder().adminStateUp(!r.adminStateUp()).build())
                                          .build());
            }
            case 11: {
                GatewayAssignment a = pick(rnd, new ArrayList<>(s.gatewayAssignments()));
                List<DeviceId> all = new ArrayList<>(a.backups());
                all.add(a.primary());
                return inc.update(s.toBuilder().gatewayAssignment(
                        new GatewayAssignment(a.routerId(), all.get(0), all.subList(1, all.size()))).build());
            }
            case 12:
                return inc.nodeRemoved(pick(rnd, nodes).deviceId());
            default:
                return inc.update(s);
        }
    }

    private static <T> T pick(Random rnd, List<T> list) {
        if (list.isEmpty()) {
            throw new IllegalArgumentException("nothing to pick");
        }
        return list.get(rnd.nextInt(list.size()));
    }

    private static ConnectPoint location(Random rnd, List<DvrNode> nodes, int step) {
        if (rnd.nextInt(6) == 0) {
            return null;
        }
        DvrNode n = pick(rnd, nodes);   // gateway-only nodes are rejected by the snapshot
        return new ConnectPoint(n.deviceId(), PortNumber.portNumber(100 + rnd.nextInt(3) * 50 + step));
    }

    private static VmPort newPort(DvrSnapshot s, Random rnd, List<DvrNode> nodes, int step) {
        List<Network> nets = new ArrayList<>();
        s.networks().stream().filter(n -> !n.external()).forEach(nets::add);
        Network n = pick(rnd, nets);
        Set<IpAddress> ips = new LinkedHashSet<>();
        for (Subnet sub : s.subnets(n.id())) {
            if (ips.isEmpty() || rnd.nextBoolean()) {
                ips.add(IpAddress.valueOf(sub.cidr().address().getIp4Address().toInt() + 150 + step));
            }
        }
        return VmPort.builder().id(PortId.of("new" + step)).networkId(n.id()).tenantId(n.tenantId())
                .mac(MacAddress.valueOf(0xfa163e770000L + step)).fixedIps(ips).location(location(rnd, nodes, step))
                .build();
    }

    private PipelineDelta associate(IncrementalCompiler inc, Random rnd, int step) {
        DvrSnapshot s = inc.snapshot();
        VmPort p = pick(rnd, new ArrayList<>(s.ports()));
        IpAddress fixed = pick(rnd, new ArrayList<>(p.fixedIps()));
        Subnet sub = s.subnetOf(p.networkId(), fixed).get();
        Router r = s.routerInterface(sub.id()).flatMap(i -> s.router(i.routerId()))
                .orElseThrow(() -> new IllegalArgumentException("no router"));
        Network ext = s.networks().stream().filter(Network::external).findFirst().get();
        List<FloatingIp> free = new ArrayList<>();
        s.floatingIps().stream().filter(f -> !f.associated()).forEach(free::add);
        FloatingIp base = free.isEmpty() || rnd.nextBoolean()
                ? FloatingIp.builder().id(FloatingIpId.of("nf" + step)).tenantId(p.tenantId())
                .floatingNetworkId(ext.id()).floatingIp(IpAddress.valueOf("203.0.113." + (200 + step % 50))).build()
                : pick(rnd, free);
        return inc.floatingIpChanged(base.toBuilder().portId(p.id()).fixedIp(fixed).routerId(r.id()).build());
    }

    private static DvrSnapshot neighbors(DvrSnapshot s, Random rnd, int step) {
        NetworkId ext = s.networks().stream().filter(Network::external).findFirst().get().id();
        // .1 is the upstream gateway: its MAC decides ext_out's default rule
        IpAddress ip = IpAddress.valueOf("203.0.113." + (rnd.nextInt(3) == 0 ? 1 : 250 + rnd.nextInt(3)));
        boolean known = s.neighbors().stream().anyMatch(nb -> nb.ip().equals(ip));
        if (known && rnd.nextBoolean()) {
            return s.toBuilder().removeNeighbor(ext, ip).build();
        }
        return s.toBuilder().neighbor(new ExternalNeighbor(ext, ip, MacAddress.valueOf(0x0200_0000_0000L + step)))
                .build();
    }

    /** The same content with every object copied. */
    private static DvrSnapshot rebuilt(DvrSnapshot s) {
        DvrSnapshot.Builder b = DvrSnapshot.builder().baseMac(s.baseMac());
        s.networks().forEach(n -> b.network(n.toBuilder().build()));
        s.subnets().forEach(b::subnet);
        s.routers().forEach(r -> b.router(r.toBuilder().build()));
        s.routerInterfaces().forEach(b::routerInterface);
        s.ports().forEach(p -> b.port(p.toBuilder().build()));
        s.floatingIps().forEach(f -> b.floatingIp(f.toBuilder().build()));
        s.nodes().forEach(n -> b.node(n.toBuilder().build()));
        s.gatewayAssignments().forEach(b::gatewayAssignment);
        s.neighbors().forEach(b::neighbor);
        return b.build();
    }
}
