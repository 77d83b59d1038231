package org.onosdvr.pipeline;

import org.onlab.packet.EthType;
import org.onlab.packet.IPv4;
import org.onlab.packet.IpAddress;
import org.onlab.packet.IpPrefix;
import org.onlab.packet.TpPort;
import org.onosdvr.api.DvrNode;
import org.onosdvr.api.Network;
import org.onosdvr.api.NetworkId;
import org.onosdvr.api.VmPort;
import org.onosproject.net.PortNumber;

import static org.onosdvr.pipeline.DeviceContext.actions;
import static org.onosdvr.pipeline.DeviceContext.match;
import static org.onosdvr.pipeline.PipelineTable.ARP_RESPONDER;
import static org.onosdvr.pipeline.PipelineTable.CLASSIFIER;
import static org.onosdvr.pipeline.Priorities.Classifier.PORT;
import static org.onosdvr.pipeline.Priorities.Classifier.PORT_DROP;
import static org.onosdvr.pipeline.Priorities.Classifier.PUNT;

/**
 * classifier: which logical port a packet comes from. VM ports pass only with their own MAC and fixed IPs
 * (IPv4 and ARP); the tunnel port only with the VNI of a network this node takes part in; the external port
 * is tagged with the external network. ARP and DHCP from unknown ports go to the controller.
 */
final class ClassifierFlows implements FlowFeature {

    private static final short IPV4 = EthType.EtherType.IPV4.ethType().toShort();
    private static final short ARP = EthType.EtherType.ARP.ethType().toShort();
    private static final int DHCP_SERVER_PORT = 67;

    @Override
    public void build(DeviceContext ctx) {
        ctx.topology().localPorts(ctx.device()).forEach(p -> vmPort(ctx, p));
        tunnelPort(ctx);
        externalPort(ctx);
        unknownPorts(ctx);
    }

    private void vmPort(DeviceContext ctx, VmPort p) {
        Network n = ctx.snapshot().network(p.networkId()).get();
        PortNumber in = p.location().get().port();
        String src = Sources.port(p);
        for (IpAddress ip : p.fixedIps()) {
            ctx.add(CLASSIFIER, PORT,
                    match().matchInPort(in).matchEthSrc(p.mac()).matchEthType(IPV4)
                            .matchIPSrc(IpPrefix.valueOf(ip, 32)),
                    toNetwork(n), src,
                    "IPv4 from port %s (%s, %s): network %s", p.id(), p.mac(), ip, n.id());
            ctx.add(CLASSIFIER, PORT,
                    match().matchInPort(in).matchEthSrc(p.mac()).matchEthType(ARP)
                            .matchArpSpa(ip.getIp4Address()).matchArpSha(p.mac()),
                    toNetwork(n), src,
                    "ARP from port %s (%s, %s): network %s", p.id(), p.mac(), ip, n.id());
        }
        ctx.add(CLASSIFIER, PORT_DROP, match().matchInPort(in), actions().drop(), src,
                "anti-spoofing: anything else from port " + p.id() + " is dropped");
    }

    private void tunnelPort(DeviceContext ctx) {
        DvrNode node = ctx.node();
        for (NetworkId id : ctx.topology().networks(ctx.device())) {
            Network n = ctx.snapshot().network(id).get();
            ctx.add(CLASSIFIER, PORT,
                    match().matchInPort(node.tunnelPort()).matchTunnelId(n.segmentId()),
                    toNetwork(n), Sources.network(id),
                    "from the tunnel with VNI %d: network %s", n.segmentId(), id);
        }
        ctx.add(CLASSIFIER, PORT_DROP, match().matchInPort(node.tunnelPort()), actions().drop(),
                Sources.node(node), "tunnel traffic of a VNI this node does not take part in is dropped");
    }

    private void externalPort(DeviceContext ctx) {
        DvrNode node = ctx.node();
        if (node.externalPort().isEmpty() || ctx.topology().externalNetwork().isEmpty()) {
            return;
        }
        Network ext = ctx.topology().externalNetwork().get();
        ctx.add(CLASSIFIER, PORT, match().matchInPort(node.externalPort().get()),
                actions().writeMetadata(Metadata.external(ext.segmentId()), Metadata.MASK)
                        .transition(ARP_RESPONDER.id()),
                Sources.node(node), "from the external port: external network " + ext.id());
    }

    private void unknownPorts(DeviceContext ctx) {
        String src = Sources.node(ctx.node());
        ctx.add(CLASSIFIER, PUNT, match().matchEthType(ARP), actions().punt(), src,
                "ARP from an unknown port: to the controller (host learning)");
        ctx.add(CLASSIFIER, PUNT,
                match().matchEthType(IPV4).matchIPProtocol(IPv4.PROTOCOL_UDP)
                        .matchUdpDst(TpPort.tpPort(DHCP_SERVER_PORT)),
                actions().punt(), src, "DHCP from an unknown port: to the controller (host learning)");
    }

    static Actions.Builder toNetwork(Network n) {
        return actions().writeMetadata(Metadata.network(n.segmentId()), Metadata.MASK)
                .transition(ARP_RESPONDER.id());
    }
}
