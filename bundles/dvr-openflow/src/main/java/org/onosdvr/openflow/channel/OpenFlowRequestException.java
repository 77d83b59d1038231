package org.onosdvr.openflow.channel;

import java.util.Optional;

/**
 * Why a request to a switch did not complete: the switch answered with an ERROR, its reply could not be parsed,
 * no reply came in time, or the switch disconnected.
 */
public final class OpenFlowRequestException extends Exception {

    private static final long serialVersionUID = 1L;

    /**
     * Kinds of failure.
     */
    public enum Kind {
        /** The switch sent an ERROR with the request's xid. */
        SWITCH_ERROR,
        /** A reply with the request's xid could not be decoded. */
        UNDECODABLE_REPLY,
        /** No (final) reply within the timeout. */
        TIMEOUT,
        /** The connection closed before the reply. */
        DISCONNECTED
    }

    private final Kind kind;
    private final long xid;
    private final transient SwitchError switchError;

    /**
     * Creates an exception.
     *
     * @param kind        kind of failure
     * @param xid         xid of the request
     * @param message     detail message
     * @param switchError the switch's error for SWITCH_ERROR, else null
     * @param cause       underlying cause (parse error), may be null
     */
    public OpenFlowRequestException(Kind kind, long xid, String message, SwitchError switchError, Throwable cause) {
        super(message, cause);
        this.kind = kind;
        this.xid = xid;
        this.switchError = switchError;
    }

    /**
     * Kind of failure.
     *
     * @return kind
     */
    public Kind kind() {
        return kind;
    }

    /**
     * Xid of the failed request.
     *
     * @return xid
     */
    public long xid() {
        return xid;
    }

    /**
     * The switch's error, for {@link Kind#SWITCH_ERROR}.
     *
     * @return switch error
     */
    public Optional<SwitchError> switchError() {
        return Optional.ofNullable(switchError);
    }
}
