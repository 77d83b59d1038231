package org.onosdvr.pipeline;

import org.onlab.packet.IpAddress;
import org.onlab.packet.MacAddress;
import org.onosdvr.api.DvrNode;
import org.onosdvr.api.DvrSnapshot;
import org.onosdvr.api.ExternalNeighbor;
import org.onosdvr.api.NetworkId;
import org.onosdvr.api.VmPort;
import org.onosdvr.pipeline.walk.Network;
import org.onosdvr.pipeline.walk.RuleProvenance;
import org.onosproject.net.ConnectPoint;
import org.onosproject.net.DeviceId;
import org.onosproject.net.flow.FlowRule;
import org.onosproject.net.group.GroupDescription;

import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Loads a DVR state into the packet-walk interpreter: every node of the snapshot with its rules and tunnel
 * endpoint, every VM port located on a node as a host named by its port id (accepting its MAC), and the
 * upstream router as host {@link #UPSTREAM} on one segment joining every node's external port. Traces name the
 * pipeline tables and explain rules with the given provenance.
 * <p>
 * The rules may be compiled ({@link #of(DvrSnapshot, CompiledPipeline)}) or anything else per device, e.g. the
 * reconciler's desired rules ({@code dvr-trace}) or installed ones ({@code dvr-verify}).
 * </p>
 */
public final class DvrFabric {

    /** Host name of the upstream router on the external network. */
    public static final String UPSTREAM = "upstream";
    /** Name of the segment joining the external ports. */
    public static final String EXTERNAL_SEGMENT = "external";

    private DvrFabric() {
    }

    /**
     * Loads a compiled snapshot.
     *
     * @param snapshot state
     * @param pipeline its compiled rules
     * @return network
     */
    public static Network of(DvrSnapshot snapshot, CompiledPipeline pipeline) {
        return of(snapshot, pipeline, Set.of());
    }

    /**
     * Loads a compiled snapshot with some devices down (crashed switches: they forward nothing, and the BFD
     * failover ports watching them are down, so fast-failover groups move to their next bucket).
     *
     * @param snapshot state
     * @param pipeline its compiled rules and groups
     * @param down     devices that are down
     * @return network
     */
    public static Network of(DvrSnapshot snapshot, CompiledPipeline pipeline, Set<DeviceId> down) {
        return of(snapshot, pipeline, down, Set.of());
    }

    /**
     * Loads a compiled snapshot with some devices and some ports down (e.g. BFD failover ports whose sessions
     * are not up although their peers are).
     *
     * @param snapshot  state
     * @param pipeline  its compiled rules and groups
     * @param down      devices that are down
     * @param portsDown ports that are not live
     * @return network
     */
    public static Network of(DvrSnapshot snapshot, CompiledPipeline pipeline, Set<DeviceId> down,
                             Set<ConnectPoint> portsDown) {
        Network.Builder b = builder(snapshot, d -> pipeline.flowRules(d), provenance(pipeline.explanations()));
        snapshot.nodes().forEach(n -> b.groups(pipeline.groups(n.deviceId()).stream().map(CompiledGroup::group)
                                                       .collect(Collectors.toList())));
        down.forEach(b::deviceDown);
        portsDown.forEach(b::portDown);
        return b.build();
    }

    /**
     * Loads a snapshot with the rules of each node.
     *
     * @param snapshot   state (nodes, VM ports, external neighbors)
     * @param rules      rules of a device (called once per node; empty for none)
     * @param provenance explanations shown in traces
     * @return network
     * @throws IllegalArgumentException if the rules break the interpreter's checks (e.g. overlapping rules of
     *                                  the same priority) or two nodes share a tunnel IP
     */
    public static Network build(DvrSnapshot snapshot,
                                                          Function<DeviceId, Collection<? extends FlowRule>> rules,
                                                          RuleProvenance provenance) {
        return builder(snapshot, rules, provenance).build();
    }

    /**
     * Loads a snapshot with the rules and groups of each node.
     *
     * @param snapshot   state (nodes, VM ports, external neighbors)
     * @param rules      rules of a device (called once per node; empty for none)
     * @param groups     groups of a device (called once per node; empty for none)
     * @param provenance explanations shown in traces
     * @return network
     * @throws IllegalArgumentException as {@link #build(DvrSnapshot, Function, RuleProvenance)}, or if a rule
     *                                  names a group its device does not have
     */
    public static Network build(DvrSnapshot snapshot, Function<DeviceId, Collection<? extends FlowRule>> rules,
                                Function<DeviceId, Collection<? extends GroupDescription>> groups,
                                RuleProvenance provenance) {
        Network.Builder b = builder(snapshot, rules, provenance);
        snapshot.nodes().forEach(n -> b.groups(groups.apply(n.deviceId())));
        return b.build();
    }

    private static Network.Builder builder(DvrSnapshot snapshot,
                                           Function<DeviceId, Collection<? extends FlowRule>> rules,
                                           RuleProvenance provenance) {
        Network.Builder b =
                Network.builder().provenance(provenance);
        boolean external = false;
        for (DvrNode n : snapshot.nodes()) {
            b.rules(rules.apply(n.deviceId())).tunnel(n.deviceId(), n.tunnelPort(), n.tunnelIp());
            n.failoverPorts().forEach((peerIp, port) -> snapshot.nodes().stream()
                    .filter(peer -> peer.tunnelIp().equals(peerIp)).findFirst()
                    .ifPresent(peer -> b.watch(new ConnectPoint(n.deviceId(), port), peer.deviceId())));
            if (n.externalPort().isPresent()) {
                b.segment(EXTERNAL_SEGMENT, new ConnectPoint(n.deviceId(), n.externalPort().get()));
                external = true;
            }
        }
        boolean upstreamIsPort = snapshot.ports().stream().anyMatch(p -> p.id().toString().equals(UPSTREAM));
        if (external && !upstreamIsPort) {
            b.hostOnSegment(UPSTREAM, EXTERNAL_SEGMENT, upstreamMac(snapshot).orElse(null));
        }
        for (VmPort port : snapshot.ports()) {
            port.location().filter(l -> snapshot.node(l.deviceId()).isPresent())
                    .filter(l -> !l.port().equals(snapshot.node(l.deviceId()).get().tunnelPort()))
                    .ifPresent(l -> b.host(port.id().toString(), l, port.mac()));
        }
        return b;
    }

    /**
     * Provenance backed by explanations per rule, naming tables as the pipeline declares them.
     *
     * @param explanations explanation per flow rule (ONOS identity: device, table, priority, selector)
     * @return provenance
     */
    public static RuleProvenance provenance(Map<? extends FlowRule, String> explanations) {
        RuleProvenance rules = RuleProvenance.of(explanations);
        return new RuleProvenance() {
            @Override
            public Optional<String> explain(FlowRule rule) {
                return rules.explain(rule);
            }

            @Override
            public Optional<String> tableName(DeviceId device, int tableId) {
                return PipelineTable.byId(tableId).map(PipelineTable::tableName);
            }
        };
    }

    /**
     * The upstream router's MAC: the known neighbor holding the gateway IP of the first subnet of the external
     * network the external ports are on (the one the pipeline's default external route uses).
     *
     * @param snapshot state
     * @return MAC, empty if unknown (the upstream host then accepts every frame)
     */
    public static Optional<MacAddress> upstreamMac(DvrSnapshot snapshot) {
        return new DvrTopology(snapshot).externalNetwork()
                .flatMap(n -> snapshot.subnets(n.id()).stream().findFirst()
                        .flatMap(s -> neighbor(snapshot, n.id(), s.gatewayIp())));
    }

    private static Optional<MacAddress> neighbor(DvrSnapshot snapshot, NetworkId network, IpAddress ip) {
        return snapshot.neighbors().stream().filter(x -> x.networkId().equals(network) && x.ip().equals(ip))
                .map(ExternalNeighbor::mac).findFirst();
    }
}
