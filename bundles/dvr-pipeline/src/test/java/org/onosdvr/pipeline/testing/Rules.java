package org.onosdvr.pipeline.testing;

import org.onlab.packet.IpAddress;
import org.onlab.packet.MacAddress;
import org.onosdvr.pipeline.CompiledPipeline;
import org.onosdvr.pipeline.CompiledRule;
import org.onosdvr.pipeline.PipelineTable;
import org.onosproject.net.DeviceId;
import org.onosproject.net.PortNumber;
import org.onosproject.net.flow.criteria.Criterion;
import org.onosproject.net.flow.instructions.ExtensionTreatment;
import org.onosproject.net.flow.instructions.ExtensionTreatmentType.ExtensionTreatmentTypes;
import org.onosproject.net.flow.instructions.Instruction;
import org.onosproject.net.flow.instructions.Instructions;
import org.onosproject.net.flow.instructions.L2ModificationInstruction;
import org.onosproject.net.flow.instructions.L3ModificationInstruction;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Queries over compiled rules for assertions on their properties (table, match, actions).
 */
public final class Rules {

    private Rules() {
    }

    /**
     * @param p      pipeline
     * @param device device
     * @param table  table
     * @return the device's rules of that table
     */
    public static List<CompiledRule> of(CompiledPipeline p, DeviceId device, PipelineTable table) {
        return p.rules(device).stream().filter(r -> r.table() == table).collect(Collectors.toList());
    }

    /**
     * Rules of a table whose selector contains all the given criteria.
     *
     * @param p        pipeline
     * @param device   device
     * @param table    table
     * @param criteria criteria the selector must contain
     * @return matching rules
     */
    public static List<CompiledRule> matching(CompiledPipeline p, DeviceId device, PipelineTable table,
                                              Criterion... criteria) {
        return of(p, device, table).stream()
                .filter(r -> r.flowRule().selector().criteria().containsAll(Arrays.asList(criteria)))
                .collect(Collectors.toList());
    }

    /**
     * The single rule of a table whose selector contains the criteria.
     *
     * @param p        pipeline
     * @param device   device
     * @param table    table
     * @param criteria criteria
     * @return the rule
     * @throws AssertionError if there is not exactly one
     */
    public static CompiledRule only(CompiledPipeline p, DeviceId device, PipelineTable table,
                                    Criterion... criteria) {
        List<CompiledRule> found = matching(p, device, table, criteria);
        if (found.size() != 1) {
            throw new AssertionError("expected one " + table + " rule on " + device + " with "
                                             + Arrays.toString(criteria) + ", found " + found);
        }
        return found.get(0);
    }

    /**
     * The single rule of a table whose selector is exactly the given criteria.
     *
     * @param p        pipeline
     * @param device   device
     * @param table    table
     * @param criteria criteria
     * @return the rule
     * @throws AssertionError if there is none
     */
    public static CompiledRule exactly(CompiledPipeline p, DeviceId device, PipelineTable table,
                                       Criterion... criteria) {
        return of(p, device, table).stream()
                .filter(r -> r.flowRule().selector().criteria().equals(Set.of(criteria))).findFirst()
                .orElseThrow(() -> new AssertionError("no " + table + " rule on " + device + " matching exactly "
                                                              + Arrays.toString(criteria)));
    }

    /**
     * @param r rule
     * @return its apply-actions, in order
     */
    public static List<Instruction> actions(CompiledRule r) {
        return r.flowRule().treatment().immediate();
    }

    /**
     * @param r rule
     * @return the extension treatments of its apply-actions, in order
     */
    public static List<ExtensionTreatment> extensions(CompiledRule r) {
        List<ExtensionTreatment> out = new ArrayList<>();
        for (Instruction i : actions(r)) {
            if (i instanceof Instructions.ExtensionInstructionWrapper) {
                out.add(((Instructions.ExtensionInstructionWrapper) i).extensionInstruction());
            }
        }
        return out;
    }

    /**
     * @param r    rule
     * @param type extension type
     * @return the first extension of that type
     */
    public static Optional<ExtensionTreatment> extension(CompiledRule r, ExtensionTreatmentTypes type) {
        return extensions(r).stream().filter(e -> e.type().equals(type.type())).findFirst();
    }

    /**
     * @param e    extension
     * @param name property
     * @return its value
     */
    public static Object property(ExtensionTreatment e, String name) {
        try {
            return e.getPropertyValue(name);
        } catch (Exception ex) {
            throw new AssertionError("no property " + name + " in " + e, ex);
        }
    }

    /**
     * @param r rule
     * @return output ports, in order
     */
    public static List<PortNumber> outputs(CompiledRule r) {
        return actions(r).stream().filter(i -> i instanceof Instructions.OutputInstruction)
                .map(i -> ((Instructions.OutputInstruction) i).port()).collect(Collectors.toList());
    }

    /** @return true if the rule drops (no actions, no goto) */
    public static boolean drops(CompiledRule r) {
        return r.flowRule().treatment().tableTransition() == null
                && actions(r).stream().allMatch(i -> i.type() == Instruction.Type.NOACTION);
    }

    public static Optional<Integer> gotoTable(CompiledRule r) {
        return Optional.ofNullable(r.flowRule().treatment().tableTransition())
                .map(Instructions.TableTypeTransition::tableId);
    }

    public static Optional<Long> metadata(CompiledRule r) {
        return Optional.ofNullable(r.flowRule().treatment().writeMetadata())
                .map(Instructions.MetadataInstruction::metadata);
    }

    public static Optional<MacAddress> setEthSrc(CompiledRule r) {
        return l2(r, L2ModificationInstruction.L2SubType.ETH_SRC);
    }

    public static Optional<MacAddress> setEthDst(CompiledRule r) {
        return l2(r, L2ModificationInstruction.L2SubType.ETH_DST);
    }

    private static Optional<MacAddress> l2(CompiledRule r, L2ModificationInstruction.L2SubType type) {
        return actions(r).stream().filter(i -> i instanceof L2ModificationInstruction.ModEtherInstruction)
                .map(i -> (L2ModificationInstruction.ModEtherInstruction) i)
                .filter(i -> i.subtype() == type).map(L2ModificationInstruction.ModEtherInstruction::mac)
                .findFirst();
    }

    public static Optional<IpAddress> setIpSrc(CompiledRule r) {
        return l3ip(r, L3ModificationInstruction.L3SubType.IPV4_SRC);
    }

    public static Optional<IpAddress> setIpDst(CompiledRule r) {
        return l3ip(r, L3ModificationInstruction.L3SubType.IPV4_DST);
    }

    private static Optional<IpAddress> l3ip(CompiledRule r, L3ModificationInstruction.L3SubType type) {
        return actions(r).stream().filter(i -> i instanceof L3ModificationInstruction.ModIPInstruction)
                .map(i -> (L3ModificationInstruction.ModIPInstruction) i)
                .filter(i -> i.subtype() == type).map(L3ModificationInstruction.ModIPInstruction::ip)
                .findFirst();
    }

    public static boolean decTtl(CompiledRule r) {
        return actions(r).stream().anyMatch(i -> i instanceof L3ModificationInstruction
                && ((L3ModificationInstruction) i).subtype() == L3ModificationInstruction.L3SubType.DEC_TTL);
    }

    public static Optional<Long> setTunnelId(CompiledRule r) {
        return actions(r).stream().filter(i -> i instanceof L2ModificationInstruction.ModTunnelIdInstruction)
                .map(i -> ((L2ModificationInstruction.ModTunnelIdInstruction) i).tunnelId()).findFirst();
    }

    /**
     * @param r rule
     * @return tunnel destinations set by the rule, in order
     */
    public static List<IpAddress> tunnelDsts(CompiledRule r) {
        return extensions(r).stream()
                .filter(e -> e.type().equals(ExtensionTreatmentTypes.NICIRA_SET_TUNNEL_DST.type()))
                .map(e -> (IpAddress) property(e, "tunnelDst")).collect(Collectors.toList());
    }
}
