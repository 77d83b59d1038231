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

import java.util.List;
import java.util.Optional;

/**
 * A decoded flow rule: its match, immediate actions, write-metadata and goto, ready to run.
 */
final class FlowEntry {
    private final FlowRule rule;
    private final Match match;
    private final List<Action> actions;
    private final long metadata;
    private final long metadataMask;
    private final int gotoTable;

    FlowEntry(FlowRule rule, Match match, List<Action> actions, long metadata, long metadataMask, int gotoTable) {
        this.rule = rule;
        this.match = match;
        this.actions = List.copyOf(actions);
        this.metadata = metadata;
        this.metadataMask = metadataMask;
        this.gotoTable = gotoTable;
    }

    FlowRule rule() {
        return rule;
    }

    int priority() {
        return rule.priority();
    }

    Match match() {
        return match;
    }

    List<Action> actions() {
        return actions;
    }

    /**
     * Applies write_metadata (a no-op with a zero mask).
     *
     * @param packet packet
     * @return packet with metadata written
     */
    Packet writeMetadata(Packet packet) {
        if (metadataMask == 0) {
            return packet;
        }
        return packet.with(Field.METADATA, (packet.metadata() & ~metadataMask) | (metadata & metadataMask));
    }

    boolean writesMetadata() {
        return metadataMask != 0;
    }

    String metadataText() {
        return "write_metadata:0x" + Long.toHexString(metadata) + "/0x" + Long.toHexString(metadataMask);
    }

    Optional<Integer> gotoTable() {
        return gotoTable < 0 ? Optional.empty() : Optional.of(gotoTable);
    }

    /**
     * Returns whether this entry replaces the other in an OpenFlow add (same priority and identical match).
     *
     * @param other other entry
     * @return true if identical match and priority
     */
    boolean sameMatch(FlowEntry other) {
        return priority() == other.priority() && match.equals(other.match);
    }

    @Override
    public String toString() {
        return "priority=" + priority() + "," + match;
    }
}
