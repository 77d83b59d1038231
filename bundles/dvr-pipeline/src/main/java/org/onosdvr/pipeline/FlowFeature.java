package org.onosdvr.pipeline;

import org.onosdvr.api.ExternalNeighbor;
import org.onosdvr.api.FloatingIp;
import org.onosdvr.api.Network;
import org.onosdvr.api.Router;

/**
 * One feature's rule builder (classification, ARP responder, east-west routing, ...), split by the model object
 * the rules come from, as OVN's {@code build_*_flows_for_lrouter_port}: each method adds the feature's rules of
 * one object on one device to that object's group. Implementations are stateless and read only their
 * arguments; a method decides itself whether its object puts anything on the device. The rules of a VM port
 * depend only on how the device sees the port ({@link PortRules.View}), so they are made once per view and
 * shared between devices.
 */
interface FlowFeature {

    /**
     * Rules every device has, whatever the state (source {@code pipeline}).
     *
     * @param out group of the pipeline
     */
    default void pipeline(GroupBuilder out) {
    }

    /**
     * Rules of the device itself (source {@code node:<device>}).
     *
     * @param ctx device
     * @param out group of the node
     */
    default void node(DeviceContext ctx, GroupBuilder out) {
    }

    /**
     * Rules of an admin-up router on the device.
     *
     * @param ctx device
     * @param r   router
     * @param out group of the router
     */
    default void router(DeviceContext ctx, Router r, GroupBuilder out) {
    }

    /**
     * Rules of a network the device takes part in.
     *
     * @param ctx device
     * @param n   network
     * @param out group of the network
     */
    default void network(DeviceContext ctx, Network n, GroupBuilder out) {
    }

    /**
     * Rules of a located VM port on a device taking part in its network.
     *
     * @param port how the device sees the port
     * @param out  group of the port
     */
    default void port(PortRules.View port, GroupBuilder out) {
    }

    /**
     * Rules of a floating IP on the node serving it ({@link DvrTopology#fipNode}).
     *
     * @param ctx device
     * @param f   floating IP
     * @param out group of the floating IP
     */
    default void floatingIp(DeviceContext ctx, FloatingIp f, GroupBuilder out) {
    }

    /**
     * Rules of an external neighbor on a device with an external port.
     *
     * @param ctx device
     * @param nb  neighbor
     * @param out group of the neighbor
     */
    default void neighbor(DeviceContext ctx, ExternalNeighbor nb, GroupBuilder out) {
    }
}
