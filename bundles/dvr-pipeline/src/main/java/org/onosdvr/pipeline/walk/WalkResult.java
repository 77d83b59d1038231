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

import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Outcome of one walk: every delivery, every packet-in, every drop, and the trace.
 */
public final class WalkResult {
    private final List<Delivery> deliveries;
    private final List<Delivery> toController;
    private final List<Drop> drops;
    private final Trace trace;

    WalkResult(List<Delivery> deliveries, List<Delivery> toController, List<Drop> drops, Trace trace) {
        this.deliveries = List.copyOf(deliveries);
        this.toController = List.copyOf(toController);
        this.drops = List.copyOf(drops);
        this.trace = trace;
    }

    /**
     * Returns deliveries to hosts and unattached ports, in walk order.
     *
     * @return deliveries
     */
    public List<Delivery> deliveries() {
        return deliveries;
    }

    /**
     * Returns the deliveries to a named host.
     *
     * @param host host name
     * @return deliveries
     */
    public List<Delivery> deliveriesTo(String host) {
        return deliveries.stream().filter(d -> d.host().filter(host::equals).isPresent())
                .collect(Collectors.toList());
    }

    /**
     * Returns the single delivery to a host.
     *
     * @param host host name
     * @return delivery, empty if none
     * @throws IllegalStateException if the host received more than one copy
     */
    public Optional<Delivery> deliveryTo(String host) {
        List<Delivery> d = deliveriesTo(host);
        if (d.size() > 1) {
            throw new IllegalStateException(host + " received " + d.size() + " copies:\n" + this);
        }
        return d.stream().findFirst();
    }

    /**
     * Returns the packets sent to the controller.
     *
     * @return packet-ins
     */
    public List<Delivery> toController() {
        return toController;
    }

    /**
     * Returns the drops.
     *
     * @return drops
     */
    public List<Drop> drops() {
        return drops;
    }

    /**
     * Returns whether some copy was dropped for the given reason.
     *
     * @param reason reason
     * @return true if so
     */
    public boolean droppedFor(Drop.Reason reason) {
        return drops.stream().anyMatch(d -> d.reason() == reason);
    }

    /**
     * Returns the trace.
     *
     * @return trace
     */
    public Trace trace() {
        return trace;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(trace.toString()).append("\n");
        deliveries.forEach(d -> sb.append("delivered: ").append(d).append('\n'));
        toController.forEach(d -> sb.append("to controller: ").append(d).append('\n'));
        drops.forEach(d -> sb.append("dropped: ").append(d).append('\n'));
        return sb.toString();
    }
}
