package org.onosdvr.bench;

import org.onosdvr.api.DvrSnapshot;
import org.onosdvr.pipeline.CompiledPipeline;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;

/**
 * Heap retained by the reference cloud's snapshot and by its compiled pipeline: used heap after repeated GCs,
 * before and after building each while keeping a reference. Run:
 * {@code java -Xmx6g -cp bench/target/benchmarks.jar org.onosdvr.bench.Memory [SPREAD|AFFINITY]}.
 */
public final class Memory {

    private static final int MB = 1 << 20;

    private Memory() {
    }

    /**
     * Entry point.
     *
     * @param args optional placement (default SPREAD)
     * @throws InterruptedException never in practice
     */
    public static void main(String[] args) throws InterruptedException {
        ScaleScenario.Placement placement = args.length > 0 ? ScaleScenario.Placement.valueOf(args[0])
                : ScaleScenario.Placement.SPREAD;
        BenchExtensions.compiler().compile(new ScaleScenario(4, 1, 4, 100, 10, 1L, placement).snapshot());
        long base = used();
        ScaleScenario sc = new ScaleScenario(100, 2, 100, 10_000, 1_000, 1L, placement);
        DvrSnapshot snapshot = sc.snapshot();
        long withSnapshot = used();
        CompiledPipeline pipeline = BenchExtensions.compiler().compile(snapshot);
        long withPipeline = used();
        System.out.println("scenario: " + sc);
        System.out.printf("snapshot: %d MB retained%n", (withSnapshot - base) / MB);
        System.out.printf("compiled pipeline: %d MB retained for %d rules = %d bytes per rule%n",
                          (withPipeline - withSnapshot) / MB, pipeline.size(),
                          (withPipeline - withSnapshot) / pipeline.size());
        // keep both reachable until after the last measurement
        System.out.println(snapshot.ports().size() + pipeline.devices().size() > 0 ? "" : "-");
    }

    private static long used() throws InterruptedException {
        MemoryMXBean m = ManagementFactory.getMemoryMXBean();
        long best = Long.MAX_VALUE;
        for (int i = 0; i < 5; i++) {
            System.gc();
            Thread.sleep(100);
            best = Math.min(best, m.getHeapMemoryUsage().getUsed());
        }
        return best;
    }
}
