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
 * Copies a whole field into another of the same width (Nicira move, e.g. eth_src to eth_dst).
 */
final class MoveAction implements Action {
    private final Field src;
    private final Field dst;

    MoveAction(Field src, Field dst) {
        if (src.width() != dst.width()) {
            throw new WalkException("move " + src.ovsName() + "->" + dst.ovsName() + ": widths differ");
        }
        this.src = src;
        this.dst = dst;
    }

    @Override
    public Packet apply(Packet packet, ActionContext ctx) {
        return packet.with(dst, packet.get(src));
    }

    @Override
    public Set<Field> fields() {
        return Set.of(src, dst);
    }

    @Override
    public String toString() {
        return "move:" + src.ovsName() + "->" + dst.ovsName();
    }
}
