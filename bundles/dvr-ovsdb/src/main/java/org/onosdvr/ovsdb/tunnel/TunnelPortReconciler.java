package org.onosdvr.ovsdb.tunnel;

import org.onosdvr.api.FailoverTunnel;
import org.onosdvr.ovsdb.sync.OvsdbReconciler;
import org.onosdvr.ovsdb.sync.OvsdbTarget;
import org.onosproject.net.DeviceId;

import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Function;

/**
 * Keeps each switch's failover tunnel ports equal to the wanted set ({@link TunnelPortDiff}), with the
 * level-triggered, one-transaction-in-flight, retrying {@link OvsdbReconciler}. A device whose wanted set was
 * never given is left alone (its {@code bfd-*} ports are not touched).
 */
public final class TunnelPortReconciler extends OvsdbReconciler<Set<FailoverTunnel>> {

    /**
     * @param executor   single-threaded executor running every reconciliation
     * @param targets    the connected switch of a device, if any
     * @param retryMinMs first retry delay after a failure
     * @param retryMaxMs longest retry delay
     */
    public TunnelPortReconciler(ScheduledExecutorService executor,
                                Function<DeviceId, Optional<OvsdbTarget>> targets,
                                long retryMinMs, long retryMaxMs) {
        super(executor, targets, (t, wanted) -> TunnelPortDiff.of(t.tables(), t.bridgeName(), wanted),
              "failover tunnel ports", retryMinMs, retryMaxMs);
    }

    /**
     * Sets a device's wanted ports (copied) and reconciles now.
     *
     * @param deviceId device
     * @param wanted   wanted failover tunnels, unique names
     */
    @Override
    public void setWanted(DeviceId deviceId, Set<FailoverTunnel> wanted) {
        super.setWanted(deviceId, Set.copyOf(wanted));
    }
}
