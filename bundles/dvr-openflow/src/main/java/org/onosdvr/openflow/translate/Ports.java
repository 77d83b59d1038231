package org.onosdvr.openflow.translate;

import org.onosproject.net.PortNumber;
import org.projectfloodlight.openflow.types.OFPort;

/**
 * ONOS {@link PortNumber} to and from OpenFlow 1.3 {@link OFPort}, including the reserved ports.
 */
final class Ports {

    private Ports() {
    }

    static OFPort toOf(PortNumber port) {
        if (port.equals(PortNumber.IN_PORT)) {
            return OFPort.IN_PORT;
        }
        if (port.equals(PortNumber.CONTROLLER)) {
            return OFPort.CONTROLLER;
        }
        if (port.equals(PortNumber.TABLE)) {
            return OFPort.TABLE;
        }
        if (port.equals(PortNumber.LOCAL)) {
            return OFPort.LOCAL;
        }
        if (port.equals(PortNumber.FLOOD)) {
            return OFPort.FLOOD;
        }
        if (port.equals(PortNumber.ALL)) {
            return OFPort.ALL;
        }
        if (port.equals(PortNumber.NORMAL)) {
            return OFPort.NORMAL;
        }
        if (port.equals(PortNumber.ANY)) {
            return OFPort.ANY;
        }
        long number = port.toLong();
        if (number < 1 || number > 0xffffff00L) {
            throw new OfTranslationException("port " + port + " is not a valid OpenFlow 1.3 port");
        }
        return OFPort.of((int) number);
    }

    static PortNumber fromOf(OFPort port) {
        if (port.equals(OFPort.IN_PORT)) {
            return PortNumber.IN_PORT;
        }
        if (port.equals(OFPort.CONTROLLER)) {
            return PortNumber.CONTROLLER;
        }
        if (port.equals(OFPort.TABLE)) {
            return PortNumber.TABLE;
        }
        if (port.equals(OFPort.LOCAL)) {
            return PortNumber.LOCAL;
        }
        if (port.equals(OFPort.FLOOD)) {
            return PortNumber.FLOOD;
        }
        if (port.equals(OFPort.ALL)) {
            return PortNumber.ALL;
        }
        if (port.equals(OFPort.NORMAL)) {
            return PortNumber.NORMAL;
        }
        if (port.equals(OFPort.ANY)) {
            return PortNumber.ANY;
        }
        return PortNumber.portNumber(port.getPortNumber() & 0xffffffffL);
    }
}
