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
 * Outputs a copy of the packet on a port, on IN_PORT, or to the controller.
 */
final class OutputAction implements Action {
    private final PortNumber port;

    OutputAction(PortNumber port) {
        if (port.isLogical() && !port.equals(PortNumber.IN_PORT) && !port.equals(PortNumber.CONTROLLER)) {
            throw new WalkException("unsupported output port " + port);
        }
        this.port = port;
    }

    @Override
    public Packet apply(Packet packet, ActionContext ctx) {
        ctx.output(port, packet);
        return packet;
    }

    @Override
    public Set<Field> fields() {
        return Set.of();
    }

    @Override
    public String toString() {
        return "output:" + port;
    }
}
