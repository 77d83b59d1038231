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
import org.onosproject.net.PortNumber;
import org.onosproject.net.flow.AbstractExtension;
import org.onosproject.net.flow.criteria.ExtensionSelector;
import org.onosproject.net.flow.criteria.ExtensionSelectorType;
import org.onosproject.net.flow.criteria.ExtensionSelectorType.ExtensionSelectorTypes;
import org.onosproject.net.flow.instructions.ExtensionTreatment;
import org.onosproject.net.flow.instructions.ExtensionTreatmentType;
import org.onosproject.net.flow.instructions.ExtensionTreatmentType.ExtensionTreatmentTypes;

import java.util.Arrays;
import java.util.List;

/**
 * Test stand-ins for Nicira extensions: same type ids and property (field) names as ONOS's
 * drivers/default classes, which the interpreter reads only through getPropertyValue. To be replaced by
 * org.onosdvr.nicira once that module lands.
 */
final class FakeNicira {
    /** Nicira ct commit flag. */
    static final int COMMIT = 0x1;
    /** Nicira NAT flags. */
    static final int NAT_SRC = 0x1;
    static final int NAT_DST = 0x2;
    /** NXM_OF_ARP_OP header. */
    static final long NXM_ARP_OP = 0x00001e02L;
    /** NXM_OF_ICMP_TYPE header. */
    static final long NXM_ICMP_TYPE = 0x00001a01L;
    /** NXM_NX_REG0 header (not modelled). */
    static final long NXM_REG0 = 0x00010004L;

    private FakeNicira() {
    }

    /** Base: equality by type and values. */
    abstract static class Fake extends AbstractExtension {
        abstract Object[] key();

        @Override
        public byte[] serialize() {
            return new byte[0];
        }

        @Override
        public void deserialize(byte[] data) {
        }

        @Override
        public boolean equals(Object o) {
            return o != null && o.getClass() == getClass() && Arrays.equals(key(), ((Fake) o).key());
        }

        @Override
        public int hashCode() {
            return getClass().hashCode() * 31 + Arrays.hashCode(key());
        }

        @Override
        public String toString() {
            return getClass().getSimpleName() + Arrays.toString(key());
        }
    }

    abstract static class Treatment extends Fake implements ExtensionTreatment {
    }

    abstract static class Selector extends Fake implements ExtensionSelector {
    }

    static final class CtState extends Selector {
        private final long ctState;
        private final long ctStateMask;

        CtState(long state, long mask) {
            this.ctState = state;
            this.ctStateMask = mask;
        }

        @Override
        Object[] key() {
            return new Object[]{ctState, ctStateMask};
        }

        @Override
        public ExtensionSelectorType type() {
            return ExtensionSelectorTypes.NICIRA_MATCH_CONNTRACK_STATE.type();
        }
    }

    static final class CtZone extends Selector {
        private final int ctZone;

        CtZone(int zone) {
            this.ctZone = zone;
        }

        @Override
        Object[] key() {
            return new Object[]{ctZone};
        }

        @Override
        public ExtensionSelectorType type() {
            return ExtensionSelectorTypes.NICIRA_MATCH_CONNTRACK_ZONE.type();
        }
    }

    static final class SetTunnelDst extends Treatment {
        private final Ip4Address tunnelDst;

        SetTunnelDst(Ip4Address ip) {
            this.tunnelDst = ip;
        }

        @Override
        Object[] key() {
            return new Object[]{tunnelDst};
        }

        @Override
        public ExtensionTreatmentType type() {
            return ExtensionTreatmentTypes.NICIRA_SET_TUNNEL_DST.type();
        }
    }

    /** A fixed move; ONOS's DefaultMoveExtensionTreatment also carries src/dst headers, unused here. */
    static final class Move extends Treatment {
        private final ExtensionTreatmentTypes kind;

        Move(ExtensionTreatmentTypes kind) {
            this.kind = kind;
        }

        @Override
        Object[] key() {
            return new Object[]{kind};
        }

        @Override
        public ExtensionTreatmentType type() {
            return kind.type();
        }
    }

    static final class Load extends Treatment {
        private final int ofsNbits;
        private final long dst;
        private final long value;

        Load(int ofs, int nbits, long dst, long value) {
            this.ofsNbits = (ofs << 6) | (nbits - 1);
            this.dst = dst;
            this.value = value;
        }

        @Override
        Object[] key() {
            return new Object[]{ofsNbits, dst, value};
        }

        @Override
        public ExtensionTreatmentType type() {
            return ExtensionTreatmentTypes.NICIRA_LOAD.type();
        }
    }

    static final class Ct extends Treatment {
        private final int flags;
        private final long zoneSrc;
        private final int zone;
        private final short recircTable;
        private final int alg;
        private final List<ExtensionTreatment> nestedActions;

        Ct(int flags, int zone, int recircTable, ExtensionTreatment... nested) {
            this.flags = flags;
            this.zoneSrc = 0L;
            this.zone = zone;
            this.recircTable = (short) recircTable;
            this.alg = 0;
            this.nestedActions = List.of(nested);
        }

        @Override
        Object[] key() {
            return new Object[]{flags, zoneSrc, zone, recircTable, alg, nestedActions};
        }

        @Override
        public ExtensionTreatmentType type() {
            return ExtensionTreatmentTypes.NICIRA_CT.type();
        }
    }

    static final class Nat extends Treatment {
        private final int flags;
        private final int presentFlags;
        private final int portMin;
        private final int portMax;
        private final IpAddress ipAddressMin;
        private final IpAddress ipAddressMax;

        Nat(int flags, int presentFlags, int portMin, int portMax, IpAddress min, IpAddress max) {
            this.flags = flags;
            this.presentFlags = presentFlags;
            this.portMin = portMin;
            this.portMax = portMax;
            this.ipAddressMin = min;
            this.ipAddressMax = max;
        }

        /** Plain nat: apply an existing connection's translation. */
        static Nat existing() {
            return new Nat(0, 0, 0, 0, IpAddress.valueOf(0), IpAddress.valueOf(0));
        }

        static Nat src(IpAddress ip) {
            return new Nat(NAT_SRC, 0x3, 0, 0, ip, ip);
        }

        static Nat src(IpAddress ip, int portMin, int portMax) {
            return new Nat(NAT_SRC, 0x33, portMin, portMax, ip, ip);
        }

        static Nat dst(IpAddress ip) {
            return new Nat(NAT_DST, 0x3, 0, 0, ip, ip);
        }

        @Override
        Object[] key() {
            return new Object[]{flags, presentFlags, portMin, portMax, ipAddressMin, ipAddressMax};
        }

        @Override
        public ExtensionTreatmentType type() {
            return ExtensionTreatmentTypes.NICIRA_NAT.type();
        }
    }

    static final class CtClear extends Treatment {
        @Override
        Object[] key() {
            return new Object[0];
        }

        @Override
        public ExtensionTreatmentType type() {
            return ExtensionTreatmentTypes.NICIRA_CT_CLEAR.type();
        }
    }

    static final class Resubmit extends Treatment {
        private final PortNumber inPort;
        private final short table;

        Resubmit(int table) {
            this.inPort = PortNumber.portNumber(0xfff8L);
            this.table = (short) table;
        }

        @Override
        Object[] key() {
            return new Object[]{inPort, table};
        }

        @Override
        public ExtensionTreatmentType type() {
            return ExtensionTreatmentTypes.NICIRA_RESUBMIT_TABLE.type();
        }
    }
}
