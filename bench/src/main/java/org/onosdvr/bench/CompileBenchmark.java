package org.onosdvr.bench;

import org.onosdvr.api.DvrSnapshot;
import org.onosdvr.pipeline.CompiledPipeline;
import org.onosdvr.pipeline.DvrCompiler;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.concurrent.TimeUnit;

/**
 * Full compile of the reference cloud ({@link ScaleScenario#reference()}: 10,000 VMs, 100 compute nodes, 100
 * routers, 1,000 floating IPs) and the snapshot build (validation + indexes) every admin change pays.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms4g", "-Xmx4g"})
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 5, time = 3)
public class CompileBenchmark {

    /** VM placement of the generated cloud. */
    @Param({"SPREAD"})
    public ScaleScenario.Placement placement;

    /** Compute nodes (2 gateway nodes are added). */
    @Param({"100"})
    public int computes;

    /** Routers = tenants (two networks each). */
    @Param({"100"})
    public int routers;

    /** VMs (floating IPs: one per ten VMs). */
    @Param({"10000"})
    public int vms;

    private DvrSnapshot snapshot;
    private DvrCompiler compiler;

    /** Generates the cloud. */
    @Setup
    public void setUp() {
        snapshot = new ScaleScenario(computes, 2, routers, vms, vms / 10, 1L, placement).snapshot();
        compiler = BenchExtensions.compiler();
    }

    /**
     * @return rules of every node
     */
    @Benchmark
    public CompiledPipeline fullCompile() {
        return compiler.compile(snapshot);
    }

    /**
     * @return the same snapshot rebuilt from an unchanged builder: the floor of a change's snapshot build (the
     *         builder reuses the base's maps and indexes and re-checks only changed objects; {@link Phases} times
     *         a build with one more VM)
     */
    @Benchmark
    public DvrSnapshot snapshotBuild() {
        return snapshot.toBuilder().build();
    }
}
