package org.onosdvr.openflow.channel;

import com.google.common.collect.ImmutableMap;

import java.util.Map;

/**
 * Names of the Nicira experimenter error codes Open vSwitch 3.1 sends over OpenFlow 1.3 (the "NX1.2+" codes of
 * OVS's {@code ofp-errors.h}; checked with {@code ovs-ofctl ofp-print}).
 */
final class NiciraErrorCodes {

    private static final Map<Integer, String[]> CODES = ImmutableMap.<Integer, String[]>builder()
            .put(2, e("NXBRC_NXM_INVALID", "invalid NXM flow match"))
            .put(3, e("NXBRC_NXM_BAD_TYPE", "NXM type/mask/length invalid or not implemented"))
            .put(4, e("NXBRC_MUST_BE_ZERO", "must-be-zero field had nonzero value"))
            .put(5, e("NXBRC_BAD_REASON", "invalid reason in port status"))
            .put(6, e("OFPMOFC_MONITOR_EXISTS", "flow monitor already exists"))
            .put(7, e("OFPMOFC_BAD_FLAGS", "flow monitor flags unsupported"))
            .put(8, e("OFPMOFC_UNKNOWN_MONITOR", "unknown flow monitor"))
            .put(9, e("NXBRC_FM_BAD_EVENT", "bad flow monitor event"))
            .put(10, e("NXBRC_UNENCODABLE_ERROR", "error not representable in this OpenFlow version"))
            .put(11, e("NXBAC_MUST_BE_ZERO", "must-be-zero action argument had nonzero value"))
            .put(12, e("NXFMFC_HARDWARE", "generic hardware error"))
            .put(13, e("NXFMFC_BAD_TABLE_ID", "nonexistent table id"))
            .put(15, e("NXBAC_BAD_CONJUNCTION", "bad conjunction action"))
            .put(16, e("NXTTMFC_BAD_COMMAND", "bad TLV table mod command"))
            .put(17, e("NXTTMFC_BAD_OPT_LEN", "bad TLV option length"))
            .put(18, e("NXTTMFC_BAD_FIELD_IDX", "TLV field index out of range"))
            .put(19, e("NXTTMFC_TABLE_FULL", "TLV table full"))
            .put(20, e("NXTTMFC_ALREADY_MAPPED", "TLV field index already mapped"))
            .put(21, e("NXTTMFC_DUP_ENTRY", "TLV option already mapped to another field"))
            .put(34, e("NXR_NOT_SUPPORTED", "datapath does not support NXT_RESUME"))
            .put(35, e("NXR_STALE", "stale continuation"))
            .put(36, e("NXST_NOT_CONFIGURED", "protocol not configured"))
            .put(37, e("NXFMFC_INVALID_TLV_FIELD", "flow uses an unmapped or invalid TLV field"))
            .put(38, e("NXTTMFC_INVALID_TLV_DEL", "TLV mapping in use, cannot delete"))
            .put(39, e("NXBAC_BAD_HEADER_TYPE", "bad encap/decap header type"))
            .put(40, e("NXBAC_UNKNOWN_ED_PROP", "unknown encap/decap property"))
            .put(41, e("NXBAC_BAD_ED_PROP", "bad encap/decap property"))
            .put(42, e("NXBAC_CT_DATAPATH_SUPPORT", "ct action not supported by the datapath"))
            .put(43, e("NXBMC_CT_DATAPATH_SUPPORT", "ct match not supported by the datapath"))
            .put(44, e("NXTFFC_DUP_TABLE", "duplicate table in table features"))
            .build();

    private NiciraErrorCodes() {
    }

    private static String[] e(String name, String description) {
        return new String[]{name, description};
    }

    /**
     * Name of a Nicira error code.
     *
     * @param code exp_code
     * @return name or null if unknown
     */
    static String name(int code) {
        String[] e = CODES.get(code);
        return e == null ? null : e[0];
    }

    /**
     * Description of a Nicira error code.
     *
     * @param code exp_code
     * @return description or null if unknown
     */
    static String description(int code) {
        String[] e = CODES.get(code);
        return e == null ? null : e[1];
    }
}
