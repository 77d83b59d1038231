package org.onosdvr.openflow.channel;

import org.onosproject.net.DeviceId;

/**
 * Conversions between OpenFlow datapath ids and ONOS device ids ({@code of:%016x}, as ONOS's {@code Dpid.uri}).
 * ONOS's own {@code Dpid} lives in onos-protocols-openflow-api, which is not published on Maven Central.
 */
public final class Dpids {

    /** URI scheme of OpenFlow device ids. */
    public static final String SCHEME = "of";

    private Dpids() {
    }

    /**
     * Device id of a datapath id.
     *
     * @param dpid datapath id (64 bits, unsigned)
     * @return {@code of:} followed by 16 lower-case hex digits
     */
    public static DeviceId deviceId(long dpid) {
        return DeviceId.deviceId(String.format("%s:%016x", SCHEME, dpid));
    }

    /**
     * Datapath id of an OpenFlow device id.
     *
     * @param deviceId a device id of the form {@code of:<hex>}
     * @return the datapath id
     * @throws IllegalArgumentException if the id is not an OpenFlow device id
     */
    public static long dpid(DeviceId deviceId) {
        String uri = deviceId.toString();
        String prefix = SCHEME + ":";
        if (!uri.startsWith(prefix) || uri.length() == prefix.length() || uri.length() > prefix.length() + 16) {
            throw new IllegalArgumentException("not an OpenFlow device id: " + uri);
        }
        try {
            return Long.parseUnsignedLong(uri.substring(prefix.length()), 16);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not an OpenFlow device id: " + uri, e);
        }
    }

    /**
     * Formats a datapath id the way logs and ovs-ofctl print it.
     *
     * @param dpid datapath id
     * @return 16 hex digits
     */
    public static String toHex(long dpid) {
        return String.format("%016x", dpid);
    }
}
