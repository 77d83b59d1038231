package org.onosdvr.pipeline;

import com.google.common.collect.ImmutableList;
import org.onosdvr.api.ExternalNeighbor;
import org.onosdvr.api.FloatingIp;
import org.onosdvr.api.Network;
import org.onosdvr.api.NetworkId;
import org.onosdvr.api.Router;
import org.onosdvr.api.VmPort;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Compiles the rule group of one model object on one device by running every feature's method for that kind of
 * object ({@link FlowFeature}), and the whole device as the groups of every object that may put rules on it.
 * The full and the incremental compile both go through here, so a group is the same whichever made it. VM port
 * groups come from {@link PortRules}, one per view. Not thread-safe, except {@link #device} after
 * {@link #prepare()}.
 */
final class GroupCompiler {

    /** The feature builders, in the order their rules are made within a group. */
    static final List<FlowFeature> FEATURES = ImmutableList.of(
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

    /** The pipeline group: the same on every device in every state. */
    private static final RuleGroup PIPELINE = build(Sources.PIPELINE, out -> FEATURES.forEach(f -> f.pipeline(out)));

    private final DvrTopology topology;
    private final Map<VmPort, PortRules> ports;
    /** The port rules of each network's located ports, in port order, made when a device first needs them. */
    private final Map<NetworkId, PortRules[]> byNetwork = new HashMap<>();

    /**
     * @param topology topology compiled against
     * @param ports    cache of port rules (identity of the port objects of this topology's snapshot)
     */
    GroupCompiler(DvrTopology topology, Map<VmPort, PortRules> ports) {
        this.topology = topology;
        this.ports = ports;
    }

    DvrTopology topology() {
        return topology;
    }

    private static RuleGroup build(String source, Consumer<GroupBuilder> features) {
        GroupBuilder b = new GroupBuilder(source);
        features.accept(b);
        return b.build();
    }

    /** @return the table-miss rules */
    RuleGroup pipeline() {
        return PIPELINE;
    }

    RuleGroup node(DeviceContext ctx) {
        return build(Sources.node(ctx.node()), out -> FEATURES.forEach(f -> f.node(ctx, out)));
    }

    RuleGroup router(DeviceContext ctx, Router r) {
        return build(Sources.router(r), out -> FEATURES.forEach(f -> f.router(ctx, r, out)));
    }

    RuleGroup network(DeviceContext ctx, Network n) {
        if (!topology.takesPart(ctx.device(), n.id())) {
            return new GroupBuilder(Sources.network(n.id())).build();
        }
        return build(Sources.network(n.id()), out -> FEATURES.forEach(f -> f.network(ctx, n, out)));
    }

    /**
     * @param ctx device
     * @param p   VM port of the topology's snapshot
     * @return its group on the device (empty if it is not located or the device does not take part in its network)
     */
    RuleGroup port(DeviceContext ctx, VmPort p) {
        if (topology.node(p).isEmpty() || !topology.takesPart(ctx.device(), p.networkId())) {
            return new GroupBuilder(Sources.port(p)).build();
        }
        return port(topology.view(ctx.device()), p);
    }

    /** The group of a located port on a device taking part in its network. */
    private RuleGroup port(NodeView device, VmPort p) {
        return portRules(p).group(device, GroupCompiler::port);
    }

    private static RuleGroup port(PortRules.View view) {
        return build(view.port().source(), out -> FEATURES.forEach(f -> f.port(view, out)));
    }

    /**
     * Makes the port rules of every located port up front, so that devices can then be compiled concurrently:
     * afterwards this object only reads its maps (a {@link PortRules} fills its groups with benign races).
     *
     * @return this
     */
    GroupCompiler prepare() {
        topology.snapshot().networks().forEach(n -> portRules(n.id()));
        return this;
    }

    private PortRules[] portRules(NetworkId network) {
        PortRules[] rules = byNetwork.get(network);
        if (rules == null) {
            List<VmPort> located = topology.locatedPorts(network);
            rules = new PortRules[located.size()];
            for (int i = 0; i < rules.length; i++) {
                rules[i] = portRules(located.get(i));
            }
            byNetwork.put(network, rules);
        }
        return rules;
    }

    private PortRules portRules(VmPort p) {
        PortRules r = ports.get(p);
        if (r == null) {
            r = new PortRules(topology, p);
            ports.put(p, r);
        }
        return r;
    }

    RuleGroup floatingIp(DeviceContext ctx, FloatingIp f) {
        return build(Sources.fip(f), out -> FEATURES.forEach(x -> x.floatingIp(ctx, f, out)));
    }

    RuleGroup neighbor(DeviceContext ctx, ExternalNeighbor nb) {
        return build(Sources.neighbor(nb), out -> FEATURES.forEach(x -> x.neighbor(ctx, nb, out)));
    }

    /**
     * Compiles every group of a device.
     *
     * @param ctx device
     * @param out receives each non-empty group
     */
    void device(DeviceContext ctx, Consumer<RuleGroup> out) {
        Consumer<RuleGroup> nonEmpty = g -> {
            if (!g.isEmpty()) {
                out.accept(g);
            }
        };
        nonEmpty.accept(pipeline());
        nonEmpty.accept(node(ctx));
        for (Router r : topology.routers()) {
            nonEmpty.accept(router(ctx, r));
        }
        NodeView view = topology.view(ctx.device());
        for (NetworkId id : view.networks()) {
            nonEmpty.accept(network(ctx, topology.snapshot().network(id).get()));
            for (PortRules p : portRules(id)) {
                nonEmpty.accept(p.group(view, GroupCompiler::port));
            }
        }
        for (FloatingIp f : topology.floatingIps(ctx.device())) {
            nonEmpty.accept(floatingIp(ctx, f));
        }
        if (ctx.node().externalPort().isPresent()) {
            for (ExternalNeighbor nb : topology.snapshot().neighbors()) {
                nonEmpty.accept(neighbor(ctx, nb));
            }
        }
    }
}
