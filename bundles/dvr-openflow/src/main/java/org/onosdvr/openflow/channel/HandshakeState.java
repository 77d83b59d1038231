package org.onosdvr.openflow.channel;

import org.projectfloodlight.openflow.protocol.OFFeaturesReply;
import org.projectfloodlight.openflow.protocol.OFHello;
import org.projectfloodlight.openflow.protocol.OFMessage;
import org.projectfloodlight.openflow.protocol.OFPortDescStatsReply;
import org.projectfloodlight.openflow.protocol.OFPortStatus;

/**
 * States of one switch connection, from TCP accept to ACTIVE. Each state handles the messages it expects and
 * moves on; ECHO is answered by the handler in every state. Transitions:
 * <pre>
 *   WAIT_HELLO --HELLO(1.3 ok)--> [FEATURES_REQUEST] WAIT_FEATURES_REPLY
 *   WAIT_FEATURES_REPLY --FEATURES_REPLY--> [SET_CONFIG, PORT_DESC request] WAIT_PORT_DESC
 *   WAIT_PORT_DESC --last PORT_DESC part--> ACTIVE (listeners told)
 *   any --channel inactive--> CLOSED
 * </pre>
 */
enum HandshakeState {

    /** HELLO sent, waiting for the switch's HELLO. */
    WAIT_HELLO {
        @Override
        void process(OfChannelHandler h, OFMessage m) {
            if (m instanceof OFHello) {
                if (h.negotiate((OFHello) m)) {
                    h.sendFeaturesRequest();
                    h.setState(WAIT_FEATURES_REPLY);
                }
            } else {
                h.unexpected(m);
            }
        }
    },

    /** FEATURES_REQUEST sent. */
    WAIT_FEATURES_REPLY {
        @Override
        void process(OfChannelHandler h, OFMessage m) {
            if (m instanceof OFFeaturesReply) {
                if (h.featuresReceived((OFFeaturesReply) m)) {
                    h.sendConfigAndPortDescRequest();
                    h.setState(WAIT_PORT_DESC);
                }
            } else {
                h.unexpected(m);
            }
        }
    },

    /** SET_CONFIG and PORT_DESC request sent; collecting the reply parts. */
    WAIT_PORT_DESC {
        @Override
        void process(OfChannelHandler h, OFMessage m) {
            if (m instanceof OFPortDescStatsReply) {
                if (h.portDescReceived((OFPortDescStatsReply) m)) {
                    h.setState(ACTIVE);
                    h.activate();
                }
            } else if (m instanceof OFPortStatus) {
                // superseded: the PORT_DESC reply is sent after it, so it already reflects this change
                h.ignored(m);
            } else {
                h.unexpected(m);
            }
        }
    },

    /** Handshake done: everything goes to requests, listeners and the port table. */
    ACTIVE {
        @Override
        void process(OfChannelHandler h, OFMessage m) {
            h.dispatch(m);
        }

        @Override
        void processError(OfChannelHandler h, SwitchError e) {
            h.errorReceived(e);
        }

        @Override
        boolean isActive() {
            return true;
        }
    },

    /** Connection closed: nothing is processed any more. */
    CLOSED {
        @Override
        void process(OfChannelHandler h, OFMessage m) {
            h.ignored(m);
        }

        @Override
        void processError(OfChannelHandler h, SwitchError e) {
            // the session's requests were already failed when the channel closed
        }
    };

    /**
     * Handles a decoded message (not ECHO, not ERROR) in this state.
     *
     * @param h the connection's handler
     * @param m the message
     */
    abstract void process(OfChannelHandler h, OFMessage m);

    /**
     * Handles an ERROR in this state: during the handshake it is fatal.
     *
     * @param h the connection's handler
     * @param e the error
     */
    void processError(OfChannelHandler h, SwitchError e) {
        h.handshakeFailed("switch error during handshake in " + this + ": " + e);
    }

    /**
     * Whether the switch is usable.
     *
     * @return true for ACTIVE
     */
    boolean isActive() {
        return false;
    }
}
