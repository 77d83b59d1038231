package org.onosdvr.openflow.translate;

import org.onosproject.net.flow.Extension;
import org.onosproject.net.flow.instructions.ExtensionPropertyException;

/**
 * Reads extension properties by name, so the translation works with any implementation that uses ONOS's
 * property names (ours in {@code org.onosdvr.nicira}, or ONOS's driver classes).
 */
final class ExtensionProperties {

    private ExtensionProperties() {
    }

    static <T> T get(Extension extension, String name) {
        try {
            T value = extension.getPropertyValue(name);
            if (value == null) {
                throw new OfTranslationException("property " + name + " of " + extension + " is not set");
            }
            return value;
        } catch (ExtensionPropertyException | ClassCastException e) {
            throw new OfTranslationException("cannot read property " + name + " of " + extension, e);
        }
    }
}
