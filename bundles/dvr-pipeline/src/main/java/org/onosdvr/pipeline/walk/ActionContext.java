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

import org.onosproject.net.PortNumber;

/**
 * What actions may ask of the walk in progress.
 */
interface ActionContext {
    /**
     * Emits a copy of the packet on a port (or a reserved port: IN_PORT, CONTROLLER).
     *
     * @param port   port
     * @param packet packet as it is now
     */
    void output(PortNumber port, Packet packet);

    /**
     * Runs the packet through a table of the same device and returns it (OVS resubmit).
     *
     * @param table  table id
     * @param packet packet
     * @return packet afterwards, or null if it was dropped
     */
    Packet resubmit(int table, Packet packet);

    /**
     * Sends the packet through conntrack.
     *
     * @param ct     the ct action
     * @param packet packet
     * @return the packet continuing the current action list
     */
    Packet conntrack(CtAction ct, Packet packet);

    /**
     * Applies a group of this device to a copy of the packet.
     *
     * @param groupId group id
     * @param packet  packet as it is now
     */
    void group(int groupId, Packet packet);

    /**
     * Records a drop.
     *
     * @param reason reason
     * @param detail human readable detail
     * @param packet the dropped packet
     */
    void drop(Drop.Reason reason, String detail, Packet packet);
}
