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

import java.util.Objects;

/**
 * A packet (or one copy of it) that went nowhere, and why.
 */
public final class Drop {
    /** Why a packet was dropped. */
    public enum Reason {
        /** No rule matched (OpenFlow 1.3 table miss without a miss rule). */
        TABLE_MISS,
        /** The pipeline ended without any output. */
        NO_OUTPUT,
        /** dec_ttl on TTL 0 or 1. */
        TTL_EXPIRED,
        /** Output to the in port without IN_PORT (OpenFlow drops it). */
        OUTPUT_TO_IN_PORT,
        /** Tunnel output without tun_dst or to an unknown or own endpoint. */
        TUNNEL_UNREACHABLE,
        /** The output port's hosts all ignore the frame's unicast destination MAC (and no switch is there). */
        NOT_FOR_HOST,
        /** Loop protection: device revisited with identical headers, or a hop/lookup limit reached. */
        LOOP,
        /** The packet reached a device that is down (a crashed switch forwards nothing). */
        DEVICE_DOWN,
        /** A fast-failover group whose watched ports are all down. */
        NO_LIVE_BUCKET,
        /** A group action naming a group the device does not have. */
        UNKNOWN_GROUP
    }

    private final DeviceId device;
    private final int table;
    private final Reason reason;
    private final String detail;
    private final Packet packet;

    Drop(DeviceId device, int table, Reason reason, String detail, Packet packet) {
        this.device = device;
        this.table = table;
        this.reason = reason;
        this.detail = detail;
        this.packet = packet;
    }

    /**
     * Returns the device where the packet was dropped.
     *
     * @return device
     */
    public DeviceId device() {
        return device;
    }

    /**
     * Returns the table where it was dropped, -1 if not in a table.
     *
     * @return table id
     */
    public int table() {
        return table;
    }

    /**
     * Returns the reason.
     *
     * @return reason
     */
    public Reason reason() {
        return reason;
    }

    /**
     * Returns a human readable detail.
     *
     * @return detail
     */
    public String detail() {
        return detail;
    }

    /**
     * Returns the packet as dropped.
     *
     * @return packet
     */
    public Packet packet() {
        return packet;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof Drop)) {
            return false;
        }
        Drop d = (Drop) o;
        return device.equals(d.device) && table == d.table && reason == d.reason && detail.equals(d.detail)
                && packet.equals(d.packet);
    }

    @Override
    public int hashCode() {
        return Objects.hash(device, table, reason, detail, packet);
    }

    @Override
    public String toString() {
        return reason + " at " + device + (table >= 0 ? " table " + table : "") + ": " + detail;
    }
}
