package org.onosdvr.openflow.translate;

/**
 * A flow object that cannot be translated between ONOS and OpenFlow 1.3 (unsupported criterion, instruction,
 * action or match field, or an inconsistent value). The message names the offending item; nothing is ever
 * dropped silently.
 */
public class OfTranslationException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates an exception.
     *
     * @param message what could not be translated, and why
     */
    public OfTranslationException(String message) {
        super(message);
    }

    /**
     * Creates an exception with a cause.
     *
     * @param message what could not be translated, and why
     * @param cause   underlying error
     */
    public OfTranslationException(String message, Throwable cause) {
        super(message, cause);
    }
}
