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

import java.util.Optional;

/**
 * One line of a {@link Trace}.
 */
public final class TraceStep {
    /** What a step records. */
    public enum Kind {
        /** A packet enters a device. */
        DEVICE,
        /** A table lookup hit a rule. */
        RULE,
        /** A table lookup missed. */
        MISS,
        /** An action or instruction ran. */
        ACTION,
        /** The packet left a device (to a host, port, tunnel, controller). */
        OUTPUT,
        /** The packet (copy) was dropped. */
        DROP
    }

    private final int depth;
    private final Kind kind;
    private final DeviceId device;
    private final int table;
    private final FlowRule rule;
    private final String text;

    TraceStep(int depth, Kind kind, DeviceId device, int table, FlowRule rule, String text) {
        this.depth = depth;
        this.kind = kind;
        this.device = device;
        this.table = table;
        this.rule = rule;
        this.text = text;
    }

    /**
     * Returns the nesting depth (device hops, resubmits, recirculations).
     *
     * @return depth
     */
    public int depth() {
        return depth;
    }

    /**
     * Returns the kind.
     *
     * @return kind
     */
    public Kind kind() {
        return kind;
    }

    /**
     * Returns the device.
     *
     * @return device
     */
    public DeviceId device() {
        return device;
    }

    /**
     * Returns the table, -1 if none.
     *
     * @return table id
     */
    public int table() {
        return table;
    }

    /**
     * Returns the matched rule of a RULE step.
     *
     * @return rule
     */
    public Optional<FlowRule> rule() {
        return Optional.ofNullable(rule);
    }

    /**
     * Returns the text.
     *
     * @return text
     */
    public String text() {
        return text;
    }

    @Override
    public String toString() {
        return "  ".repeat(depth) + text;
    }
}
