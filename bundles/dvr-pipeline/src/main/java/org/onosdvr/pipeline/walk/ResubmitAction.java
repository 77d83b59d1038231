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

import java.util.Set;

/**
 * Nicira resubmit: runs another table of the same device, then continues this action list with the result.
 */
final class ResubmitAction implements Action {
    /** The "keep the packet's in_port" value of ONOS's NiciraResubmitTable (OFPP_IN_PORT). */
    static final long KEEP_IN_PORT = 0xfff8L;

    private final PortNumber inPort;
    private final int table;

    ResubmitAction(PortNumber inPort, int table) {
        this.inPort = inPort;
        this.table = table;
    }

    @Override
    public Packet apply(Packet packet, ActionContext ctx) {
        if (inPort.toLong() == KEEP_IN_PORT || inPort.equals(PortNumber.IN_PORT)) {
            return ctx.resubmit(table, packet);
        }
        long original = packet.get(Field.IN_PORT);
        Packet out = ctx.resubmit(table, packet.with(Field.IN_PORT, inPort.toLong()));
        return out == null ? null : out.with(Field.IN_PORT, original);
    }

    @Override
    public Set<Field> fields() {
        return Set.of();
    }

    @Override
    public String toString() {
        return "resubmit(" + (inPort.toLong() == KEEP_IN_PORT ? "" : inPort.toString()) + "," + table + ")";
    }
}
