package org.onosdvr.ovsdb;

import org.onosdvr.ovsdb.channel.OvsdbSession;
import org.onosdvr.ovsdb.channel.OvsdbSessionListener;
import org.onosproject.net.DeviceId;

import java.net.InetSocketAddress;
import java.util.Optional;
import java.util.Set;

/**
 * The runtime's OVSDB manager endpoint as a service: the switches' configuration connections by device.
 */
public interface OvsdbController {

    /**
     * @param deviceId device ({@code of:<datapath id of the integration bridge>})
     * @return its OVSDB session, while connected
     */
    Optional<OvsdbSession> session(DeviceId deviceId);

    /** @return every open OVSDB connection, identified or not */
    Set<OvsdbSession> sessions();

    /**
     * Adds a listener; it stays registered across restarts of the server (property changes).
     *
     * @param listener listener
     */
    void addListener(OvsdbSessionListener listener);

    /**
     * @param listener listener to remove
     */
    void removeListener(OvsdbSessionListener listener);

    /** @return the address the server is bound to, while it runs */
    Optional<InetSocketAddress> boundAddress();
}
