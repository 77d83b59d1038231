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

import java.util.Optional;
import java.util.Set;

/**
 * Nicira ct: send the packet through the {@link Conntrack} table of the network, optionally committing
 * the connection, applying NAT, setting the mark, and recirculating to a table.
 * <p>
 * As in OVS, with {@code table=T} the pipeline forks: the recirculated copy resumes at table T with ct_state,
 * ct_zone and ct_mark set and NAT applied; the original continues the current action list untracked and
 * unmodified. Without a table the packet is not re-injected; the original continues untracked but with NAT
 * applied (the datapath rewrote it).
 */
final class CtAction implements Action {
    /** Nicira ct flag: commit the connection. */
    static final int FLAG_COMMIT = 0x1;
    /** recircTable value meaning "no recirculation". */
    static final int NO_RECIRC = 0xff;

    private final boolean commit;
    private final int zone;
    private final int recircTable;
    private final Nat nat;
    private final LoadAction markLoad;

    CtAction(boolean commit, int zone, int recircTable, Nat nat, LoadAction markLoad) {
        this.commit = commit;
        this.zone = zone;
        this.recircTable = recircTable;
        this.nat = nat;
        this.markLoad = markLoad;
    }

    boolean commit() {
        return commit;
    }

    int zone() {
        return zone;
    }

    /**
     * Returns the table to recirculate to, empty for none.
     *
     * @return table
     */
    Optional<Integer> recircTable() {
        return recircTable == NO_RECIRC ? Optional.empty() : Optional.of(recircTable);
    }

    Optional<Nat> nat() {
        return Optional.ofNullable(nat);
    }

    Optional<LoadAction> markLoad() {
        return Optional.ofNullable(markLoad);
    }

    @Override
    public Packet apply(Packet packet, ActionContext ctx) {
        return ctx.conntrack(this, packet);
    }

    @Override
    public Set<Field> fields() {
        return Set.of(Field.IPV4_SRC);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("ct(");
        if (commit) {
            sb.append("commit,");
        }
        sb.append("zone=").append(zone);
        recircTable().ifPresent(t -> sb.append(",table=").append(t));
        if (nat != null) {
            sb.append(',').append(nat);
        }
        if (markLoad != null) {
            sb.append(",exec(").append(markLoad).append(')');
        }
        return sb.append(')').toString();
    }

    /**
     * The nat(...) part of a ct action.
     */
    static final class Nat {
        /** Nicira NAT flag: source NAT. */
        static final int FLAG_SRC = 0x1;
        /** Nicira NAT flag: destination NAT. */
        static final int FLAG_DST = 0x2;
        /** Nicira NAT range-present flags. */
        static final int IPV4_MIN = 0x1;
        static final int IPV4_MAX = 0x2;
        static final int PROTO_MIN = 0x10;
        static final int PROTO_MAX = 0x20;

        private final int flags;
        private final Ip4Address ipMin;
        private final Ip4Address ipMax;
        private final int portMin;
        private final int portMax;

        Nat(int flags, Ip4Address ipMin, Ip4Address ipMax, int portMin, int portMax) {
            if ((flags & FLAG_SRC) != 0 && (flags & FLAG_DST) != 0) {
                throw new WalkException("nat: both src and dst");
            }
            if ((flags & (FLAG_SRC | FLAG_DST)) != 0 && ipMin == null) {
                throw new WalkException("nat(" + ((flags & FLAG_SRC) != 0 ? "src" : "dst") + ") without address");
            }
            this.flags = flags;
            this.ipMin = ipMin;
            this.ipMax = ipMax == null ? ipMin : ipMax;
            this.portMin = portMin;
            this.portMax = portMax == 0 ? portMin : portMax;
            if (this.ipMin != null && this.ipMin.toInt() != this.ipMax.toInt()) {
                throw new WalkException("nat: address ranges are not supported: " + ipMin + "-" + ipMax);
            }
        }

        /**
         * Returns whether this nat only applies an existing connection's translation (plain {@code nat}).
         *
         * @return true if no src/dst translation is requested
         */
        boolean existingOnly() {
            return (flags & (FLAG_SRC | FLAG_DST)) == 0;
        }

        boolean source() {
            return (flags & FLAG_SRC) != 0;
        }

        Ip4Address address() {
            return ipMin;
        }

        int portMin() {
            return portMin;
        }

        int portMax() {
            return portMax;
        }

        @Override
        public String toString() {
            if (existingOnly()) {
                return "nat";
            }
            String s = "nat(" + (source() ? "src=" : "dst=") + ipMin;
            if (portMin != 0) {
                s += ":" + portMin + (portMax != portMin ? "-" + portMax : "");
            }
            return s + ")";
        }
    }
}
