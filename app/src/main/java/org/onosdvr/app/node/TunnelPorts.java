package org.onosdvr.app.node;

import org.onosproject.net.AnnotationKeys;
import org.onosproject.net.Port;
import org.onosproject.net.PortNumber;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Recognises a switch's VXLAN tunnel port by its name: "vxlan0", then "vxlan", then any name starting with
 * "vxlan" or "tun" (lowest port number first). Pure.
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

    private static String name(Port p) {
        String name = p.annotations().value(AnnotationKeys.PORT_NAME);
        return name == null ? "" : name;
    }
}
