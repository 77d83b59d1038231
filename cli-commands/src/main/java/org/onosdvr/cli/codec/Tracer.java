package org.onosdvr.cli.codec;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.onosdvr.api.DesiredFlow;
import org.onosdvr.api.DesiredGroup;
import org.onosdvr.api.DvrNode;
import org.onosdvr.api.DvrReconcilerService;
import org.onosdvr.api.DvrSnapshot;
import org.onosdvr.pipeline.DvrFabric;
import org.onosdvr.pipeline.walk.Delivery;
import org.onosdvr.pipeline.walk.Drop;
import org.onosdvr.pipeline.walk.Network;
import org.onosdvr.pipeline.walk.TraceStep;
import org.onosdvr.pipeline.walk.WalkResult;
import org.onosproject.net.DeviceId;
import org.onosproject.net.flow.FlowRule;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Runs a packet through the live compiled state: the reconciler's desired rules and groups of every node,
 * loaded into the walk interpreter with {@link DvrFabric}. Shared by {@code POST /trace} and {@code dvr-trace}.
 * Changes nothing (conntrack state lives in the throw-away interpreter).
 */
public final class Tracer {

    private final DvrSnapshot snapshot;
    private final Map<FlowRule, DesiredFlow> provenance = new HashMap<>();
    private final Network network;

    /**
     * Loads the current state.
     *
     * @param snapshot   state
     * @param reconciler reconciler holding the compiled rules
     */
    public Tracer(DvrSnapshot snapshot, DvrReconcilerService reconciler) {
        this.snapshot = snapshot;
        Map<DeviceId, List<FlowRule>> rules = new HashMap<>();
        for (DvrNode n : snapshot.nodes()) {
            List<FlowRule> list = new ArrayList<>();
            for (DesiredFlow f : reconciler.desired(n.deviceId())) {
                list.add(f.flowRule());
                provenance.put(f.flowRule(), f);
            }
            rules.put(n.deviceId(), list);
        }
        Map<FlowRule, String> explain = new HashMap<>();
        provenance.forEach((r, f) -> explain.put(r, explain(f)));
        try {
            this.network = DvrFabric.build(snapshot, d -> rules.getOrDefault(d, List.of()),
                                           d -> reconciler.desiredGroups(d).stream().map(DesiredGroup::group)
                                                   .collect(Collectors.toList()),
                                           DvrFabric.provenance(explain));
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("the compiled rules cannot be loaded into the interpreter: "
                                                    + e.getMessage(), e);
        }
    }

    /**
     * @param f desired rule
     * @return "table priority N: description [source]"
     */
    public static String explain(DesiredFlow f) {
        return f.table() + " priority " + f.flowRule().priority() + ": " + f.description() + " [" + f.source()
                + "]";
    }

    /** @return the state the tracer was loaded with */
    public DvrSnapshot snapshot() {
        return snapshot;
    }

    /**
     * Runs a request.
     *
     * @param request request
     * @return walk result
     */
    public WalkResult run(TraceRequest request) {
        return request.host().isPresent() ? network.send(request.host().get(), request.packet())
                : network.inject(request.at().get(), request.packet());
    }

    /**
     * Encodes a result.
     *
     * @param mapper  mapper
     * @param request request
     * @param r       result
     * @return {"from", "packet", "deliveries", "to_controller", "drops", "steps"}
     */
    public ObjectNode encode(ObjectMapper mapper, TraceRequest request, WalkResult r) {
        ObjectNode json = mapper.createObjectNode().put("from", request.origin())
                .put("packet", request.packet().toString());
        ArrayNode deliveries = json.putArray("deliveries");
        for (Delivery d : r.deliveries()) {
            ObjectNode o = deliveries.addObject().put("device_id", d.device().toString())
                    .put("port", d.port().toLong());
            if (d.host().isPresent()) {
                o.put("host", d.host().get());
            } else {
                o.putNull("host");
            }
            o.put("packet", d.packet().toString());
        }
        ArrayNode controller = json.putArray("to_controller");
        for (Delivery d : r.toController()) {
            controller.addObject().put("device_id", d.device().toString()).put("packet", d.packet().toString());
        }
        ArrayNode drops = json.putArray("drops");
        for (Drop d : r.drops()) {
            ObjectNode o = drops.addObject().put("device_id", d.device().toString()).put("table", d.table());
            tableName(o, d.table());
            o.put("reason", d.reason().name()).put("detail", d.detail());
        }
        ArrayNode steps = json.putArray("steps");
        for (TraceStep s : r.trace().steps()) {
            ObjectNode o = steps.addObject().put("depth", s.depth()).put("kind", s.kind().name())
                    .put("device_id", s.device().toString());
            if (s.table() >= 0) {
                o.put("table", s.table());
                tableName(o, s.table());
            }
            o.put("text", s.text());
            DesiredFlow f = s.rule().map(provenance::get).orElse(null);
            if (f != null) {
                o.putObject("rule").put("table", f.table()).put("priority", f.flowRule().priority())
                        .put("description", f.description()).put("source", f.source());
            }
        }
        return json;
    }

    private static void tableName(ObjectNode o, int table) {
        if (table >= 0) {
            o.put("table_name", ReconcilerJson.tableName(table));
        }
    }

    /**
     * Formats a result for the console: the trace, then deliveries, packet-ins and drops.
     *
     * @param request request
     * @param r       result
     * @return lines
     */
    public static List<String> text(TraceRequest request, WalkResult r) {
        List<String> lines = new ArrayList<>();
        lines.add("from " + request.origin() + ": " + request.packet());
        lines.addAll(r.trace().steps().stream().map(TraceStep::toString).collect(Collectors.toList()));
        lines.add("");
        r.deliveries().forEach(d -> lines.add("delivered: " + d));
        r.toController().forEach(d -> lines.add("to controller: " + d));
        r.drops().forEach(d -> lines.add("dropped: " + d));
        lines.add(String.format("%d delivered, %d to controller, %d dropped", r.deliveries().size(),
                                r.toController().size(), r.drops().size()));
        return lines;
    }
}
