package org.onosdvr.pipeline;

import org.onosdvr.api.Router;
import org.onosdvr.api.RouterInterface;

import static org.onosdvr.pipeline.DeviceContext.actions;
import static org.onosdvr.pipeline.DeviceContext.match;
import static org.onosdvr.pipeline.PipelineTable.TUNNEL_OUT;

/**
 * tunnel_out: everything goes out of the tunnel port; a packet a distributed router routed here leaves with
 * this node's DVR MAC instead of the interface MAC, so the shared gateway MAC never appears on the overlay
 * from two nodes (the receiving node restores it, see {@link EastWestFlows}).
 */
final class TunnelFlows implements FlowFeature {

    @Override
    public void build(DeviceContext ctx) {
        ctx.add(TUNNEL_OUT, Priorities.TunnelOut.OUTPUT, match(), actions().setOutput(ctx.node().tunnelPort()),
                Sources.node(ctx.node()), "output to the tunnel port " + ctx.node().tunnelPort());
        for (Router r : ctx.topology().routedRouters(ctx.device())) {
            if (!r.distributed()) {
                continue;
            }
            for (RouterInterface i : ctx.topology().interfaces(r)) {
                ctx.add(TUNNEL_OUT, Priorities.TunnelOut.DVR_MAC, match().matchEthSrc(i.mac()),
                        actions().setEthSrc(ctx.node().dvrMac()).setOutput(ctx.node().tunnelPort()),
                        Sources.router(r),
                        String.format("routed by router %s: source %s -> DVR MAC %s", r.id(), i.mac(),
                                      ctx.node().dvrMac()));
            }
        }
    }
}
