package org.onosdvr.pipeline;

import org.onlab.packet.ARP;
import org.onlab.packet.EthType;
import org.onlab.packet.IpAddress;
import org.onlab.packet.MacAddress;
import org.onosdvr.api.DvrNode;
import org.onosdvr.api.Network;
import org.onosdvr.api.Router;
import org.onosdvr.api.RouterInterface;
import org.onosdvr.api.Subnet;
import org.onosproject.net.PortNumber;

import static org.onosdvr.pipeline.DeviceContext.actions;
import static org.onosdvr.pipeline.DeviceContext.match;
import static org.onosdvr.pipeline.PipelineTable.ARP_RESPONDER;
import static org.onosdvr.pipeline.Priorities.ArpResponder.LEARN;
import static org.onosdvr.pipeline.Priorities.ArpResponder.REPLY;

/**
 * arp_responder for router interfaces: every node taking part in a network answers ARP requests for the
 * gateway IPs on it in the switch (distributed and legacy routers alike, like Neutron's l2pop ARP responder),
 * so gateway ARP never reaches the tunnel. Also the shared reply used for floating and external IPs.
 */
final class ArpResponderFlows implements FlowFeature {

    private static final short ARP_TYPE = EthType.EtherType.ARP.ethType().toShort();

    @Override
    public void router(DeviceContext ctx, Router r, GroupBuilder out) {
        for (RouterInterface i : ctx.topology().interfaces(r)) {
            Subnet s = ctx.topology().subnet(i);
            Network n = ctx.topology().network(s);
            if (ctx.topology().takesPart(ctx.device(), n.id())) {
                out.add(ARP_RESPONDER, REPLY, request(Metadata.network(n.segmentId()), s.gatewayIp()),
                        reply(i.mac(), s.gatewayIp()),
                        "ARP reply for %s is %s (router %s, subnet %s)", s.gatewayIp(), i.mac(), r.id(), s.id());
            }
        }
    }

    /**
     * ARP replies arriving on the external port answer the runtime's next-hop probes (SNAT and floating-IP
     * next hops, learnt by host tracking): they go to the controller. Requests are not punted.
     */
    @Override
    public void node(DeviceContext ctx, GroupBuilder out) {
        DvrNode node = ctx.node();
        if (node.externalPort().isEmpty() || ctx.topology().externalNetwork().isEmpty()) {
            return;
        }
        Network ext = ctx.topology().externalNetwork().get();
        out.add(ARP_RESPONDER, LEARN,
                match().matchMetadata(Metadata.external(ext.segmentId())).matchEthType(ARP_TYPE)
                        .matchArpOp(ARP.OP_REPLY),
                actions().punt(), "ARP reply on the external port: to the controller (external next-hop learning)");
    }

    /**
     * Matches an ARP request for an address in a context.
     *
     * @param metadata context
     * @param target   requested address
     * @return selector builder
     */
    static Match.Builder request(long metadata, IpAddress target) {
        return match().matchMetadata(metadata).matchEthType(ARP_TYPE).matchArpOp(ARP.OP_REQUEST)
                .matchArpTpa(target.getIp4Address());
    }

    /**
     * Turns an ARP request into the reply "ip is at mac" and sends it back where it came from.
     *
     * @param mac answered MAC
     * @param ip  answered address
     * @return treatment builder
     */
    static Actions.Builder reply(MacAddress mac, IpAddress ip) {
        return actions()
                .moveEthSrcToDst()
                .setEthSrc(mac)
                .setArpOp(ARP.OP_REPLY)
                .moveArpShaToTha()
                .setArpSha(mac)
                .moveArpSpaToTpa()
                .setArpSpa(ip)
                .setOutput(PortNumber.IN_PORT);
    }
}
