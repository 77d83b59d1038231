package org.onosdvr.bench;

import org.onosdvr.api.DvrSnapshot;
import org.onosdvr.api.PortId;
import org.onosdvr.api.VmPort;
import org.onosdvr.pipeline.CompiledPipeline;
import org.onosdvr.pipeline.DvrCompiler;
import org.onosdvr.pipeline.IncrementalCompiler;
import org.onosdvr.pipeline.PipelineDelta;
import org.onosproject.net.DeviceId;

import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.function.Supplier;

/**
 * Simple timers around the phases of a change on the reference cloud, without JMH: snapshot build, full
 * compile, one device's compile, and a VM add and remove (20 pairs per run, figures per pair) split into its
 * parts. Prints median and range over repeated runs (two untimed runs first), the allocation per operation (of the
 * calling thread: the parallel full compile's workers are not counted) and the CPU time per operation of the calling
 * thread and of the whole JVM (workers, GC, JIT): wall time far above the thread's CPU time is time spent waiting
 * for a core on a loaded machine.
 * Run: {@code java -Xmx6g -cp bench/target/benchmarks.jar org.onosdvr.bench.Phases [runs [SPREAD|AFFINITY]]}.
 */
public final class Phases {

    private Phases() {
    }

    /**
     * Entry point.
     *
     * @param args optional number of runs (default 10) and placement (default SPREAD)
     */
    public static void main(String[] args) {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        ScaleScenario.Placement placement = args.length > 1 ? ScaleScenario.Placement.valueOf(args[1])
                : ScaleScenario.Placement.SPREAD;
        ScaleScenario sc = new ScaleScenario(100, 2, 100, 10_000, 1_000, 1L, placement);
        DvrSnapshot s = sc.snapshot();
        DvrCompiler c = BenchExtensions.compiler();
        System.out.println("scenario: " + sc);
        CompiledPipeline full = c.compile(s);
        System.out.printf("rules: %d in total on %d devices%n", full.size(), full.devices().size());
        time("snapshot build (validate + index)", runs, () -> s.toBuilder().build());
        time("full compile", runs, () -> c.compile(s));
        DeviceId d = sc.computeNodes().get(0);
        time("compileDevice(one compute node)", runs, () -> c.compileDevice(s, d));
        time("compileDevice(gateway node)", runs, () -> c.compileDevice(s, sc.gatewayNodes().get(0)));
        IncrementalCompiler inc = c.incremental(s);
        VmPort vm = sc.newVm("bench-vm", 7, 1000, 42, 4000);
        PipelineDelta[] last = new PipelineDelta[1];
        time("incremental VM add + remove (pair)", runs, 20, () -> {
            for (int i = 0; i < 20; i++) {
                last[0] = inc.portAdded(vm);
                inc.portRemoved(PortId.of("bench-vm"));
            }
            return last[0];
        });
        System.out.printf("VM add: %d devices with recompiled groups, %d with changes, delta %s%n",
                          last[0].recompiled().size(), last[0].devices().size(), last[0]);
        DvrSnapshot with = s.toBuilder().port(vm).build();
        time("snapshot build, +1 VM", runs, 20, () -> {
            DvrSnapshot out = null;
            for (int i = 0; i < 20; i++) {
                out = s.toBuilder().port(vm).build();
            }
            return out;
        });
        time("update to built snapshot +1 VM, -1 (pair)", runs, 20, () -> {
            for (int i = 0; i < 20; i++) {
                inc.update(with);
                inc.update(s);
            }
            return inc;
        });
    }

    static <T> T time(String what, int runs, Supplier<T> op) {
        return time(what, runs, 1, op);
    }

    /**
     * Times an operation that repeats something {@code per} times, and prints the figures per repetition.
     *
     * @param what label
     * @param runs timed runs (after two untimed ones)
     * @param per  repetitions inside one run
     * @param op   operation
     * @param <T>  its result
     * @return the last result
     */
    static <T> T time(String what, int runs, int per, Supplier<T> op) {
        com.sun.management.ThreadMXBean threads =
                (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long tid = Thread.currentThread().getId();
        T out = null;
        for (int i = 0; i < 2; i++) {
            out = op.get();
        }
        com.sun.management.OperatingSystemMXBean os =
                (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        double[] ms = new double[runs];
        double[] cpu = new double[runs];
        double[] jvmCpu = new double[runs];
        long allocated = 0;
        for (int i = 0; i < runs; i++) {
            long a0 = threads.getThreadAllocatedBytes(tid);
            long c0 = threads.getCurrentThreadCpuTime();
            long p0 = os.getProcessCpuTime();
            long t0 = System.nanoTime();
            out = op.get();
            ms[i] = (System.nanoTime() - t0) / 1e6 / per;
            cpu[i] = (threads.getCurrentThreadCpuTime() - c0) / 1e6 / per;
            jvmCpu[i] = (os.getProcessCpuTime() - p0) / 1e6 / per;
            allocated += (threads.getThreadAllocatedBytes(tid) - a0) / per;
        }
        Arrays.sort(ms);
        Arrays.sort(cpu);
        Arrays.sort(jvmCpu);
        System.out.printf("%-40s median %9.2f ms  min %9.2f  max %9.2f  (%d runs)  alloc %8.1f MB/op%n", what,
                          ms[runs / 2], ms[0], ms[runs - 1], runs, allocated / (double) runs / (1 << 20));
        System.out.printf("%-40s CPU: this thread median %9.2f ms [%.2f-%.2f], whole JVM %9.2f ms [%.2f-%.2f]%n",
                          "", cpu[runs / 2], cpu[0], cpu[runs - 1], jvmCpu[runs / 2], jvmCpu[0], jvmCpu[runs - 1]);
        return out;
    }
}
