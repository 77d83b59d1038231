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

import java.util.ArrayList;
import java.util.List;

/**
 * Conntrack state bits of the {@code ct_state} field, with the values Open vSwitch uses.
 */
public final class CtState {
    /** Start of a new (uncommitted or not yet replied) connection. */
    public static final long NEW = 0x01;
    /** Part of a connection seen in both directions. */
    public static final long EST = 0x02;
    /** Related to an existing connection. */
    public static final long REL = 0x04;
    /** In the reply direction. */
    public static final long RPL = 0x08;
    /** Invalid (conntrack could not process it). */
    public static final long INV = 0x10;
    /** Tracked: went through conntrack. */
    public static final long TRK = 0x20;
    /** Source NAT applied. */
    public static final long SNAT = 0x40;
    /** Destination NAT applied. */
    public static final long DNAT = 0x80;

    private static final String[] NAMES = {"new", "est", "rel", "rpl", "inv", "trk", "snat", "dnat"};

    private CtState() {
    }

    /**
     * Formats state bits as ovs-ofctl does, e.g. {@code +trk+est}; "0" for none.
     *
     * @param state state bits
     * @return text
     */
    public static String format(long state) {
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < NAMES.length; i++) {
            if ((state & (1L << i)) != 0) {
                parts.add("+" + NAMES[i]);
            }
        }
        return parts.isEmpty() ? "0" : String.join("", parts);
    }

    /**
     * Formats masked state bits as ovs-ofctl does, e.g. {@code +trk+est-new}.
     *
     * @param state state bits
     * @param mask  bits that matter
     * @return text
     */
    public static String format(long state, long mask) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < NAMES.length; i++) {
            if ((mask & (1L << i)) != 0) {
                sb.append((state & (1L << i)) != 0 ? '+' : '-').append(NAMES[i]);
            }
        }
        return sb.length() == 0 ? "0" : sb.toString();
    }
}
