package org.onosdvr.pipeline;

import org.onlab.packet.EthType;
import org.onlab.packet.IpPrefix;
import org.onlab.packet.MacAddress;
import org.onosdvr.api.Network;
import org.onosdvr.api.Router;
import org.onosdvr.api.RouterInterface;
import org.onosdvr.api.Subnet;

import static org.onosdvr.pipeline.DeviceContext.actions;
import static org.onosdvr.pipeline.DeviceContext.match;
import static org.onosdvr.pipeline.PipelineTable.ARP_RESOLVE;
import static org.onosdvr.pipeline.PipelineTable.CLASSIFIER;
import static org.onosdvr.pipeline.PipelineTable.L2_LOOKUP;
import static org.onosdvr.pipeline.PipelineTable.L3_INGRESS;
import static org.onosdvr.pipeline.PipelineTable.L3_ROUTE;

/**
 * Routing between a router's subnets on every node that routes for it (first hop for distributed routers,
 * the gateway node for legacy ones): l3_ingress enters the router context, l3_route picks the destination
 * subnet by longest prefix, arp_resolve sets the VM's MAC. For distributed routers, the classifier of a node
 * hosting the destination restores the interface MAC on packets another node routed (they crossed the
 * overlay with that node's DVR MAC, see {@link TunnelFlows}).
 */
final class EastWestFlows implements FlowFeature {

    private static final short IPV4 = EthType.EtherType.IPV4.ethType().toShort();
    /** DVR MACs differ from their base in the low 24 bits only. */
    private static final MacAddress DVR_MAC_MASK = MacAddress.valueOf("ff:ff:ff:00:00:00");

    @Override
    public void router(DeviceContext ctx, Router r, GroupBuilder out) {
        if (!ctx.topology().routes(ctx.device(), r)) {
            return;
        }
        for (RouterInterface i : ctx.topology().interfaces(r)) {
            Subnet s = ctx.topology().subnet(i);
            Network n = ctx.topology().network(s);
            ingress(r, i, n, out);
            route(r, i, s, n, out);
            if (r.distributed() && ctx.topology().hosts(n.id()).contains(ctx.device())) {
                restore(ctx, r, i, s, n, out);
            }
        }
    }

    /** arp_resolve: each fixed IP of a located VM whose subnet's router the device routes. */
    @Override
    public void port(PortRules.View view, GroupBuilder out) {
        PortRules p = view.port();
        for (int i = 0; i < p.ipCount(); i++) {
            if (view.resolves(i)) {
                Network n = p.network();
                out.add(ARP_RESOLVE, Priorities.ArpResolve.HOST,
                        match().matchMetadata(Metadata.network(n.segmentId())).matchEthType(IPV4)
                                .matchIPDst(IpPrefix.valueOf(p.ip(i), 32)),
                        actions().setEthDst(p.port().mac()).transition(L2_LOOKUP.id()),
                        "%s is at %s (port %s, network %s)", p.ip(i), p.port().mac(), p.port().id(), n.id());
            }
        }
    }

    private void ingress(Router r, RouterInterface i, Network n, GroupBuilder out) {
        out.add(L3_INGRESS, Priorities.L3Ingress.ROUTE,
                match().matchMetadata(Metadata.network(n.segmentId())).matchEthDst(i.mac()).matchEthType(IPV4),
                actions().writeMetadata(Metadata.router(r.key()), Metadata.MASK).transition(L3_ROUTE.id()),
                "to router %s MAC %s on network %s: router context %d", r.id(), i.mac(), n.id(), r.key());
    }

    private void route(Router r, RouterInterface i, Subnet s, Network n, GroupBuilder out) {
        out.add(L3_ROUTE, Priorities.L3Route.connected(s.cidr()),
                match().matchMetadata(Metadata.router(r.key())).matchEthType(IPV4).matchIPDst(s.cidr()),
                actions().setEthSrc(i.mac()).decNwTtl()
                        .writeMetadata(Metadata.network(n.segmentId()), Metadata.MASK)
                        .transition(ARP_RESOLVE.id()),
                "route to %s via %s (router %s, subnet %s, VNI %d)", s.cidr(), i.mac(), r.id(), s.id(),
                n.segmentId());
    }

    private void restore(DeviceContext ctx, Router r, RouterInterface i, Subnet s, Network n, GroupBuilder out) {
        MacAddress dvrPrefix = MacAddress.valueOf(ctx.snapshot().baseMac().toLong() & DVR_MAC_MASK.toLong());
        out.add(CLASSIFIER, Priorities.Classifier.DVR_RESTORE,
                match().matchInPort(ctx.node().tunnelPort()).matchTunnelId(n.segmentId())
                        .matchEthSrcMasked(dvrPrefix, DVR_MAC_MASK).matchEthType(IPV4).matchIPDst(s.cidr()),
                ClassifierFlows.toNetwork(n).setEthSrc(i.mac()),
                "routed to %s by another node: source MAC back to %s (router %s)", s.cidr(), i.mac(), r.id());
    }
}
