package org.onosdvr.cli;

import org.onosdvr.api.FloatingIp;

/**
 * How the floating IP commands describe an association.
 */
final class FipText {

    private FipText() {
    }

    static String association(FloatingIp f) {
        return f.associated() ? " -> " + f.fixedIp().map(Object::toString).orElse("?") + " of port "
                + f.portId().get() + " via router " + f.routerId().map(Object::toString).orElse("?")
                : ", not associated";
    }
}
