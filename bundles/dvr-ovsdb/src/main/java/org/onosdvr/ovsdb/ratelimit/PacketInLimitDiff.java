package org.onosdvr.ovsdb.ratelimit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.onosdvr.ovsdb.db.BridgeRow;
import org.onosdvr.ovsdb.db.ControllerRow;
import org.onosdvr.ovsdb.db.Ops;
import org.onosdvr.ovsdb.db.OvsdbData;
import org.onosdvr.ovsdb.db.OvsdbTables;
import org.onosdvr.ovsdb.sync.OvsdbDiff;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * What one {@code transact} must do so that every controller of a bridge has the wanted packet-in limit: pure,
 * computed from the monitored tables. One {@code update} of each Controller row whose
 * {@code controller_rate_limit} or {@code controller_burst_limit} differs (both columns written, empty sets for
 * {@link PacketInLimit#NONE}); controllers of other bridges are left alone. Empty when the bridge does not exist,
 * has no controller yet, or already matches.
 */
public final class PacketInLimitDiff extends OvsdbDiff {

    private PacketInLimitDiff(List<ObjectNode> ops, List<String> changes) {
        super(ops, changes);
    }

    /**
     * @param tables     monitored tables of the switch
     * @param bridgeName bridge whose controllers are limited
     * @param wanted     the limit
     * @return the operations
     */
    public static PacketInLimitDiff of(OvsdbTables tables, String bridgeName, PacketInLimit wanted) {
        Optional<BridgeRow> bridge = tables.bridge(bridgeName);
        if (bridge.isEmpty()) {
            return new PacketInLimitDiff(List.of(), List.of());
        }
        List<ControllerRow> controllers = new ArrayList<>(tables.controllers(bridge.get()));
        controllers.sort(Comparator.comparing(ControllerRow::target).thenComparing(ControllerRow::uuid));
        List<ObjectNode> ops = new ArrayList<>();
        List<String> changes = new ArrayList<>();
        for (ControllerRow c : controllers) {
            if (c.rateLimit().equals(wanted.rate()) && c.burstLimit().equals(wanted.burst())) {
                continue;
            }
            ObjectNode row = JsonNodeFactory.instance.objectNode();
            row.set(ControllerRow.RATE_LIMIT, column(wanted.rate()));
            row.set(ControllerRow.BURST_LIMIT, column(wanted.burst()));
            ops.add(Ops.update(ControllerRow.TABLE, c.uuid(), row));
            changes.add(c.target() + " " + describe(c) + " -> " + wanted);
        }
        return new PacketInLimitDiff(ops, changes);
    }

    private static JsonNode column(Optional<Long> value) {
        return value.<JsonNode>map(v -> JsonNodeFactory.instance.numberNode(v)).orElse(OvsdbData.set(List.of()));
    }

    private static String describe(ControllerRow c) {
        if (c.rateLimit().isEmpty() && c.burstLimit().isEmpty()) {
            return "none";
        }
        return c.rateLimit().map(r -> r + "/s").orElse("no rate") + " burst "
                + c.burstLimit().map(String::valueOf).orElse("default");
    }
}
