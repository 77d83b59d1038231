package org.onosdvr.openflow.net;

import org.onlab.packet.ARP;
import org.onlab.packet.Ethernet;
import org.onlab.packet.Ip4Address;
import org.onlab.packet.MacAddress;
import org.onosproject.net.AnnotationKeys;
import org.onosproject.net.ConnectPoint;
import org.onosproject.net.Device;
import org.onosproject.net.Port;
import org.onosproject.net.device.DeviceService;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * ARP requests the host service sends to find an IP's MAC, and the ports they go out of.
 * <p>
 * Ports: the configured list of connect points if any, else every enabled port of every available device whose
 * name matches a glob (default {@code ext*}, the external ports). Sender: a configurable locally administered
 * MAC and, by default, IP 0.0.0.0 — an RFC 5227 ARP probe: the target answers (to the probe MAC) but no
 * neighbour adds or changes a cache entry for it, so probing is harmless on a shared external network.
 */
final class ArpProbes {

    private final List<ConnectPoint> ports;
    private final Pattern namePattern;
    private final MacAddress sourceMac;
    private final Ip4Address sourceIp;

    ArpProbes(List<ConnectPoint> ports, String nameGlob, MacAddress sourceMac, Ip4Address sourceIp) {
        this.ports = List.copyOf(ports);
        this.namePattern = glob(nameGlob);
        this.sourceMac = sourceMac;
        this.sourceIp = sourceIp;
    }

    MacAddress sourceMac() {
        return sourceMac;
    }

    /**
     * Ports probes go out of.
     *
     * @param devices device service
     * @return connect points
     */
    List<ConnectPoint> ports(DeviceService devices) {
        if (!ports.isEmpty()) {
            return ports;
        }
        List<ConnectPoint> out = new ArrayList<>();
        for (Device d : devices.getAvailableDevices()) {
            for (Port p : devices.getPorts(d.id())) {
                String name = p.annotations().value(AnnotationKeys.PORT_NAME);
                if (p.isEnabled() && name != null && namePattern.matcher(name).matches()) {
                    out.add(new ConnectPoint(d.id(), p.number()));
                }
            }
        }
        return out;
    }

    /**
     * A broadcast ARP request for a target IP.
     *
     * @param target IPv4 address
     * @return Ethernet frame
     */
    Ethernet request(Ip4Address target) {
        ARP arp = new ARP();
        arp.setHardwareType(ARP.HW_TYPE_ETHERNET)
                .setProtocolType(ARP.PROTO_TYPE_IP)
                .setHardwareAddressLength((byte) Ethernet.DATALAYER_ADDRESS_LENGTH)
                .setProtocolAddressLength((byte) Ip4Address.BYTE_LENGTH)
                .setOpCode(ARP.OP_REQUEST)
                .setSenderHardwareAddress(sourceMac.toBytes())
                .setSenderProtocolAddress(sourceIp.toOctets())
                .setTargetHardwareAddress(MacAddress.ZERO.toBytes())
                .setTargetProtocolAddress(target.toOctets());
        Ethernet eth = new Ethernet();
        eth.setEtherType(Ethernet.TYPE_ARP)
                .setSourceMACAddress(sourceMac)
                .setDestinationMACAddress(MacAddress.BROADCAST)
                .setPayload(arp);
        return eth;
    }

    static Pattern glob(String glob) {
        StringBuilder re = new StringBuilder();
        for (char c : glob.toCharArray()) {
            if (c == '*') {
                re.append(".*");
            } else if (c == '?') {
                re.append('.');
            } else {
                re.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(re.toString());
    }
}
