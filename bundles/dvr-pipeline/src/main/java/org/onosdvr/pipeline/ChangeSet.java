package org.onosdvr.pipeline;

import com.google.common.collect.Iterables;
import org.onosdvr.api.DvrSnapshot;
import org.onosdvr.api.FloatingIp;
import org.onosdvr.api.FloatingIpId;
import org.onosdvr.api.PortId;
import org.onosdvr.api.VmPort;

import java.util.Collection;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

/**
 * What differs between two snapshots, as the incremental compiler needs it: whether the structure (networks,
 * subnets, routers, interfaces, nodes, gateway assignments, base MAC) changed — then every device is recompiled
 * — and otherwise which VM ports and floating IPs changed and whether the external neighbors did. Found by
 * comparing the snapshots (a merge of the id-ordered collections, objects compared by identity first), or
 * given by the caller that made the change ({@link #of}).
 */
final class ChangeSet {

    private final boolean structural;
    private final Set<PortId> ports;
    private final Set<FloatingIpId> floatingIps;
    private final boolean neighbors;

    private ChangeSet(boolean structural, Set<PortId> ports, Set<FloatingIpId> floatingIps, boolean neighbors) {
        this.structural = structural;
        this.ports = ports;
        this.floatingIps = floatingIps;
        this.neighbors = neighbors;
    }

    /**
     * Compares two snapshots.
     *
     * @param prev previous snapshot
     * @param next next snapshot
     * @return what changed
     */
    static ChangeSet between(DvrSnapshot prev, DvrSnapshot next) {
        boolean structural = !prev.baseMac().equals(next.baseMac())
                || !same(prev.networks(), next.networks()) || !same(prev.subnets(), next.subnets())
                || !same(prev.routers(), next.routers()) || !same(prev.routerInterfaces(), next.routerInterfaces())
                || !same(prev.nodes(), next.nodes()) || !same(prev.gatewayAssignments(), next.gatewayAssignments());
        if (structural) {
            return new ChangeSet(true, Set.of(), Set.of(), true);
        }
        Set<PortId> ports = changed(prev.ports(), next.ports(), VmPort::id);
        Set<FloatingIpId> fips = changed(prev.floatingIps(), next.floatingIps(), FloatingIp::id);
        boolean neighbors = prev.neighbors() != next.neighbors()
                && !new HashSet<>(prev.neighbors()).equals(new HashSet<>(next.neighbors()));
        return new ChangeSet(false, ports, fips, neighbors);
    }

    /**
     * A change the caller knows: only these ports and floating IPs (by id) may differ.
     *
     * @param ports       ports added, changed or removed
     * @param floatingIps floating IPs added, changed or removed
     * @return the change
     */
    static ChangeSet of(Collection<PortId> ports, Collection<FloatingIpId> floatingIps) {
        return new ChangeSet(false, new LinkedHashSet<>(ports), new LinkedHashSet<>(floatingIps), false);
    }

    private static boolean same(Collection<?> a, Collection<?> b) {
        return a == b || (a.size() == b.size() && Iterables.elementsEqual(a, b));
    }

    /** Ids of the elements that differ between two id-ordered collections (a merge, O(n)). */
    private static <T, K extends Comparable<? super K>> Set<K> changed(Collection<T> prev, Collection<T> next,
                                                               Function<T, K> id) {
        Set<K> out = new LinkedHashSet<>();
        Iterator<T> a = prev.iterator();
        Iterator<T> b = next.iterator();
        T x = a.hasNext() ? a.next() : null;
        T y = b.hasNext() ? b.next() : null;
        while (x != null || y != null) {
            int c = x == null ? 1 : y == null ? -1 : id.apply(x).compareTo(id.apply(y));
            if (c == 0) {
                if (x != y && !Objects.equals(x, y)) {
                    out.add(id.apply(x));
                }
                x = a.hasNext() ? a.next() : null;
                y = b.hasNext() ? b.next() : null;
            } else if (c < 0) {
                out.add(id.apply(x));
                x = a.hasNext() ? a.next() : null;
            } else {
                out.add(id.apply(y));
                y = b.hasNext() ? b.next() : null;
            }
        }
        return out;
    }

    /** @return true if more than ports, floating IPs and external neighbors changed */
    boolean structural() {
        return structural;
    }

    /** @return ids of VM ports added, changed or removed */
    Set<PortId> ports() {
        return ports;
    }

    /** @return ids of floating IPs added, changed or removed */
    Set<FloatingIpId> floatingIps() {
        return floatingIps;
    }

    /** @return true if the external neighbors changed */
    boolean neighbors() {
        return neighbors;
    }

    /** @return true if nothing changed */
    boolean isEmpty() {
        return !structural && ports.isEmpty() && floatingIps.isEmpty() && !neighbors;
    }
}
