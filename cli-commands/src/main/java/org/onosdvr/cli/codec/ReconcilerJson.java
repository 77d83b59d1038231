package org.onosdvr.cli.codec;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.onosdvr.api.DesiredFlow;
import org.onosdvr.api.DesiredGroup;
import org.onosdvr.api.DeviceSyncStatus;
import org.onosdvr.api.DvrException;
import org.onosdvr.api.DvrNode;
import org.onosdvr.api.DvrReconcilerService;
import org.onosdvr.api.DvrSnapshot;
import org.onosdvr.api.FlowDiff;
import org.onosdvr.pipeline.CompiledGroup;
import org.onosdvr.pipeline.PipelineTable;
import org.onosproject.net.DeviceId;
import org.onosproject.net.flow.FlowEntry;
import org.onosproject.net.flow.FlowRule;
import org.onosproject.net.flow.TrafficTreatment;
import org.onosproject.net.flow.criteria.Criterion;
import org.onosproject.net.group.Group;
import org.onosproject.net.group.GroupBucket;
import org.onosproject.net.group.GroupDescription;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * JSON of the reconciler's views, shared by REST ({@code /devices/{id}/rules}, {@code /verify}, {@code /sync},
 * {@code /nodes}) and the commands' {@code -j} output. Per-rule status: a desired rule is {@code installed},
 * {@code missing} (to add) or {@code modified} (installed with another treatment); an installed rule is
 * {@code installed}, {@code modified} or {@code extraneous} (no desired rule has its key: to remove).
 */
public final class ReconcilerJson {

    /** Status of a desired rule that the device holds exactly. */
    public static final String INSTALLED = "installed";
    /** Status of a desired rule the device lacks. */
    public static final String MISSING = "missing";
    /** Status of a desired rule the device holds with another treatment. */
    public static final String MODIFIED = "modified";
    /** Status of an installed rule no desired rule asks for. */
    public static final String EXTRANEOUS = "extraneous";

    private ReconcilerJson() {
    }

    /**
     * The devices the reconciler deals with: the DVR nodes, and any device it has a status for.
     *
     * @param snapshot   state
     * @param reconciler reconciler
     * @return device ids, sorted
     */
    public static Set<DeviceId> devices(DvrSnapshot snapshot, DvrReconcilerService reconciler) {
        Set<DeviceId> out = new TreeSet<>(Comparator.comparing(DeviceId::toString));
        snapshot.nodes().stream().map(DvrNode::deviceId).forEach(out::add);
        out.addAll(reconciler.status().keySet());
        return out;
    }

    /**
     * Parses a device id the reconciler deals with.
     *
     * @param id         text
     * @param snapshot   state
     * @param reconciler reconciler
     * @return device id
     * @throws DvrException NOT_FOUND if it is no DVR node and unknown to the reconciler
     */
    public static DeviceId device(String id, DvrSnapshot snapshot, DvrReconcilerService reconciler) {
        DeviceId d = DeviceId.deviceId(id);
        if (!devices(snapshot, reconciler).contains(d)) {
            throw DvrException.notFound("device %s is not a DVR node", Text.shorten(id));
        }
        return d;
    }

    /** A device's desired and installed rules with their status. */
    public static final class DeviceRules {
        private final DeviceId deviceId;
        private final List<DesiredFlow> desired;
        private final List<FlowEntry> installed;
        private final FlowDiff diff;
        private final List<DesiredGroup> desiredGroups;
        private final List<Group> installedGroups;
        private final Set<FlowRule> missing;
        private final Set<FlowRule> modified;
        private final Map<FlowRule, FlowRule> byKey = new HashMap<>();

        private DeviceRules(DeviceId deviceId, List<DesiredFlow> desired, List<FlowEntry> installed,
                            FlowDiff diff, List<DesiredGroup> desiredGroups, List<Group> installedGroups) {
            this.deviceId = deviceId;
            this.desiredGroups = desiredGroups;
            this.installedGroups = installedGroups;
            this.desired = desired;
            this.installed = installed;
            this.diff = diff;
            this.missing = new HashSet<>(diff.toAdd());
            this.modified = new HashSet<>(diff.toModify());
            desired.forEach(f -> byKey.put(f.flowRule(), f.flowRule()));
        }

        /** @return device */
        public DeviceId deviceId() {
            return deviceId;
        }

        /** @return desired rules in the compiler's order */
        public List<DesiredFlow> desired() {
            return desired;
        }

        /** @return installed entries, by table and descending priority */
        public List<FlowEntry> installed() {
            return installed;
        }

        /** @return the difference */
        public FlowDiff diff() {
            return diff;
        }

        /**
         * @param f desired rule
         * @return its status: installed, missing or modified
         */
        public String status(DesiredFlow f) {
            return missing.contains(f.flowRule()) ? MISSING : modified.contains(f.flowRule()) ? MODIFIED
                    : INSTALLED;
        }

        /**
         * @param e installed entry
         * @return its status: installed, modified or extraneous
         */
        public String status(FlowEntry e) {
            FlowRule wanted = byKey.get(e);
            return wanted == null ? EXTRANEOUS : e.exactMatch(wanted) ? INSTALLED : MODIFIED;
        }

        /** @return true if the device holds exactly the desired rules and groups */
        public boolean ok() {
            return diff.isEmpty() && groupsOk();
        }

        /** @return true if the device holds exactly the desired groups */
        public boolean groupsOk() {
            return groups(new ObjectMapper(), desiredGroups, installedGroups).get("ok").asBoolean();
        }
    }

    /**
     * Reads a device's rules from the reconciler (changes nothing).
     *
     * @param reconciler reconciler
     * @param device     device
     * @return rules and status
     */
    public static DeviceRules rules(DvrReconcilerService reconciler, DeviceId device) {
        List<DesiredFlow> desired = reconciler.desired(device);
        List<FlowEntry> installed = new ArrayList<>(reconciler.installed(device));
        // each selector's text once, not once per comparison (10k entries: ~300k toString calls otherwise)
        Map<FlowEntry, String> text = new IdentityHashMap<>();
        installed.forEach(e -> text.put(e, e.selector().toString()));
        installed.sort(Comparator.comparingInt(FlowEntry::tableId).thenComparing(e -> -e.priority())
                               .thenComparing(text::get));
        return new DeviceRules(device, desired, installed, reconciler.diff(device),
                               reconciler.desiredGroups(device), new ArrayList<>(reconciler.installedGroups(device)));
    }

    /**
     * Encodes a device's rules: counts, desired rules with provenance and status, installed rules with status.
     *
     * @param mapper mapper
     * @param rules  rules
     * @return {"device_id", "ok" (rules and groups), "desired_count", "installed_count", "missing",
     * "extraneous", "modified", "desired": [...], "installed": [...], "groups": see {@link #groups}}
     */
    public static ObjectNode encode(ObjectMapper mapper, DeviceRules rules) {
        FlowDiff diff = rules.diff();
        ObjectNode json = mapper.createObjectNode().put("device_id", diff.deviceId().toString())
                .put("ok", rules.ok()).put("desired_count", diff.desiredCount())
                .put("installed_count", diff.installedCount()).put("missing", diff.toAdd().size())
                .put("extraneous", diff.toRemove().size()).put("modified", diff.toModify().size());
        ArrayNode desired = json.putArray("desired");
        for (DesiredFlow f : rules.desired()) {
            desired.add(rule(mapper, f.flowRule()).put("table", f.table()).put("description", f.description())
                                .put("source", f.source()).put("status", rules.status(f)));
        }
        ArrayNode installed = json.putArray("installed");
        for (FlowEntry e : rules.installed()) {
            installed.add(rule(mapper, e).put("table", tableName(e.tableId())).put("state", e.state().name())
                                  .put("packets", e.packets()).put("bytes", e.bytes())
                                  .put("status", rules.status(e)));
        }
        json.set("groups", groups(mapper, rules.desiredGroups, rules.installedGroups));
        return json;
    }

    /**
     * Encodes a device's groups, desired (with provenance) and installed, each with a status: a desired group is
     * installed, missing or modified (other buckets); an installed one installed, modified or extraneous.
     *
     * @param mapper          mapper
     * @param desiredGroups   desired groups
     * @param installedGroups installed groups
     * @return {"ok", "desired": [{"id", "type", "description", "source", "buckets", "status"}], "installed":
     * [{"id", "type", "state", "buckets", "packets", "status"}]}
     */
    static ObjectNode groups(ObjectMapper mapper, List<DesiredGroup> desiredGroups, List<Group> installedGroups) {
        Map<Integer, GroupDescription> desired = new TreeMap<>();
        desiredGroups.forEach(g -> desired.put(g.groupId(), g.group()));
        Map<Integer, Group> installed = new TreeMap<>();
        installedGroups.forEach(g -> installed.put(g.id().id(), g));
        boolean ok = desired.keySet().equals(installed.keySet());
        ObjectNode json = mapper.createObjectNode();
        ArrayNode d = json.putArray("desired");
        for (DesiredGroup g : desiredGroups) {
            Group have = installed.get(g.groupId());
            String status = have == null ? MISSING : CompiledGroup.sameGroup(g.group(), have) ? INSTALLED : MODIFIED;
            ok &= status.equals(INSTALLED);
            d.add(group(mapper, g.group()).put("description", g.description()).put("source", g.source())
                          .put("status", status));
        }
        ArrayNode i = json.putArray("installed");
        for (Group g : installed.values()) {
            GroupDescription want = desired.get(g.id().id());
            i.add(group(mapper, g).put("state", g.state().name()).put("packets", g.packets())
                          .put("status", want == null ? EXTRANEOUS
                                  : CompiledGroup.sameGroup(want, g) ? INSTALLED : MODIFIED));
        }
        json.put("ok", ok);
        return json;
    }

    private static ObjectNode group(ObjectMapper mapper, GroupDescription g) {
        ObjectNode json = mapper.createObjectNode().put("id", "0x" + Integer.toHexString(g.givenGroupId() == null
                ? 0 : g.givenGroupId())).put("type", g.type().name().toLowerCase());
        ArrayNode buckets = json.putArray("buckets");
        for (GroupBucket b : g.buckets().buckets()) {
            ObjectNode bj = buckets.addObject();
            if (b.watchPort() != null) {
                bj.put("watch_port", b.watchPort().toString());
            }
            bj.put("actions", b.treatment().allInstructions().toString());
        }
        return json;
    }

    /**
     * Encodes the counts of a diff (one device of {@code /verify}).
     *
     * @param mapper mapper
     * @param diff   diff
     * @return {"device_id", "desired", "installed", "missing", "extraneous", "modified", "ok"}
     */
    public static ObjectNode counts(ObjectMapper mapper, FlowDiff diff) {
        return mapper.createObjectNode().put("device_id", diff.deviceId().toString())
                .put("desired", diff.desiredCount()).put("installed", diff.installedCount())
                .put("missing", diff.toAdd().size()).put("extraneous", diff.toRemove().size())
                .put("modified", diff.toModify().size()).put("ok", diff.isEmpty());
    }

    /**
     * Verifies devices: compares desired and installed rules of each (changes nothing).
     *
     * @param mapper     mapper
     * @param reconciler reconciler
     * @param devices    devices
     * @return {"ok": all ok, "devices": [counts...]}
     */
    public static ObjectNode verify(ObjectMapper mapper, DvrReconcilerService reconciler,
                                    Iterable<DeviceId> devices) {
        ObjectNode json = mapper.createObjectNode();
        ArrayNode list = mapper.createArrayNode();
        boolean ok = true;
        for (DeviceId d : devices) {
            FlowDiff diff = reconciler.diff(d);
            boolean groupsOk = groups(mapper, reconciler.desiredGroups(d),
                                      new ArrayList<>(reconciler.installedGroups(d))).get("ok").asBoolean();
            ok &= diff.isEmpty() && groupsOk;
            list.add(counts(mapper, diff).put("groups_ok", groupsOk));
        }
        json.put("ok", ok);
        json.set("devices", list);
        return json;
    }

    /**
     * Encodes a synchronisation status.
     *
     * @param mapper mapper
     * @param s      status
     * @return {"device_id", "state", "desired", "installed", "added", "removed", "modified", "last_sync",
     * "sync_count", "last_error"}
     */
    public static ObjectNode status(ObjectMapper mapper, DeviceSyncStatus s) {
        ObjectNode json = mapper.createObjectNode().put("device_id", s.deviceId().toString())
                .put("state", s.state().name()).put("desired", s.desired()).put("installed", s.installed())
                .put("added", s.added()).put("removed", s.removed()).put("modified", s.modified());
        if (s.lastSyncMillis() > 0) {
            json.put("last_sync", Instant.ofEpochMilli(s.lastSyncMillis()).toString());
        } else {
            json.putNull("last_sync");
        }
        json.put("sync_count", s.syncCount());
        if (s.lastError().isPresent()) {
            json.put("last_error", s.lastError().get());
        } else {
            json.putNull("last_error");
        }
        return json;
    }

    /**
     * @param tableId table id
     * @return the pipeline's name of the table, or its number
     */
    public static String tableName(int tableId) {
        return PipelineTable.byId(tableId).map(PipelineTable::tableName).orElse(Integer.toString(tableId));
    }

    private static ObjectNode rule(ObjectMapper mapper, FlowRule r) {
        return mapper.createObjectNode().put("id", "0x" + Long.toHexString(r.id().value()))
                .put("table_id", r.tableId()).put("priority", r.priority())
                .put("selector", selector(r)).put("treatment", treatment(r.treatment()));
    }

    /**
     * @param r rule
     * @return its criteria, e.g. "IN_PORT:3, ETH_TYPE:ipv4"
     */
    public static String selector(FlowRule r) {
        return r.selector().criteria().stream().sorted(Comparator.comparing(Criterion::type))
                .map(Object::toString).collect(Collectors.joining(", "));
    }

    /**
     * @param t treatment
     * @return its instructions, e.g. "immediate=[OUTPUT:3], transition=TABLE:1"
     */
    public static String treatment(TrafficTreatment t) {
        StringJoiner j = new StringJoiner(", ");
        if (!t.immediate().isEmpty()) {
            j.add("immediate=" + t.immediate());
        }
        if (!t.deferred().isEmpty()) {
            j.add("deferred=" + t.deferred());
        }
        if (t.clearedDeferred()) {
            j.add("clear_deferred");
        }
        if (t.writeMetadata() != null) {
            j.add("metadata=" + t.writeMetadata());
        }
        if (t.tableTransition() != null) {
            j.add("transition=" + t.tableTransition());
        }
        if (t.metered() != null) {
            j.add("meter=" + t.metered());
        }
        return j.length() == 0 ? "drop" : j.toString();
    }
}
