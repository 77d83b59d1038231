package org.onosdvr.pipeline;

import org.onlab.packet.EthType;
import org.onlab.packet.ICMP;
import org.onlab.packet.IPv4;
import org.onlab.packet.IpPrefix;
import org.onosdvr.api.Network;
import org.onosdvr.api.Router;
import org.onosdvr.api.RouterInterface;
import org.onosdvr.api.Subnet;
import org.onosproject.net.PortNumber;

import static org.onosdvr.pipeline.DeviceContext.actions;
import static org.onosdvr.pipeline.DeviceContext.match;
import static org.onosdvr.pipeline.PipelineTable.L3_INGRESS;
import static org.onosdvr.pipeline.Priorities.L3Ingress.ICMP_ECHO;
import static org.onosdvr.pipeline.Priorities.L3Ingress.ROUTER_IP_DROP;

/**
 * l3_ingress for the router's own addresses: an ICMP echo request to a gateway IP is answered in the switch
 * on every node taking part in the network (as the ARP responder), any other IP packet to it is dropped.
 */
final class RouterIcmpFlows implements FlowFeature {

    private static final short IPV4 = EthType.EtherType.IPV4.ethType().toShort();

    @Override
    public void router(DeviceContext ctx, Router r, GroupBuilder out) {
        for (RouterInterface i : ctx.topology().interfaces(r)) {
            Subnet s = ctx.topology().subnet(i);
            Network n = ctx.topology().network(s);
            if (!ctx.topology().takesPart(ctx.device(), n.id())) {
                continue;
            }
            long md = Metadata.network(n.segmentId());
            IpPrefix gw = IpPrefix.valueOf(s.gatewayIp(), 32);
            out.add(L3_INGRESS, ICMP_ECHO,
                    match().matchMetadata(md).matchEthDst(i.mac()).matchEthType(IPV4)
                            .matchIPProtocol(IPv4.PROTOCOL_ICMP).matchIcmpType(ICMP.TYPE_ECHO_REQUEST)
                            .matchIPDst(gw),
                    actions().moveEthSrcToDst()
                            .setEthSrc(i.mac())
                            .moveIpSrcToDst()
                            .setIpSrc(s.gatewayIp())
                            .loadIcmpType(ICMP.TYPE_ECHO_REPLY)
                            .setOutput(PortNumber.IN_PORT),
                    "ICMP echo reply from %s (router %s, subnet %s)", s.gatewayIp(), r.id(), s.id());
            out.add(L3_INGRESS, ROUTER_IP_DROP,
                    match().matchMetadata(md).matchEthDst(i.mac()).matchEthType(IPV4).matchIPDst(gw),
                    actions().drop(), "other IP to router address %s is dropped (router %s)", s.gatewayIp(), r.id());
        }
    }
}
