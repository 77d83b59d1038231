package org.onosdvr.ovsdb.rpc;

/**
 * Failure of a JSON-RPC call to an OVSDB server.
 */
public final class OvsdbRpcException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** Why a call failed. */
    public enum Kind {
        /** The server answered with a non-null {@code error}. */
        ERROR,
        /** No answer within the request timeout. */
        TIMEOUT,
        /** The connection closed before the answer came. */
        DISCONNECTED
    }

    private final Kind kind;

    /**
     * @param kind    why
     * @param message what, for logs
     */
    public OvsdbRpcException(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
