package org.onosdvr.pipeline;

import org.onosdvr.api.DvrNode;
import org.onosdvr.api.DvrSnapshot;
import org.onosdvr.api.VmPort;
import org.onosproject.core.ApplicationId;
import org.onosproject.net.DeviceId;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import static com.google.common.base.Preconditions.checkNotNull;

/**
 * The pure pipeline compiler: snapshot in, desired rules per DVR node out, each rule with its provenance.
 * Deterministic (sorted iteration everywhere), no I/O, no ONOS services, no clocks. Every rule is validated
 * against its table's declaration ({@link PipelineTable}) by {@link DvrFlowBuilder}. Rules are compiled per
 * model object and device ({@link GroupCompiler}); a VM port's rules, the bulk of a large cloud, are made once
 * and shared by every device that sees the port alike ({@link PortRules}).
 */
public final class DvrCompiler {

    private final ApplicationId appId;
    private final ExtensionResolvers extensions;

    /**
     * Creates a compiler.
     *
     * @param appId      application id of every rule
     * @param extensions per-device Nicira extension factories
     */
    public DvrCompiler(ApplicationId appId, ExtensionResolvers extensions) {
        this.appId = checkNotNull(appId, "appId");
        this.extensions = checkNotNull(extensions, "extensions");
    }

    /**
     * Compiles the rules of every node of the snapshot.
     *
     * @param snapshot state
     * @return rules per device
     */
    public CompiledPipeline compile(DvrSnapshot snapshot) {
        Map<DeviceId, DeviceRules> out = new LinkedHashMap<>();
        compileAll(new DvrTopology(snapshot)).forEach((d, state) -> out.put(d, state.rules()));
        return pipeline(out);
    }

    /**
     * Compiles every node of a topology, nodes in parallel (the common fork-join pool): devices are independent
     * and the shared port rules are made first ({@link GroupCompiler#prepare()}).
     *
     * @param topology topology
     * @return state per device, in device order
     */
    Map<DeviceId, DeviceState> compileAll(DvrTopology topology) {
        GroupCompiler groups = groupCompiler(topology, new IdentityHashMap<>()).prepare();
        List<DvrNode> nodes = new ArrayList<>(topology.snapshot().nodes());
        DeviceState[] states = new DeviceState[nodes.size()];
        IntStream.range(0, nodes.size()).parallel().forEach(i -> states[i] = compile(groups, nodes.get(i)));
        Map<DeviceId, DeviceState> out = new LinkedHashMap<>();
        for (int i = 0; i < states.length; i++) {
            out.put(nodes.get(i).deviceId(), states[i]);
        }
        return out;
    }

    /**
     * Compiles the rules of one node.
     *
     * @param snapshot state
     * @param device   device
     * @return its rules (no device if it is not a node of the snapshot)
     */
    public CompiledPipeline compileDevice(DvrSnapshot snapshot, DeviceId device) {
        Map<DeviceId, DeviceRules> out = new LinkedHashMap<>();
        snapshot.node(device).ifPresent(n -> out.put(
                device, compile(groupCompiler(new DvrTopology(snapshot), new IdentityHashMap<>()), n).rules()));
        return pipeline(out);
    }

    /**
     * Starts incremental compilation from a snapshot.
     *
     * @param initial first snapshot
     * @return incremental compiler holding the full compile of {@code initial}
     */
    public IncrementalCompiler incremental(DvrSnapshot initial) {
        return new IncrementalCompiler(this, initial);
    }

    /**
     * @param topology topology to compile against
     * @param ports    cache of port rules to use and fill
     * @return group compiler
     */
    GroupCompiler groupCompiler(DvrTopology topology, Map<VmPort, PortRules> ports) {
        return new GroupCompiler(topology, ports);
    }

    /**
     * @param device device
     * @return the factory of its flow rules
     */
    DvrFlowBuilder flowBuilder(DeviceId device) {
        return new DvrFlowBuilder(appId, device, extensions);
    }

    /**
     * @param device device of the snapshot's topology
     * @param topology topology
     * @return the context features read
     */
    DeviceContext context(DvrTopology topology, DvrNode device) {
        return new DeviceContext(device, topology, flowBuilder(device.deviceId()));
    }

    /**
     * Makes the compiled pipeline of some devices' rules.
     *
     * @param devices rules per device
     * @return pipeline whose rules make their flow rules with this compiler's app id and extensions
     */
    CompiledPipeline pipeline(Map<DeviceId, DeviceRules> devices) {
        return new CompiledPipeline(devices, this::flowBuilder);
    }

    /**
     * Compiles every group of one node.
     *
     * @param groups group compiler of the snapshot
     * @param node   node
     * @return its state
     * @throws IllegalStateException if two of its rules conflict
     */
    DeviceState compile(GroupCompiler groups, DvrNode node) {
        List<RuleGroup> all = new ArrayList<>();
        groups.device(context(groups.topology(), node), all::add);
        try {
            return DeviceState.of(all);
        } catch (IllegalStateException e) {
            throw new IllegalStateException("on " + node.deviceId() + ": " + e.getMessage(), e);
        }
    }
}
