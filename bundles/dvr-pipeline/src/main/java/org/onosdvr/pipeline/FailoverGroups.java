package org.onosdvr.pipeline;

import org.onosdvr.api.DvrNode;
import org.onosdvr.api.Router;
import org.onosproject.net.PortNumber;
import org.onosproject.net.flow.DefaultTrafficTreatment;
import org.onosproject.net.group.DefaultGroupBucket;
import org.onosproject.net.group.DefaultGroupDescription;
import org.onosproject.net.group.DefaultGroupKey;
import org.onosproject.net.group.GroupBucket;
import org.onosproject.net.group.GroupBuckets;
import org.onosproject.net.group.GroupDescription;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.StringJoiner;

/**
 * The fast-failover group a node sends a router's default-SNAT traffic through: one bucket per SNAT node of the
 * router ({@link DvrTopology#snatNodes}: the SNAT gateway, then its hot backup), each <em>watching</em> this
 * node's BFD failover tunnel port towards that gateway ({@link DvrNode#failoverPorts()}) and doing
 * {@code set tun_dst=<gateway tunnel IP>, output:<tunnel port>}. OVS takes the first bucket whose watched port
 * is live, so when BFD declares the primary dead the backup carries the traffic without the controller.
 * <p>
 * A last bucket watches the tunnel port itself and tunnels to the primary: it is used only while no BFD port
 * is live, i.e. while BFD has not come up yet (new ports, a restarted switch), when the ports are being removed
 * ({@code failoverTunnels=false}), when BFD cannot get through (its UDP port filtered) or when every SNAT node
 * is down. Without it those cases drop SNAT traffic at the group; with it they behave as without failover
 * ports (tunnel to the primary), never worse.
 * </p><p>
 * There is a group only when this node has a failover port towards the primary (otherwise the default route
 * tunnels to the primary directly, as before). A node that is itself one of the SNAT nodes has no bucket for
 * itself (a group bucket cannot continue the pipeline). Group id {@code 0x10000 | router key}; app cookie
 * {@code "dvr-snat-<key>"}.
 * </p>
 */
final class FailoverGroups {

    /** Group ids of SNAT failover groups: this bit plus the router key (1..65535). */
    static final int SNAT_GROUP_BASE = 0x10000;

    private FailoverGroups() {
    }

    /**
     * @param routerKey router key
     * @return OpenFlow group id of the router's SNAT failover group
     */
    static int snatGroupId(int routerKey) {
        return SNAT_GROUP_BASE | routerKey;
    }

    /**
     * The router's SNAT failover group on the context's node, if it has one (see the class comment).
     *
     * @param ctx device being compiled
     * @param r   router with SNAT
     * @return the group
     */
    static Optional<CompiledGroup> snat(DeviceContext ctx, Router r) {
        List<DvrNode> gateways = ctx.topology().snatNodes(r);
        DvrNode self = ctx.node();
        if (gateways.isEmpty() || self.failoverPort(gateways.get(0).tunnelIp()).isEmpty()) {
            return Optional.empty();
        }
        List<GroupBucket> buckets = new ArrayList<>();
        StringJoiner what = new StringJoiner(", then ");
        for (DvrNode gw : gateways) {
            if (gw.deviceId().equals(self.deviceId())) {
                continue;
            }
            Optional<PortNumber> watch = self.failoverPort(gw.tunnelIp());
            if (watch.isEmpty()) {
                continue;
            }
            buckets.add(bucket(ctx, gw, watch.get()));
            what.add(gw.deviceId() + " " + gw.tunnelIp() + " (watch port " + watch.get() + ")");
        }
        DvrNode primary = gateways.get(0);
        buckets.add(bucket(ctx, primary, self.tunnelPort()));
        what.add(primary.deviceId() + " while no BFD port is up (watch tunnel port " + self.tunnelPort() + ")");
        int id = snatGroupId(r.key());
        GroupDescription g = new DefaultGroupDescription(
                ctx.device(), GroupDescription.Type.FAILOVER, new GroupBuckets(buckets),
                new DefaultGroupKey(("dvr-snat-" + r.key()).getBytes(StandardCharsets.UTF_8)), id,
                ctx.flows().appId());
        return Optional.of(new CompiledGroup(g, "SNAT gateways of router " + r.id() + ": " + what, Sources.router(r)));
    }

    /** Tunnels to a gateway while the watched port is live; no watch group (OFPG_ANY). */
    private static GroupBucket bucket(DeviceContext ctx, DvrNode gateway, PortNumber watch) {
        return DefaultGroupBucket.createFailoverGroupBucket(
                DefaultTrafficTreatment.builder()
                        .extension(ctx.nicira().setTunnelDst(gateway.tunnelIp()), ctx.device())
                        .setOutput(ctx.node().tunnelPort()).build(),
                watch, null);
    }
}
