package org.onosdvr.pipeline;

import org.onlab.packet.EthType;
import org.onlab.packet.IpAddress;
import org.onlab.packet.IpPrefix;
import org.onosdvr.api.DvrNode;
import org.onosdvr.api.FloatingIp;
import org.onosdvr.api.Network;
import org.onosdvr.api.Router;

import static org.onosdvr.pipeline.DeviceContext.actions;
import static org.onosdvr.pipeline.DeviceContext.match;
import static org.onosdvr.pipeline.PipelineTable.ARP_RESPONDER;
import static org.onosdvr.pipeline.PipelineTable.EXT_OUT;
import static org.onosdvr.pipeline.PipelineTable.L3_INGRESS;
import static org.onosdvr.pipeline.PipelineTable.L3_ROUTE;

/**
 * Floating IPs, stateless 1:1 NAT on the node serving them ({@link DvrTopology#fipNode}: the VM's node for a
 * distributed router, the gateway node for a legacy one). The node answers ARP for the floating IP on its
 * external port with its own DVR MAC, DNATs inbound packets into the router context, and SNATs the VM's
 * outbound packets straight to ext_out (above the default route, below every connected subnet).
 */
final class FloatingIpFlows implements FlowFeature {

    private static final short IPV4 = EthType.EtherType.IPV4.ethType().toShort();

    @Override
    public void floatingIp(DeviceContext ctx, FloatingIp f, GroupBuilder out) {
        if (!ctx.topology().fipNode(f).map(n -> n.deviceId().equals(ctx.device())).orElse(false)) {
            return;
        }
        DvrNode node = ctx.node();
        Router r = ctx.snapshot().router(f.routerId().get()).get();
        Network ext = ctx.snapshot().network(f.floatingNetworkId()).get();
        IpAddress fip = f.floatingIp();
        IpAddress fixed = f.fixedIp().get();
        long extTag = Metadata.external(ext.segmentId());
        out.add(ARP_RESPONDER, Priorities.ArpResponder.REPLY, ArpResponderFlows.request(extTag, fip),
                ArpResponderFlows.reply(node.dvrMac(), fip),
                "ARP reply for floating IP %s is node MAC %s (fip %s)", fip, node.dvrMac(), f.id());
        out.add(L3_INGRESS, Priorities.L3Ingress.EXTERNAL,
                match().matchMetadata(extTag).matchEthType(IPV4).matchIPDst(IpPrefix.valueOf(fip, 32)),
                actions().setIpDst(fixed).writeMetadata(Metadata.router(r.key()), Metadata.MASK)
                        .transition(L3_ROUTE.id()),
                "DNAT floating IP %s to %s (fip %s, router %s)", fip, fixed, f.id(), r.id());
        out.add(L3_ROUTE, Priorities.L3Route.FIP_EGRESS,
                match().matchMetadata(Metadata.router(r.key())).matchEthType(IPV4)
                        .matchIPSrc(IpPrefix.valueOf(fixed, 32)),
                actions().setIpSrc(fip).setEthSrc(node.dvrMac()).decNwTtl().transition(EXT_OUT.id()),
                "SNAT %s to floating IP %s, out with node MAC %s (fip %s)", fixed, fip, node.dvrMac(), f.id());
    }
}
