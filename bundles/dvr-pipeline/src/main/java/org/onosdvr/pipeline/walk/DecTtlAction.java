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
 * Decrements the IPv4 TTL; like OVS, a packet whose TTL is 0 or 1 is dropped instead.
 */
final class DecTtlAction implements Action {

    @Override
    public Packet apply(Packet packet, ActionContext ctx) {
        int ttl = packet.ttl();
        if (ttl <= 1) {
            ctx.drop(Drop.Reason.TTL_EXPIRED, "dec_ttl with ttl=" + ttl, packet);
            return null;
        }
        return packet.with(Field.IP_TTL, ttl - 1);
    }

    @Override
    public Set<Field> fields() {
        return Set.of(Field.IP_TTL);
    }

    @Override
    public String toString() {
        return "dec_ttl";
    }
}
