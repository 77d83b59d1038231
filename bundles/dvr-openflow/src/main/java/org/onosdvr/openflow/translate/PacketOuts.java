package org.onosdvr.openflow.translate;

import org.onosproject.net.PortNumber;
import org.onosproject.net.flow.TrafficTreatment;
import org.onosproject.net.packet.OutboundPacket;
import org.projectfloodlight.openflow.protocol.OFFactory;
import org.projectfloodlight.openflow.protocol.OFPacketOut;
import org.projectfloodlight.openflow.protocol.action.OFAction;
import org.projectfloodlight.openflow.types.OFBufferId;
import org.projectfloodlight.openflow.types.OFPort;

import java.nio.ByteBuffer;
import java.util.List;

/**
 * Builds OpenFlow 1.3 PACKET_OUTs (never buffered: OVS reports n_buffers=0).
 */
public final class PacketOuts {

    private PacketOuts() {
    }

    /**
     * Sends a frame out of one port (in_port = CONTROLLER).
     *
     * @param factory OpenFlow 1.3 factory
     * @param frame   Ethernet frame
     * @param outPort output port (a number or a reserved port such as FLOOD)
     * @return PACKET_OUT
     */
    public static OFPacketOut toPort(OFFactory factory, byte[] frame, PortNumber outPort) {
        return build(factory, frame, OFPort.CONTROLLER,
                     List.of(factory.actions().output(Ports.toOf(outPort), 0)));
    }

    /**
     * Runs a frame through the pipeline from table 0 as if received on {@code inPort} (output:TABLE).
     *
     * @param factory OpenFlow 1.3 factory
     * @param frame   Ethernet frame
     * @param inPort  ingress port the pipeline should see
     * @return PACKET_OUT
     */
    public static OFPacketOut toTable(OFFactory factory, byte[] frame, PortNumber inPort) {
        return build(factory, frame, Ports.toOf(inPort),
                     List.of(factory.actions().output(OFPort.TABLE, 0)));
    }

    /**
     * Sends a frame with the immediate actions of a treatment.
     *
     * @param factory   OpenFlow 1.3 factory
     * @param frame     Ethernet frame
     * @param inPort    in_port of the packet, or {@link PortNumber#CONTROLLER}
     * @param treatment immediate actions to apply
     * @return PACKET_OUT
     * @throws OfTranslationException if the treatment cannot be encoded
     */
    public static OFPacketOut withTreatment(OFFactory factory, byte[] frame, PortNumber inPort,
                                            TrafficTreatment treatment) {
        return build(factory, frame, Ports.toOf(inPort), FlowModEncoder.toActions(treatment, factory));
    }

    /**
     * Encodes an ONOS outbound packet (in_port = CONTROLLER).
     *
     * @param factory OpenFlow 1.3 factory
     * @param packet  outbound packet
     * @return PACKET_OUT
     */
    public static OFPacketOut fromOutbound(OFFactory factory, OutboundPacket packet) {
        ByteBuffer data = packet.data().duplicate();
        byte[] frame = new byte[data.remaining()];
        data.get(frame);
        return withTreatment(factory, frame, PortNumber.CONTROLLER, packet.treatment());
    }

    private static OFPacketOut build(OFFactory factory, byte[] frame, OFPort inPort, List<OFAction> actions) {
        FlowModEncoder.checkVersion(factory);
        return factory.buildPacketOut()
                .setXid(factory.nextXid())
                .setBufferId(OFBufferId.NO_BUFFER)
                .setInPort(inPort)
                .setActions(actions)
                .setData(frame)
                .build();
    }
}
