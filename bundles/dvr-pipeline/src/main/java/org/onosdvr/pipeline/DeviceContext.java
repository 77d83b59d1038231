package org.onosdvr.pipeline;

import org.onosdvr.api.DvrNode;
import org.onosdvr.api.DvrSnapshot;
import org.onosproject.net.DeviceId;

/**
 * What a {@link FlowFeature} reads to build one device's rules: the node, the derived topology and the device's
 * flow builder (for the Nicira actions of OpenFlow group buckets). Rules are collected per source object by a
 * {@link GroupBuilder}.
 */
final class DeviceContext {

    private final DvrNode node;
    private final DvrTopology topology;
    private final DvrFlowBuilder flows;

    DeviceContext(DvrNode node, DvrTopology topology, DvrFlowBuilder flows) {
        this.node = node;
        this.topology = topology;
        this.flows = flows;
    }

    DvrNode node() {
        return node;
    }

    DeviceId device() {
        return node.deviceId();
    }

    DvrTopology topology() {
        return topology;
    }

    DvrSnapshot snapshot() {
        return topology.snapshot();
    }

    /** @return the device's Nicira actions (OpenFlow group buckets are made with them at compile time) */
    NiciraActions nicira() {
        return flows.nicira();
    }

    DvrFlowBuilder flows() {
        return flows;
    }

    /** @return a new match builder */
    static Match.Builder match() {
        return Match.builder();
    }

    /** @return a new actions builder */
    static Actions.Builder actions() {
        return Actions.builder();
    }
}
