package org.onosdvr.openflow.net;

import org.onosproject.net.DeviceId;

import java.net.InetSocketAddress;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * The running OpenFlow controller as the service implementations see it: connected switches and their events.
 * Listeners stay registered when the controller is restarted (e.g. a new listen address).
 */
public interface OpenFlowControllerService {

    /**
     * The connection of a switch.
     *
     * @param deviceId device id
     * @return connection if the switch is connected
     */
    Optional<SwitchConnection> connection(DeviceId deviceId);

    /**
     * Every connected switch.
     *
     * @return connections
     */
    Collection<SwitchConnection> connections();

    /**
     * Adds a listener.
     *
     * @param listener listener
     */
    void addListener(SwitchConnectionListener listener);

    /**
     * Removes a listener.
     *
     * @param listener listener
     */
    void removeListener(SwitchConnectionListener listener);

    /**
     * Addresses the controller is bound to (port 0 resolved); empty when not running.
     *
     * @return bound addresses
     */
    List<InetSocketAddress> boundAddresses();
}
