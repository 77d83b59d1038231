package org.onosdvr.openflow.channel;

import org.projectfloodlight.openflow.protocol.OFMessage;
import org.projectfloodlight.openflow.protocol.OFPacketIn;
import org.projectfloodlight.openflow.protocol.OFPortStatus;

/**
 * Receives switch events from an {@link OpenFlowController}. Called on the controller's single callback thread,
 * in the order the events happened; implement only what you need.
 */
public interface OpenFlowSwitchListener {

    /**
     * A switch completed the handshake (ports known). A dpid that reconnects is reported as disconnected (old
     * session) then connected (new session).
     *
     * @param sw the session
     */
    default void switchConnected(OpenFlowSwitchSession sw) {
    }

    /**
     * An active switch went away (connection closed, echo timeout, or replaced by a new connection).
     *
     * @param sw the closed session
     */
    default void switchDisconnected(OpenFlowSwitchSession sw) {
    }

    /**
     * A port was added, modified or deleted; the session's port table is already updated.
     *
     * @param sw     the session
     * @param status the PORT_STATUS message
     */
    default void portStatus(OpenFlowSwitchSession sw, OFPortStatus status) {
    }

    /**
     * A packet was sent to the controller.
     *
     * @param sw       the session
     * @param packetIn the PACKET_IN message
     */
    default void packetIn(OpenFlowSwitchSession sw, OFPacketIn packetIn) {
    }

    /**
     * The switch rejected one of our messages (standard or experimenter error); {@link SwitchError#xid()} is the
     * xid of the offending message. A pending request with that xid has already been failed.
     *
     * @param sw    the session
     * @param error the error
     */
    default void switchError(OpenFlowSwitchSession sw, SwitchError error) {
    }

    /**
     * Any other message that no pending request claimed (e.g. FLOW_REMOVED).
     *
     * @param sw  the session
     * @param msg the message
     */
    default void message(OpenFlowSwitchSession sw, OFMessage msg) {
    }

    /**
     * A message openflowj could not parse and no pending request claimed.
     *
     * @param sw  the session
     * @param msg raw message and parse error
     */
    default void undecodable(OpenFlowSwitchSession sw, UndecodableMessage msg) {
    }
}
