package org.onosdvr.openflow.net;

import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.onlab.packet.ARP;
import org.onlab.packet.Ethernet;
import org.onlab.packet.Ip4Address;
import org.onlab.packet.IpAddress;
import org.onlab.packet.MacAddress;
import org.onosproject.net.ConnectPoint;
import org.onosproject.net.Host;
import org.onosproject.net.PortNumber;
import org.onosproject.net.flow.DefaultTrafficTreatment;
import org.onosproject.net.host.HostEvent;
import org.onosproject.net.packet.DefaultOutboundPacket;
import org.onosproject.net.packet.PacketContext;
import org.onosproject.net.packet.PacketProcessor;
import org.projectfloodlight.openflow.protocol.OFDescStatsRequest;
import org.projectfloodlight.openflow.protocol.OFPacketIn;
import org.projectfloodlight.openflow.protocol.OFPacketInReason;
import org.projectfloodlight.openflow.protocol.OFPacketOut;
import org.projectfloodlight.openflow.protocol.OFPortReason;
import org.projectfloodlight.openflow.protocol.action.OFActionOutput;
import org.projectfloodlight.openflow.protocol.match.MatchField;
import org.projectfloodlight.openflow.types.OFBufferId;
import org.projectfloodlight.openflow.types.OFPort;
import org.projectfloodlight.openflow.types.TableId;
import org.projectfloodlight.openflow.types.U64;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.onosproject.net.host.HostEvent.Type.HOST_ADDED;
import static org.onosproject.net.host.HostEvent.Type.HOST_MOVED;
import static org.onosproject.net.host.HostEvent.Type.HOST_REMOVED;
import static org.onosproject.net.host.HostEvent.Type.HOST_UPDATED;

/**
 * PACKET_IN to processors, PACKET_OUT, counters, host learning from ARP and ARP probes.
 */
public class PacketAndHostTest {

    private static final MacAddress VM_MAC = MacAddress.valueOf("fa:16:3e:00:00:01");
    private static final Ip4Address VM_IP = Ip4Address.valueOf("10.0.1.5");

    private final FakeController controller = new FakeController();
    private final OpenFlowDeviceManager devices = new OpenFlowDeviceManager();
    private final OpenFlowPacketManager packets = new OpenFlowPacketManager();
    private final OpenFlowHostManager hosts = new OpenFlowHostManager();
    private final List<HostEvent> events = new ArrayList<>();
    private final FakeSwitch sw = new FakeSwitch(5).withPort(1, "vm1").withPort(2, "vm2").withPort(3, "ext0");

    @Before
    public void setUp() {
        devices.controller = controller;
        SyncEventDispatcher.inject(devices);
        devices.activate();
        packets.controller = controller;
        packets.activate();
        hosts.packetService = packets;
        hosts.deviceService = devices;
        SyncEventDispatcher.inject(hosts);
        hosts.activate(Map.of());
        hosts.addListener(events::add);
        controller.connect(sw);
        FakeSwitch.Request desc = sw.lastRequest();
        assertTrue(desc.msg instanceof OFDescStatsRequest);
        desc.future.complete(List.of(FakeSwitch.F.buildDescStatsReply().build()));
    }

    @After
    public void tearDown() {
        hosts.deactivate();
        packets.deactivate();
        devices.deactivate();
    }

    private static byte[] arpFrom(MacAddress mac, Ip4Address ip, Ip4Address target) {
        Ethernet eth = ARP.buildArpRequest(mac.toBytes(), ip.toOctets(), target.toOctets(), (short) -1);
        return eth.serialize();
    }

    private void packetIn(int port, byte[] frame) {
        OFPacketIn pi = FakeSwitch.F.buildPacketIn()
                .setReason(OFPacketInReason.ACTION)
                .setTableId(TableId.of(1))
                .setCookie(U64.of(0x42))
                .setBufferId(OFBufferId.NO_BUFFER)
                .setTotalLen(frame.length)
                .setMatch(FakeSwitch.F.buildMatch().setExact(MatchField.IN_PORT, OFPort.of(port)).build())
                .setData(frame)
                .build();
        controller.each(l -> l.packetIn(sw, pi));
    }

    private List<HostEvent.Type> types() {
        List<HostEvent.Type> t = events.stream().map(HostEvent::type).collect(Collectors.toList());
        events.clear();
        return t;
    }

    @Test
    public void packetInReachesProcessorsInPriorityOrderAndIsCounted() {
        List<String> calls = new ArrayList<>();
        List<PacketContext> seen = new ArrayList<>();
        PacketProcessor late = c -> calls.add("director");
        PacketProcessor early = c -> {
            calls.add("advisor");
            seen.add(c);
        };
        packets.addProcessor(late, PacketProcessor.director(1));
        packets.addProcessor(early, PacketProcessor.advisor(5));
        packetIn(2, arpFrom(VM_MAC, VM_IP, Ip4Address.valueOf("10.0.1.1")));

        assertThat(calls, contains("advisor", "director"));
        PacketContext c = seen.get(0);
        assertEquals(new ConnectPoint(sw.deviceId(), PortNumber.portNumber(2)), c.inPacket().receivedFrom());
        assertEquals(Ethernet.TYPE_ARP, c.inPacket().parsed().getEtherType());
        assertEquals(1, packets.packetInCount(sw.deviceId()));

        c.treatmentBuilder().setOutput(PortNumber.portNumber(1));
        c.send();
        c.send();
        List<OFPacketOut> outs = sw.sent.stream().filter(m -> m instanceof OFPacketOut)
                .map(m -> (OFPacketOut) m).collect(Collectors.toList());
        assertEquals("a context sends once", 1, outs.size());
        assertEquals(OFPort.of(1), ((OFActionOutput) outs.get(0).getActions().get(0)).getPort());
        assertEquals(OFPort.of(2), outs.get(0).getInPort());
    }

    @Test
    public void arpTeachesHostWhichMovesAndGoesAwayWithItsPort() {
        packetIn(1, arpFrom(VM_MAC, VM_IP, Ip4Address.valueOf("10.0.1.1")));
        assertThat(types(), contains(HOST_ADDED));
        Host h = hosts.getHostsByIp(VM_IP).iterator().next();
        assertEquals(VM_MAC, h.mac());
        assertEquals(PortNumber.portNumber(1), h.location().port());
        assertEquals(1, hosts.getConnectedHosts(new ConnectPoint(sw.deviceId(), PortNumber.portNumber(1))).size());

        packetIn(1, arpFrom(VM_MAC, VM_IP, Ip4Address.valueOf("10.0.1.1")));
        assertTrue("nothing new", types().isEmpty());

        packetIn(1, arpFrom(VM_MAC, Ip4Address.valueOf("10.0.1.6"), Ip4Address.valueOf("10.0.1.1")));
        assertThat(types(), contains(HOST_UPDATED));
        assertEquals(2, hosts.getHostsByMac(VM_MAC).iterator().next().ipAddresses().size());

        packetIn(2, arpFrom(VM_MAC, VM_IP, Ip4Address.valueOf("10.0.1.1")));
        assertThat(types(), contains(HOST_MOVED));
        assertEquals(PortNumber.portNumber(2), hosts.getHostsByMac(VM_MAC).iterator().next().location().port());

        controller.each(l -> l.portStatus(sw, FakeSwitch.F.buildPortStatus().setReason(OFPortReason.DELETE)
                .setDesc(FakeSwitch.port(2, "vm2", true)).build()));
        assertThat(types(), contains(HOST_REMOVED));
        assertEquals(0, hosts.getHostCount());
    }

    @Test
    public void arpProbeWithZeroSenderTeachesMacOnly() {
        packetIn(1, arpFrom(VM_MAC, Ip4Address.valueOf("0.0.0.0"), VM_IP));
        assertThat(types(), contains(HOST_ADDED));
        assertTrue(hosts.getHostsByMac(VM_MAC).iterator().next().ipAddresses().isEmpty());
    }

    @Test
    public void requestMacSendsArpProbeOutOfExternalPortsOnly() throws Exception {
        hosts.requestMac(IpAddress.valueOf("203.0.113.9"));
        List<OFPacketOut> outs = sw.sent.stream().filter(m -> m instanceof OFPacketOut)
                .map(m -> (OFPacketOut) m).collect(Collectors.toList());
        assertEquals(1, outs.size());
        assertEquals(OFPort.of(3), ((OFActionOutput) outs.get(0).getActions().get(0)).getPort());
        Ethernet eth = Ethernet.deserializer().deserialize(outs.get(0).getData(), 0, outs.get(0).getData().length);
        ARP arp = (ARP) eth.getPayload();
        assertEquals(ARP.OP_REQUEST, arp.getOpCode());
        assertArrayEquals(Ip4Address.valueOf("203.0.113.9").toOctets(), arp.getTargetProtocolAddress());
        assertArrayEquals(new byte[4], arp.getSenderProtocolAddress());
        assertEquals(MacAddress.BROADCAST, eth.getDestinationMAC());
        assertEquals(1, packets.packetOutCount(sw.deviceId()));
    }

    @Test
    public void emitWithTableOutputKeepsInPort() {
        byte[] frame = arpFrom(VM_MAC, VM_IP, Ip4Address.valueOf("10.0.1.1"));
        packets.emit(new DefaultOutboundPacket(sw.deviceId(),
                DefaultTrafficTreatment.builder().setOutput(PortNumber.TABLE).build(),
                ByteBuffer.wrap(frame), PortNumber.portNumber(1)));
        OFPacketOut out = (OFPacketOut) sw.sent.get(sw.sent.size() - 1);
        assertEquals(OFPort.of(1), out.getInPort());
        assertEquals(OFPort.TABLE, ((OFActionOutput) out.getActions().get(0)).getPort());
    }
}
