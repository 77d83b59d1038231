package org.onosdvr.pipeline;

import org.onlab.packet.MacAddress;
import org.onosdvr.api.DvrNode;
import org.onosdvr.api.Network;
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
    public void port(PortRules.View view, GroupBuilder out) {
        VmPort p = view.port().port();
        Network n = view.port().network();
        DvrNode at = view.port().host();
        long md = Metadata.network(n.segmentId());
        if (view.local()) {
            out.add(L2_LOOKUP, Priorities.L2Lookup.UNICAST, match().matchMetadata(md).matchEthDst(p.mac()),
                    actions().setOutput(p.location().get().port()), "%s is local port %s (port %s)", p.mac(),
                    p.location().get().port(), p.id());
        } else {
            out.add(L2_LOOKUP, Priorities.L2Lookup.UNICAST, match().matchMetadata(md).matchEthDst(p.mac()),
                    tunnelTo(n, at), "%s is on %s: tunnel VNI %d to %s (port %s)", p.mac(), at.deviceId(),
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

    /**
     * Flooding on a node hosting the network: broadcast and multicast from a local port go to the other local
     * ports and once to each other node hosting it, from the tunnel only to local ports.
     */
    @Override
    public void network(DeviceContext ctx, Network n, GroupBuilder out) {
        List<VmPort> local = ctx.topology().view(ctx.device()).localPorts(n.id());
        if (local.isEmpty()) {
            return;
        }
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
                DvrNode to = ctx.topology().view(d).node();
                fromLocal.setTunnelDst(to.tunnelIp()).setOutput(ctx.node().tunnelPort());
            }
        }
        out.add(L2_LOOKUP, Priorities.L2Lookup.FLOOD,
                match().matchMetadata(md).matchEthDstMasked(MULTICAST, MULTICAST), fromLocal,
                "flood on network %s: %d local ports, %d remote nodes", n.id(), local.size(), remote.size());
        out.add(L2_LOOKUP, Priorities.L2Lookup.FLOOD_FROM_TUNNEL,
                match().matchInPort(ctx.node().tunnelPort()).matchMetadata(md)
                        .matchEthDstMasked(MULTICAST, MULTICAST),
                fromTunnel, "flood from the tunnel on network %s: %d local ports only", n.id(), local.size());
    }
}
