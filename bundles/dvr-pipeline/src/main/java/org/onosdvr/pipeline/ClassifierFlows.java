package org.onosdvr.pipeline;

import org.onlab.packet.EthType;
import org.onlab.packet.IPv4;
import org.onlab.packet.IpAddress;
import org.onlab.packet.IpPrefix;
import org.onlab.packet.TpPort;
import org.onlab.packet.VlanId;
import org.onosdvr.api.DvrNode;
import org.onosdvr.api.Network;
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
 * classifier: which logical port a packet comes from. VM ports pass only untagged and with their own MAC and
 * fixed IPs (IPv4 and ARP); the tunnel port only with the VNI of a network this node takes part in; the external
 * port only untagged, and is tagged with the external network. ARP and DHCP from unknown ports go to the
 * controller.
 * <p>
 * Untagged only: OpenFlow matches a VLAN-tagged frame's inner Ethernet type and addresses, so without the
 * {@code vlan_vid} match a VM's tagged frame with its own addresses passed, and left the external port with its
 * tag (a tenant could put frames on any VLAN of the provider network); a tagged frame on the external port came
 * from another VLAN than the external network's.
 * </p>
 */
final class ClassifierFlows implements FlowFeature {

    private static final short IPV4 = EthType.EtherType.IPV4.ethType().toShort();
    private static final short ARP = EthType.EtherType.ARP.ethType().toShort();
    private static final int DHCP_SERVER_PORT = 67;

    @Override
    public void port(PortRules.View view, GroupBuilder out) {
        if (!view.local()) {
            return;
        }
        VmPort p = view.port().port();
        Network n = view.port().network();
        PortNumber in = p.location().get().port();
        for (int i = 0; i < view.port().ipCount(); i++) {
            IpAddress ip = view.port().ip(i);
            out.add(CLASSIFIER, PORT,
                    match().matchInPort(in).matchVlanId(VlanId.NONE).matchEthSrc(p.mac()).matchEthType(IPV4)
                            .matchIPSrc(IpPrefix.valueOf(ip, 32)),
                    toNetwork(n), "IPv4 from port %s (%s, %s): network %s", p.id(), p.mac(), ip, n.id());
            out.add(CLASSIFIER, PORT,
                    match().matchInPort(in).matchVlanId(VlanId.NONE).matchEthSrc(p.mac()).matchEthType(ARP)
                            .matchArpSpa(ip.getIp4Address()).matchArpSha(p.mac()),
                    toNetwork(n), "ARP from port %s (%s, %s): network %s", p.id(), p.mac(), ip, n.id());
        }
        out.add(CLASSIFIER, PORT_DROP, match().matchInPort(in), actions().drop(),
                "anti-spoofing: anything else from port %s is dropped", p.id());
    }

    @Override
    public void network(DeviceContext ctx, Network n, GroupBuilder out) {
        if (ctx.topology().takesPart(ctx.device(), n.id())) {
            out.add(CLASSIFIER, PORT, match().matchInPort(ctx.node().tunnelPort()).matchTunnelId(n.segmentId()),
                    toNetwork(n), "from the tunnel with VNI %d: network %s", n.segmentId(), n.id());
        }
    }

    @Override
    public void node(DeviceContext ctx, GroupBuilder out) {
        DvrNode node = ctx.node();
        out.add(CLASSIFIER, PORT_DROP, match().matchInPort(node.tunnelPort()), actions().drop(),
                "tunnel traffic of a VNI this node does not take part in is dropped");
        if (node.externalPort().isPresent() && ctx.topology().externalNetwork().isPresent()) {
            Network ext = ctx.topology().externalNetwork().get();
            PortNumber port = node.externalPort().get();
            out.add(CLASSIFIER, PORT, match().matchInPort(port).matchVlanId(VlanId.NONE),
                    actions().writeMetadata(Metadata.external(ext.segmentId()), Metadata.MASK)
                            .transition(ARP_RESPONDER.id()),
                    "untagged from the external port: external network %s", ext.id());
            out.add(CLASSIFIER, PORT_DROP, match().matchInPort(port), actions().drop(),
                    "VLAN-tagged frames on the external port are dropped (another VLAN than the external network)");
        }
        out.add(CLASSIFIER, PUNT, match().matchEthType(ARP), actions().punt(),
                "ARP from an unknown port: to the controller (host learning)");
        out.add(CLASSIFIER, PUNT,
                match().matchEthType(IPV4).matchIPProtocol(IPv4.PROTOCOL_UDP)
                        .matchUdpDst(TpPort.tpPort(DHCP_SERVER_PORT)),
                actions().punt(), "DHCP from an unknown port: to the controller (host learning)");
    }

    static Actions.Builder toNetwork(Network n) {
        return actions().writeMetadata(Metadata.network(n.segmentId()), Metadata.MASK)
                .transition(ARP_RESPONDER.id());
    }
}
