package org.onosdvr.app.gateway;

import org.onlab.packet.ARP;
import org.onlab.packet.Ethernet;
import org.onlab.packet.IpAddress;
import org.onlab.packet.MacAddress;
import org.onosproject.net.DeviceId;
import org.onosproject.net.PortNumber;
import org.onosproject.net.flow.DefaultTrafficTreatment;
import org.onosproject.net.packet.DefaultOutboundPacket;
import org.onosproject.net.packet.OutboundPacket;

import java.nio.ByteBuffer;

/**
 * The gratuitous ARP a new SNAT primary sends for its router's external IP: a broadcast ARP reply
 * (sender = target = the external IP, sender MAC = the router's external MAC), so the external network's
 * switches and hosts move the MAC to the new primary's port at once.
 */
final class GratuitousArp {

    private GratuitousArp() {
    }

    /**
     * @param device device to send from
     * @param port   its external port
     * @param mac    the router's external MAC
     * @param ip     the router's external IP
     * @return the packet-out
     */
    static OutboundPacket packet(DeviceId device, PortNumber port, MacAddress mac, IpAddress ip) {
        return new DefaultOutboundPacket(device, DefaultTrafficTreatment.builder().setOutput(port).build(),
                                         ByteBuffer.wrap(frame(mac, ip).serialize()));
    }

    /**
     * @param mac sender MAC
     * @param ip  announced IPv4 address
     * @return the Ethernet frame
     */
    static Ethernet frame(MacAddress mac, IpAddress ip) {
        byte[] addr = ip.getIp4Address().toOctets();
        ARP arp = new ARP();
        arp.setHardwareType(ARP.HW_TYPE_ETHERNET).setProtocolType(ARP.PROTO_TYPE_IP)
                .setHardwareAddressLength((byte) Ethernet.DATALAYER_ADDRESS_LENGTH)
                .setProtocolAddressLength((byte) 4).setOpCode(ARP.OP_REPLY)
                .setSenderHardwareAddress(mac.toBytes()).setSenderProtocolAddress(addr)
                .setTargetHardwareAddress(MacAddress.BROADCAST.toBytes()).setTargetProtocolAddress(addr);
        Ethernet eth = new Ethernet();
        eth.setEtherType(Ethernet.TYPE_ARP).setSourceMACAddress(mac).setDestinationMACAddress(MacAddress.BROADCAST)
                .setPayload(arp);
        return eth;
    }
}
