package org.onosdvr.pipeline;

/**
 * One feature's rule builder (classification, ARP responder, east-west routing, ...): adds the rules of its
 * feature for one device. Implementations are stateless and read only the device context.
 */
interface FlowFeature {

    /**
     * Adds this feature's rules for the context's device.
     *
     * @param ctx device context
     */
    void build(DeviceContext ctx);
}
