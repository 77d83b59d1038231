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

import java.util.Set;

/**
 * One decoded OpenFlow action, applied in order to the packet.
 */
interface Action {
    /**
     * Applies the action.
     *
     * @param packet packet before the action
     * @param ctx    walk callbacks (output, resubmit, conntrack, drop)
     * @return packet after the action, or null if the packet was dropped and processing stops
     */
    Packet apply(Packet packet, ActionContext ctx);

    /**
     * Returns the fields the action reads or writes; a rule's match must guarantee them (OVS rejects a
     * set-field whose prerequisites the match does not state).
     *
     * @return fields
     */
    Set<Field> fields();
}
