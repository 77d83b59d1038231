package org.onosdvr.pipeline;

import org.onosdvr.api.Router;
import org.onosdvr.api.RouterInterface;
import org.onosproject.net.PortNumber;

import static org.onosdvr.pipeline.DeviceContext.actions;
import static org.onosdvr.pipeline.DeviceContext.match;
import static org.onosdvr.pipeline.PipelineTable.TUNNEL_OUT;

/**
 * tunnel_out: everything goes out of the tunnel port; a packet a distributed router routed here leaves with
 * this node's DVR MAC instead of the interface MAC, so the shared gateway MAC never appears on the overlay
 * from two nodes (the receiving node restores it, see {@link EastWestFlows}). A packet that came in from the
 * tunnel (routed here by a legacy router) goes back with {@code output IN_PORT}, as OpenFlow never outputs to
 * the in_port otherwise.
 */
final class TunnelFlows implements FlowFeature {

    @Override
    public void node(DeviceContext ctx, GroupBuilder out) {
        PortNumber tunnel = ctx.node().tunnelPort();
        out.add(TUNNEL_OUT, Priorities.TunnelOut.OUTPUT, match(), actions().setOutput(tunnel),
                "output to the tunnel port %s", tunnel);
        out.add(TUNNEL_OUT, Priorities.TunnelOut.HAIRPIN, match().matchInPort(tunnel),
                actions().setOutput(PortNumber.IN_PORT),
                "hairpin: from the tunnel back to the tunnel (output IN_PORT)");
    }

    @Override
    public void router(DeviceContext ctx, Router r, GroupBuilder out) {
        if (!r.distributed() || !ctx.topology().routes(ctx.device(), r)) {
            return;
        }
        PortNumber tunnel = ctx.node().tunnelPort();
        for (RouterInterface i : ctx.topology().interfaces(r)) {
            out.add(TUNNEL_OUT, Priorities.TunnelOut.DVR_MAC, match().matchEthSrc(i.mac()),
                    actions().setEthSrc(ctx.node().dvrMac()).setOutput(tunnel),
                    "routed by router %s: source %s -> DVR MAC %s", r.id(), i.mac(), ctx.node().dvrMac());
            out.add(TUNNEL_OUT, Priorities.TunnelOut.DVR_MAC_HAIRPIN, match().matchInPort(tunnel).matchEthSrc(i.mac()),
                    actions().setEthSrc(ctx.node().dvrMac()).setOutput(PortNumber.IN_PORT),
                    "hairpin routed by router %s: source %s -> DVR MAC %s", r.id(), i.mac(), ctx.node().dvrMac());
        }
    }
}
