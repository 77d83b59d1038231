package org.onosdvr.pipeline.testing;

import com.google.common.collect.ImmutableMap;
import org.onosdvr.api.DvrNode;
import org.onosdvr.api.DvrSnapshot;
import org.onosdvr.api.FloatingIp;
import org.onosdvr.api.FloatingIpId;
import org.onosdvr.api.Network;
import org.onosdvr.api.NetworkId;
import org.onosdvr.api.PortId;
import org.onosdvr.api.Router;
import org.onosdvr.api.RouterId;
import org.onosdvr.api.RouterInterface;
import org.onosdvr.api.Subnet;
import org.onosdvr.api.SubnetId;
import org.onosdvr.api.VmPort;
import org.onlab.packet.IpAddress;
import org.onosproject.net.DeviceId;

import java.util.Map;

/**
 * A built test scenario: the snapshot plus lookups by the names used when building it (ids are the names).
 */
public final class Scenario {

    private final DvrSnapshot snapshot;
    private final Map<String, DeviceId> nodes;

    Scenario(DvrSnapshot snapshot, Map<String, DeviceId> nodes) {
        this.snapshot = snapshot;
        this.nodes = ImmutableMap.copyOf(nodes);
    }

    /** @return the snapshot */
    public DvrSnapshot snapshot() {
        return snapshot;
    }

    /**
     * @param name node name
     * @return its device id
     */
    public DeviceId device(String name) {
        DeviceId d = nodes.get(name);
        if (d == null) {
            throw new IllegalArgumentException("no node " + name);
        }
        return d;
    }

    /**
     * @param name node name
     * @return the node
     */
    public DvrNode node(String name) {
        return snapshot.node(device(name)).orElseThrow();
    }

    /** @return node names to device ids */
    public Map<String, DeviceId> nodeNames() {
        return nodes;
    }

    public VmPort port(String name) {
        return snapshot.port(PortId.of(name)).orElseThrow(() -> new IllegalArgumentException("no port " + name));
    }

    /**
     * @param name VM port name
     * @return its first fixed IP
     */
    public IpAddress ip(String name) {
        return port(name).fixedIps().iterator().next();
    }

    public Network network(String name) {
        return snapshot.network(NetworkId.of(name)).orElseThrow();
    }

    public Subnet subnet(String name) {
        return snapshot.subnet(SubnetId.of(name)).orElseThrow();
    }

    public Router router(String name) {
        return snapshot.router(RouterId.of(name)).orElseThrow();
    }

    public RouterInterface routerInterface(String subnet) {
        return snapshot.routerInterface(SubnetId.of(subnet)).orElseThrow();
    }

    public FloatingIp fip(String name) {
        return snapshot.floatingIp(FloatingIpId.of(name)).orElseThrow();
    }
}
