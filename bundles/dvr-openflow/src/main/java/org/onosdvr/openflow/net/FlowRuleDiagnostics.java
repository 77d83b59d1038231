package org.onosdvr.openflow.net;

import org.onosproject.net.DeviceId;
import org.onosproject.net.flow.FlowId;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * What the embedded runtime's flow rule service knows beyond the ONOS API: the switch's error text of a FAILED
 * rule, rules read back that the store did not know, and an on-demand flow-stats poll.
 */
public interface FlowRuleDiagnostics {

    /**
     * The switch's error for a FAILED rule, e.g. {@code BAD_ACTION/BAD_OUT_PORT} or a Nicira error name.
     *
     * @param deviceId device
     * @param flowId   flow id (= cookie)
     * @return error text if the rule is FAILED
     */
    Optional<String> failureReason(DeviceId deviceId, FlowId flowId);

    /**
     * Rules with one of our application ids found on the device but not in the store (imported as ADDED), since
     * start.
     *
     * @param deviceId device
     * @return count
     */
    long extraneousRules(DeviceId deviceId);

    /**
     * Polls the device's flow statistics now (as the periodic poll does).
     *
     * @param deviceId device
     * @return completes when the dump was merged into the store; fails if the switch is not connected or the
     *         request failed (e.g. an undecodable reply)
     */
    CompletableFuture<Void> pollNow(DeviceId deviceId);
}
