package org.onosdvr.pipeline.scenario;

import org.junit.Test;
import org.onlab.packet.Ip4Address;
import org.onlab.packet.MacAddress;
import org.onlab.packet.VlanId;
import org.onosdvr.pipeline.testing.DvrWalk;
import org.onosdvr.pipeline.testing.ScenarioBuilder;
import org.onosdvr.pipeline.walk.Packet;

import static org.onosdvr.pipeline.testing.DvrWalk.usedTunnel;
import static org.junit.Assert.assertFalse;

/**
 * Walks for function 1: only a VM's own MAC and addresses get in, untagged; the external port takes untagged
 * frames only.
 */
public class ClassificationWalkTest extends WalkTestBase {

    private static final VlanId VLAN = VlanId.vlanId((short) 42);
    private final Ip4Address internet = Ip4Address.valueOf("192.0.2.7");

    private static Packet tagged(Packet p) {
        return p.toBuilder().vlan(VLAN).build();
    }

    @Test
    public void legitimatePacketPasses() {
        received(w.send("va1", Packet.udp(w.mac("va1"), w.mac("va2"), w.ip("va1"), w.ip("va2"), 1000, 2000)),
                 "va2");
    }

    @Test
    public void spoofedMacIsDropped() {
        MacAddress fake = MacAddress.valueOf("fa:16:3e:99:99:99");
        assertDropped(w.send("va1", Packet.udp(fake, w.mac("va2"), w.ip("va1"), w.ip("va2"), 1000, 2000)));
    }

    @Test
    public void spoofedIpIsDropped() {
        assertDropped(w.send("va1", Packet.udp(w.mac("va1"), w.mac("va2"), w.ip("va3"), w.ip("va2"), 1000, 2000)));
        assertDropped(w.send("va1", Packet.udp(w.mac("va1"), w.mac("va2"),
                                               Ip4Address.valueOf("10.0.1.200"), w.ip("va2"), 1000, 2000)));
    }

    @Test
    public void arpClaimingTheGatewayOrAFloatingIpIsDropped() {
        Packet claimGw = Packet.builder().ethSrc(w.mac("va1")).ethDst(MacAddress.BROADCAST)
                .arp(Packet.ARP_REPLY, w.mac("va1"), w.gatewayIp("va1"), MacAddress.BROADCAST, w.ip("va2")).build();
        assertDropped(w.send("va1", claimGw));
        Packet claimFip = Packet.builder().ethSrc(w.mac("va2")).ethDst(MacAddress.BROADCAST)
                .arp(Packet.ARP_REPLY, w.mac("va2"), s.fip("fa1").floatingIp().getIp4Address(),
                     MacAddress.BROADCAST, w.ip("va1")).build();
        org.onosdvr.pipeline.walk.WalkResult r = w.send("va2", claimFip);
        assertDropped(r);
        assertFalse(usedTunnel(r));
    }

    @Test
    public void vlanTaggedFramesFromAVmAreDropped() {
        Packet l2 = Packet.udp(w.mac("va1"), w.mac("va2"), w.ip("va1"), w.ip("va2"), 1000, 2000);
        received(w.send("va1", l2), "va2");
        assertDropped(w.send("va1", tagged(l2)));
        // routed out of the external port, a tagged frame kept its tag: a VM could put frames on any VLAN of the
        // provider's external network
        Packet north = w.ping("va1", internet);
        received(w.send("va1", north), DvrWalk.UPSTREAM);
        assertDropped(w.send("va1", tagged(north)));
        Packet arp = Packet.arpRequest(w.mac("va1"), w.ip("va1"), w.gatewayIp("va1"));
        received(w.send("va1", arp), "va1");
        assertDropped(w.send("va1", tagged(arp)));
    }

    @Test
    public void vlanTaggedFramesOnTheExternalPortAreDropped() {
        Ip4Address fip = s.fip("fa1").floatingIp().getIp4Address();
        Packet in = Packet.icmpEcho(ScenarioBuilder.UPSTREAM_MAC, s.node("c1").dvrMac(), internet, fip);
        received(w.send(DvrWalk.UPSTREAM, in), "va1");
        assertDropped(w.send(DvrWalk.UPSTREAM, tagged(in)));
        Packet arp = Packet.arpRequest(ScenarioBuilder.UPSTREAM_MAC, internet, fip);
        received(w.send(DvrWalk.UPSTREAM, arp), DvrWalk.UPSTREAM);
        assertDropped(w.send(DvrWalk.UPSTREAM, tagged(arp)));
    }
}
