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

import org.onosproject.net.ConnectPoint;
import org.onosproject.net.DeviceId;
import org.onosproject.net.PortNumber;

import java.util.Objects;
import java.util.Optional;

/**
 * A packet leaving the modelled switches: to a host, to an unattached port, or to the controller.
 */
public final class Delivery {
    private final DeviceId device;
    private final PortNumber port;
    private final String host;
    private final Packet packet;

    Delivery(DeviceId device, PortNumber port, String host, Packet packet) {
        this.device = device;
        this.port = port;
        this.host = host;
        this.packet = packet;
    }

    /**
     * Returns the device that output the packet.
     *
     * @return device
     */
    public DeviceId device() {
        return device;
    }

    /**
     * Returns the output port ({@link PortNumber#CONTROLLER} for packet-ins).
     *
     * @return port
     */
    public PortNumber port() {
        return port;
    }

    /**
     * Returns the output connect point.
     *
     * @return connect point
     */
    public ConnectPoint connectPoint() {
        return new ConnectPoint(device, port);
    }

    /**
     * Returns the receiving host, empty for an unattached port or the controller.
     *
     * @return host name
     */
    public Optional<String> host() {
        return Optional.ofNullable(host);
    }

    /**
     * Returns the headers as output.
     *
     * @return packet
     */
    public Packet packet() {
        return packet;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof Delivery)) {
            return false;
        }
        Delivery d = (Delivery) o;
        return device.equals(d.device) && port.equals(d.port) && Objects.equals(host, d.host)
                && packet.equals(d.packet);
    }

    @Override
    public int hashCode() {
        return Objects.hash(device, port, host, packet);
    }

    @Override
    public String toString() {
        return (host == null ? "" : host + " <- ") + device + "/" + port + ": " + packet;
    }
}
