package org.onosdvr.pipeline.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Ready-made scenarios.
 */
public final class Scenarios {

    private Scenarios() {
    }

    /**
     * The reference scenario: compute nodes c1, c2 and gateway node gw (all with an external port); external
     * network "ext" (VNI 1000, 203.0.113.0/24, upstream 203.0.113.1).
     * <ul>
     * <li>tenant A: networks a1 (VNI 101, 10.0.1.0/24) and a2 (VNI 102, 10.0.2.0/24), distributed router ra
     *     with SNAT on gw (external IP 203.0.113.10); VMs va1 (a1, c1, 10.0.1.10), va2 (a1, c2, 10.0.1.11),
     *     va3 (a2, c1, 10.0.2.10), va4 (a2, c2, 10.0.2.11); floating IP fa1 203.0.113.101 on va1.</li>
     * <li>tenant B, overlapping A: networks b1 (VNI 201, 10.0.1.0/24) and b2 (VNI 202, 10.0.2.0/24),
     *     distributed router rb with SNAT on gw (203.0.113.20); VMs vb1 (b1, c1, 10.0.1.10, same IP as va1),
     *     vb2 (b2, c2, 10.0.2.10).</li>
     * <li>tenant L: networks l1 (VNI 301, 10.1.1.0/24) and l2 (VNI 302, 10.1.2.0/24), legacy router rl
     *     on gw with SNAT (203.0.113.30); VMs vl1 (l1, c1, 10.1.1.10), vl2 (l2, c2, 10.1.2.10); floating IP
     *     fl1 203.0.113.102 on vl1.</li>
     * </ul>
     *
     * @return the builder of the scenario, to extend or build
     */
    public static ScenarioBuilder standardBuilder() {
        return new ScenarioBuilder()
                .compute("c1").compute("c2").gateway("gw")
                .external("ext", 1000, "203.0.113.0/24")
                .network("A", "a1", 101, "10.0.1.0/24").network("A", "a2", 102, "10.0.2.0/24")
                .router("A", "ra", true, "a1-sub", "a2-sub")
                .routerGateway("ra", "203.0.113.10", true, "gw")
                .vm("va1", "a1", "c1").vm("va2", "a1", "c2").vm("va3", "a2", "c1").vm("va4", "a2", "c2")
                .fip("fa1", "va1", "203.0.113.101", "ra")
                .network("B", "b1", 201, "10.0.1.0/24").network("B", "b2", 202, "10.0.2.0/24")
                .router("B", "rb", true, "b1-sub", "b2-sub")
                .routerGateway("rb", "203.0.113.20", true, "gw")
                .vm("vb1", "b1", "c1").vm("vb2", "b2", "c2")
                .network("L", "l1", 301, "10.1.1.0/24").network("L", "l2", 302, "10.1.2.0/24")
                .router("L", "rl", false, "l1-sub", "l2-sub")
                .routerGateway("rl", "203.0.113.30", true, "gw")
                .vm("vl1", "l1", "c1").vm("vl2", "l2", "c2")
                .fip("fl1", "vl1", "203.0.113.102", "rl");
    }

    /**
     * Two compute and two gateway nodes with BFD failover ports: tenant A's distributed router ra (SNAT primary
     * g1, backup g2; VMs va1 on c1, va2 on c2, two subnets), tenant L's legacy router rl on g1 (backup g2) with
     * vl1 on c1.
     *
     * @return builder (call {@link ScenarioBuilder#build()})
     */
    public static ScenarioBuilder failoverBuilder() {
        return new ScenarioBuilder()
                .compute("c1").compute("c2").gateway("g1").gateway("g2")
                .external("ext", 1000, "203.0.113.0/24")
                .network("A", "a1", 101, "10.0.1.0/24").network("A", "a2", 102, "10.0.2.0/24")
                .router("A", "ra", true, "a1-sub", "a2-sub")
                .routerGateway("ra", "203.0.113.10", true, "g1", "g2")
                .vm("va1", "a1", "c1").vm("va2", "a2", "c2")
                .network("L", "l1", 301, "10.1.1.0/24")
                .router("L", "rl", false, "l1-sub")
                .routerGateway("rl", "203.0.113.30", true, "g1", "g2")
                .vm("vl1", "l1", "c1")
                .failoverPorts();
    }

    /** @return the reference scenario, see {@link #standardBuilder()} */
    public static Scenario standard() {
        return standardBuilder().build();
    }

    /**
     * A regular scenario for scale checks: {@code tenants} tenants, each with two networks (10.0.1.0/24 and
     * 10.0.2.0/24, overlapping across tenants), a distributed router with SNAT on the gateway node, and four
     * VMs on two consecutive compute nodes (tenant t on nodes t and t+1 modulo {@code computes}).
     *
     * @param tenants  number of tenants
     * @param computes number of compute nodes
     * @return scenario
     */
    public static Scenario scaled(int tenants, int computes) {
        ScenarioBuilder s = new ScenarioBuilder();
        for (int c = 0; c < computes; c++) {
            s.compute("c" + c);
        }
        s.gateway("gw").external("ext", 100000, "203.0.112.0/22");
        for (int t = 0; t < tenants; t++) {
            String n1 = "t" + t + "n1";
            String n2 = "t" + t + "n2";
            String r = "t" + t + "r";
            s.network("T" + t, n1, 1000 + 2 * t, "10.0.1.0/24").network("T" + t, n2, 1001 + 2 * t, "10.0.2.0/24")
                    .router("T" + t, r, true, n1 + "-sub", n2 + "-sub")
                    .routerGateway(r, externalIp(t), true, "gw");
            String ca = "c" + (t % computes);
            String cb = "c" + ((t + 1) % computes);
            s.vm("t" + t + "v1", n1, ca).vm("t" + t + "v2", n1, cb).vm("t" + t + "v3", n2, ca)
                    .vm("t" + t + "v4", n2, cb);
        }
        return s.build();
    }

    private static String externalIp(int t) {
        int host = 10 + t;
        return "203.0." + (112 + host / 256) + "." + (host % 256);
    }

    /**
     * A seeded random scenario: 2-4 compute nodes and a gateway node, 1-4 tenants with 1-3 networks each
     * (overlapping CIDRs across tenants), a distributed or legacy router per tenant, with or without SNAT,
     * 1-4 VMs per network (some without location), some floating IPs.
     *
     * @param seed random seed
     * @return scenario
     */
    public static Scenario random(long seed) {
        Random rnd = new Random(seed);
        ScenarioBuilder s = new ScenarioBuilder();
        int computes = 2 + rnd.nextInt(3);
        List<String> nodes = new ArrayList<>();
        for (int c = 0; c < computes; c++) {
            s.compute("c" + c);
            nodes.add("c" + c);
        }
        s.gateway("gw").external("ext", 5000, "203.0.113.0/24");
        int fipHost = 100;
        int tenants = 1 + rnd.nextInt(4);
        for (int t = 0; t < tenants; t++) {
            int nets = 1 + rnd.nextInt(3);
            String[] subnets = new String[nets];
            for (int n = 0; n < nets; n++) {
                String name = "t" + t + "n" + n;
                s.network("T" + t, name, 100 * (t + 1) + n, "10.0." + n + ".0/24");
                subnets[n] = name + "-sub";
            }
            String r = "t" + t + "r";
            s.router("T" + t, r, rnd.nextInt(4) != 0, subnets);
            boolean gateway = rnd.nextInt(4) != 0;
            if (gateway) {
                s.routerGateway(r, "203.0.113." + (10 + t), true, "gw");
            }
            for (int n = 0; n < nets; n++) {
                int vms = 1 + rnd.nextInt(4);
                for (int v = 0; v < vms; v++) {
                    String vm = "t" + t + "n" + n + "v" + v;
                    String node = rnd.nextInt(6) == 0 ? null : nodes.get(rnd.nextInt(nodes.size()));
                    s.vm(vm, "t" + t + "n" + n, node);
                    if (gateway && rnd.nextInt(4) == 0) {
                        s.fip("f" + vm, vm, "203.0.113." + fipHost++, r);
                    }
                }
            }
        }
        return s.build();
    }
}
