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

import org.onosproject.net.flow.FlowRule;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * One OpenFlow table: entries sorted by descending priority, with OpenFlow 1.3 add semantics (an identical
 * match and priority replaces the entry) and strict errors (two overlapping entries of equal priority).
 */
public final class FlowTable {
    private final int id;
    private final List<FlowEntry> entries = new ArrayList<>();

    FlowTable(int id) {
        this.id = id;
    }

    /**
     * Returns the table id.
     *
     * @return id
     */
    public int id() {
        return id;
    }

    /**
     * Adds an entry, replacing one with an identical match and priority.
     *
     * @param entry entry
     * @throws WalkException if it overlaps another entry of the same priority
     */
    void add(FlowEntry entry) {
        for (int i = 0; i < entries.size(); i++) {
            FlowEntry e = entries.get(i);
            if (e.sameMatch(entry)) {
                entries.set(i, entry);
                return;
            }
            if (e.priority() == entry.priority() && e.match().overlaps(entry.match())) {
                throw new WalkException("table " + id + ": overlapping rules of priority " + entry.priority()
                                                + ": [" + e.match() + "] and [" + entry.match() + "]");
            }
        }
        entries.add(entry);
        entries.sort(Comparator.comparingInt(FlowEntry::priority).reversed());
    }

    /**
     * Removes the entry with the rule's exact match and priority (OpenFlow delete-strict).
     *
     * @param entry decoded rule to remove
     * @return true if an entry was removed
     */
    boolean remove(FlowEntry entry) {
        return entries.removeIf(e -> e.sameMatch(entry));
    }

    /**
     * Returns the highest-priority entry matching the packet.
     *
     * @param packet packet
     * @return entry, empty on a table miss
     */
    Optional<FlowEntry> lookup(Packet packet) {
        for (FlowEntry e : entries) {
            if (e.match().matches(packet)) {
                return Optional.of(e);
            }
        }
        return Optional.empty();
    }

    /**
     * Returns the rule the packet would hit.
     *
     * @param packet packet
     * @return rule, empty on a miss
     */
    public Optional<FlowRule> ruleFor(Packet packet) {
        return lookup(packet).map(FlowEntry::rule);
    }

    List<FlowEntry> entries() {
        return Collections.unmodifiableList(entries);
    }

    /**
     * Returns the rules by descending priority.
     *
     * @return rules
     */
    public List<FlowRule> rules() {
        return entries.stream().map(FlowEntry::rule).collect(Collectors.toUnmodifiableList());
    }

    /**
     * Returns whether the table holds no rule.
     *
     * @return true if empty
     */
    public boolean isEmpty() {
        return entries.isEmpty();
    }

    /**
     * Dumps the table, one entry per line, like {@code ovs-ofctl dump-flows}.
     *
     * @return text
     */
    public String dump() {
        StringBuilder sb = new StringBuilder();
        for (FlowEntry e : entries) {
            sb.append(" table=").append(id).append(", ").append(e).append(" actions=")
                    .append(e.actions()).append(e.gotoTable().map(t -> " goto_table:" + t).orElse(""))
                    .append('\n');
        }
        return sb.toString();
    }
}
