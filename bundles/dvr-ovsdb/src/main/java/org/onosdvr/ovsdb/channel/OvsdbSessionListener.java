package org.onosdvr.ovsdb.channel;

import org.onosproject.net.DeviceId;

/**
 * Hears about switches' OVSDB connections. Calls come on one thread, in event order: {@code connected} once the
 * monitored tables name the device, {@code updated} after every later change of the tables, {@code disconnected}
 * when the connection closes, is replaced by a newer one of the same device, or stops naming the device.
 */
public interface OvsdbSessionListener {

    /**
     * The session now stands for the device (tables loaded, integration bridge has a datapath id).
     *
     * @param deviceId device
     * @param session  session
     */
    void connected(DeviceId deviceId, OvsdbSession session);

    /**
     * The session's tables changed.
     *
     * @param deviceId device
     * @param session  session
     */
    default void updated(DeviceId deviceId, OvsdbSession session) {
    }

    /**
     * The session no longer stands for the device.
     *
     * @param deviceId device
     * @param session  session
     */
    void disconnected(DeviceId deviceId, OvsdbSession session);
}
