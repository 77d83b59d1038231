package org.onosdvr.pipeline;

import org.onlab.packet.EthType;
import org.onlab.packet.IpPrefix;
import org.onosdvr.api.DvrNode;
import org.onosdvr.api.ExternalGateway;
import org.onosdvr.api.Network;
import org.onosdvr.api.Router;
import org.onosdvr.api.RouterInterface;
import org.onosdvr.api.Subnet;

import java.util.Optional;

import static org.onosdvr.pipeline.DeviceContext.actions;
import static org.onosdvr.pipeline.DeviceContext.match;
import static org.onosdvr.pipeline.PipelineTable.ARP_RESPONDER;
import static org.onosdvr.pipeline.PipelineTable.EXT_OUT;
import static org.onosdvr.pipeline.PipelineTable.L3_INGRESS;
import static org.onosdvr.pipeline.PipelineTable.L3_ROUTE;
import static org.onosdvr.pipeline.PipelineTable.SNAT;
import static org.onosdvr.pipeline.PipelineTable.TUNNEL_OUT;

/**
 * Default SNAT of a router with an external gateway ({@link DvrTopology#snatNode}). On the SNAT gateway node:
 * ARP for the router's external IP, the default route into the snat table, {@code ct(commit, nat(src))}, and
 * un-SNAT of replies with {@code ct(nat)}. On the other nodes routing the router: a default route per
 * interface subnet that tunnels the still-unrouted packet (eth_dst = interface MAC) to the gateway node, through
 * the router's fast-failover group ({@link FailoverGroups}) when the node has BFD failover ports. The hot backup
 * ({@link DvrTopology#hotBackup}) holds the same gateway rules except the external-IP ARP reply.
 */
final class SnatFlows implements FlowFeature {

    private static final short IPV4 = EthType.EtherType.IPV4.ethType().toShort();

    @Override
    public void router(DeviceContext ctx, Router r, GroupBuilder out) {
        ctx.topology().snatNode(r).ifPresent(gw -> {
            if (gw.deviceId().equals(ctx.device())) {
                gateway(ctx, r, true, out);
            } else if (ctx.topology().hotBackup(r).map(b -> b.deviceId().equals(ctx.device())).orElse(false)) {
                gateway(ctx, r, false, out);
            } else if (ctx.topology().routes(ctx.device(), r)) {
                toGateway(ctx, r, gw, out);
            }
        });
    }

    /**
     * The SNAT rules of a gateway node; the hot backup has all but the ARP reply for the external IP, so only
     * one node answers for the router's external MAC until the controller promotes the backup.
     */
    private void gateway(DeviceContext ctx, Router r, boolean primary, GroupBuilder out) {
        ExternalGateway g = r.externalGateway().get();
        Network ext = ctx.snapshot().network(g.networkId()).get();
        long extTag = Metadata.external(ext.segmentId());
        long routerTag = Metadata.router(r.key());
        if (primary) {
            out.add(ARP_RESPONDER, Priorities.ArpResponder.REPLY, ArpResponderFlows.request(extTag, g.externalIp()),
                    ArpResponderFlows.reply(g.mac(), g.externalIp()),
                    "ARP reply for external IP %s is %s (router %s)", g.externalIp(), g.mac(), r.id());
        }
        out.add(L3_INGRESS, Priorities.L3Ingress.EXTERNAL,
                match().matchMetadata(extTag).matchEthType(IPV4)
                        .matchIPDst(IpPrefix.valueOf(g.externalIp(), 32)),
                actions().loadMetadata(routerTag).ctReverseNat(r.key(), L3_ROUTE),
                "un-SNAT to %s: ct(zone=%d, nat, table=l3_route) (router %s)", g.externalIp(), r.key(), r.id());
        // Only the router's own subnets are SNATed: a packet from outside reaches l3_route after un-SNAT with
        // ip_dst still the external IP when it is no reply (no conntrack entry); SNATing it would commit a
        // conntrack entry holding <external IP>:<its destination port> and send it out again.
        for (RouterInterface i : ctx.topology().interfaces(r)) {
            IpPrefix cidr = ctx.topology().subnet(i).cidr();
            out.add(L3_ROUTE, Priorities.L3Route.ROUTE_BASE,
                    match().matchMetadata(routerTag).matchEthType(IPV4).matchIPSrc(cidr),
                    actions().transition(SNAT.id()), "default route of router %s from %s: SNAT here", r.id(), cidr);
        }
        out.add(SNAT, Priorities.Snat.ROUTER,
                match().matchMetadata(routerTag).matchEthType(IPV4),
                actions().setEthSrc(g.mac()).decNwTtl()
                        .ctCommitSnat(r.key(), EXT_OUT, g.externalIp()),
                "SNAT to %s: ct(commit, zone=%d, nat(src), table=ext_out) (router %s)", g.externalIp(), r.key(),
                r.id());
    }

    private void toGateway(DeviceContext ctx, Router r, DvrNode gw, GroupBuilder out) {
        Optional<CompiledGroup> group = FailoverGroups.snat(ctx, r).map(out::addGroup);
        for (RouterInterface i : ctx.topology().interfaces(r)) {
            Subnet s = ctx.topology().subnet(i);
            Network n = ctx.topology().network(s);
            if (group.isPresent()) {
                out.add(L3_ROUTE, Priorities.L3Route.ROUTE_BASE,
                        match().matchMetadata(Metadata.router(r.key())).matchEthType(IPV4).matchIPSrc(s.cidr()),
                        actions().setTunnelId(n.segmentId()).group(group.get().groupId()),
                        "default route of router %s from %s: VNI %d, fast-failover group %s (SNAT gateway %s,"
                                + " backup on BFD loss)", r.id(), s.cidr(), n.segmentId(), group.get().groupId(),
                        gw.deviceId());
                continue;
            }
            out.add(L3_ROUTE, Priorities.L3Route.ROUTE_BASE,
                    match().matchMetadata(Metadata.router(r.key())).matchEthType(IPV4).matchIPSrc(s.cidr()),
                    actions().setTunnelId(n.segmentId()).setTunnelDst(gw.tunnelIp()).transition(TUNNEL_OUT.id()),
                    "default route of router %s from %s: tunnel (VNI %d) to SNAT gateway %s", r.id(), s.cidr(),
                    n.segmentId(), gw.deviceId());
        }
    }
}
