package org.onosdvr.pipeline;

import org.onlab.packet.MacAddress;
import org.onosdvr.api.DvrNode;
import org.onosdvr.api.Network;
import org.onosdvr.api.NetworkId;
import org.onosdvr.api.VmPort;
import org.onosproject.net.DeviceId;

import java.util.ArrayList;
import java.util.List;

import static org.onosdvr.pipeline.DeviceContext.actions;
import static org.onosdvr.pipeline.DeviceContext.match;
import static org.onosdvr.pipeline.PipelineTable.L2_LOOKUP;
import static org.onosdvr.pipeline.PipelineTable.TUNNEL_OUT;

/**
 * l2_lookup for every network the node takes part in: each located VM MAC goes to its local port or is
 * tunnelled to its node (VNI in tun_id); broadcast and multicast from a local port go to the other local
 * ports of the network and once to each other node hosting it, from the tunnel only to local ports.
 */
final class L2Flows implements FlowFeature {

    /** Group bit: broadcast and multicast destinations. */
    static final MacAddress MULTICAST = MacAddress.valueOf("01:00:00:00:00:00");

    @Override
    public void build(DeviceContext ctx) {
        for (NetworkId id : ctx.topology().networks(ctx.device())) {
            Network n = ctx.snapshot().network(id).get();
            List<VmPort> local = new ArrayList<>();
            for (VmPort p : ctx.topology().locatedPorts(id)) {
                DvrNode at = ctx.topology().node(p).get();
                if (at.deviceId().equals(ctx.device())) {
                    local.add(p);
                }
                unicast(ctx, n, p, at);
            }
            if (!local.isEmpty()) {
                flood(ctx, n, local);
            }
        }
    }

    private void unicast(DeviceContext ctx, Network n, VmPort p, DvrNode at) {
        long md = Metadata.network(n.segmentId());
        if (at.deviceId().equals(ctx.device())) {
            ctx.add(L2_LOOKUP, Priorities.L2Lookup.UNICAST, match().matchMetadata(md).matchEthDst(p.mac()),
                    actions().setOutput(p.location().get().port()), Sources.port(p),
                    "%s is local port %s (port %s)", p.mac(), p.location().get().port(), p.id());
        } else {
            ctx.add(L2_LOOKUP, Priorities.L2Lookup.UNICAST, match().matchMetadata(md).matchEthDst(p.mac()),
                    tunnelTo(n, at), Sources.port(p),
                    "%s is on %s: tunnel VNI %d to %s (port %s)", p.mac(), at.deviceId(),
                                  n.segmentId(), at.tunnelIp(), p.id());
        }
    }

    /**
     * Sends a packet over the overlay to another node through tunnel_out.
     *
     * @param n   network (VNI)
     * @param to  destination node
     * @return treatment builder
     */
    static Actions.Builder tunnelTo(Network n, DvrNode to) {
        return actions().setTunnelId(n.segmentId()).setTunnelDst(to.tunnelIp()).transition(TUNNEL_OUT.id());
    }

    private void flood(DeviceContext ctx, Network n, List<VmPort> local) {
        long md = Metadata.network(n.segmentId());
        Actions.Builder fromTunnel = actions();
        Actions.Builder fromLocal = actions();
        local.forEach(p -> {
            fromTunnel.setOutput(p.location().get().port());
            fromLocal.setOutput(p.location().get().port());
        });
        List<DeviceId> remote = new ArrayList<>(ctx.topology().hosts(n.id()));
        remote.remove(ctx.device());
        if (!remote.isEmpty()) {
            fromLocal.setTunnelId(n.segmentId());
            for (DeviceId d : remote) {
                DvrNode to = ctx.snapshot().node(d).get();
                fromLocal.setTunnelDst(to.tunnelIp()).setOutput(ctx.node().tunnelPort());
            }
        }
        String src = Sources.network(n.id());
        ctx.add(L2_LOOKUP, Priorities.L2Lookup.FLOOD,
                match().matchMetadata(md).matchEthDstMasked(MULTICAST, MULTICAST), fromLocal, src,
                "flood on network %s: %d local ports, %d remote nodes", n.id(), local.size(),
                              remote.size());
        ctx.add(L2_LOOKUP, Priorities.L2Lookup.FLOOD_FROM_TUNNEL,
                match().matchInPort(ctx.node().tunnelPort()).matchMetadata(md)
                        .matchEthDstMasked(MULTICAST, MULTICAST),
                fromTunnel, src,
                "flood from the tunnel on network %s: %d local ports only", n.id(), local.size());
    }
}
