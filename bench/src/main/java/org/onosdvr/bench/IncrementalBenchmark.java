package org.onosdvr.bench;

import org.onosdvr.api.DvrSnapshot;
import org.onosdvr.api.FloatingIp;
import org.onosdvr.api.FloatingIpId;
import org.onosdvr.api.PortId;
import org.onosdvr.api.RouterId;
import org.onosdvr.api.VmPort;
import org.onosdvr.pipeline.IncrementalCompiler;
import org.onosdvr.pipeline.PipelineDelta;
import org.onlab.packet.IpAddress;
import org.onosproject.net.ConnectPoint;
import org.onosproject.net.PortNumber;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.BenchmarkParams;

import java.util.concurrent.TimeUnit;

/**
 * Incremental compilation on the reference cloud: one VM added, moved, removed, one floating IP associated.
 * Each benchmark invocation is one change; the per-invocation setup puts the state back and is not timed.
 * {@code vmAdd}, {@code vmMove}, {@code vmRemove} and {@code fipAssociate} are the compiler's own entry points
 * (new snapshot from the current one: build and check of the changed objects, derived topology, recompile of
 * the groups the change can alter, diff). {@code vmAddSnapshot} and {@code fipAssociateSnapshot} hand over a
 * snapshot built beforehand, as the app does with its store's snapshot: the compiler then finds the change by
 * comparing the two snapshots.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms4g", "-Xmx4g"})
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 5, time = 3)
public class IncrementalBenchmark {

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

    private static final PortId NEW_VM = PortId.of("bench-vm");
    private static final FloatingIpId NEW_FIP = FloatingIpId.of("bench-fip");

    private ScaleScenario scenario;
    private IncrementalCompiler incremental;
    private VmPort newVm;
    private VmPort moved;
    private ConnectPoint[] locations;
    private int moves;
    private FloatingIp fipFree;
    private FloatingIp fipAssociated;
    private DvrSnapshot withoutVm;
    private DvrSnapshot withVm;
    private DvrSnapshot fipAssociatedSnapshot;

    /** Generates the cloud and compiles it once. */
    @Setup(Level.Trial)
    public void setUp() {
        scenario = new ScaleScenario(computes, 2, routers, vms, vms / 10, 1L, placement);
        incremental = BenchExtensions.compiler().incremental(scenario.snapshot());
        newVm = scenario.newVm(NEW_VM.toString(), 7 % routers, 1000, 42 % computes, 4000);
        moved = scenario.snapshot().port(PortId.of("vm00001")).orElseThrow();
        ConnectPoint home = moved.location().orElseThrow();
        int far = (scenario.computeNodes().indexOf(home.deviceId()) + computes / 2) % computes;
        locations = new ConnectPoint[]{home, new ConnectPoint(scenario.computeNodes().get(far),
                                                              PortNumber.portNumber(4001))};
        VmPort target = scenario.snapshot().port(PortId.of("vm00003")).orElseThrow();
        IpAddress fixed = target.fixedIps().iterator().next();
        fipAssociated = FloatingIp.builder().id(NEW_FIP).tenantId(target.tenantId())
                .floatingNetworkId(scenario.snapshot().floatingIps().iterator().next().floatingNetworkId())
                .floatingIp(IpAddress.valueOf("100.64.250.250")).portId(target.id()).fixedIp(fixed)
                .routerId(RouterId.of("t001r")).build();
        fipFree = fipAssociated.toBuilder().portId(null).fixedIp(null).routerId(null).build();
        incremental.floatingIpChanged(fipFree);
        withoutVm = incremental.snapshot();
        withVm = withoutVm.toBuilder().port(newVm).build();
        fipAssociatedSnapshot = withoutVm.toBuilder().floatingIp(fipAssociated).build();
    }

    /**
     * Puts the state back before each change (not timed): the new VM present for vmRemove, absent otherwise;
     * the new floating IP disassociated.
     *
     * @param params which benchmark runs
     */
    @Setup(Level.Invocation)
    public void reset(BenchmarkParams params) {
        if (params.getBenchmark().endsWith("Snapshot")) {
            incremental.update(withoutVm);
            return;
        }
        boolean wantVm = params.getBenchmark().endsWith("vmRemove");
        if (incremental.snapshot().port(NEW_VM).isPresent() != wantVm) {
            if (wantVm) {
                incremental.portAdded(newVm);
            } else {
                incremental.portRemoved(NEW_VM);
            }
        }
        if (incremental.snapshot().floatingIp(NEW_FIP).map(FloatingIp::associated).orElse(false)) {
            incremental.floatingIpChanged(fipFree);
        }
    }

    /** @return delta of adding a VM */
    @Benchmark
    public PipelineDelta vmAdd() {
        return incremental.portAdded(newVm);
    }

    /** @return delta of removing a VM (the setup adds it back first) */
    @Benchmark
    public PipelineDelta vmRemove() {
        return incremental.portRemoved(NEW_VM);
    }

    /** @return delta of moving a VM to a compute node far away, and back on the next invocation */
    @Benchmark
    public PipelineDelta vmMove() {
        return incremental.portMoved(moved.id(), locations[++moves % 2]);
    }

    /** @return delta of associating a floating IP */
    @Benchmark
    public PipelineDelta fipAssociate() {
        return incremental.floatingIpChanged(fipAssociated);
    }

    /** @return delta to a snapshot built beforehand that has one more VM */
    @Benchmark
    public PipelineDelta vmAddSnapshot() {
        return incremental.update(withVm);
    }

    /** @return delta to a snapshot built beforehand where a floating IP is associated */
    @Benchmark
    public PipelineDelta fipAssociateSnapshot() {
        return incremental.update(fipAssociatedSnapshot);
    }
}
