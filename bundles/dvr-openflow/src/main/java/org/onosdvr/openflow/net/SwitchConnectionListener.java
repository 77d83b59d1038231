package org.onosdvr.openflow.net;

import org.projectfloodlight.openflow.protocol.OFFlowRemoved;
import org.projectfloodlight.openflow.protocol.OFPacketIn;
import org.projectfloodlight.openflow.protocol.OFPortStatus;

/**
 * Switch events for the service implementations, called on the controller's single callback thread in event
 * order. A switch that reconnects is reported disconnected (old connection) then connected (new one).
 */
public interface SwitchConnectionListener {

    /**
     * A switch completed the handshake.
     *
     * @param sw connection
     */
    default void connected(SwitchConnection sw) {
    }

    /**
     * A switch went away.
     *
     * @param sw the closed connection
     */
    default void disconnected(SwitchConnection sw) {
    }

    /**
     * A port was added, modified or deleted (the connection's port list is already updated).
     *
     * @param sw     connection
     * @param status message
     */
    default void portStatus(SwitchConnection sw, OFPortStatus status) {
    }

    /**
     * A packet was sent to the controller.
     *
     * @param sw       connection
     * @param packetIn message
     */
    default void packetIn(SwitchConnection sw, OFPacketIn packetIn) {
    }

    /**
     * A flow was removed (idle/hard timeout, or deleted by anyone) and had SEND_FLOW_REM set.
     *
     * @param sw      connection
     * @param removed message
     */
    default void flowRemoved(SwitchConnection sw, OFFlowRemoved removed) {
    }
}
