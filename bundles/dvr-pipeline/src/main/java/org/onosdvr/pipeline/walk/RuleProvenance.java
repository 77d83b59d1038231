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

import java.util.Map;
import java.util.Optional;

/**
 * Hook to show where a rule came from in traces (the compiler's table name, description and model object).
 * The interpreter knows nothing of the compiler; the compiler (or dvr-trace) supplies an implementation.
 */
public interface RuleProvenance {
    /**
     * Explains a rule, e.g. "arp_responder: reply for router interface 10.0.0.1 (router r1)".
     *
     * @param rule rule
     * @return explanation, empty if unknown
     */
    Optional<String> explain(FlowRule rule);

    /**
     * Returns the name of a table.
     *
     * @param device  device
     * @param tableId table id
     * @return name, empty if unknown
     */
    default Optional<String> tableName(DeviceId device, int tableId) {
        return Optional.empty();
    }

    /**
     * Returns a provenance that knows nothing.
     *
     * @return empty provenance
     */
    static RuleProvenance none() {
        return rule -> Optional.empty();
    }

    /**
     * Returns a provenance backed by a map from rule (ONOS rule identity: device, table, priority, selector)
     * to explanation.
     *
     * @param explanations explanations
     * @return provenance
     */
    static RuleProvenance of(Map<? extends FlowRule, String> explanations) {
        Map<FlowRule, String> copy = Map.copyOf(explanations);
        return rule -> Optional.ofNullable(copy.get(rule));
    }
}
