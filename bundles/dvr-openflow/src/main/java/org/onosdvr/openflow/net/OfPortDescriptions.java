package org.onosdvr.openflow.net;

import org.onosproject.net.AnnotationKeys;
import org.onosproject.net.DefaultAnnotations;
import org.onosproject.net.DefaultPort;
import org.onosproject.net.Device;
import org.onosproject.net.Port;
import org.onosproject.net.PortNumber;
import org.projectfloodlight.openflow.protocol.OFPortConfig;
import org.projectfloodlight.openflow.protocol.OFPortDesc;
import org.projectfloodlight.openflow.protocol.OFPortState;
import org.projectfloodlight.openflow.types.OFPort;

/**
 * OpenFlow 1.3 port descriptions as ONOS {@link Port}s, the way ONOS's OpenFlow device provider builds them:
 * number (LOCAL for the bridge port), enabled = neither config PORT_DOWN nor state LINK_DOWN, speed in Mbps
 * from {@code curr_speed} (kbps), annotations {@code portName} and {@code portMac}.
 */
final class OfPortDescriptions {

    private static final long KBPS_PER_MBPS = 1000;

    private OfPortDescriptions() {
    }

    static PortNumber number(OFPort port) {
        if (port.equals(OFPort.LOCAL)) {
            return PortNumber.LOCAL;
        }
        return PortNumber.portNumber(port.getPortNumber() & 0xffffffffL);
    }

    static boolean enabled(OFPortDesc desc) {
        return !desc.getConfig().contains(OFPortConfig.PORT_DOWN)
                && !desc.getState().contains(OFPortState.LINK_DOWN);
    }

    static Port toPort(Device device, OFPortDesc desc) {
        DefaultAnnotations annotations = DefaultAnnotations.builder()
                .set(AnnotationKeys.PORT_NAME, desc.getName())
                .set(AnnotationKeys.PORT_MAC, desc.getHwAddr().toString())
                .build();
        return new DefaultPort(device, number(desc.getPortNo()), enabled(desc), Port.Type.COPPER,
                               desc.getCurrSpeed() / KBPS_PER_MBPS, annotations);
    }

    /**
     * Whether two ports differ in anything ONOS shows (ONOS's {@code DefaultPort#equals} ignores annotations).
     *
     * @param a a port
     * @param b another port
     * @return true if state, speed, type or annotations differ
     */
    static boolean changed(Port a, Port b) {
        return a.isEnabled() != b.isEnabled() || a.portSpeed() != b.portSpeed() || a.type() != b.type()
                || !sameAnnotations(a, b);
    }

    private static boolean sameAnnotations(Port a, Port b) {
        if (!a.annotations().keys().equals(b.annotations().keys())) {
            return false;
        }
        for (String k : a.annotations().keys()) {
            if (!a.annotations().value(k).equals(b.annotations().value(k))) {
                return false;
            }
        }
        return true;
    }
}
