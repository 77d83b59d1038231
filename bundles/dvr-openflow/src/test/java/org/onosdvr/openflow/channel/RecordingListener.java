package org.onosdvr.openflow.channel;

import org.projectfloodlight.openflow.protocol.OFMessage;
import org.projectfloodlight.openflow.protocol.OFPacketIn;
import org.projectfloodlight.openflow.protocol.OFPortStatus;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Records listener calls as short strings and keeps the payloads.
 */
final class RecordingListener implements OpenFlowSwitchListener {

    final List<String> events = new CopyOnWriteArrayList<>();
    final List<SwitchError> errors = new CopyOnWriteArrayList<>();
    final List<OFPortStatus> portStatus = new CopyOnWriteArrayList<>();
    final List<OFPacketIn> packetIns = new CopyOnWriteArrayList<>();
    final List<OFMessage> messages = new CopyOnWriteArrayList<>();
    final List<UndecodableMessage> undecodable = new CopyOnWriteArrayList<>();

    private static String id(OpenFlowSwitchSession sw) {
        return Dpids.toHex(sw.dpid());
    }

    @Override
    public void switchConnected(OpenFlowSwitchSession sw) {
        events.add("connected " + id(sw));
    }

    @Override
    public void switchDisconnected(OpenFlowSwitchSession sw) {
        events.add("disconnected " + id(sw));
    }

    @Override
    public void portStatus(OpenFlowSwitchSession sw, OFPortStatus status) {
        portStatus.add(status);
    }

    @Override
    public void packetIn(OpenFlowSwitchSession sw, OFPacketIn packetIn) {
        packetIns.add(packetIn);
    }

    @Override
    public void switchError(OpenFlowSwitchSession sw, SwitchError error) {
        errors.add(error);
    }

    @Override
    public void message(OpenFlowSwitchSession sw, OFMessage msg) {
        messages.add(msg);
    }

    @Override
    public void undecodable(OpenFlowSwitchSession sw, UndecodableMessage msg) {
        undecodable.add(msg);
    }
}
