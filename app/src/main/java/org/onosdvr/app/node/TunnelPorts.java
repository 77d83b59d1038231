package org.onosdvr.app.node;

import org.onlab.packet.IpAddress;
import org.onosdvr.api.FailoverTunnel;
import org.onosproject.net.AnnotationKeys;
import org.onosproject.net.Port;
import org.onosproject.net.PortNumber;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Recognises a switch's VXLAN tunnel port by its name: "vxlan0", then "vxlan", then any name starting with
 * "vxlan" or "tun" (lowest port number first); and its BFD failover tunnel ports by
 * {@link FailoverTunnel#portName}. Pure.
 */
public final class TunnelPorts {

    private TunnelPorts() {
    }

    private static int rank(String name) {
        if ("vxlan0".equals(name)) {
            return 0;
        }
        if ("vxlan".equals(name)) {
            return 1;
        }
        if (name.startsWith("vxlan") || name.startsWith("tun")) {
            return 2;
        }
        return -1;
    }

    /**
     * Finds the tunnel port among a switch's ports.
     *
     * @param ports ports of the switch
     * @return the tunnel port number, if one is recognised
     */
    public static Optional<PortNumber> find(List<Port> ports) {
        return ports.stream()
                .filter(p -> !p.number().isLogical())
                .filter(p -> rank(name(p)) >= 0)
                .min(Comparator.comparingInt((Port p) -> rank(name(p))).thenComparingLong(p -> p.number().toLong()))
                .map(Port::number);
    }

    /**
     * Finds the failover tunnel ports among a switch's ports.
     *
     * @param ports  ports of the switch
     * @param selfIp the node's own tunnel IP (a port named after it is not a failover port)
     * @return port number by peer tunnel IP
     */
    public static Map<IpAddress, PortNumber> failoverPorts(List<Port> ports, IpAddress selfIp) {
        Map<IpAddress, PortNumber> found = new TreeMap<>();
        for (Port p : ports) {
            if (p.number().isLogical()) {
                continue;
            }
            FailoverTunnel.peerOf(name(p)).filter(ip -> !ip.equals(selfIp))
                    .ifPresent(ip -> found.merge(ip, p.number(),
                                                 (a, b) -> a.toLong() <= b.toLong() ? a : b));
        }
        return found;
    }

    private static String name(Port p) {
        String name = p.annotations().value(AnnotationKeys.PORT_NAME);
        return name == null ? "" : name;
    }
}
