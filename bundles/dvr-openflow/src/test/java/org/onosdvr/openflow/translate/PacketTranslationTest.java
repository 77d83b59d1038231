package org.onosdvr.openflow.translate;

import org.junit.Test;
import org.onlab.packet.ARP;
import org.onlab.packet.Ethernet;
import org.onlab.packet.Ip4Address;
import org.onlab.packet.MacAddress;
import org.onosproject.net.ConnectPoint;
import org.onosproject.net.PortNumber;
import org.onosproject.net.flow.DefaultTrafficTreatment;
import org.onosproject.net.packet.DefaultOutboundPacket;
import org.onosproject.net.packet.InboundPacket;
import org.projectfloodlight.openflow.protocol.OFPacketIn;
import org.projectfloodlight.openflow.protocol.OFPacketInReason;
import org.projectfloodlight.openflow.protocol.OFPacketOut;
import org.projectfloodlight.openflow.protocol.match.MatchField;
import org.projectfloodlight.openflow.types.OFBufferId;
import org.projectfloodlight.openflow.types.OFPort;
import org.projectfloodlight.openflow.types.TableId;
import org.projectfloodlight.openflow.types.U64;

import java.nio.ByteBuffer;
import java.util.List;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.fail;
import static org.onosdvr.openflow.translate.FlowTranslationTest.DID;
import static org.onosdvr.openflow.translate.OfCodecs.OF13;

/**
 * PACKET_OUT building and PACKET_IN decoding, through the wire encoding.
 */
public class PacketTranslationTest {

    private static byte[] arpRequest() {
        Ethernet eth = ARP.buildArpRequest(MacAddress.valueOf("fa:16:3e:00:00:01").toBytes(),
                Ip4Address.valueOf("10.0.0.5").toOctets(), Ip4Address.valueOf("10.0.0.1").toOctets(), (short) -1);
        return eth.serialize();
    }

    @Test
    public void packetOutToPort() {
        byte[] frame = arpRequest();
        OFPacketOut out = (OFPacketOut) OfCodecs.parse(OfCodecs.bytes(
                PacketOuts.toPort(OF13, frame, PortNumber.portNumber(4))));
        assertEquals(OFBufferId.NO_BUFFER, out.getBufferId());
        assertEquals(OFPort.CONTROLLER, out.getInPort());
        assertEquals(List.of(OF13.actions().output(OFPort.of(4), 0)), out.getActions());
        assertArrayEquals(frame, out.getData());
    }

    @Test
    public void packetOutThroughThePipeline() {
        byte[] frame = arpRequest();
        OFPacketOut out = (OFPacketOut) OfCodecs.parse(OfCodecs.bytes(
                PacketOuts.toTable(OF13, frame, PortNumber.portNumber(2))));
        assertEquals(OFPort.of(2), out.getInPort());
        assertEquals(List.of(OF13.actions().output(OFPort.TABLE, 0)), out.getActions());
    }

    @Test
    public void packetOutFromOutboundPacket() {
        byte[] frame = arpRequest();
        OFPacketOut out = PacketOuts.fromOutbound(OF13, new DefaultOutboundPacket(DID,
                DefaultTrafficTreatment.builder().setEthSrc(MacAddress.valueOf("fa:16:3e:00:00:fe"))
                        .setOutput(PortNumber.FLOOD).build(), ByteBuffer.wrap(frame)));
        assertEquals(2, out.getActions().size());
        assertEquals(OF13.actions().output(OFPort.FLOOD, 0), out.getActions().get(1));
        assertArrayEquals(frame, out.getData());
    }

    @Test
    public void packetInDecoding() {
        byte[] frame = arpRequest();
        OFPacketIn in = OF13.buildPacketIn()
                .setBufferId(OFBufferId.NO_BUFFER)
                .setTotalLen(frame.length)
                .setReason(OFPacketInReason.ACTION)
                .setTableId(TableId.of(1))
                .setCookie(U64.of(0x77))
                .setMatch(OF13.buildMatch().setExact(MatchField.IN_PORT, OFPort.of(3)).build())
                .setData(frame)
                .build();
        ReceivedPacket packet = ReceivedPacket.decode((OFPacketIn) OfCodecs.parse(OfCodecs.bytes(in)), DID);
        assertEquals(PortNumber.portNumber(3), packet.inPort());
        assertEquals(1, packet.tableId());
        assertEquals(0x77, packet.cookie());
        assertEquals(OFPacketInReason.ACTION, packet.reason());
        assertEquals(Ethernet.TYPE_ARP, packet.ethernet().getEtherType());
        ARP arp = (ARP) packet.ethernet().getPayload();
        assertEquals(ARP.OP_REQUEST, arp.getOpCode());
        InboundPacket inbound = packet.toInboundPacket();
        assertEquals(new ConnectPoint(DID, PortNumber.portNumber(3)), inbound.receivedFrom());
        assertEquals(Long.valueOf(0x77), inbound.cookie().get());
    }

    @Test
    public void packetInWithGarbageIsAClearError() {
        OFPacketIn in = OF13.buildPacketIn()
                .setBufferId(OFBufferId.NO_BUFFER)
                .setReason(OFPacketInReason.NO_MATCH)
                .setTableId(TableId.of(0))
                .setCookie(U64.of(0))
                .setMatch(OF13.buildMatch().setExact(MatchField.IN_PORT, OFPort.of(3)).build())
                .setData(new byte[5])
                .build();
        try {
            ReceivedPacket.decode(in, DID).ethernet();
            fail("5 bytes are not a frame");
        } catch (OfTranslationException e) {
            assertEquals(true, e.getMessage().contains("undecodable frame of 5 bytes"));
        }
    }
}
