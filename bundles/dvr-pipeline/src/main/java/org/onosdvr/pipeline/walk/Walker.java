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
import org.onosproject.net.ConnectPoint;
import org.onosproject.net.DeviceId;
import org.onosproject.net.PortNumber;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * One walk through a {@link Network}: depth first, every output copy followed to its end.
 */
final class Walker {
    private final Network network;
    private final Trace trace = new Trace();
    private final List<Delivery> deliveries = new ArrayList<>();
    private final List<Delivery> toController = new ArrayList<>();
    private final List<Drop> drops = new ArrayList<>();
    private final Set<List<Object>> visited = new HashSet<>();
    private int deviceVisits;
    private int lookups;
    private int emitted;

    Walker(Network network) {
        this.network = network;
    }

    WalkResult result() {
        return new WalkResult(deliveries, toController, drops, trace);
    }

    /**
     * Returns the packet as a device receives it from a wire: given in port, no tunnel, metadata or ct state.
     *
     * @param p    packet
     * @param port in port
     * @return packet
     */
    static Packet onWire(Packet p, PortNumber port) {
        return p.with(Field.IN_PORT, port.toLong()).with(Field.TUN_ID, 0).with(Field.TUN_DST, 0)
                .with(Field.METADATA, 0).with(Field.CT_STATE, 0).with(Field.CT_ZONE, 0).with(Field.CT_MARK, 0);
    }

    /**
     * A packet enters a device; runs the pipeline from table 0.
     *
     * @param device device
     * @param packet packet with in_port set
     * @param depth  trace depth
     */
    void enter(DeviceId device, Packet packet, int depth) {
        trace.add(new TraceStep(depth, TraceStep.Kind.DEVICE, device, -1, null, "bridge " + device + ": " + packet));
        if (++deviceVisits > network.limits().maxDeviceVisits) {
            record(device, -1, Drop.Reason.LOOP, "more than " + network.limits().maxDeviceVisits
                    + " device visits", packet, depth);
            return;
        }
        if (network.isDown(device)) {
            record(device, -1, Drop.Reason.DEVICE_DOWN, device + " is down", packet, depth);
            return;
        }
        if (!visited.add(List.of(device, packet))) {
            record(device, -1, Drop.Reason.LOOP, "same packet entered " + device + " again", packet, depth);
            return;
        }
        new DeviceRun(device, network.tables(device), depth).pass(0, packet);
    }

    private void record(DeviceId device, int table, Drop.Reason reason, String detail, Packet p, int depth) {
        drops.add(new Drop(device, table, reason, detail, p));
        trace.add(new TraceStep(depth, TraceStep.Kind.DROP, device, table, null, "drop (" + reason + "): "
                + detail));
    }

    private void output(String text, DeviceId device, int depth) {
        trace.add(new TraceStep(depth, TraceStep.Kind.OUTPUT, device, -1, null, text));
    }

    /** Forwards a packet output on a physical or tunnel port. */
    private void forward(DeviceId device, PortNumber port, Packet p, int depth) {
        if (network.tunnelPort(device).filter(port::equals).isPresent()) {
            tunnel(device, p, depth);
            return;
        }
        ConnectPoint cp = new ConnectPoint(device, port);
        Optional<Network.Segment> seg = network.segment(cp);
        if (seg.isEmpty()) {
            deliveries.add(new Delivery(device, port, null, p));
            output("output:" + port + " -> unattached port, delivered", device, depth);
            return;
        }
        Network.Segment s = seg.get();
        boolean reached = false;
        for (String host : s.hosts.keySet()) {
            if (s.accepts(host, p.ethDst())) {
                reached = true;
                deliveries.add(new Delivery(device, port, host, p));
                output("output:" + port + " -> delivered to " + host, device, depth);
            } else {
                output("output:" + port + " -> " + host + " ignores dl_dst=" + p.ethDst(), device, depth);
            }
        }
        for (ConnectPoint peer : s.ports) {
            if (!peer.equals(cp)) {
                reached = true;
                output("output:" + port + " -> segment " + s.name + " -> " + peer, device, depth);
                enter(peer.deviceId(), onWire(p, peer.port()), depth + 1);
            }
        }
        if (!reached) {
            record(device, -1, Drop.Reason.NOT_FOR_HOST, "no host on " + cp + " accepts dl_dst=" + p.ethDst(), p,
                   depth);
        }
    }

    private void tunnel(DeviceId device, Packet p, int depth) {
        Optional<Ip4Address> dst = p.tunnelDst();
        if (dst.isEmpty()) {
            record(device, -1, Drop.Reason.TUNNEL_UNREACHABLE, "tunnel output without tun_dst", p, depth);
            return;
        }
        Optional<DeviceId> peer = network.tunnelOwner(dst.get());
        if (peer.isEmpty() || peer.get().equals(device)) {
            record(device, -1, Drop.Reason.TUNNEL_UNREACHABLE,
                 "tun_dst=" + dst.get() + (peer.isEmpty() ? " is no known endpoint" : " is this device"), p, depth);
            return;
        }
        PortNumber in = network.tunnelPort(peer.get()).get();
        Packet received = onWire(p, in).with(Field.TUN_ID, p.tunnelId())
                .with(Field.TUN_DST, dst.get().toInt() & 0xffffffffL);
        output("output to tunnel tun_id=0x" + Long.toHexString(p.tunnelId()) + ",tun_dst=" + dst.get() + " -> "
                       + peer.get(), device, depth);
        enter(peer.get(), received, depth + 1);
    }

    /** How a pass through the tables ended. */
    private enum End { MISS, DONE, DROPPED }

    /** The processing of packets on one device; the action callbacks of its rules. */
    private final class DeviceRun implements ActionContext {
        private final DeviceId device;
        private final DeviceTables tables;
        private int depth;
        private int resubmitDepth;
        private int table;
        private End end;

        DeviceRun(DeviceId device, DeviceTables tables, int depth) {
            this.device = device;
            this.tables = tables;
            this.depth = depth;
        }

        /** A top-level pass (ingress or recirculation): a packet that ends without any output is a drop. */
        void pass(int firstTable, Packet p) {
            int before = emitted;
            Packet last = pipeline(firstTable, p);
            if (emitted == before && end != End.DROPPED) {
                if (end == End.MISS) {
                    record(device, table, Drop.Reason.TABLE_MISS, "no rule matched in table " + table, last, depth);
                } else {
                    record(device, table, Drop.Reason.NO_OUTPUT, "pipeline ended without output", last, depth);
                }
            }
        }

        /** Runs tables from firstTable following gotos; returns the packet at the end (null if dropped). */
        private Packet pipeline(int firstTable, Packet start) {
            Packet p = start;
            table = firstTable;
            while (true) {
                if (++lookups > network.limits().maxLookups) {
                    record(device, table, Drop.Reason.LOOP, "more than " + network.limits().maxLookups
                            + " table lookups", p, depth);
                    end = End.DROPPED;
                    return null;
                }
                final Packet current = p;
                Optional<FlowEntry> hit = tables.table(table).flatMap(t -> t.lookup(current));
                if (hit.isEmpty()) {
                    step(TraceStep.Kind.MISS, null, tableLabel() + " no match (miss)");
                    end = End.MISS;
                    return p;
                }
                FlowEntry e = hit.get();
                String why = network.provenance().explain(e.rule()).map(s -> "  # " + s).orElse("");
                step(TraceStep.Kind.RULE, e, tableLabel() + " " + e + why);
                depth++;
                for (Action a : e.actions()) {
                    step(TraceStep.Kind.ACTION, null, a.toString());
                    p = a.apply(p, this);
                    if (p == null) {
                        depth--;
                        end = End.DROPPED;
                        return null;
                    }
                }
                if (e.writesMetadata()) {
                    step(TraceStep.Kind.ACTION, null, e.metadataText());
                    p = e.writeMetadata(p);
                }
                depth--;
                if (e.gotoTable().isEmpty()) {
                    end = End.DONE;
                    return p;
                }
                table = e.gotoTable().get();
            }
        }

        private String tableLabel() {
            String name = network.provenance().tableName(device, table).map(n -> " [" + n + "]").orElse("");
            return String.format("%2d.%s", table, name);
        }

        private void step(TraceStep.Kind kind, FlowEntry e, String text) {
            trace.add(new TraceStep(depth, kind, device, table, e == null ? null : e.rule(), text));
        }

        @Override
        public void output(PortNumber port, Packet packet) {
            emitted++;
            if (port.equals(PortNumber.CONTROLLER)) {
                toController.add(new Delivery(device, port, null, packet));
                Walker.this.output("packet-in to controller", device, depth);
                return;
            }
            PortNumber out = port.equals(PortNumber.IN_PORT) ? packet.inPort() : port;
            if (!port.equals(PortNumber.IN_PORT) && out.equals(packet.inPort())) {
                record(device, table, Drop.Reason.OUTPUT_TO_IN_PORT, "output:" + port
                        + " is the in_port (use IN_PORT)", packet, depth);
                return;
            }
            forward(device, out, packet, depth);
        }

        @Override
        public void group(int groupId, Packet packet) {
            Optional<WalkGroup> found = tables.group(groupId);
            String name = "group:" + Integer.toUnsignedString(groupId);
            if (found.isEmpty()) {
                record(device, table, Drop.Reason.UNKNOWN_GROUP, name + " does not exist", packet, depth);
                return;
            }
            WalkGroup g = found.get();
            List<Integer> chosen = new ArrayList<>();
            if (g.type() == org.onosproject.net.group.GroupDescription.Type.ALL) {
                for (int i = 0; i < g.buckets().size(); i++) {
                    chosen.add(i);
                }
            } else {
                g.chosen(port -> network.isLive(new ConnectPoint(device, port))).ifPresent(chosen::add);
            }
            if (chosen.isEmpty()) {
                record(device, table, Drop.Reason.NO_LIVE_BUCKET, name + ": no bucket's watch port is live",
                       packet, depth);
                return;
            }
            depth++;
            for (int i : chosen) {
                WalkGroup.Bucket b = g.buckets().get(i);
                step(TraceStep.Kind.ACTION, null, name + " (" + g.type().name().toLowerCase() + ") bucket " + i
                        + (b.watchPort == null ? "" : " (watch_port " + b.watchPort + " live)"));
                Packet p = packet;
                depth++;
                for (Action a : b.actions) {
                    step(TraceStep.Kind.ACTION, null, a.toString());
                    p = a.apply(p, this);
                    if (p == null) {
                        break;
                    }
                }
                depth--;
            }
            depth--;
        }

        @Override
        public Packet resubmit(int target, Packet packet) {
            if (resubmitDepth >= network.limits().maxResubmitDepth) {
                record(device, table, Drop.Reason.LOOP, "resubmit depth over "
                        + network.limits().maxResubmitDepth, packet, depth);
                return null;
            }
            int savedTable = table;
            resubmitDepth++;
            depth++;
            Packet out = pipeline(target, packet);
            depth--;
            resubmitDepth--;
            table = savedTable;
            return out;
        }

        @Override
        public Packet conntrack(CtAction ct, Packet packet) {
            Packet tracked = network.conntrack(device).process(ct, packet);
            step(TraceStep.Kind.ACTION, null, "conntrack: ct_state=" + CtState.format(tracked.ctState())
                    + ",ct_zone=" + tracked.ctZone() + ",ct_mark=0x" + Long.toHexString(tracked.ctMark())
                    + (ct.nat().isPresent() ? " -> " + tracked : ""));
            Packet untracked = packet.with(Field.CT_STATE, 0).with(Field.CT_ZONE, 0).with(Field.CT_MARK, 0);
            if (ct.recircTable().isEmpty()) {
                return tracked.with(Field.CT_STATE, 0).with(Field.CT_ZONE, 0).with(Field.CT_MARK, 0);
            }
            emitted++;
            int savedTable = table;
            End savedEnd = end;
            depth++;
            step(TraceStep.Kind.ACTION, null, "recirculate to table " + ct.recircTable().get());
            pass(ct.recircTable().get(), tracked);
            depth--;
            table = savedTable;
            end = savedEnd;
            return untracked;
        }

        @Override
        public void drop(Drop.Reason reason, String detail, Packet packet) {
            record(device, table, reason, detail, packet, depth);
        }
    }
}
