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

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.StringJoiner;

/**
 * A rule's match as bitwise (field, value, mask) constraints, with OpenFlow prerequisite checking.
 */
final class Match {
    private final Map<Field, long[]> constraints;

    private Match(Map<Field, long[]> constraints) {
        this.constraints = Collections.unmodifiableMap(constraints);
    }

    /**
     * Builder collecting constraints; a field may be constrained once.
     */
    static final class Builder {
        private final EnumMap<Field, long[]> constraints = new EnumMap<>(Field.class);

        Builder add(Field field, long value, long mask) {
            long m = mask & field.fullMask();
            if (constraints.containsKey(field)) {
                throw new IllegalArgumentException("field " + field.ovsName() + " matched twice");
            }
            if (m != 0) {
                constraints.put(field, new long[]{value & m, m});
            }
            return this;
        }

        Builder exact(Field field, long value) {
            if ((value & ~field.fullMask()) != 0) {
                throw new IllegalArgumentException("value 0x" + Long.toHexString(value) + " too wide for "
                                                           + field.ovsName());
            }
            return add(field, value, field.fullMask());
        }

        /**
         * Builds the match after checking that every constrained field has its prerequisites
         * matched exactly.
         *
         * @return match
         * @throws IllegalArgumentException naming the missing prerequisite
         */
        Match build() {
            Match m = new Match(new EnumMap<>(constraints));
            for (Field f : constraints.keySet()) {
                if (!m.guarantees(f)) {
                    throw new IllegalArgumentException("match on " + f.ovsName() + " lacks its prerequisite "
                                                               + prerequisiteText(f));
                }
            }
            return m;
        }
    }

    static Builder builder() {
        return new Builder();
    }

    /**
     * Returns whether every packet this match accepts carries the field (its prerequisites are matched exactly).
     *
     * @param field field
     * @return true if guaranteed
     */
    boolean guarantees(Field field) {
        if (field.requiredEthType() != Field.EtherTypes.NONE && !isExact(Field.ETH_TYPE, field.requiredEthType())) {
            return false;
        }
        return field.requiredIpProto() == Field.IpProtocols.NONE || isExact(Field.IP_PROTO, field.requiredIpProto());
    }

    private boolean isExact(Field field, long value) {
        long[] c = constraints.get(field);
        return c != null && c[1] == field.fullMask() && c[0] == value;
    }

    static String prerequisiteText(Field f) {
        String s = "dl_type=0x" + Integer.toHexString(f.requiredEthType());
        if (f.requiredIpProto() != Field.IpProtocols.NONE) {
            s += ",nw_proto=" + f.requiredIpProto();
        }
        return s;
    }

    /**
     * Returns whether the packet satisfies every constraint; a constraint on a field the packet lacks fails.
     *
     * @param packet packet
     * @return true on match
     */
    boolean matches(Packet packet) {
        for (Map.Entry<Field, long[]> e : constraints.entrySet()) {
            Field f = e.getKey();
            if (!packet.has(f) || (packet.get(f) & e.getValue()[1]) != e.getValue()[0]) {
                return false;
            }
        }
        return true;
    }

    /**
     * Returns whether some packet could satisfy both matches: every field constrained by both agrees on the
     * bits both masks cover.
     *
     * @param other other match
     * @return true if they overlap
     */
    boolean overlaps(Match other) {
        for (Map.Entry<Field, long[]> e : constraints.entrySet()) {
            long[] o = other.constraints.get(e.getKey());
            if (o == null) {
                continue;
            }
            long[] c = e.getValue();
            if (((c[0] ^ o[0]) & c[1] & o[1]) != 0) {
                return false;
            }
        }
        return true;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof Match)) {
            return false;
        }
        Map<Field, long[]> other = ((Match) o).constraints;
        if (!other.keySet().equals(constraints.keySet())) {
            return false;
        }
        for (Map.Entry<Field, long[]> e : constraints.entrySet()) {
            long[] c = e.getValue();
            long[] d = other.get(e.getKey());
            if (c[0] != d[0] || c[1] != d[1]) {
                return false;
            }
        }
        return true;
    }

    @Override
    public int hashCode() {
        int h = constraints.keySet().hashCode();
        for (long[] c : constraints.values()) {
            h = 31 * h + Objects.hash(c[0], c[1]);
        }
        return h;
    }

    /**
     * Formats as ovs-ofctl does ({@code dl_type=0x800,nw_dst=10.0.0.0/255.255.255.0}); "*" for match-all.
     *
     * @return text
     */
    @Override
    public String toString() {
        StringJoiner j = new StringJoiner(",");
        for (Map.Entry<Field, long[]> e : constraints.entrySet()) {
            Field f = e.getKey();
            long[] c = e.getValue();
            if (f == Field.CT_STATE) {
                j.add(f.ovsName() + "=" + CtState.format(c[0], c[1]));
            } else {
                j.add(f.ovsName() + "=" + f.format(c[0], c[1]));
            }
        }
        return j.length() == 0 ? "*" : j.toString();
    }
}
