package org.onosdvr.app.manager;

import com.google.common.hash.Hashing;
import org.onlab.packet.MacAddress;
import org.onosdvr.api.DvrException;
import org.onosdvr.api.DvrSnapshot;

import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;

/**
 * Allocation of the small identifiers the admin service hands out: router keys and node indexes (lowest free,
 * like OVN's tunnel keys) and router MACs (deterministic: the same object gets the same MAC on every cluster
 * member and after a restart, unless that MAC is taken).
 */
public final class Allocations {

    /** Organisationally unique prefix of allocated router MACs (the one Neutron uses for its ports). */
    public static final long MAC_PREFIX = 0xfa163eL << 24;

    private static final long LOW_24 = 0xffffffL;

    private Allocations() {
    }

    /**
     * Returns the lowest value in 1..max that is not used.
     *
     * @param used values in use
     * @param max  largest value
     * @param what what is allocated (for the error)
     * @return free value
     * @throws DvrException CONFLICT when all values are used
     */
    public static int lowestFree(Set<Integer> used, int max, String what) {
        for (int i = 1; i <= max; i++) {
            if (!used.contains(i)) {
                return i;
            }
        }
        throw DvrException.conflict("no free %s left (all %d are used)", what, max);
    }

    /**
     * Returns a MAC derived from a seed: {@code fa:16:3e} + 24 bits of the seed's hash, the next free one if
     * that is taken.
     *
     * @param seed string naming the owner, e.g. "router-interface:r1/s1"
     * @param used MACs in use
     * @return unused unicast MAC
     */
    public static MacAddress mac(String seed, Set<MacAddress> used) {
        long low = Hashing.murmur3_32().hashString(seed, StandardCharsets.UTF_8).asInt() & LOW_24;
        for (long i = 0; i <= LOW_24; i++) {
            long candidate = (low + i) & LOW_24;
            MacAddress mac = MacAddress.valueOf(MAC_PREFIX | candidate);
            if (candidate != 0 && !used.contains(mac)) {
                return mac;
            }
        }
        throw DvrException.conflict("no free MAC address left");
    }

    /**
     * Collects every MAC of a snapshot that a new router MAC must not collide with: VM ports, router
     * interfaces, router external gateways and node DVR MACs.
     *
     * @param s snapshot
     * @return MACs in use
     */
    public static Set<MacAddress> usedMacs(DvrSnapshot s) {
        Set<MacAddress> used = new HashSet<>();
        s.ports().forEach(p -> used.add(p.mac()));
        s.routerInterfaces().forEach(i -> used.add(i.mac()));
        s.routers().forEach(r -> r.externalGateway().ifPresent(g -> used.add(g.mac())));
        s.nodes().forEach(n -> used.add(n.dvrMac()));
        return used;
    }
}
