package org.onosdvr.app.gateway;

import com.google.common.hash.Hashing;
import org.onosdvr.api.DvrNode;
import org.onosdvr.api.DvrSnapshot;
import org.onosdvr.api.GatewayAssignment;
import org.onosdvr.api.Router;
import org.onosdvr.api.RouterId;
import org.onosproject.net.DeviceId;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * Chooses the SNAT gateway of each router by rendezvous (highest-random-weight) hashing: every candidate gateway
 * gets a pseudo-random weight for the pair (router, gateway); the heaviest is the primary, the others follow as
 * backups in weight order. Adding or removing one of N gateways only moves the routers whose primary it becomes
 * or was (about 1/N of them), and every cluster member computes the same answer. Assignments are sticky
 * ({@link #keep}): a primary that is up is never taken away, so only its failure or an explicit rebalance moves
 * a router. Pure functions.
 */
public final class GatewaySelector {

    private GatewaySelector() {
    }

    /**
     * Tells whether a router needs a gateway node: for its default SNAT, or to host it when it is a legacy
     * (centralized) router.
     *
     * @param router router
     * @return true if it needs an assignment
     */
    public static boolean needsGateway(Router router) {
        return router.snatEnabled() || !router.distributed();
    }

    /**
     * Weight of a gateway for a router.
     *
     * @param router router
     * @param device gateway node
     * @return pseudo-random, stable weight
     */
    static long weight(RouterId router, DeviceId device) {
        return Hashing.murmur3_128().hashString(router + "|" + device, StandardCharsets.UTF_8).asLong();
    }

    /**
     * Ranks candidate gateways for one router.
     *
     * @param router     router
     * @param candidates usable gateway nodes
     * @return assignment (primary + ordered backups), empty without candidates
     */
    public static Optional<GatewayAssignment> select(RouterId router, Collection<DeviceId> candidates) {
        List<DeviceId> ranked = candidates.stream().distinct()
                .sorted(Comparator.comparingLong((DeviceId d) -> weight(router, d)).reversed()
                                .thenComparing(DeviceId::toString))
                .collect(Collectors.toList());
        if (ranked.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new GatewayAssignment(router, ranked.get(0), ranked.subList(1, ranked.size())));
    }

    /**
     * Sticky variant of {@link #select}: a current primary that is still a candidate stays primary (its SNAT
     * connections live in its conntrack; moving it would reset them), and the backups are the other candidates in
     * rank order. Without a usable current primary this is {@link #select}, whose first choice is the old first
     * backup still up: the hot backup the data plane already failed over to.
     *
     * @param router     router
     * @param current    its current assignment, if any
     * @param candidates usable gateway nodes
     * @return assignment, empty without candidates
     */
    public static Optional<GatewayAssignment> keep(RouterId router, Optional<GatewayAssignment> current,
                                                   Collection<DeviceId> candidates) {
        Optional<GatewayAssignment> ranked = select(router, candidates);
        if (ranked.isEmpty() || current.isEmpty() || !candidates.contains(current.get().primary())
                || ranked.get().primary().equals(current.get().primary())) {
            return ranked;
        }
        DeviceId primary = current.get().primary();
        List<DeviceId> backups = new ArrayList<>();
        backups.add(ranked.get().primary());
        ranked.get().backups().stream().filter(d -> !d.equals(primary)).forEach(backups::add);
        return Optional.of(new GatewayAssignment(router, primary, backups));
    }

    /**
     * Computes the assignments of a whole snapshot, sticky ({@link #keep}): a gateway that joins or comes back
     * takes no router away from a primary that is up; it becomes a backup, and primary of new routers and of
     * routers whose primary fails. A router that needs a gateway while no gateway node is usable keeps its
     * current assignment if that still names gateway nodes (nothing better exists).
     *
     * @param s         state
     * @param available tells whether a device is up
     * @return assignment per router that needs one and can have one
     */
    public static Map<RouterId, GatewayAssignment> assign(DvrSnapshot s, Predicate<DeviceId> available) {
        return assign(s, available, false);
    }

    /**
     * Computes the assignments of a whole snapshot.
     *
     * @param s         state
     * @param available tells whether a device is up
     * @param rebalance true: pure rendezvous ranking ({@link #select}), moving routers whose ranked primary is
     *                  not their current one (their SNAT connections reset); false: sticky, as
     *                  {@link #assign(DvrSnapshot, Predicate)}
     * @return assignment per router that needs one and can have one
     */
    public static Map<RouterId, GatewayAssignment> assign(DvrSnapshot s, Predicate<DeviceId> available,
                                                          boolean rebalance) {
        List<DeviceId> candidates = new ArrayList<>();
        for (DvrNode n : s.nodes()) {
            if (n.role().isGateway() && available.test(n.deviceId())) {
                candidates.add(n.deviceId());
            }
        }
        Map<RouterId, GatewayAssignment> result = new LinkedHashMap<>();
        for (Router r : s.routers()) {
            if (!needsGateway(r)) {
                continue;
            }
            Optional<GatewayAssignment> a = rebalance ? select(r.id(), candidates)
                    : keep(r.id(), s.gatewayAssignment(r.id()), candidates);
            if (a.isPresent()) {
                result.put(r.id(), a.get());
            } else {
                s.gatewayAssignment(r.id()).ifPresent(old -> result.put(r.id(), old));
            }
        }
        return result;
    }
}
