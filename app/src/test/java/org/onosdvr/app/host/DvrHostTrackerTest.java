package org.onosdvr.app.host;

import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.onlab.packet.ARP;
import org.onlab.packet.Ethernet;
import org.onlab.packet.IPv4;
import org.onlab.packet.IpAddress;
import org.onlab.packet.MacAddress;
import org.onlab.packet.VlanId;
import org.onosdvr.api.ExternalNeighbor;
import org.onosdvr.api.NetworkId;
import org.onosdvr.api.NodeRole;
import org.onosdvr.api.PortId;
import org.onosdvr.app.testing.DvrTestBed;
import org.onosdvr.app.testing.TestModel;
import org.onosproject.net.ConnectPoint;
import org.onosproject.net.DefaultHost;
import org.onosproject.net.Host;
import org.onosproject.net.HostId;
import org.onosproject.net.HostLocation;
import org.onosproject.net.PortNumber;
import org.onosproject.net.host.HostServiceAdapter;
import org.onosproject.net.packet.DefaultInboundPacket;
import org.onosproject.net.packet.DefaultPacketContext;
import org.onosproject.net.packet.PacketContext;
import org.onosproject.net.packet.PacketProcessor;
import org.onosproject.net.packet.PacketServiceAdapter;
import org.onosproject.net.provider.ProviderId;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

/**
 * Tests of VM location and external neighbor learning.
 */
public class DvrHostTrackerTest {

    private final List<IpAddress> requested = new ArrayList<>();
    private final List<PacketProcessor> processors = new ArrayList<>();
    private DvrTestBed bed;
    private DvrHostTracker tracker;

    private static Host host(String mac, String device, long port, String... ips) {
        return new DefaultHost(ProviderId.NONE, HostId.hostId(MacAddress.valueOf(mac)), MacAddress.valueOf(mac),
                               VlanId.NONE, new HostLocation(ConnectPoint.deviceConnectPoint(device + "/" + port), 0),
                               TestModel.ipSet(ips));
    }

    @Before
    public void setUp() {
        bed = new DvrTestBed();
        bed.manager.createNetwork(TestModel.network("n1", 101));
        bed.manager.createSubnet(TestModel.subnet("s1", "n1", "10.0.1.0/24", "10.0.1.1"));
        bed.manager.createNetwork(TestModel.externalNetwork("ext", 900));
        bed.manager.createSubnet(TestModel.subnet("es", "ext", "203.0.113.0/24", "203.0.113.1"));
        bed.manager.createPort(TestModel.port("p1", "n1", "fa:16:3e:00:00:01", "10.0.1.10"));
        bed.manager.updateNode(TestModel.node("of:00000000000000a1", NodeRole.GATEWAY, "198.18.0.11", 0));
        tracker = new DvrHostTracker();
        tracker.hostService = new HostServiceAdapter() {
            @Override
            public void requestMac(IpAddress ip) {
                requested.add(ip);
            }

            @Override
            public Set<Host> getHostsByIp(IpAddress ip) {
                return Set.of();
            }
        };
        tracker.adminService = bed.manager;
        tracker.packetService = new PacketServiceAdapter() {
            @Override
            public void addProcessor(PacketProcessor processor, int priority) {
                processors.add(processor);
            }

            @Override
            public void removeProcessor(PacketProcessor processor) {
                processors.remove(processor);
            }
        };
        tracker.activate();
    }

    @After
    public void tearDown() {
        tracker.deactivate();
        bed.stop();
    }

    @Test
    public void learnsVmLocationsAndClearsThem() throws Exception {
        tracker.flush();
        tracker.seen(host("fa:16:3e:00:00:01", "of:0000000000000001", 3, "10.0.1.10"));
        assertEquals(PortNumber.portNumber(3),
                     bed.manager.snapshot().port(PortId.of("p1")).get().location().get().port());
        tracker.seen(host("fa:16:3e:00:00:01", "of:0000000000000002", 4, "10.0.1.10"));
        assertEquals("moved", ConnectPoint.deviceConnectPoint("of:0000000000000002/4"),
                     bed.manager.snapshot().port(PortId.of("p1")).get().location().get());
        tracker.seen(host("fa:16:3e:00:00:01", "of:0000000000000003", 4, "10.0.9.9"));
        assertEquals("a host with another address is not this port", "of:0000000000000002",
                     bed.manager.snapshot().port(PortId.of("p1")).get().location().get().deviceId().toString());
        tracker.gone(host("fa:16:3e:00:00:01", "of:0000000000000002", 4, "10.0.1.10"));
        assertFalse(bed.manager.snapshot().port(PortId.of("p1")).get().location().isPresent());
    }

    @Test
    public void learnsExternalNeighborsAndResolvesGateways() throws Exception {
        tracker.flush();
        assertTrue("the external subnet's gateway is resolved", requested.contains(IpAddress.valueOf("203.0.113.1")));
        tracker.seen(host("02:00:00:00:00:01", "of:00000000000000a1", 200, "203.0.113.1"));
        assertEquals(List.of(new ExternalNeighbor(NetworkId.of("ext"), IpAddress.valueOf("203.0.113.1"),
                                                  MacAddress.valueOf("02:00:00:00:00:01"))),
                     bed.manager.snapshot().neighbors());
        tracker.seen(host("02:00:00:00:00:05", "of:00000000000000a1", 200, "203.0.113.5"));
        assertEquals("a host on the external port", 2, bed.manager.snapshot().neighbors().size());
        tracker.seen(host("02:00:00:00:00:06", "of:0000000000000001", 9, "203.0.113.6"));
        assertEquals("elsewhere and not a gateway: ignored", 2, bed.manager.snapshot().neighbors().size());
        tracker.gone(host("02:00:00:00:00:05", "of:00000000000000a1", 200, "203.0.113.5"));
        assertEquals(1, bed.manager.snapshot().neighbors().size());
    }

    /** A packet the switch punted: UDP from the router's external IP (after SNAT) to a destination. */
    private static PacketContext punted(String dst) {
        IPv4 ip = new IPv4();
        ip.setSourceAddress("203.0.113.11").setDestinationAddress(dst).setProtocol(IPv4.PROTOCOL_UDP);
        Ethernet eth = new Ethernet();
        eth.setEtherType(Ethernet.TYPE_IPV4).setSourceMACAddress("fa:16:3f:00:00:02")
                .setDestinationMACAddress("fa:16:3e:00:00:99").setPayload(ip);
        return context(eth);
    }

    private static PacketContext context(Ethernet eth) {
        DefaultInboundPacket in = new DefaultInboundPacket(
                ConnectPoint.deviceConnectPoint("of:00000000000000a1/3"), eth, ByteBuffer.wrap(eth.serialize()));
        return new DefaultPacketContext(0, in, null, false) {
            @Override
            public void send() {
            }
        };
    }

    private List<IpAddress> requestsFor(PacketContext... packets) throws Exception {
        tracker.flush();
        requested.clear();
        for (PacketContext c : packets) {
            processors.forEach(p -> p.process(c));
        }
        tracker.flush();
        return List.copyOf(requested);
    }

    @Test
    public void puntedPacketsToUnknownExternalHostsAreResolvedThrottled() throws Exception {
        assertEquals("the processor is registered", 1, processors.size());
        IpAddress unknown = IpAddress.valueOf("203.0.113.77");
        assertEquals("an unknown host of the external subnet: one probe for a burst of packets", List.of(unknown),
                     requestsFor(punted("203.0.113.77"), punted("203.0.113.77"), punted("203.0.113.77")));
        assertEquals("outside every external subnet", List.of(), requestsFor(punted("198.51.100.7")));
        tracker.seen(host("02:00:00:00:00:05", "of:00000000000000a1", 200, "203.0.113.5"));
        assertEquals("a known neighbor", List.of(), requestsFor(punted("203.0.113.5")));
        ARP arp = new ARP();
        arp.setHardwareType(ARP.HW_TYPE_ETHERNET).setProtocolType(ARP.PROTO_TYPE_IP)
                .setHardwareAddressLength((byte) 6).setProtocolAddressLength((byte) 4).setOpCode(ARP.OP_REQUEST)
                .setSenderHardwareAddress(MacAddress.valueOf("fa:16:3e:00:00:01").toBytes())
                .setSenderProtocolAddress(IpAddress.valueOf("10.0.1.10").toOctets())
                .setTargetHardwareAddress(MacAddress.ZERO.toBytes())
                .setTargetProtocolAddress(IpAddress.valueOf("203.0.113.78").toOctets());
        Ethernet eth = new Ethernet();
        eth.setEtherType(Ethernet.TYPE_ARP).setSourceMACAddress("fa:16:3e:00:00:01")
                .setDestinationMACAddress(MacAddress.BROADCAST).setPayload(arp);
        assertEquals("not an IPv4 packet", List.of(), requestsFor(context(eth)));
        tracker.deactivate();
        assertEquals("removed on deactivation", 0, processors.size());
        tracker.activate();
    }
}
