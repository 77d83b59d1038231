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

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The steps of a walk, printable like {@code ovs-appctl ofproto/trace}.
 */
public final class Trace {
    private final List<TraceStep> steps = new ArrayList<>();

    void add(TraceStep step) {
        steps.add(step);
    }

    /**
     * Returns the steps in order.
     *
     * @return steps
     */
    public List<TraceStep> steps() {
        return Collections.unmodifiableList(steps);
    }

    /**
     * Returns the rules hit, in order.
     *
     * @return rules
     */
    public List<FlowRule> matchedRules() {
        return steps.stream().filter(s -> s.kind() == TraceStep.Kind.RULE).map(s -> s.rule().get())
                .collect(Collectors.toList());
    }

    /**
     * Returns the tables looked up on a device, in order (hits and misses).
     *
     * @param device device
     * @return table ids
     */
    public List<Integer> tables(DeviceId device) {
        return steps.stream().filter(s -> s.device().equals(device))
                .filter(s -> s.kind() == TraceStep.Kind.RULE || s.kind() == TraceStep.Kind.MISS)
                .map(TraceStep::table).collect(Collectors.toList());
    }

    /**
     * Returns the devices entered, in order.
     *
     * @return devices
     */
    public List<DeviceId> devices() {
        return steps.stream().filter(s -> s.kind() == TraceStep.Kind.DEVICE).map(TraceStep::device)
                .collect(Collectors.toList());
    }

    @Override
    public String toString() {
        return steps.stream().map(TraceStep::toString).collect(Collectors.joining("\n"));
    }
}
