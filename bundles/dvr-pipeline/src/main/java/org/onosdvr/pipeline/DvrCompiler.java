package org.onosdvr.pipeline;

import com.google.common.collect.ImmutableList;
import org.onosdvr.api.DvrNode;
import org.onosdvr.api.DvrSnapshot;
import org.onosproject.core.ApplicationId;
import org.onosproject.net.DeviceId;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static com.google.common.base.Preconditions.checkNotNull;

/**
 * The pure pipeline compiler: snapshot in, desired rules per DVR node out, each rule with its provenance.
 * Deterministic (sorted iteration everywhere), no I/O, no ONOS services, no clocks. Every rule is validated
 * against its table's declaration ({@link PipelineTable}) by {@link DvrFlowBuilder}.
 */
public final class DvrCompiler {

    /** The feature builders, in the order their rules are made. */
    private static final List<FlowFeature> FEATURES = ImmutableList.of(
            new TableMissFlows(),
            new ClassifierFlows(),
            new ArpResponderFlows(),
            new RouterIcmpFlows(),
            new EastWestFlows(),
            new FloatingIpFlows(),
            new SnatFlows(),
            new ExternalOutFlows(),
            new L2Flows(),
            new LegacyRouterFlows(),
            new TunnelFlows());

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
        DvrTopology topology = new DvrTopology(snapshot);
        Map<DeviceId, List<Rule>> out = new LinkedHashMap<>();
        Map<DeviceId, List<CompiledGroup>> groups = new LinkedHashMap<>();
        for (DvrNode node : snapshot.nodes()) {
            DeviceContext ctx = compileNode(topology, node);
            out.put(node.deviceId(), ctx.rules());
            groups.put(node.deviceId(), ctx.groups());
        }
        return pipeline(out, groups);
    }

    /**
     * Makes the compiled pipeline of some devices' rules and groups.
     *
     * @param rules  rules per device
     * @param groups groups per device
     * @return pipeline whose rules make their flow rules with this compiler's app id and extensions
     */
    CompiledPipeline pipeline(Map<DeviceId, List<Rule>> rules, Map<DeviceId, List<CompiledGroup>> groups) {
        return new CompiledPipeline(rules, groups, this::flowBuilder);
    }

    /**
     * @param device device
     * @return the factory of its flow rules
     */
    DvrFlowBuilder flowBuilder(DeviceId device) {
        return new DvrFlowBuilder(appId, device, extensions);
    }

    /**
     * Compiles the rules of one node.
     *
     * @param snapshot state
     * @param device   device
     * @return its rules (no device if it is not a node of the snapshot)
     */
    public CompiledPipeline compileDevice(DvrSnapshot snapshot, DeviceId device) {
        Map<DeviceId, List<Rule>> out = new LinkedHashMap<>();
        Map<DeviceId, List<CompiledGroup>> groups = new LinkedHashMap<>();
        snapshot.node(device).ifPresent(n -> {
            DeviceContext ctx = compileNode(new DvrTopology(snapshot), n);
            out.put(device, ctx.rules());
            groups.put(device, ctx.groups());
        });
        return pipeline(out, groups);
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
     * Compiles one node against an already derived topology.
     *
     * @param topology derived view of the snapshot
     * @param node     node
     * @return its rules in the order they were made
     */
    List<Rule> compile(DvrTopology topology, DvrNode node) {
        return compileNode(topology, node).rules();
    }

    /**
     * Compiles one node against an already derived topology.
     *
     * @param topology derived view of the snapshot
     * @param node     node
     * @return the context holding its rules (in the order they were made) and groups
     */
    DeviceContext compileNode(DvrTopology topology, DvrNode node) {
        DeviceContext ctx = new DeviceContext(node, topology, flowBuilder(node.deviceId()));
        FEATURES.forEach(f -> f.build(ctx));
        return ctx;
    }
}
