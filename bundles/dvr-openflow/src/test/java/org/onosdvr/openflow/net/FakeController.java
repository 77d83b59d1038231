package org.onosdvr.openflow.net;

import org.onosproject.net.DeviceId;

import java.net.InetSocketAddress;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * A controller service driven by the test: connect / disconnect fake switches, deliver their messages.
 */
final class FakeController implements OpenFlowControllerService {

    final List<SwitchConnectionListener> listeners = new CopyOnWriteArrayList<>();
    final Map<DeviceId, SwitchConnection> switches = new ConcurrentHashMap<>();

    void connect(FakeSwitch sw) {
        sw.connected = true;
        switches.put(sw.deviceId(), sw);
        each(l -> l.connected(sw));
    }

    void disconnect(FakeSwitch sw) {
        sw.connected = false;
        switches.remove(sw.deviceId(), sw);
        each(l -> l.disconnected(sw));
    }

    void each(Consumer<SwitchConnectionListener> call) {
        listeners.forEach(call);
    }

    @Override
    public Optional<SwitchConnection> connection(DeviceId deviceId) {
        return Optional.ofNullable(switches.get(deviceId));
    }

    @Override
    public Collection<SwitchConnection> connections() {
        return List.copyOf(switches.values());
    }

    @Override
    public void addListener(SwitchConnectionListener listener) {
        listeners.add(listener);
    }

    @Override
    public void removeListener(SwitchConnectionListener listener) {
        listeners.remove(listener);
    }

    @Override
    public List<InetSocketAddress> boundAddresses() {
        return List.of();
    }
}
