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

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A connection tracker: connections keyed by zone and 5-tuple, in both directions, with NAT.
 * <p>
 * State follows OVS: {@code +trk} always; {@code +new} until a reply was seen; {@code +est} afterwards and
 * for replies, which also get {@code +rpl}; {@code +snat}/{@code +dnat} when ct(nat) translated the packet.
 * {@code ct(commit, nat(src=A))} on a new connection records the translation; a later {@code ct(nat)} on
 * either direction applies it (forward or reverse). Lives in a {@link Network} so that state persists
 * across walks (send the request, then the reply).
 */
public final class Conntrack {
    private final Map<Key, Connection> connections = new HashMap<>();

    /**
     * Processes a packet through a ct action.
     *
     * @param ct     ct action
     * @param packet IPv4 packet
     * @return the packet with NAT applied and ct_state, ct_zone, ct_mark set
     */
    Packet process(CtAction ct, Packet packet) {
        int zone = ct.zone();
        Tuple t = Tuple.of(packet);
        Connection c = connections.get(new Key(zone, t));
        boolean reply = c != null && !c.original.equals(t);
        long state = CtState.TRK;
        if (c == null) {
            state |= CtState.NEW;
        } else if (reply) {
            state |= CtState.EST | CtState.RPL;
            c.replySeen = true;
        } else {
            state |= c.replySeen ? CtState.EST : CtState.NEW;
        }
        Packet out = packet;
        CtAction.Nat nat = ct.nat().orElse(null);
        if (nat != null && c != null) {
            out = (reply ? c.original.inverse() : c.reply.inverse()).applyTo(packet);
            state |= c.natState;
        } else if (nat != null && !nat.existingOnly()) {
            Tuple translated = translate(zone, t, nat);
            if (translated == null) {
                return setCt(packet, CtState.TRK | CtState.INV, zone, 0);
            }
            long natState = nat.source() ? CtState.SNAT : CtState.DNAT;
            out = translated.applyTo(packet);
            state |= natState;
            if (ct.commit()) {
                c = add(new Connection(zone, t, translated.inverse(), natState));
            }
        }
        if (ct.commit() && c == null) {
            if (connections.containsKey(new Key(zone, t.inverse()))) {
                return setCt(packet, CtState.TRK | CtState.INV, zone, 0);
            }
            c = add(new Connection(zone, t, t.inverse(), 0));
        }
        if (c != null && ct.commit() && ct.markLoad().isPresent()) {
            c.mark = ct.markLoad().get().applyTo(c.mark);
        }
        return setCt(out, state, zone, c == null ? 0 : c.mark);
    }

    private static Packet setCt(Packet p, long state, int zone, long mark) {
        return p.with(Field.CT_STATE, state).with(Field.CT_ZONE, zone).with(Field.CT_MARK, mark);
    }

    private Connection add(Connection c) {
        connections.put(new Key(c.zone, c.original), c);
        connections.put(new Key(c.zone, c.reply), c);
        return c;
    }

    /** Picks the translated tuple: the NAT address, the original port if in range, else the first free one. */
    private Tuple translate(int zone, Tuple t, CtAction.Nat nat) {
        long ip = nat.address().toInt() & 0xffffffffL;
        int original = nat.source() ? t.srcPort : t.dstPort;
        List<Integer> ports = new ArrayList<>();
        if (nat.portMin() == 0 || !t.hasPorts()) {
            ports.add(original);
        } else {
            if (original >= nat.portMin() && original <= nat.portMax()) {
                ports.add(original);
            }
            for (int p = nat.portMin(); p <= nat.portMax(); p++) {
                ports.add(p);
            }
        }
        for (int port : ports) {
            Tuple cand = nat.source() ? new Tuple(t.proto, ip, t.dst, port, t.dstPort)
                    : new Tuple(t.proto, t.src, ip, t.srcPort, port);
            if (!connections.containsKey(new Key(zone, cand.inverse()))) {
                return cand;
            }
        }
        return null;
    }

    /**
     * Returns the number of connections.
     *
     * @return count
     */
    public int size() {
        return new LinkedHashSet<>(connections.values()).size();
    }

    /**
     * Forgets every connection.
     */
    public void clear() {
        connections.clear();
    }

    /**
     * Dumps connections like {@code ovs-appctl dpctl/dump-conntrack}.
     *
     * @return one line per connection
     */
    public List<String> dump() {
        Set<Connection> unique = new LinkedHashSet<>(connections.values());
        List<String> out = new ArrayList<>();
        for (Connection c : unique) {
            out.add("proto=" + c.original.proto + ",orig=(" + c.original + "),reply=(" + c.reply + "),zone="
                            + c.zone + ",mark=" + c.mark + (c.replySeen ? ",replied" : ""));
        }
        return out;
    }

    /** An IPv4 5-tuple; ports are 0 for protocols without ports. */
    static final class Tuple {
        final int proto;
        final long src;
        final long dst;
        final int srcPort;
        final int dstPort;

        Tuple(int proto, long src, long dst, int srcPort, int dstPort) {
            this.proto = proto;
            this.src = src;
            this.dst = dst;
            this.srcPort = srcPort;
            this.dstPort = dstPort;
        }

        static Tuple of(Packet p) {
            return new Tuple(p.ipProto(), p.get(Field.IPV4_SRC), p.get(Field.IPV4_DST), p.tpSrc(), p.tpDst());
        }

        boolean hasPorts() {
            return proto == Field.IpProtocols.TCP || proto == Field.IpProtocols.UDP;
        }

        Tuple inverse() {
            return new Tuple(proto, dst, src, dstPort, srcPort);
        }

        Packet applyTo(Packet p) {
            Packet out = p.with(Field.IPV4_SRC, src).with(Field.IPV4_DST, dst);
            if (proto == Field.IpProtocols.TCP) {
                out = out.with(Field.TCP_SRC, srcPort).with(Field.TCP_DST, dstPort);
            } else if (proto == Field.IpProtocols.UDP) {
                out = out.with(Field.UDP_SRC, srcPort).with(Field.UDP_DST, dstPort);
            }
            return out;
        }

        @Override
        public boolean equals(Object o) {
            if (!(o instanceof Tuple)) {
                return false;
            }
            Tuple t = (Tuple) o;
            return proto == t.proto && src == t.src && dst == t.dst && srcPort == t.srcPort && dstPort == t.dstPort;
        }

        @Override
        public int hashCode() {
            return Objects.hash(proto, src, dst, srcPort, dstPort);
        }

        @Override
        public String toString() {
            return "src=" + Ip4Address.valueOf((int) src) + ",dst=" + Ip4Address.valueOf((int) dst)
                    + (hasPorts() ? ",sport=" + srcPort + ",dport=" + dstPort : "");
        }
    }

    private static final class Key {
        private final int zone;
        private final Tuple tuple;

        Key(int zone, Tuple tuple) {
            this.zone = zone;
            this.tuple = tuple;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key && ((Key) o).zone == zone && ((Key) o).tuple.equals(tuple);
        }

        @Override
        public int hashCode() {
            return Objects.hash(zone, tuple);
        }
    }

    private static final class Connection {
        private final int zone;
        private final Tuple original;
        private final Tuple reply;
        private final long natState;
        private long mark;
        private boolean replySeen;

        Connection(int zone, Tuple original, Tuple reply, long natState) {
            this.zone = zone;
            this.original = original;
            this.reply = reply;
            this.natState = natState;
        }
    }
}
