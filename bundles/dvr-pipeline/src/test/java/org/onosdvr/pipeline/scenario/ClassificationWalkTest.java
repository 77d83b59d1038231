package org.onosdvr.pipeline.scenario;

import org.junit.Test;
import org.onlab.packet.Ip4Address;
import org.onlab.packet.MacAddress;
import org.onosdvr.pipeline.walk.Packet;

import static org.onosdvr.pipeline.testing.DvrWalk.usedTunnel;
import static org.junit.Assert.assertFalse;

/**
 * Walks for function 1: only a VM's own MAC and addresses get in.
 */
public class ClassificationWalkTest extends WalkTestBase {

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
}
