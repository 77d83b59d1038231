package org.onosdvr.openflow.net;

import org.onosdvr.openflow.channel.BatchResult;
import org.onosdvr.openflow.channel.OpenFlowSwitchSession;
import org.onosdvr.openflow.channel.SwitchError;
import org.onosproject.net.DeviceId;
import org.projectfloodlight.openflow.protocol.OFFactory;
import org.projectfloodlight.openflow.protocol.OFMessage;
import org.projectfloodlight.openflow.protocol.OFPortDesc;

import java.net.SocketAddress;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * {@link SwitchConnection} over a real {@link OpenFlowSwitchSession}.
 */
final class SessionConnection implements SwitchConnection {

    private final OpenFlowSwitchSession session;
    private final DeviceId deviceId;

    SessionConnection(OpenFlowSwitchSession session) {
        this.session = session;
        this.deviceId = session.deviceId();
    }

    @Override
    public DeviceId deviceId() {
        return deviceId;
    }

    @Override
    public long dpid() {
        return session.dpid();
    }

    @Override
    public OFFactory factory() {
        return session.factory();
    }

    @Override
    public SocketAddress remoteAddress() {
        return session.remoteAddress();
    }

    @Override
    public List<OFPortDesc> ports() {
        return session.ports();
    }

    @Override
    public boolean isConnected() {
        return session.isConnected();
    }

    @Override
    public long send(OFMessage msg) {
        return session.send(msg);
    }

    @Override
    public CompletableFuture<List<OFMessage>> request(OFMessage request, long timeoutMs) {
        return session.request(request, timeoutMs);
    }

    @Override
    public CompletableFuture<Map<Integer, SwitchError>> sendBatch(List<? extends OFMessage> msgs) {
        return session.sendBatch(msgs).thenApply(SessionConnection::byIndex);
    }

    private static Map<Integer, SwitchError> byIndex(BatchResult result) {
        Map<Integer, SwitchError> out = new HashMap<>();
        for (SwitchError e : result.errors()) {
            long index = (e.xid() - result.firstXid()) & 0xffffffffL;
            if (index < result.size()) {
                out.putIfAbsent((int) index, e);
            }
        }
        return out;
    }

    @Override
    public String toString() {
        return "SwitchConnection{" + deviceId + " from " + session.remoteAddress() + "}";
    }
}
