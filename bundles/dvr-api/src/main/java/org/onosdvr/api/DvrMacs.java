package org.onosdvr.api;

import org.onlab.packet.MacAddress;

import static org.onosdvr.api.Checks.check;
import static org.onosdvr.api.Checks.unicastMac;

/**
 * Per-node DVR MACs: routed packets leave a node with its own MAC, derived from a base MAC and the node index,
 * so the shared gateway MAC never appears on the overlay from two places.
 */
public final class DvrMacs {

    /** Default base MAC, the one Neutron DVR uses ({@code dvr_base_mac}). */
    public static final MacAddress DEFAULT_BASE_MAC = MacAddress.valueOf("fa:16:3f:00:00:00");

    /** Largest node index. */
    public static final int MAX_INDEX = 0xffff;

    private DvrMacs() {
    }

    /**
     * Returns the DVR MAC of a node.
     *
     * @param base  base MAC, unicast, its low 24 bits zero or small enough to hold the index
     * @param index node index, 1..{@link #MAX_INDEX}
     * @return base + index
     */
    public static MacAddress dvrMac(MacAddress base, int index) {
        checkBase(base);
        check(index >= 1 && index <= MAX_INDEX, "node index must be in 1..%d: %d", MAX_INDEX, index);
        return MacAddress.valueOf(base.toLong() + index);
    }

    /**
     * Validates a base MAC.
     *
     * @param base base MAC
     * @return the base MAC
     */
    public static MacAddress checkBase(MacAddress base) {
        unicastMac(base, "dvr_base_mac");
        check((base.toLong() & 0xffffffL) + MAX_INDEX <= 0xffffffL,
              "dvr_base_mac %s leaves no room for node indexes in its low 24 bits", base);
        return base;
    }
}
