package org.onosdvr.openflow.translate;

import org.onlab.packet.Ip4Address;
import org.onlab.packet.IpAddress;
import org.onosproject.core.GroupId;
import org.onosproject.net.DeviceId;
import org.onosproject.net.PortNumber;
import org.onosproject.net.flow.DefaultTrafficTreatment;
import org.onosproject.net.flow.TrafficTreatment;
import org.onosproject.net.flow.instructions.ExtensionTreatment;
import org.onosproject.net.flow.instructions.ExtensionTreatmentType.ExtensionTreatmentTypes;
import org.onosproject.net.flow.instructions.Instruction;
import org.onosproject.net.flow.instructions.Instructions;
import org.onosproject.net.flow.instructions.L2ModificationInstruction;
import org.onosproject.net.flow.instructions.L3ModificationInstruction;
import org.projectfloodlight.openflow.protocol.OFFactory;
import org.projectfloodlight.openflow.protocol.action.OFAction;
import org.projectfloodlight.openflow.protocol.action.OFActionDecNwTtl;
import org.projectfloodlight.openflow.protocol.action.OFActionGroup;
import org.projectfloodlight.openflow.protocol.action.OFActionOutput;
import org.projectfloodlight.openflow.protocol.action.OFActionSetField;
import org.projectfloodlight.openflow.protocol.instruction.OFInstruction;
import org.projectfloodlight.openflow.protocol.instruction.OFInstructionApplyActions;
import org.projectfloodlight.openflow.protocol.instruction.OFInstructionClearActions;
import org.projectfloodlight.openflow.protocol.instruction.OFInstructionGotoTable;
import org.projectfloodlight.openflow.protocol.instruction.OFInstructionWriteMetadata;
import org.projectfloodlight.openflow.protocol.oxm.OFOxm;
import org.projectfloodlight.openflow.protocol.oxm.OFOxmArpOp;
import org.projectfloodlight.openflow.protocol.oxm.OFOxmArpSha;
import org.projectfloodlight.openflow.protocol.oxm.OFOxmArpSpa;
import org.projectfloodlight.openflow.protocol.oxm.OFOxmArpTha;
import org.projectfloodlight.openflow.protocol.oxm.OFOxmArpTpa;
import org.projectfloodlight.openflow.protocol.oxm.OFOxmEthDst;
import org.projectfloodlight.openflow.protocol.oxm.OFOxmEthSrc;
import org.projectfloodlight.openflow.protocol.oxm.OFOxmIpv4Dst;
import org.projectfloodlight.openflow.protocol.oxm.OFOxmIpv4Src;
import org.projectfloodlight.openflow.protocol.oxm.OFOxmTunnelId;
import org.projectfloodlight.openflow.protocol.oxm.OFOxmTunnelIpv4Dst;
import org.projectfloodlight.openflow.types.ArpOpcode;
import org.projectfloodlight.openflow.types.IPv4Address;
import org.projectfloodlight.openflow.types.MacAddress;
import org.projectfloodlight.openflow.types.OFGroup;
import org.projectfloodlight.openflow.types.OFPort;
import org.projectfloodlight.openflow.types.TableId;
import org.projectfloodlight.openflow.types.U64;

import java.util.ArrayList;
import java.util.List;

import static org.onosdvr.openflow.translate.ExtensionProperties.get;

/**
 * ONOS {@link TrafficTreatment} to and from OpenFlow 1.3 instructions.
 * <p>
 * Encoding order of instructions: clear_actions, apply_actions, write_metadata, goto_table (the order OVS
 * reports them back). A treatment with no immediate action (or only NOACTION, i.e. {@code drop()}) gets no
 * apply_actions instruction: "actions=drop" unless it has a goto.
 */
final class InstructionTranslator {

    /** OFPCML_NO_BUFFER: send the whole packet to the controller. */
    static final int CONTROLLER_MAX_LEN = 0xffff;

    private InstructionTranslator() {
    }

    // ---------------------------------------------------------------- ONOS -> OpenFlow

    static List<OFInstruction> toInstructions(TrafficTreatment treatment, OFFactory factory) {
        if (!treatment.deferred().isEmpty()) {
            throw new OfTranslationException("deferred (write_actions) instructions are not supported: "
                    + treatment.deferred());
        }
        if (!treatment.meters().isEmpty()) {
            throw new OfTranslationException("meter instructions are not supported: " + treatment.meters());
        }
        if (treatment.statTrigger() != null) {
            throw new OfTranslationException("stat_trigger instructions are not supported: "
                    + treatment.statTrigger());
        }
        List<OFInstruction> instructions = new ArrayList<>();
        if (treatment.clearedDeferred()) {
            instructions.add(factory.instructions().clearActions());
        }
        List<OFAction> actions = toActions(treatment.immediate(), factory);
        if (!actions.isEmpty()) {
            instructions.add(factory.instructions().applyActions(actions));
        }
        Instructions.MetadataInstruction metadata = treatment.writeMetadata();
        if (metadata != null) {
            instructions.add(factory.instructions().writeMetadata(
                    U64.of(metadata.metadata()), U64.of(metadata.metadataMask())));
        }
        Instructions.TableTypeTransition transition = treatment.tableTransition();
        if (transition != null) {
            instructions.add(factory.instructions().gotoTable(TableId.of(transition.tableId())));
        }
        return instructions;
    }

    static List<OFAction> toActions(List<Instruction> immediate, OFFactory factory) {
        List<OFAction> actions = new ArrayList<>();
        for (Instruction instruction : immediate) {
            switch (instruction.type()) {
                case NOACTION:
                    break;
                case OUTPUT:
                    actions.add(output(((Instructions.OutputInstruction) instruction).port(), factory));
                    break;
                case L2MODIFICATION:
                    actions.add(l2((L2ModificationInstruction) instruction, factory));
                    break;
                case L3MODIFICATION:
                    actions.add(l3((L3ModificationInstruction) instruction, factory));
                    break;
                case EXTENSION:
                    actions.add(extension(((Instructions.ExtensionInstructionWrapper) instruction)
                            .extensionInstruction(), factory));
                    break;
                case GROUP:
                    actions.add(factory.actions().group(OFGroup.of(
                            ((Instructions.GroupInstruction) instruction).groupId().id())));
                    break;
                default:
                    throw new OfTranslationException("unsupported instruction " + instruction.type() + ": "
                            + instruction);
            }
        }
        return actions;
    }

    private static OFAction output(PortNumber port, OFFactory factory) {
        OFPort ofPort = Ports.toOf(port);
        return factory.actions().output(ofPort, ofPort.equals(OFPort.CONTROLLER) ? CONTROLLER_MAX_LEN : 0);
    }

    private static OFAction l2(L2ModificationInstruction instruction, OFFactory factory) {
        switch (instruction.subtype()) {
            case ETH_SRC:
                return setField(factory, factory.oxms().ethSrc(mac(
                        ((L2ModificationInstruction.ModEtherInstruction) instruction).mac())));
            case ETH_DST:
                return setField(factory, factory.oxms().ethDst(mac(
                        ((L2ModificationInstruction.ModEtherInstruction) instruction).mac())));
            case TUNNEL_ID:
                return setField(factory, factory.oxms().tunnelId(U64.of(
                        ((L2ModificationInstruction.ModTunnelIdInstruction) instruction).tunnelId())));
            default:
                throw new OfTranslationException("unsupported L2 modification " + instruction.subtype() + ": "
                        + instruction);
        }
    }

    private static OFAction l3(L3ModificationInstruction instruction, OFFactory factory) {
        switch (instruction.subtype()) {
            case IPV4_SRC:
                return setField(factory, factory.oxms().ipv4Src(ipv4(
                        ((L3ModificationInstruction.ModIPInstruction) instruction).ip(), instruction)));
            case IPV4_DST:
                return setField(factory, factory.oxms().ipv4Dst(ipv4(
                        ((L3ModificationInstruction.ModIPInstruction) instruction).ip(), instruction)));
            case DEC_TTL:
                return factory.actions().decNwTtl();
            case ARP_OP:
                return setField(factory, factory.oxms().arpOp(ArpOpcode.of(
                        (int) ((L3ModificationInstruction.ModArpOpInstruction) instruction).op())));
            case ARP_SPA:
                return setField(factory, factory.oxms().arpSpa(ipv4(
                        ((L3ModificationInstruction.ModArpIPInstruction) instruction).ip(), instruction)));
            case ARP_TPA:
                return setField(factory, factory.oxms().arpTpa(ipv4(
                        ((L3ModificationInstruction.ModArpIPInstruction) instruction).ip(), instruction)));
            case ARP_SHA:
                return setField(factory, factory.oxms().arpSha(mac(
                        ((L3ModificationInstruction.ModArpEthInstruction) instruction).mac())));
            case ARP_THA:
                return setField(factory, factory.oxms().arpTha(mac(
                        ((L3ModificationInstruction.ModArpEthInstruction) instruction).mac())));
            default:
                throw new OfTranslationException("unsupported L3 modification " + instruction.subtype() + ": "
                        + instruction);
        }
    }

    private static OFAction extension(ExtensionTreatment ext, OFFactory factory) {
        if (ExtensionTreatmentTypes.NICIRA_SET_TUNNEL_DST.type().equals(ext.type())) {
            Ip4Address dst = get(ext, "tunnelDst");
            return setField(factory, factory.oxms().tunnelIpv4Dst(IPv4Address.of(dst.toInt())));
        }
        return NiciraActionTranslator.toAction(ext, factory);
    }

    private static OFAction setField(OFFactory factory, OFOxm<?> oxm) {
        return factory.actions().setField(oxm);
    }

    private static IPv4Address ipv4(IpAddress ip, Instruction instruction) {
        if (!ip.isIp4()) {
            throw new OfTranslationException("IPv6 is not supported: " + instruction);
        }
        return IPv4Address.of(ip.getIp4Address().toInt());
    }

    private static MacAddress mac(org.onlab.packet.MacAddress mac) {
        return MacAddress.of(mac.toLong());
    }

    // ---------------------------------------------------------------- OpenFlow -> ONOS

    static TrafficTreatment toTreatment(List<OFInstruction> instructions, DeviceId deviceId) {
        TrafficTreatment.Builder builder = DefaultTrafficTreatment.builder();
        for (OFInstruction instruction : instructions) {
            if (instruction instanceof OFInstructionApplyActions) {
                for (OFAction action : ((OFInstructionApplyActions) instruction).getActions()) {
                    builder.add(toInstruction(action, deviceId));
                }
            } else if (instruction instanceof OFInstructionGotoTable) {
                builder.transition((int) ((OFInstructionGotoTable) instruction).getTableId().getValue());
            } else if (instruction instanceof OFInstructionWriteMetadata) {
                OFInstructionWriteMetadata metadata = (OFInstructionWriteMetadata) instruction;
                builder.writeMetadata(metadata.getMetadata().getValue(), metadata.getMetadataMask().getValue());
            } else if (instruction instanceof OFInstructionClearActions) {
                builder.wipeDeferred();
            } else {
                throw new OfTranslationException("unsupported instruction " + instruction);
            }
        }
        return builder.build();
    }

    static Instruction toInstruction(OFAction action, DeviceId deviceId) {
        if (action instanceof OFActionOutput) {
            return Instructions.createOutput(Ports.fromOf(((OFActionOutput) action).getPort()));
        }
        if (action instanceof OFActionDecNwTtl) {
            return Instructions.decNwTtl();
        }
        if (action instanceof OFActionGroup) {
            return Instructions.createGroup(GroupId.valueOf(((OFActionGroup) action).getGroup().getGroupNumber()));
        }
        if (action instanceof OFActionSetField) {
            return setFieldInstruction(((OFActionSetField) action).getField(), deviceId);
        }
        ExtensionTreatment ext = NiciraActionTranslator.fromAction(action);
        if (ext == null) {
            throw new OfTranslationException("unsupported action " + action);
        }
        return Instructions.extension(ext, deviceId);
    }

    private static Instruction setFieldInstruction(OFOxm<?> oxm, DeviceId deviceId) {
        if (oxm.isMasked()) {
            throw new OfTranslationException("unsupported masked set_field " + oxm);
        }
        if (oxm instanceof OFOxmEthSrc) {
            return Instructions.modL2Src(onosMac(((OFOxmEthSrc) oxm).getValue()));
        }
        if (oxm instanceof OFOxmEthDst) {
            return Instructions.modL2Dst(onosMac(((OFOxmEthDst) oxm).getValue()));
        }
        if (oxm instanceof OFOxmIpv4Src) {
            return Instructions.modL3Src(IpAddress.valueOf(((OFOxmIpv4Src) oxm).getValue().getInt()));
        }
        if (oxm instanceof OFOxmIpv4Dst) {
            return Instructions.modL3Dst(IpAddress.valueOf(((OFOxmIpv4Dst) oxm).getValue().getInt()));
        }
        if (oxm instanceof OFOxmTunnelId) {
            return Instructions.modTunnelId(((OFOxmTunnelId) oxm).getValue().getValue());
        }
        if (oxm instanceof OFOxmTunnelIpv4Dst) {
            return Instructions.extension(
                    NiciraActionTranslator.tunnelDst(((OFOxmTunnelIpv4Dst) oxm).getValue()), deviceId);
        }
        if (oxm instanceof OFOxmArpOp) {
            return Instructions.modL3ArpOp((short) ((OFOxmArpOp) oxm).getValue().getOpcode());
        }
        if (oxm instanceof OFOxmArpSpa) {
            return Instructions.modArpSpa(IpAddress.valueOf(((OFOxmArpSpa) oxm).getValue().getInt()));
        }
        if (oxm instanceof OFOxmArpTpa) {
            return Instructions.modArpTpa(IpAddress.valueOf(((OFOxmArpTpa) oxm).getValue().getInt()));
        }
        if (oxm instanceof OFOxmArpSha) {
            return Instructions.modArpSha(onosMac(((OFOxmArpSha) oxm).getValue()));
        }
        if (oxm instanceof OFOxmArpTha) {
            return Instructions.modArpTha(onosMac(((OFOxmArpTha) oxm).getValue()));
        }
        throw new OfTranslationException("unsupported set_field " + oxm);
    }

    private static org.onlab.packet.MacAddress onosMac(MacAddress mac) {
        return org.onlab.packet.MacAddress.valueOf(mac.getLong());
    }
}
