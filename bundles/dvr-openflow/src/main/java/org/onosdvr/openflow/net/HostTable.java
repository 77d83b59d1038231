package org.onosdvr.openflow.net;

import com.google.common.collect.ImmutableSet;
import org.onlab.packet.IpAddress;
import org.onlab.packet.MacAddress;
import org.onlab.packet.VlanId;
import org.onosproject.net.ConnectPoint;
import org.onosproject.net.DefaultHost;
import org.onosproject.net.DeviceId;
import org.onosproject.net.Host;
import org.onosproject.net.HostId;
import org.onosproject.net.HostLocation;
import org.onosproject.net.host.HostEvent;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

import static org.onosproject.net.host.HostEvent.Type.HOST_ADDED;
import static org.onosproject.net.host.HostEvent.Type.HOST_MOVED;
import static org.onosproject.net.host.HostEvent.Type.HOST_REMOVED;
import static org.onosproject.net.host.HostEvent.Type.HOST_UPDATED;

/**
 * Learned hosts (MAC + VLAN), each with one location and the IPs seen for it. A host seen at another location
 * moves there (it keeps its IPs); an IP moves to the host that last claimed it, as in ONOS's host store.
 * Synchronized; hosts are immutable {@link DefaultHost}s.
 */
final class HostTable {

    private final Map<HostId, Host> hosts = new HashMap<>();

    /**
     * Learns a host seen at a location, optionally with an IP.
     *
     * @param mac      source MAC
     * @param vlan     VLAN (NONE when untagged)
     * @param location where it was seen
     * @param ip       its IP, or null
     * @return events, in order (an IP taken from another host updates that one first)
     */
    synchronized List<HostEvent> learn(MacAddress mac, VlanId vlan, ConnectPoint location, IpAddress ip) {
        List<HostEvent> events = new ArrayList<>();
        HostId id = HostId.hostId(mac, vlan);
        if (ip != null) {
            for (Host other : List.copyOf(hosts.values())) {
                if (!other.id().equals(id) && other.ipAddresses().contains(ip)) {
                    Set<IpAddress> ips = new HashSet<>(other.ipAddresses());
                    ips.remove(ip);
                    Host updated = host(other.id(), other.mac(), other.vlan(), other.location(), ips);
                    hosts.put(other.id(), updated);
                    events.add(new HostEvent(HOST_UPDATED, updated, other));
                }
            }
        }
        Host old = hosts.get(id);
        HostLocation loc = new HostLocation(location, System.currentTimeMillis());
        if (old == null) {
            Host h = host(id, mac, vlan, loc, ip == null ? Set.of() : Set.of(ip));
            hosts.put(id, h);
            events.add(new HostEvent(HOST_ADDED, h));
            return events;
        }
        Set<IpAddress> ips = new HashSet<>(old.ipAddresses());
        boolean newIp = ip != null && ips.add(ip);
        boolean moved = !new ConnectPoint(old.location().deviceId(), old.location().port()).equals(location);
        if (moved || newIp) {
            Host h = host(id, mac, vlan, moved ? loc : old.location(), ips);
            hosts.put(id, h);
            events.add(new HostEvent(moved ? HOST_MOVED : HOST_UPDATED, h, old));
        }
        return events;
    }

    /**
     * Removes every host located at a connect point (its port went away).
     *
     * @param point connect point
     * @return HOST_REMOVED events
     */
    synchronized List<HostEvent> removeAt(ConnectPoint point) {
        return removeIf(h -> h.location().deviceId().equals(point.deviceId())
                && h.location().port().equals(point.port()));
    }

    /**
     * Removes every host located on a device.
     *
     * @param deviceId device
     * @return HOST_REMOVED events
     */
    synchronized List<HostEvent> removeOn(DeviceId deviceId) {
        return removeIf(h -> h.location().deviceId().equals(deviceId));
    }

    private List<HostEvent> removeIf(Predicate<Host> p) {
        List<HostEvent> events = new ArrayList<>();
        for (Host h : List.copyOf(hosts.values())) {
            if (p.test(h)) {
                hosts.remove(h.id());
                events.add(new HostEvent(HOST_REMOVED, h));
            }
        }
        return events;
    }

    synchronized Set<Host> hosts() {
        return ImmutableSet.copyOf(hosts.values());
    }

    synchronized Host get(HostId id) {
        return hosts.get(id);
    }

    synchronized Set<Host> matching(Predicate<Host> p) {
        return hosts.values().stream().filter(p).collect(ImmutableSet.toImmutableSet());
    }

    private static Host host(HostId id, MacAddress mac, VlanId vlan, HostLocation loc, Set<IpAddress> ips) {
        return new DefaultHost(OpenFlowDeviceManager.PROVIDER_ID, id, mac, vlan, loc, ImmutableSet.copyOf(ips));
    }
}
