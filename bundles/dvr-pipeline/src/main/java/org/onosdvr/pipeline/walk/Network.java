/*
 * Copyright 2024-present Open Networking Foundation
 *
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at
 *
 *     http://www.apache.org/licenses/LICENSE-2.0
 *
 * Unless required by applicable law or agreed to in writing, software
 * distributed under the License is distributed on an "AS IS" BASIS,
 * WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
 * See the License for the specific language governing permissions and
 * limitations under the License.
 */
package org.onosdvr.pipeline.walk;

import org.onlab.packet.Ip4Address;
import org.onlab.packet.IpAddress;
import org.onlab.packet.MacAddress;
import org.onosproject.net.ConnectPoint;
import org.onosproject.net.DeviceId;
import org.onosproject.net.PortNumber;
import org.onosproject.net.flow.FlowRule;
import org.onosproject.net.group.GroupDescription;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static com.google.common.base.Preconditions.checkArgument;

/**
 * Several switches, their flow tables, and what connects them: an overlay (tunnel port and endpoint IP per
 * device) and L2 segments joining device ports and hosts (a VM port, a link, a shared external network).
 * <p>
 * A segment behaves as a hub: a frame output onto it reaches every other member; a host with a MAC accepts
 * only frames for that MAC or broadcast/multicast. Conntrack state is held here and persists across walks.
 */
public final class Network {
    private final Map<DeviceId, DeviceTables> tables;
    private final Map<DeviceId, Tunnel> tunnels;
    private final Map<Ip4Address, DeviceId> tunnelOwners;
    private final Map<ConnectPoint, Segment> segmentOfPort;
    private final Map<String, Segment> segmentOfHost;
    private final RuleProvenance provenance;
    private final Limits limits;
    /** One connection tracker per device, as each switch (each node's datapath) has its own. */
    private final Map<DeviceId, Conntrack> conntracks = new java.util.concurrent.ConcurrentHashMap<>();
    private final Set<ConnectPoint> downPorts;
    private final Set<DeviceId> downDevices;
    private final Map<ConnectPoint, DeviceId> watches;

    private Network(Builder b) {
        b.tables.values().forEach(DeviceTables::checkGroups);
        this.tables = Collections.unmodifiableMap(new LinkedHashMap<>(b.tables));
        this.downPorts = Set.copyOf(b.downPorts);
        this.downDevices = Set.copyOf(b.downDevices);
        this.watches = Map.copyOf(b.watches);
        this.tunnels = Map.copyOf(b.tunnels);
        Map<Ip4Address, DeviceId> owners = new HashMap<>();
        b.tunnels.forEach((d, t) -> owners.put(t.ip, d));
        this.tunnelOwners = Map.copyOf(owners);
        Map<ConnectPoint, Segment> byPort = new HashMap<>();
        Map<String, Segment> byHost = new HashMap<>();
        for (Segment s : b.segments.values()) {
            s.ports.forEach(p -> byPort.put(p, s));
            s.hosts.keySet().forEach(h -> byHost.put(h, s));
        }
        this.segmentOfPort = Map.copyOf(byPort);
        this.segmentOfHost = Map.copyOf(byHost);
        this.provenance = b.provenance;
        this.limits = new Limits(b.maxDeviceVisits, b.maxLookups);
    }

    /**
     * Returns a new builder.
     *
     * @return builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Sends a packet from a host: it enters every device port of the host's segment.
     *
     * @param host   host name
     * @param packet packet (its in_port and pipeline fields are reset)
     * @return result
     */
    public WalkResult send(String host, Packet packet) {
        Segment s = segmentOfHost.get(host);
        checkArgument(s != null, "unknown host %s", host);
        Walker w = new Walker(this);
        for (ConnectPoint cp : s.ports) {
            w.enter(cp.deviceId(), Walker.onWire(packet, cp.port()), 0);
        }
        return w.result();
    }

    /**
     * Injects a packet into a device port, keeping its pipeline fields (tunnel id, metadata, ...).
     *
     * @param at     device and in port
     * @param packet packet
     * @return result
     */
    public WalkResult inject(ConnectPoint at, Packet packet) {
        Walker w = new Walker(this);
        w.enter(at.deviceId(), packet.with(Field.IN_PORT, at.port().toLong()), 0);
        return w.result();
    }

    /**
     * Returns the tables of a device.
     *
     * @param device device
     * @return tables (empty for a device without rules)
     */
    public DeviceTables tables(DeviceId device) {
        DeviceTables t = tables.get(device);
        return t == null ? new DeviceTables(device) : t;
    }

    /**
     * Returns the devices with rules or a tunnel.
     *
     * @return devices
     */
    public Set<DeviceId> devices() {
        Set<DeviceId> out = new LinkedHashSet<>(tables.keySet());
        out.addAll(tunnels.keySet());
        return out;
    }

    /**
     * Returns the connection tracker of a device, shared by all walks on this network.
     *
     * @param device device
     * @return its conntrack
     */
    public Conntrack conntrack(DeviceId device) {
        return conntracks.computeIfAbsent(device, d -> new Conntrack());
    }

    /**
     * Returns the connection tracker of the only device that has tracked connections (for single-switch
     * tests).
     *
     * @return conntrack
     * @throws IllegalStateException if several devices have one
     */
    public Conntrack conntrack() {
        if (conntracks.size() > 1) {
            throw new IllegalStateException("conntrack of which device? " + conntracks.keySet());
        }
        return conntracks.values().stream().findFirst().orElseGet(Conntrack::new);
    }

    /**
     * Returns the non-fatal findings of every device's tables.
     *
     * @return warnings
     */
    public List<String> warnings() {
        List<String> out = new ArrayList<>();
        tables.values().forEach(t -> out.addAll(t.warnings()));
        return out;
    }

    RuleProvenance provenance() {
        return provenance;
    }

    /**
     * @param device device
     * @return true if the device is down (it receives and forwards nothing)
     */
    boolean isDown(DeviceId device) {
        return downDevices.contains(device);
    }

    /**
     * A port is live unless it is down, or it watches a peer device (a BFD tunnel port) that is down.
     *
     * @param port device port
     * @return true if an OpenFlow fast-failover bucket watching it may be used
     */
    boolean isLive(ConnectPoint port) {
        if (downPorts.contains(port)) {
            return false;
        }
        DeviceId peer = watches.get(port);
        return peer == null || !downDevices.contains(peer);
    }

    Limits limits() {
        return limits;
    }

    Optional<PortNumber> tunnelPort(DeviceId device) {
        return Optional.ofNullable(tunnels.get(device)).map(t -> t.port);
    }

    Optional<Ip4Address> tunnelIp(DeviceId device) {
        return Optional.ofNullable(tunnels.get(device)).map(t -> t.ip);
    }

    Optional<DeviceId> tunnelOwner(Ip4Address ip) {
        return Optional.ofNullable(tunnelOwners.get(ip));
    }

    Optional<Segment> segment(ConnectPoint cp) {
        return Optional.ofNullable(segmentOfPort.get(cp));
    }

    /** Walk limits. */
    static final class Limits {
        final int maxDeviceVisits;
        final int maxLookups;
        final int maxResubmitDepth = 64;

        Limits(int maxDeviceVisits, int maxLookups) {
            this.maxDeviceVisits = maxDeviceVisits;
            this.maxLookups = maxLookups;
        }
    }

    private static final class Tunnel {
        private final PortNumber port;
        private final Ip4Address ip;

        Tunnel(PortNumber port, Ip4Address ip) {
            this.port = port;
            this.ip = ip;
        }
    }

    /** An L2 segment: device ports and hosts (name to MAC, null MAC = accepts every frame). */
    static final class Segment {
        final String name;
        final List<ConnectPoint> ports = new ArrayList<>();
        final Map<String, MacAddress> hosts = new LinkedHashMap<>();

        Segment(String name) {
            this.name = name;
        }

        boolean accepts(String host, MacAddress dst) {
            MacAddress mac = hosts.get(host);
            return mac == null || dst.isBroadcast() || dst.isMulticast() || dst.equals(mac);
        }
    }

    /**
     * Builder of networks.
     */
    public static final class Builder {
        private final Map<DeviceId, DeviceTables> tables = new LinkedHashMap<>();
        private final Map<DeviceId, Tunnel> tunnels = new HashMap<>();
        private final Map<String, Segment> segments = new LinkedHashMap<>();
        private final Map<ConnectPoint, String> portSegment = new HashMap<>();
        private final Set<String> hostNames = new LinkedHashSet<>();
        private RuleProvenance provenance = RuleProvenance.none();
        private int maxDeviceVisits = 64;
        private int maxLookups = 4096;
        private final Set<ConnectPoint> downPorts = new HashSet<>();
        private final Set<DeviceId> downDevices = new HashSet<>();
        private final Map<ConnectPoint, DeviceId> watches = new HashMap<>();

        private Builder() {
        }

        /**
         * Adds groups, by their device (OpenFlow add semantics: a second group with an id replaces the first).
         *
         * @param groups groups with their ids
         * @return this
         */
        public Builder groups(Collection<? extends GroupDescription> groups) {
            for (GroupDescription g : groups) {
                tables.computeIfAbsent(g.deviceId(), DeviceTables::new).addGroup(g);
            }
            return this;
        }

        /**
         * Declares that a port's liveness follows a peer device, as a BFD tunnel port does: live while the peer
         * is up.
         *
         * @param port the watching port
         * @param peer the device at the other end
         * @return this
         */
        public Builder watch(ConnectPoint port, DeviceId peer) {
            watches.put(port, peer);
            return this;
        }

        /**
         * Takes a port down (its fast-failover buckets are not used).
         *
         * @param port port
         * @return this
         */
        public Builder portDown(ConnectPoint port) {
            downPorts.add(port);
            return this;
        }

        /**
         * Takes a device down, as a crashed switch: it receives nothing, and ports watching it go down.
         *
         * @param device device
         * @return this
         */
        public Builder deviceDown(DeviceId device) {
            downDevices.add(device);
            return this;
        }

        /**
         * Adds rules, grouped by their device (OpenFlow add semantics; errors as in {@link DeviceTables}).
         *
         * @param rules rules
         * @return this
         */
        public Builder rules(Collection<? extends FlowRule> rules) {
            for (FlowRule r : rules) {
                tables.computeIfAbsent(r.deviceId(), DeviceTables::new).add(r);
            }
            return this;
        }

        /**
         * Declares a device (useful for a device without rules).
         *
         * @param device device
         * @return this
         */
        public Builder device(DeviceId device) {
            tables.computeIfAbsent(device, DeviceTables::new);
            return this;
        }

        /**
         * Declares a device's tunnel port and its local tunnel endpoint IP.
         *
         * @param device device
         * @param port   tunnel port
         * @param ip     endpoint IPv4 address (unique)
         * @return this
         */
        public Builder tunnel(DeviceId device, PortNumber port, IpAddress ip) {
            checkArgument(ip.isIp4(), "tunnel endpoints are IPv4: %s", ip);
            checkArgument(tunnels.values().stream().noneMatch(t -> t.ip.equals(ip.getIp4Address())),
                          "tunnel IP %s used twice", ip);
            checkArgument(!portSegment.containsKey(new ConnectPoint(device, port)),
                          "tunnel port %s/%s is on a segment", device, port);
            device(device);
            tunnels.put(device, new Tunnel(port, ip.getIp4Address()));
            return this;
        }

        /**
         * Puts device ports on a named L2 segment (creating it if needed).
         *
         * @param name  segment name
         * @param ports device ports
         * @return this
         */
        public Builder segment(String name, ConnectPoint... ports) {
            Segment s = segments.computeIfAbsent(name, Segment::new);
            for (ConnectPoint cp : ports) {
                String old = portSegment.putIfAbsent(cp, name);
                checkArgument(old == null || old.equals(name), "%s is already on segment %s", cp, old);
                Tunnel t = tunnels.get(cp.deviceId());
                checkArgument(t == null || !t.port.equals(cp.port()), "%s is a tunnel port", cp);
                if (!s.ports.contains(cp)) {
                    s.ports.add(cp);
                }
            }
            return this;
        }

        /**
         * Connects two device ports point to point.
         *
         * @param a one end
         * @param b other end
         * @return this
         */
        public Builder link(ConnectPoint a, ConnectPoint b) {
            return segment("link:" + a + "-" + b, a, b);
        }

        /**
         * Attaches a host accepting every frame to a device port.
         *
         * @param name host name (unique)
         * @param at   device port
         * @return this
         */
        public Builder host(String name, ConnectPoint at) {
            return host(name, at, null);
        }

        /**
         * Attaches a host to a device port (joining the port's segment if it has one).
         *
         * @param name host name (unique)
         * @param at   device port
         * @param mac  host MAC (frames to other unicast MACs are not accepted), null to accept all
         * @return this
         */
        public Builder host(String name, ConnectPoint at, MacAddress mac) {
            String seg = portSegment.getOrDefault(at, "host:" + name);
            segment(seg, at);
            return hostOnSegment(name, seg, mac);
        }

        /**
         * Attaches a host to a named segment.
         *
         * @param name    host name (unique)
         * @param segment segment name
         * @param mac     host MAC, null to accept all frames
         * @return this
         */
        public Builder hostOnSegment(String name, String segment, MacAddress mac) {
            checkArgument(hostNames.add(name), "host %s declared twice", name);
            segments.computeIfAbsent(segment, Segment::new).hosts.put(name, mac);
            return this;
        }

        /**
         * Sets the provenance shown in traces.
         *
         * @param provenance provenance
         * @return this
         */
        public Builder provenance(RuleProvenance provenance) {
            this.provenance = provenance;
            return this;
        }

        /**
         * Sets loop-protection limits.
         *
         * @param deviceVisits maximum device entries per walk
         * @param lookups      maximum table lookups per walk
         * @return this
         */
        public Builder limits(int deviceVisits, int lookups) {
            this.maxDeviceVisits = deviceVisits;
            this.maxLookups = lookups;
            return this;
        }

        /**
         * Builds the network.
         *
         * @return network
         */
        public Network build() {
            return new Network(this);
        }
    }
}
