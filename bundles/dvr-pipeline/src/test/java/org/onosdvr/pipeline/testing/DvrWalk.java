package org.onosdvr.pipeline.testing;

import org.onlab.packet.Ip4Address;
import org.onlab.packet.IpAddress;
import org.onlab.packet.MacAddress;
import org.onosdvr.pipeline.CompiledPipeline;
import org.onosdvr.pipeline.DvrCompiler;
import org.onosdvr.pipeline.DvrFabric;
import org.onosdvr.pipeline.walk.Network;
import org.onosdvr.pipeline.walk.Packet;
import org.onosdvr.pipeline.walk.TraceStep;
import org.onosdvr.pipeline.walk.WalkResult;
import org.onosproject.net.ConnectPoint;
import org.onosproject.net.DeviceId;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A scenario compiled and loaded into the packet-walk interpreter with {@link DvrFabric}: every node with its
 * tunnel endpoint, every located VM as a host on its port, and the upstream router as host {@link #UPSTREAM} on
 * a segment joining every node's external port. Traces name tables and explain rules with the compiler's
 * provenance.
 */
public final class DvrWalk {

    /** Host name of the upstream router on the external network. */
    public static final String UPSTREAM = DvrFabric.UPSTREAM;

    private final Scenario s;
    private final CompiledPipeline p;
    private final Network net;

    /**
     * Compiles and loads a scenario.
     *
     * @param scenario scenario
     */
    public DvrWalk(Scenario scenario) {
        this(scenario, new DvrCompiler(TestExtensions.APP_ID, new TestExtensions()).compile(scenario.snapshot()),
             java.util.Set.of());
    }

    private DvrWalk(Scenario scenario, CompiledPipeline pipeline, java.util.Set<DeviceId> down) {
        this(scenario, pipeline, down, java.util.Set.of());
    }

    private DvrWalk(Scenario scenario, CompiledPipeline pipeline, java.util.Set<DeviceId> down,
                    java.util.Set<ConnectPoint> portsDown) {
        this.s = scenario;
        this.p = pipeline;
        this.net = DvrFabric.of(scenario.snapshot(), p, down, portsDown);
    }

    /**
     * The same compiled scenario with every BFD failover port of some nodes down while all nodes are up (BFD
     * not up yet, or its UDP port filtered).
     *
     * @param nodes node names
     * @return a new walk
     */
    public DvrWalk withFailoverPortsDown(String... nodes) {
        java.util.Set<ConnectPoint> ports = new java.util.HashSet<>();
        for (String n : nodes) {
            DeviceId d = s.device(n);
            s.snapshot().node(d).get().failoverPorts().values().forEach(port -> ports.add(new ConnectPoint(d, port)));
        }
        return new DvrWalk(s, p, java.util.Set.of(), ports);
    }

    /**
     * The same compiled scenario with some nodes down (crashed switches; BFD ports watching them go down).
     *
     * @param nodes node names
     * @return a new walk
     */
    public DvrWalk withDown(String... nodes) {
        java.util.Set<DeviceId> down = new java.util.HashSet<>();
        for (String n : nodes) {
            down.add(s.device(n));
        }
        return new DvrWalk(s, p, down);
    }

    public Scenario scenario() {
        return s;
    }

    public CompiledPipeline pipeline() {
        return p;
    }

    public Network network() {
        return net;
    }

    /**
     * Sends a packet from a host (VM port name or {@link #UPSTREAM}).
     *
     * @param host   host
     * @param packet packet
     * @return result
     */
    public WalkResult send(String host, Packet packet) {
        return net.send(host, packet);
    }

    /**
     * @param vm VM port name
     * @return the gateway (router interface) MAC of the VM's subnet
     */
    public MacAddress gatewayMac(String vm) {
        return s.routerInterface(subnet(vm)).mac();
    }

    /**
     * @param vm VM port name
     * @return the gateway IP of the VM's subnet
     */
    public Ip4Address gatewayIp(String vm) {
        return s.subnet(subnet(vm)).gatewayIp().getIp4Address();
    }

    private String subnet(String vm) {
        IpAddress ip = s.ip(vm);
        return s.snapshot().subnetOf(s.port(vm).networkId(), ip).get().id().toString();
    }

    public Ip4Address ip(String vm) {
        return s.ip(vm).getIp4Address();
    }

    public MacAddress mac(String vm) {
        return s.port(vm).mac();
    }

    /**
     * @param vm  sender
     * @param dst destination address
     * @return ICMP echo request from the VM to its gateway MAC
     */
    public Packet ping(String vm, IpAddress dst) {
        return Packet.icmpEcho(mac(vm), gatewayMac(vm), ip(vm), dst.getIp4Address());
    }

    /**
     * @param vm sender
     * @return ARP request for the VM's gateway IP
     */
    public Packet arpForGateway(String vm) {
        return Packet.arpRequest(mac(vm), ip(vm), gatewayIp(vm));
    }

    /**
     * The packets as they entered a device during a walk (for overlay headers such as the inner source MAC).
     *
     * @param r      walk result
     * @param device device
     * @return the trace texts of the packets entering it
     */
    public static List<String> entering(WalkResult r, DeviceId device) {
        return r.trace().steps().stream()
                .filter(st -> st.kind() == TraceStep.Kind.DEVICE && st.device().equals(device))
                .map(TraceStep::text).collect(Collectors.toList());
    }

    /**
     * @param r walk result
     * @return true if some copy of the packet was output to a tunnel
     */
    public static boolean usedTunnel(WalkResult r) {
        return r.trace().steps().stream()
                .anyMatch(st -> st.kind() == TraceStep.Kind.OUTPUT && st.text().startsWith("output to tunnel"));
    }
}
