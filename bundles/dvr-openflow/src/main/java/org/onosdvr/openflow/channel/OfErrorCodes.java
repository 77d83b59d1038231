package org.onosdvr.openflow.channel;

import org.projectfloodlight.openflow.protocol.OFErrorMsg;
import org.projectfloodlight.openflow.protocol.errormsg.OFBadActionErrorMsg;
import org.projectfloodlight.openflow.protocol.errormsg.OFBadInstructionErrorMsg;
import org.projectfloodlight.openflow.protocol.errormsg.OFBadMatchErrorMsg;
import org.projectfloodlight.openflow.protocol.errormsg.OFBadRequestErrorMsg;
import org.projectfloodlight.openflow.protocol.errormsg.OFFlowModFailedErrorMsg;
import org.projectfloodlight.openflow.protocol.errormsg.OFGroupModFailedErrorMsg;
import org.projectfloodlight.openflow.protocol.errormsg.OFHelloFailedErrorMsg;
import org.projectfloodlight.openflow.protocol.errormsg.OFMeterModFailedErrorMsg;
import org.projectfloodlight.openflow.protocol.errormsg.OFPortModFailedErrorMsg;
import org.projectfloodlight.openflow.protocol.errormsg.OFQueueOpFailedErrorMsg;
import org.projectfloodlight.openflow.protocol.errormsg.OFRoleRequestFailedErrorMsg;
import org.projectfloodlight.openflow.protocol.errormsg.OFSwitchConfigFailedErrorMsg;
import org.projectfloodlight.openflow.protocol.errormsg.OFTableFeaturesFailedErrorMsg;
import org.projectfloodlight.openflow.protocol.errormsg.OFTableModFailedErrorMsg;

/**
 * The code of a standard OpenFlow 1.3 error, whose openflowj types share no common accessor.
 */
final class OfErrorCodes {

    private OfErrorCodes() {
    }

    /**
     * Code name of a standard error.
     *
     * @param m error message
     * @return e.g. {@code BAD_TABLE_ID}, or null for an error type without codes
     */
    static String codeName(OFErrorMsg m) {
        Object code = null;
        if (m instanceof OFHelloFailedErrorMsg) {
            code = ((OFHelloFailedErrorMsg) m).getCode();
        } else if (m instanceof OFBadRequestErrorMsg) {
            code = ((OFBadRequestErrorMsg) m).getCode();
        } else if (m instanceof OFBadActionErrorMsg) {
            code = ((OFBadActionErrorMsg) m).getCode();
        } else if (m instanceof OFBadInstructionErrorMsg) {
            code = ((OFBadInstructionErrorMsg) m).getCode();
        } else if (m instanceof OFBadMatchErrorMsg) {
            code = ((OFBadMatchErrorMsg) m).getCode();
        } else if (m instanceof OFFlowModFailedErrorMsg) {
            code = ((OFFlowModFailedErrorMsg) m).getCode();
        } else if (m instanceof OFGroupModFailedErrorMsg) {
            code = ((OFGroupModFailedErrorMsg) m).getCode();
        } else if (m instanceof OFPortModFailedErrorMsg) {
            code = ((OFPortModFailedErrorMsg) m).getCode();
        } else if (m instanceof OFTableModFailedErrorMsg) {
            code = ((OFTableModFailedErrorMsg) m).getCode();
        } else if (m instanceof OFQueueOpFailedErrorMsg) {
            code = ((OFQueueOpFailedErrorMsg) m).getCode();
        } else if (m instanceof OFSwitchConfigFailedErrorMsg) {
            code = ((OFSwitchConfigFailedErrorMsg) m).getCode();
        } else if (m instanceof OFRoleRequestFailedErrorMsg) {
            code = ((OFRoleRequestFailedErrorMsg) m).getCode();
        } else if (m instanceof OFMeterModFailedErrorMsg) {
            code = ((OFMeterModFailedErrorMsg) m).getCode();
        } else if (m instanceof OFTableFeaturesFailedErrorMsg) {
            code = ((OFTableFeaturesFailedErrorMsg) m).getCode();
        }
        return code == null ? null : code.toString();
    }
}
