package org.onosdvr.pipeline;

import org.onosdvr.api.DvrNode;
import org.onosdvr.api.DvrSnapshot;
import org.onosdvr.api.FloatingIp;
import org.onosdvr.api.FloatingIpId;
import org.onosdvr.api.NetworkId;
import org.onosdvr.api.PortId;
import org.onosdvr.api.VmPort;
import org.onosproject.net.DeviceId;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * Which devices a change from one snapshot to the next can affect. Changes of ports, floating IPs and external
 * neighbors are scoped (see each method); any other change (networks, subnets, routers, interfaces, nodes,
 * gateway assignments, base MAC) affects every device. Over-approximating is safe (a recompiled device that
 * did not change yields no delta); the property test checks it never under-approximates.
 */
final class ChangeScope {

    private final DvrSnapshot prev;
    private final DvrTopology prevTopology;
    private final DvrSnapshot next;
    private final DvrTopology nextTopology;

    ChangeScope(DvrTopology prevTopology, DvrTopology nextTopology) {
        this.prev = prevTopology.snapshot();
        this.prevTopology = prevTopology;
        this.next = nextTopology.snapshot();
        this.nextTopology = nextTopology;
    }

    /** @return the previous port objects the next snapshot does not hold (changed, removed or rebuilt) */
    List<VmPort> changedPorts() {
        List<VmPort> out = new ArrayList<>();
        for (VmPort p : prev.ports()) {
            if (next.port(p.id()).orElse(null) != p) {
                out.add(p);
            }
        }
        return out;
    }

    /** @return devices whose rules may differ, in id order */
    SortedSet<DeviceId> affectedDevices() {
        SortedSet<DeviceId> out = new TreeSet<>(DvrTopology.DEVICE_ORDER);
        if (!sameStructure()) {
            prev.nodes().forEach(n -> out.add(n.deviceId()));
            next.nodes().forEach(n -> out.add(n.deviceId()));
            return out;
        }
        ports(out);
        floatingIps(out);
        if (!new HashSet<>(prev.neighbors()).equals(new HashSet<>(next.neighbors()))) {
            next.nodes().stream().filter(n -> n.externalPort().isPresent()).forEach(n -> out.add(n.deviceId()));
        }
        return out;
    }

    /** @return true if nothing but ports, floating IPs and external neighbors changed */
    boolean sameStructure() {
        return prev.baseMac().equals(next.baseMac())
                && same(prev.networks(), next.networks()) && same(prev.subnets(), next.subnets())
                && same(prev.routers(), next.routers()) && same(prev.routerInterfaces(), next.routerInterfaces())
                && same(prev.nodes(), next.nodes()) && same(prev.gatewayAssignments(), next.gatewayAssignments());
    }

    private static boolean same(Iterable<?> a, Iterable<?> b) {
        return com.google.common.collect.Iterables.elementsEqual(a, b);
    }

    /**
     * A changed port affects its old and new location nodes (their networks and routed routers may change)
     * and every node taking part in its network before or after (l2, flooding, arp_resolve).
     */
    private void ports(Set<DeviceId> out) {
        Set<PortId> ids = new HashSet<>();
        prev.ports().forEach(p -> ids.add(p.id()));
        next.ports().forEach(p -> ids.add(p.id()));
        for (PortId id : ids) {
            Optional<VmPort> before = prev.port(id);
            Optional<VmPort> after = next.port(id);
            if (before.equals(after)) {
                continue;
            }
            before.ifPresent(p -> port(p, out));
            after.ifPresent(p -> port(p, out));
        }
    }

    private void port(VmPort p, Set<DeviceId> out) {
        p.location().ifPresent(loc -> out.add(loc.deviceId()));
        NetworkId net = p.networkId();
        for (DvrNode n : next.nodes()) {
            if (prevTopology.networks(n.deviceId()).contains(net)
                    || nextTopology.networks(n.deviceId()).contains(net)) {
                out.add(n.deviceId());
            }
        }
    }

    /** A changed floating IP affects the nodes serving it before and after. */
    private void floatingIps(Set<DeviceId> out) {
        Set<FloatingIpId> ids = new HashSet<>();
        prev.floatingIps().forEach(f -> ids.add(f.id()));
        next.floatingIps().forEach(f -> ids.add(f.id()));
        for (FloatingIpId id : ids) {
            Optional<FloatingIp> before = prev.floatingIp(id);
            Optional<FloatingIp> after = next.floatingIp(id);
            if (Objects.equals(before, after)) {
                continue;
            }
            before.flatMap(prevTopology::fipNode).ifPresent(n -> out.add(n.deviceId()));
            after.flatMap(nextTopology::fipNode).ifPresent(n -> out.add(n.deviceId()));
        }
    }
}
