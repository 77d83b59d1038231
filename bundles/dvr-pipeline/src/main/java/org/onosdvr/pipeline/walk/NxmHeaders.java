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

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The NXM/OXM 32-bit field headers (class, field, length; see {@code man ovs-fields}) that Nicira load/move
 * actions may name, mapped to our {@link Field}s.
 */
final class NxmHeaders {
    private static final Map<Long, Field> FIELDS = new HashMap<>();

    static {
        // NXM_OF_* (class 0x0000)
        FIELDS.put(0x00000206L, Field.ETH_DST);
        FIELDS.put(0x00000406L, Field.ETH_SRC);
        FIELDS.put(0x00000e04L, Field.IPV4_SRC);
        FIELDS.put(0x00001004L, Field.IPV4_DST);
        FIELDS.put(0x00001a01L, Field.ICMP_TYPE);
        FIELDS.put(0x00001c01L, Field.ICMP_CODE);
        FIELDS.put(0x00001e02L, Field.ARP_OP);
        FIELDS.put(0x00002004L, Field.ARP_SPA);
        FIELDS.put(0x00002204L, Field.ARP_TPA);
        // NXM_NX_* (class 0x0001)
        FIELDS.put(0x00012206L, Field.ARP_SHA);
        FIELDS.put(0x00012406L, Field.ARP_THA);
        FIELDS.put(0x00012008L, Field.TUN_ID);
        FIELDS.put(0x00013a01L, Field.IP_TTL);
        FIELDS.put(0x00014004L, Field.TUN_DST);
        FIELDS.put(0x0001d604L, Field.CT_MARK);
        // OXM_OF_* (class 0x8000)
        FIELDS.put(0x80000408L, Field.METADATA);
        FIELDS.put(0x80000606L, Field.ETH_DST);
        FIELDS.put(0x80000806L, Field.ETH_SRC);
        FIELDS.put(0x80001604L, Field.IPV4_SRC);
        FIELDS.put(0x80001804L, Field.IPV4_DST);
        FIELDS.put(0x80002601L, Field.ICMP_TYPE);
        FIELDS.put(0x80002801L, Field.ICMP_CODE);
        FIELDS.put(0x80002a02L, Field.ARP_OP);
        FIELDS.put(0x80002c04L, Field.ARP_SPA);
        FIELDS.put(0x80002e04L, Field.ARP_TPA);
        FIELDS.put(0x80003006L, Field.ARP_SHA);
        FIELDS.put(0x80003206L, Field.ARP_THA);
    }

    private NxmHeaders() {
    }

    /**
     * Returns the field of an NXM/OXM header.
     *
     * @param header 32-bit header (class, field, hasmask, length)
     * @return field, empty if not modelled
     */
    static Optional<Field> field(long header) {
        return Optional.ofNullable(FIELDS.get(header & 0xffffffffL));
    }
}
