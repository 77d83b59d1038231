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

import org.onosproject.net.DeviceId;
import org.onosproject.net.flow.FlowRule;
import org.onosproject.net.group.GroupDescription;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The flow tables of one device, built from ONOS {@link FlowRule}s.
 * <p>
 * Strict like a real switch, and like Faucet's fake one: unsupported criteria or instructions, missing match
 * prerequisites, backward gotos and overlapping rules of equal priority are {@link WalkException}s. A goto
 * into a table without rules is allowed (it is a table miss) but listed in {@link #warnings()}.
 */
public final class DeviceTables {
    private final DeviceId deviceId;
    private final SortedMap<Integer, FlowTable> tables = new TreeMap<>();
    private final SortedMap<Integer, WalkGroup> groups = new TreeMap<>();

    /**
     * Creates empty tables for a device.
     *
     * @param deviceId device
     */
    public DeviceTables(DeviceId deviceId) {
        this.deviceId = deviceId;
    }

    /**
     * Builds the tables of a device from rules.
     *
     * @param deviceId device
     * @param rules    rules, all for that device
     * @return tables
     */
    public static DeviceTables of(DeviceId deviceId, Collection<? extends FlowRule> rules) {
        DeviceTables t = new DeviceTables(deviceId);
        t.addAll(rules);
        return t;
    }

    /**
     * Returns the device.
     *
     * @return device id
     */
    public DeviceId deviceId() {
        return deviceId;
    }

    /**
     * Adds (or replaces, by identical match and priority) a rule.
     *
     * @param rule rule
     * @return this
     */
    public DeviceTables add(FlowRule rule) {
        if (!rule.deviceId().equals(deviceId)) {
            throw new WalkException("rule for " + rule.deviceId() + " added to " + deviceId);
        }
        FlowEntry e = InstructionDecoder.decode(rule);
        tables.computeIfAbsent(rule.tableId(), FlowTable::new).add(e);
        return this;
    }

    /**
     * Adds (or replaces, by id) a group.
     *
     * @param group group of this device with its id
     * @return this
     */
    public DeviceTables addGroup(GroupDescription group) {
        if (!group.deviceId().equals(deviceId)) {
            throw new WalkException("group for " + group.deviceId() + " added to " + deviceId);
        }
        WalkGroup g = WalkGroup.decode(group);
        groups.put(g.id(), g);
        return this;
    }

    /**
     * @param id group id
     * @return the group, if the device has it
     */
    Optional<WalkGroup> group(int id) {
        return Optional.ofNullable(groups.get(id));
    }

    /** @return ids of the device's groups */
    public Set<Integer> groupIds() {
        return Collections.unmodifiableSet(groups.keySet());
    }

    /**
     * Checks that every group action of every rule names a group of this device (OVS rejects a flow whose group
     * does not exist).
     *
     * @throws WalkException naming the first rule with a missing group
     */
    void checkGroups() {
        for (FlowTable t : tables.values()) {
            for (FlowEntry e : t.entries()) {
                for (Action a : e.actions()) {
                    if (a instanceof GroupAction && !groups.containsKey(((GroupAction) a).groupId())) {
                        throw new WalkException(deviceId + " table " + t.id() + " [" + e + "]: " + a
                                                        + " names a group the device does not have");
                    }
                }
            }
        }
    }

    /**
     * Adds rules in order.
     *
     * @param rules rules
     * @return this
     */
    public DeviceTables addAll(Collection<? extends FlowRule> rules) {
        rules.forEach(this::add);
        return this;
    }

    /**
     * Removes the rule with the same table, match and priority (delete-strict).
     *
     * @param rule rule
     * @return true if removed
     */
    public boolean remove(FlowRule rule) {
        FlowTable t = tables.get(rule.tableId());
        boolean removed = t != null && t.remove(InstructionDecoder.decode(rule));
        if (t != null && t.isEmpty()) {
            tables.remove(rule.tableId());
        }
        return removed;
    }

    /**
     * Returns a table.
     *
     * @param id table id
     * @return table, empty if no rule was ever added to it
     */
    public Optional<FlowTable> table(int id) {
        return Optional.ofNullable(tables.get(id));
    }

    /**
     * Returns the ids of the non-empty tables.
     *
     * @return ids
     */
    public Set<Integer> tableIds() {
        return Collections.unmodifiableSet(tables.keySet());
    }

    /**
     * Returns every rule, by table then descending priority.
     *
     * @return rules
     */
    public List<FlowRule> rules() {
        return tables.values().stream().flatMap(t -> t.rules().stream()).collect(Collectors.toUnmodifiableList());
    }

    /**
     * Returns the non-fatal findings: gotos into tables without rules.
     *
     * @return one line per finding
     */
    public List<String> warnings() {
        List<String> out = new ArrayList<>();
        for (FlowTable t : tables.values()) {
            for (FlowEntry e : t.entries()) {
                e.gotoTable().filter(g -> !tables.containsKey(g)).ifPresent(
                        g -> out.add(deviceId + " table " + t.id() + " [" + e + "]: goto_table:" + g
                                             + " has no rules (every packet misses there)"));
            }
        }
        return out;
    }

    /**
     * Dumps all tables like {@code ovs-ofctl dump-flows}.
     *
     * @return text
     */
    public String dump() {
        StringBuilder sb = new StringBuilder(deviceId.toString()).append('\n');
        tables.values().forEach(t -> sb.append(t.dump()));
        return sb.toString();
    }
}
