package org.onosdvr.pipeline;

/**
 * Values of the OpenFlow {@code metadata} field, which carries the packet's logical context between tables.
 * Always written and matched as a whole (ONOS matches metadata exactly).
 * <pre>
 *   segmentId                       tenant network context (1..2^24-1), set by classifier, l3_route
 *   0x1_0000_0000 | router key      router context, set by l3_ingress
 *   0x2_0000_0000 | external VNI    packet came in on the external port, set by classifier
 * </pre>
 */
public final class Metadata {

    /** Write mask: all 64 bits. */
    public static final long MASK = 0xffff_ffff_ffff_ffffL;
    /** Tag bit of a router context. */
    public static final long ROUTER_TAG = 0x1_0000_0000L;
    /** Tag bit of an external-port context. */
    public static final long EXTERNAL_TAG = 0x2_0000_0000L;

    private Metadata() {
    }

    /**
     * @param segmentId tenant network VNI
     * @return the network context value
     */
    public static long network(int segmentId) {
        return segmentId & 0xffffffL;
    }

    /**
     * @param routerKey router key
     * @return the router context value
     */
    public static long router(int routerKey) {
        return ROUTER_TAG | (routerKey & 0xffffL);
    }

    /**
     * @param externalSegmentId VNI of the external network
     * @return the external-port context value
     */
    public static long external(int externalSegmentId) {
        return EXTERNAL_TAG | (externalSegmentId & 0xffffffL);
    }
}
