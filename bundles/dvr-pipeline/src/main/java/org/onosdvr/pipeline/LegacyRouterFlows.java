package org.onosdvr.pipeline;

import org.onosdvr.api.DvrNode;
import org.onosdvr.api.Network;
import org.onosdvr.api.Router;
import org.onosdvr.api.RouterInterface;

import java.util.Optional;

import static org.onosdvr.pipeline.DeviceContext.match;
import static org.onosdvr.pipeline.PipelineTable.L2_LOOKUP;

/**
 * Legacy (centralized) routers: they route only on their gateway node, so on every other node taking part in
 * one of their networks, frames to the router interface MAC are switched (tunnelled) to the gateway node.
 * A legacy router without a gateway assignment is routed nowhere.
 */
final class LegacyRouterFlows implements FlowFeature {

    @Override
    public void router(DeviceContext ctx, Router r, GroupBuilder out) {
        if (r.distributed()) {
            return;
        }
        Optional<DvrNode> gw = ctx.topology().gatewayNode(r);
        if (gw.isEmpty() || gw.get().deviceId().equals(ctx.device())) {
            return;
        }
        for (RouterInterface i : ctx.topology().interfaces(r)) {
            Network n = ctx.topology().network(ctx.topology().subnet(i));
            if (ctx.topology().takesPart(ctx.device(), n.id())) {
                out.add(L2_LOOKUP, Priorities.L2Lookup.UNICAST,
                        match().matchMetadata(Metadata.network(n.segmentId())).matchEthDst(i.mac()),
                        L2Flows.tunnelTo(n, gw.get()), "legacy router %s MAC %s: tunnel VNI %d to its gateway %s",
                        r.id(), i.mac(), n.segmentId(), gw.get().deviceId());
            }
        }
    }
}
