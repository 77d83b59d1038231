package org.onosdvr.bench;

import org.onosdvr.pipeline.CompiledPipeline;
import org.onosdvr.pipeline.CompiledRule;
import org.onosdvr.pipeline.DvrCompiler;
import org.onosdvr.pipeline.PipelineTable;
import org.onosproject.net.DeviceId;

import java.util.EnumMap;
import java.util.Map;

/**
 * Rules per switch as a function of VMs, routers (2 networks each) and compute nodes, one dimension varied at a
 * time from a base cloud; prints a Markdown table with per-table counts of compute node 1 and of the first
 * gateway node, and the mean over all compute nodes. Run:
 * {@code java -cp bench/target/benchmarks.jar org.onosdvr.bench.RuleCounts [SPREAD|AFFINITY]}.
 */
public final class RuleCounts {

    private static final int BASE_COMPUTES = 10;
    private static final int BASE_ROUTERS = 10;
    private static final int BASE_VMS = 1000;

    private RuleCounts() {
    }

    /**
     * Entry point.
     *
     * @param args optional placement (default SPREAD)
     */
    public static void main(String[] args) {
        ScaleScenario.Placement placement = args.length > 0 ? ScaleScenario.Placement.valueOf(args[0])
                : ScaleScenario.Placement.SPREAD;
        System.out.printf("placement %s, seed 1, 2 gateway nodes, FIPs = VMs / 10; base: %d computes, %d routers"
                                  + " (%d networks), %d VMs%n%n", placement, BASE_COMPUTES, BASE_ROUTERS,
                          2 * BASE_ROUTERS, BASE_VMS);
        StringBuilder h = new StringBuilder("| varied | computes | routers | networks | VMs | node |");
        StringBuilder sep = new StringBuilder("|---|---:|---:|---:|---:|---|");
        for (PipelineTable t : PipelineTable.values()) {
            h.append(' ').append(t.tableName()).append(" |");
            sep.append("---:|");
        }
        h.append(" total |");
        sep.append("---:|");
        System.out.println(h);
        System.out.println(sep);
        for (int vms : new int[]{250, 500, 1000, 2000, 4000}) {
            row("VMs", BASE_COMPUTES, BASE_ROUTERS, vms, placement);
        }
        for (int routers : new int[]{5, 10, 20, 40}) {
            row("routers", BASE_COMPUTES, routers, BASE_VMS, placement);
        }
        for (int computes : new int[]{5, 10, 20, 40}) {
            row("computes", computes, BASE_ROUTERS, BASE_VMS, placement);
        }
    }

    private static void row(String varied, int computes, int routers, int vms, ScaleScenario.Placement placement) {
        ScaleScenario sc = new ScaleScenario(computes, 2, routers, vms, vms / 10, 1L, placement);
        DvrCompiler c = BenchExtensions.compiler();
        CompiledPipeline p = c.compile(sc.snapshot());
        String prefix = String.format("| %s | %d | %d | %d | %d |", varied, computes, routers, 2 * routers, vms);
        System.out.println(prefix + cells(" compute 1", counts(p, sc.computeNodes().get(0)), 1));
        Map<PipelineTable, Integer> sum = new EnumMap<>(PipelineTable.class);
        for (DeviceId d : sc.computeNodes()) {
            counts(p, d).forEach((t, n) -> sum.merge(t, n, Integer::sum));
        }
        System.out.println(prefix + cells(" compute mean", sum, computes));
        System.out.println(prefix + cells(" gateway 1", counts(p, sc.gatewayNodes().get(0)), 1));
    }

    private static Map<PipelineTable, Integer> counts(CompiledPipeline p, DeviceId d) {
        Map<PipelineTable, Integer> out = new EnumMap<>(PipelineTable.class);
        for (PipelineTable t : PipelineTable.values()) {
            out.put(t, 0);
        }
        for (CompiledRule r : p.rules(d)) {
            out.merge(r.table(), 1, Integer::sum);
        }
        return out;
    }

    private static String cells(String node, Map<PipelineTable, Integer> counts, int divisor) {
        StringBuilder b = new StringBuilder(node).append(" |");
        int total = 0;
        for (PipelineTable t : PipelineTable.values()) {
            int n = counts.getOrDefault(t, 0);
            total += n;
            b.append(' ').append(Math.round((double) n / divisor)).append(" |");
        }
        return b.append(' ').append(Math.round((double) total / divisor)).append(" |").toString();
    }
}
