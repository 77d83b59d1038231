package org.onosdvr.api;

import org.onosproject.net.DeviceId;

import java.util.Map;
import java.util.Set;

/**
 * Creates, updates and removes the DVR's {@link FailoverTunnel} ports on the switches, over the switch's
 * configuration protocol (OVSDB). The embedded runtime provides it; in an ONOS cluster without it the ports
 * must be created by whoever creates br-int, and the app still finds them by name.
 */
public interface TunnelPortService {

    /**
     * Makes the failover tunnel ports of a device exactly this set: creates missing ones, updates changed
     * options (BFD intervals, UDP port), deletes ports named {@link FailoverTunnel#NAME_PREFIX}* that are not in
     * the set, and leaves every other port alone. Remembered: re-applied whenever the device's configuration
     * connection (re)connects. Asynchronous; failures are logged and retried.
     *
     * @param deviceId the switch (OpenFlow device id)
     * @param tunnels  wanted ports, all with this device id
     */
    void setFailoverTunnels(DeviceId deviceId, Set<FailoverTunnel> tunnels);

    /**
     * @param deviceId the switch
     * @return BFD state per failover port name as the switch last reported it ({@code up}, {@code down},
     *         {@code init}, {@code admin_down}); empty if unknown
     */
    Map<String, String> bfdStates(DeviceId deviceId);

    /**
     * @param deviceId the switch
     * @return true while the device's configuration connection is up
     */
    boolean isConnected(DeviceId deviceId);
}
