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
import org.onosproject.net.flow.FlowRule;
import org.onosproject.net.flow.TrafficTreatment;
import org.onosproject.net.flow.instructions.Instruction;
import org.onosproject.net.flow.instructions.Instructions;
import org.onosproject.net.flow.instructions.L2ModificationInstruction;
import org.onosproject.net.flow.instructions.L3ModificationInstruction;

import java.util.ArrayList;
import java.util.List;

/**
 * Decodes a {@link FlowRule} into a {@link FlowEntry}: match, immediate actions, write_metadata, goto.
 * Deferred (write/clear) actions, meters and other unmodelled instructions are errors; a group action refers
 * to a {@link WalkGroup} of the same device.
 */
final class InstructionDecoder {

    private InstructionDecoder() {
    }

    /**
     * Returns a one-line description of a rule for error messages.
     *
     * @param rule rule
     * @return text
     */
    static String describe(FlowRule rule) {
        return rule.deviceId() + " table " + rule.tableId() + " priority " + rule.priority() + " "
                + rule.selector().criteria();
    }

    /**
     * Decodes a rule.
     *
     * @param rule rule
     * @return entry
     * @throws WalkException if the rule uses something the interpreter does not model, or OVS would refuse it
     */
    static FlowEntry decode(FlowRule rule) {
        String what = describe(rule);
        Match match = CriterionDecoder.decode(rule.selector(), what);
        TrafficTreatment t = rule.treatment();
        if (!t.deferred().isEmpty() || t.clearedDeferred()) {
            throw new WalkException(what + ": write/clear actions are not supported: " + t);
        }
        if (t.metered() != null || !t.meters().isEmpty() || t.statTrigger() != null) {
            throw new WalkException(what + ": meters and stat triggers are not supported: " + t);
        }
        List<Action> actions = new ArrayList<>();
        for (Instruction i : t.immediate()) {
            Action a = action(i, what);
            if (a != null) {
                actions.add(a);
            }
        }
        for (Action a : actions) {
            for (Field f : a.fields()) {
                if (!match.guarantees(f)) {
                    throw new WalkException(what + ": action " + a + " needs " + Match.prerequisiteText(f)
                                                    + " in the match");
                }
            }
        }
        long metadata = 0;
        long mask = 0;
        Instructions.MetadataInstruction md = t.writeMetadata();
        if (md != null) {
            metadata = md.metadata();
            mask = md.metadataMask();
        }
        int gotoTable = -1;
        if (t.tableTransition() != null) {
            gotoTable = t.tableTransition().tableId();
            if (gotoTable <= rule.tableId()) {
                throw new WalkException(what + ": goto_table:" + gotoTable + " does not go forward");
            }
        }
        return new FlowEntry(rule, match, actions, metadata, mask, gotoTable);
    }

    /**
     * Decodes the actions of a group bucket.
     *
     * @param t    bucket treatment (immediate actions only)
     * @param what the group, for messages
     * @return actions
     * @throws WalkException on anything but apply-actions, or a group inside a bucket
     */
    static List<Action> bucketActions(TrafficTreatment t, String what) {
        if (!t.deferred().isEmpty() || t.clearedDeferred() || t.writeMetadata() != null
                || t.tableTransition() != null || t.metered() != null) {
            throw new WalkException(what + ": a bucket holds actions only: " + t);
        }
        List<Action> actions = new ArrayList<>();
        for (Instruction i : t.immediate()) {
            Action a = action(i, what);
            if (a instanceof GroupAction) {
                throw new WalkException(what + ": chained groups are not modelled");
            }
            if (a != null) {
                actions.add(a);
            }
        }
        return actions;
    }

    private static Action action(Instruction i, String what) {
        switch (i.type()) {
            case GROUP:
                return new GroupAction(((Instructions.GroupInstruction) i).groupId().id());
            case OUTPUT:
                return new OutputAction(((Instructions.OutputInstruction) i).port());
            case NOACTION:
                return null;
            case L2MODIFICATION:
                return l2((L2ModificationInstruction) i, what);
            case L3MODIFICATION:
                return l3((L3ModificationInstruction) i, what);
            case EXTENSION:
                return NiciraDecoder.decode(((Instructions.ExtensionInstructionWrapper) i).extensionInstruction(),
                                            what);
            default:
                throw new WalkException(what + ": unsupported instruction " + i);
        }
    }

    private static Action l2(L2ModificationInstruction i, String what) {
        switch (i.subtype()) {
            case ETH_SRC:
                return new SetFieldAction(Field.ETH_SRC,
                                          ((L2ModificationInstruction.ModEtherInstruction) i).mac().toLong());
            case ETH_DST:
                return new SetFieldAction(Field.ETH_DST,
                                          ((L2ModificationInstruction.ModEtherInstruction) i).mac().toLong());
            case TUNNEL_ID:
                return new SetFieldAction(Field.TUN_ID,
                                          ((L2ModificationInstruction.ModTunnelIdInstruction) i).tunnelId());
            default:
                throw new WalkException(what + ": unsupported instruction " + i);
        }
    }

    private static Action l3(L3ModificationInstruction i, String what) {
        switch (i.subtype()) {
            case IPV4_SRC:
                return new SetFieldAction(Field.IPV4_SRC,
                                          ip4(((L3ModificationInstruction.ModIPInstruction) i).ip(), what));
            case IPV4_DST:
                return new SetFieldAction(Field.IPV4_DST,
                                          ip4(((L3ModificationInstruction.ModIPInstruction) i).ip(), what));
            case DEC_TTL:
                return new DecTtlAction();
            case ARP_OP:
                return new SetFieldAction(Field.ARP_OP, ((L3ModificationInstruction.ModArpOpInstruction) i).op());
            case ARP_SPA:
                return new SetFieldAction(Field.ARP_SPA,
                                          ip4(((L3ModificationInstruction.ModArpIPInstruction) i).ip(), what));
            case ARP_TPA:
                return new SetFieldAction(Field.ARP_TPA,
                                          ip4(((L3ModificationInstruction.ModArpIPInstruction) i).ip(), what));
            case ARP_SHA:
                return new SetFieldAction(Field.ARP_SHA,
                                          ((L3ModificationInstruction.ModArpEthInstruction) i).mac().toLong());
            case ARP_THA:
                return new SetFieldAction(Field.ARP_THA,
                                          ((L3ModificationInstruction.ModArpEthInstruction) i).mac().toLong());
            default:
                throw new WalkException(what + ": unsupported instruction " + i);
        }
    }

    static long ip4(IpAddress ip, String what) {
        if (!ip.isIp4()) {
            throw new WalkException(what + ": IPv6 address " + ip + " is not supported");
        }
        return ip.getIp4Address().toInt() & 0xffffffffL;
    }
}
