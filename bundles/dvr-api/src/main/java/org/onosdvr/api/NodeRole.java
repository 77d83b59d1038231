package org.onosdvr.api;

/**
 * What a DVR node does: host VMs, act as SNAT gateway (and legacy router host), or both.
 */
public enum NodeRole {
    /** Hosts VMs; routes east-west and floating-IP traffic of its own VMs. */
    COMPUTE,
    /** Default SNAT gateway and legacy-router host. */
    GATEWAY,
    /** Both. */
    COMPUTE_GATEWAY;

    /** @return true if VMs may be hosted here */
    public boolean isCompute() {
        return this != GATEWAY;
    }

    /** @return true if the node may be chosen as SNAT gateway */
    public boolean isGateway() {
        return this != COMPUTE;
    }
}
