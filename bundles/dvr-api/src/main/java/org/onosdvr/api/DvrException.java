package org.onosdvr.api;

/**
 * A rejected DVR request; nothing was changed. The kind tells the northbound which status to answer.
 */
public class DvrException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** Why a request was rejected. */
    public enum Kind {
        /** Malformed or invalid values (HTTP 400). */
        BAD_REQUEST,
        /** A referenced object does not exist (HTTP 404). */
        NOT_FOUND,
        /** The request conflicts with the current state (HTTP 409). */
        CONFLICT
    }

    private final Kind kind;

    /**
     * Creates an exception.
     *
     * @param kind    why
     * @param message human readable reason
     */
    public DvrException(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    /** @return why the request was rejected */
    public Kind kind() {
        return kind;
    }

    /**
     * @param format message format
     * @param args   arguments
     * @return a NOT_FOUND exception
     */
    public static DvrException notFound(String format, Object... args) {
        return new DvrException(Kind.NOT_FOUND, String.format(format, args));
    }

    /**
     * @param format message format
     * @param args   arguments
     * @return a CONFLICT exception
     */
    public static DvrException conflict(String format, Object... args) {
        return new DvrException(Kind.CONFLICT, String.format(format, args));
    }

    /**
     * @param format message format
     * @param args   arguments
     * @return a BAD_REQUEST exception
     */
    public static DvrException badRequest(String format, Object... args) {
        return new DvrException(Kind.BAD_REQUEST, String.format(format, args));
    }
}
