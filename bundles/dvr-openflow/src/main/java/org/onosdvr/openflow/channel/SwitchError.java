package org.onosdvr.openflow.channel;

import org.projectfloodlight.openflow.protocol.OFErrorMsg;

import java.util.Optional;

/**
 * An ERROR a switch sent about one of our messages: either a standard error (decoded by openflowj) or an
 * experimenter error (e.g. Nicira), with the xid of the offending message.
 */
public final class SwitchError {

    private final long xid;
    private final OFErrorMsg standard;
    private final ExperimenterError experimenter;

    private SwitchError(long xid, OFErrorMsg standard, ExperimenterError experimenter) {
        this.xid = xid;
        this.standard = standard;
        this.experimenter = experimenter;
    }

    /**
     * Wraps a standard error.
     *
     * @param msg error message
     * @return switch error
     */
    public static SwitchError of(OFErrorMsg msg) {
        return new SwitchError(msg.getXid(), msg, null);
    }

    /**
     * Wraps an experimenter error.
     *
     * @param error decoded experimenter error
     * @return switch error
     */
    public static SwitchError of(ExperimenterError error) {
        return new SwitchError(error.xid(), null, error);
    }

    /**
     * Xid of the message that caused the error.
     *
     * @return xid
     */
    public long xid() {
        return xid;
    }

    /**
     * The standard error, if this is one.
     *
     * @return error message
     */
    public Optional<OFErrorMsg> standard() {
        return Optional.ofNullable(standard);
    }

    /**
     * The experimenter error, if this is one.
     *
     * @return experimenter error
     */
    public Optional<ExperimenterError> experimenter() {
        return Optional.ofNullable(experimenter);
    }

    /**
     * Short name, e.g. {@code BAD_INSTRUCTION/BAD_TABLE_ID} or {@code NXFMFC_INVALID_TLV_FIELD}.
     *
     * @return name
     */
    public String name() {
        if (experimenter != null) {
            return experimenter.name();
        }
        String code = OfErrorCodes.codeName(standard);
        return standard.getErrType() + (code == null ? "" : "/" + code);
    }

    @Override
    public String toString() {
        return "SwitchError{xid=" + xid + ", " + (experimenter != null ? experimenter.description() : name()) + "}";
    }
}
