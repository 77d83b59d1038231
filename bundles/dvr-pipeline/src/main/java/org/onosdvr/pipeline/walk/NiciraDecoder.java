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

import org.onlab.packet.IpAddress;
import org.onosproject.net.PortNumber;
import org.onosproject.net.flow.instructions.ExtensionTreatment;
import org.onosproject.net.flow.instructions.ExtensionTreatmentType;
import org.onosproject.net.flow.instructions.ExtensionTreatmentType.ExtensionTreatmentTypes;

/**
 * Decodes Nicira extension treatments, identified by their {@link ExtensionTreatmentType} and read through
 * {@code getPropertyValue} with the property names of ONOS's {@code drivers/default} classes
 * (NiciraSetTunnelDst, NiciraLoad, NiciraCt, NiciraNat, NiciraResubmitTable, the fixed moves, NiciraCtClear).
 */
final class NiciraDecoder {
    private static final int NBITS_MASK = 0x3f;
    private static final int OFS_SHIFT = 6;

    private NiciraDecoder() {
    }

    private static boolean is(ExtensionTreatment t, ExtensionTreatmentTypes type) {
        return type.type().equals(t.type());
    }

    /**
     * Decodes an extension treatment into an action.
     *
     * @param t    extension treatment
     * @param what rule description for errors
     * @return action
     */
    static Action decode(ExtensionTreatment t, String what) {
        ExtensionProperties p = new ExtensionProperties(t, what);
        if (is(t, ExtensionTreatmentTypes.NICIRA_SET_TUNNEL_DST)) {
            return new SetFieldAction(Field.TUN_DST, InstructionDecoder.ip4(p.ip("tunnelDst"), what));
        } else if (is(t, ExtensionTreatmentTypes.NICIRA_MOV_ETH_SRC_TO_DST)) {
            return new MoveAction(Field.ETH_SRC, Field.ETH_DST);
        } else if (is(t, ExtensionTreatmentTypes.NICIRA_MOV_ARP_SHA_TO_THA)) {
            return new MoveAction(Field.ARP_SHA, Field.ARP_THA);
        } else if (is(t, ExtensionTreatmentTypes.NICIRA_MOV_ARP_SPA_TO_TPA)) {
            return new MoveAction(Field.ARP_SPA, Field.ARP_TPA);
        } else if (is(t, ExtensionTreatmentTypes.NICIRA_MOV_IP_SRC_TO_DST)) {
            return new MoveAction(Field.IPV4_SRC, Field.IPV4_DST);
        } else if (is(t, ExtensionTreatmentTypes.NICIRA_LOAD)) {
            return load(p, what);
        } else if (is(t, ExtensionTreatmentTypes.NICIRA_CT)) {
            return ct(p, what);
        } else if (is(t, ExtensionTreatmentTypes.NICIRA_CT_CLEAR)) {
            return new CtClearAction();
        } else if (is(t, ExtensionTreatmentTypes.NICIRA_RESUBMIT_TABLE)) {
            return new ResubmitAction(p.object("inPort", PortNumber.class), (int) (p.number("table") & 0xff));
        } else if (is(t, ExtensionTreatmentTypes.NICIRA_NAT)) {
            throw new WalkException(what + ": nat outside ct");
        }
        throw new WalkException(what + ": unsupported extension treatment " + t.type());
    }

    private static LoadAction load(ExtensionProperties p, String what) {
        long header = p.number("dst");
        int ofsNbits = (int) p.number("ofsNbits");
        Field field = NxmHeaders.field(header).orElseThrow(
                () -> new WalkException(what + ": load into unmodelled field 0x" + Long.toHexString(header)));
        return new LoadAction(field, ofsNbits >>> OFS_SHIFT, (ofsNbits & NBITS_MASK) + 1, p.number("value"));
    }

    private static CtAction ct(ExtensionProperties p, String what) {
        if (p.number("zoneSrc") != 0) {
            throw new WalkException(what + ": ct zone from a field is not supported");
        }
        if (p.number("alg") != 0) {
            throw new WalkException(what + ": ct alg is not supported");
        }
        long flags = p.number("flags");
        if ((flags & ~CtAction.FLAG_COMMIT) != 0) {
            throw new WalkException(what + ": unsupported ct flags 0x" + Long.toHexString(flags));
        }
        CtAction.Nat nat = null;
        LoadAction mark = null;
        for (Object o : p.list("nestedActions")) {
            if (!(o instanceof ExtensionTreatment)) {
                throw new WalkException(what + ": ct nested action is not an extension treatment: " + o);
            }
            ExtensionTreatment n = (ExtensionTreatment) o;
            if (is(n, ExtensionTreatmentTypes.NICIRA_NAT) && nat == null) {
                nat = nat(new ExtensionProperties(n, what));
            } else if (is(n, ExtensionTreatmentTypes.NICIRA_LOAD) && mark == null) {
                mark = load(new ExtensionProperties(n, what), what);
                if (mark.field() != Field.CT_MARK) {
                    throw new WalkException(what + ": ct may only load ct_mark, not " + mark.field().ovsName());
                }
            } else {
                throw new WalkException(what + ": unsupported ct nested action " + n.type());
            }
        }
        return new CtAction((flags & CtAction.FLAG_COMMIT) != 0, (int) p.number("zone"),
                            (int) (p.number("recircTable") & 0xff), nat, mark);
    }

    private static CtAction.Nat nat(ExtensionProperties p) {
        int present = (int) p.number("presentFlags");
        IpAddress min = (present & CtAction.Nat.IPV4_MIN) != 0 ? p.ip("ipAddressMin") : null;
        IpAddress max = (present & CtAction.Nat.IPV4_MAX) != 0 ? p.ip("ipAddressMax") : null;
        int portMin = (present & CtAction.Nat.PROTO_MIN) != 0 ? (int) p.number("portMin") : 0;
        int portMax = (present & CtAction.Nat.PROTO_MAX) != 0 ? (int) p.number("portMax") : 0;
        if (min != null && !min.isIp4() || max != null && !max.isIp4()) {
            throw new WalkException("nat: IPv6 is not supported");
        }
        return new CtAction.Nat((int) p.number("flags"), min == null ? null : min.getIp4Address(),
                                max == null ? null : max.getIp4Address(), portMin, portMax);
    }
}
