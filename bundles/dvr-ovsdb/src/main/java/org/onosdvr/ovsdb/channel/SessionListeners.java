package org.onosdvr.ovsdb.channel;

import org.onosproject.net.DeviceId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * A list of {@link OvsdbSessionListener}s that is itself one: each call goes to every listener in order, and a
 * listener that throws is logged without keeping the others from hearing about it.
 */
public final class SessionListeners implements OvsdbSessionListener {

    private static final Logger log = LoggerFactory.getLogger(SessionListeners.class);

    private final List<OvsdbSessionListener> listeners = new CopyOnWriteArrayList<>();

    /**
     * @param listener listener to add
     */
    public void add(OvsdbSessionListener listener) {
        listeners.add(listener);
    }

    /**
     * @param listener listener to remove
     */
    public void remove(OvsdbSessionListener listener) {
        listeners.remove(listener);
    }

    @Override
    public void connected(DeviceId deviceId, OvsdbSession session) {
        each(l -> l.connected(deviceId, session));
    }

    @Override
    public void updated(DeviceId deviceId, OvsdbSession session) {
        each(l -> l.updated(deviceId, session));
    }

    @Override
    public void disconnected(DeviceId deviceId, OvsdbSession session) {
        each(l -> l.disconnected(deviceId, session));
    }

    private void each(Consumer<OvsdbSessionListener> call) {
        for (OvsdbSessionListener l : listeners) {
            try {
                call.accept(l);
            } catch (RuntimeException e) {
                log.warn("OVSDB listener {} failed", l, e);
            }
        }
    }
}
