package org.onosdvr.openflow.translate;

import com.google.common.base.MoreObjects;
import org.onlab.packet.DeserializationException;
import org.onlab.packet.Ethernet;
import org.onosproject.net.ConnectPoint;
import org.onosproject.net.DeviceId;
import org.onosproject.net.PortNumber;
import org.onosproject.net.packet.DefaultInboundPacket;
import org.onosproject.net.packet.InboundPacket;
import org.projectfloodlight.openflow.protocol.OFPacketIn;
import org.projectfloodlight.openflow.protocol.OFPacketInReason;
import org.projectfloodlight.openflow.protocol.match.MatchField;
import org.projectfloodlight.openflow.types.OFPort;

import java.nio.ByteBuffer;

/**
 * A decoded OpenFlow 1.3 PACKET_IN.
 */
public final class ReceivedPacket {

    private final DeviceId deviceId;
    private final PortNumber inPort;
    private final int tableId;
    private final long cookie;
    private final OFPacketInReason reason;
    private final byte[] frame;

    private ReceivedPacket(DeviceId deviceId, PortNumber inPort, int tableId, long cookie,
                           OFPacketInReason reason, byte[] frame) {
        this.deviceId = deviceId;
        this.inPort = inPort;
        this.tableId = tableId;
        this.cookie = cookie;
        this.reason = reason;
        this.frame = frame;
    }

    /**
     * Decodes a PACKET_IN (OpenFlow 1.3: the ingress port is the IN_PORT of its match).
     *
     * @param packetIn message
     * @param deviceId switch it came from
     * @return decoded packet
     * @throws OfTranslationException if the message has no in_port
     */
    public static ReceivedPacket decode(OFPacketIn packetIn, DeviceId deviceId) {
        OFPort port = packetIn.getMatch().get(MatchField.IN_PORT);
        if (port == null) {
            throw new OfTranslationException("PACKET_IN without IN_PORT in its match: " + packetIn);
        }
        return new ReceivedPacket(deviceId, Ports.fromOf(port), packetIn.getTableId().getValue(),
                                  packetIn.getCookie().getValue(), packetIn.getReason(), packetIn.getData());
    }

    /**
     * Returns the device.
     *
     * @return device id
     */
    public DeviceId deviceId() {
        return deviceId;
    }

    /**
     * Returns the ingress port.
     *
     * @return port
     */
    public PortNumber inPort() {
        return inPort;
    }

    /**
     * Returns the table that sent the packet.
     *
     * @return table id
     */
    public int tableId() {
        return tableId;
    }

    /**
     * Returns the cookie of the flow that sent the packet (all ones for a table miss without flow).
     *
     * @return cookie
     */
    public long cookie() {
        return cookie;
    }

    /**
     * Returns the reason.
     *
     * @return reason
     */
    public OFPacketInReason reason() {
        return reason;
    }

    /**
     * Returns the raw frame.
     *
     * @return a copy of the frame bytes
     */
    public byte[] frame() {
        return frame.clone();
    }

    /**
     * Parses the frame.
     *
     * @return Ethernet packet
     * @throws OfTranslationException if the frame is not valid Ethernet
     */
    public Ethernet ethernet() {
        try {
            return Ethernet.deserializer().deserialize(frame, 0, frame.length);
        } catch (DeserializationException | RuntimeException e) {
            throw new OfTranslationException("undecodable frame of " + frame.length + " bytes from "
                    + deviceId + "/" + inPort, e);
        }
    }

    /**
     * Converts to an ONOS inbound packet.
     *
     * @return inbound packet (cookie included)
     */
    public InboundPacket toInboundPacket() {
        return new DefaultInboundPacket(new ConnectPoint(deviceId, inPort), ethernet(),
                                        ByteBuffer.wrap(frame()), java.util.Optional.of(cookie));
    }

    @Override
    public String toString() {
        return MoreObjects.toStringHelper(this)
                .add("deviceId", deviceId)
                .add("inPort", inPort)
                .add("table", tableId)
                .add("cookie", "0x" + Long.toHexString(cookie))
                .add("reason", reason)
                .add("bytes", frame.length)
                .toString();
    }
}
