package org.onosdvr.app.node;

import org.onosdvr.api.DvrNode;
import org.onosdvr.api.FailoverTunnel;
import org.onosproject.net.DeviceId;

import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Which BFD failover tunnel ports ({@link FailoverTunnel}) each DVR node should have: a node that may host VMs
 * watches every other node that may be a SNAT gateway (its fast-failover groups choose among them), and BFD
 * needs the port at both ends, so each such pair gives one port on each side. Pure.
 */
public final class FailoverTunnelPlan {

    /** BFD and port parameters, the same on every node. */
    public static final class Params {
        final boolean enabled;
        final int udpPort;
        final int minTxMs;
        final int minRxMs;

        /**
         * @param enabled false: no failover ports anywhere (existing ones are removed)
         * @param udpPort VXLAN UDP port of the BFD-only tunnels
         * @param minTxMs BFD min_tx, ms
         * @param minRxMs BFD min_rx, ms
         */
        public Params(boolean enabled, int udpPort, int minTxMs, int minRxMs) {
            this.enabled = enabled;
            this.udpPort = udpPort;
            this.minTxMs = minTxMs;
            this.minRxMs = minRxMs;
        }
    }

    private FailoverTunnelPlan() {
    }

    /**
     * Computes the wanted failover tunnels of every node.
     *
     * @param nodes  DVR nodes
     * @param params parameters
     * @return wanted ports per node; every node has an entry (possibly empty, meaning "remove them all")
     * @throws IllegalArgumentException if the parameters are invalid (see {@link FailoverTunnel})
     */
    public static Map<DeviceId, Set<FailoverTunnel>> plan(Collection<DvrNode> nodes, Params params) {
        Map<DeviceId, Set<FailoverTunnel>> wanted = new LinkedHashMap<>();
        nodes.forEach(n -> wanted.put(n.deviceId(), new HashSet<>()));
        if (!params.enabled) {
            return wanted;
        }
        for (DvrNode host : nodes) {
            if (!host.role().isCompute()) {
                continue;
            }
            for (DvrNode gw : nodes) {
                if (!gw.role().isGateway() || gw.deviceId().equals(host.deviceId())
                        || gw.tunnelIp().equals(host.tunnelIp())) {
                    continue;
                }
                wanted.get(host.deviceId()).add(tunnel(host, gw, params));
                wanted.get(gw.deviceId()).add(tunnel(gw, host, params));
            }
        }
        return wanted;
    }

    private static FailoverTunnel tunnel(DvrNode self, DvrNode peer, Params p) {
        return new FailoverTunnel(self.deviceId(), self.tunnelIp(), peer.tunnelIp(), p.udpPort, p.minTxMs,
                                  p.minRxMs);
    }
}
