package org.onosdvr.pipeline.scenario;

import org.junit.Test;
import org.onlab.packet.Ip4Address;
import org.onosdvr.api.ExternalGateway;
import org.onosdvr.pipeline.testing.DvrWalk;
import org.onosdvr.pipeline.testing.Scenario;
import org.onosdvr.pipeline.testing.ScenarioBuilder;
import org.onosdvr.pipeline.testing.Scenarios;
import org.onosdvr.pipeline.walk.Drop;
import org.onosdvr.pipeline.walk.Packet;
import org.onosdvr.pipeline.walk.WalkResult;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

/**
 * Walks for data-plane SNAT failover: a VM's default-SNAT traffic takes the fast-failover group's first live
 * bucket, so with the primary gateway down it leaves through the hot backup, with the same external IP and MAC,
 * and the reply comes back through the backup — no controller involved.
 */
public class FailoverWalkTest {

    private final Scenario s = Scenarios.failoverBuilder().build();
    private final DvrWalk up = new DvrWalk(s);
    private final Ip4Address internet = Ip4Address.valueOf("192.0.2.7");
    private final ExternalGateway g = s.router("ra").externalGateway().get();

    private Packet toInternet(DvrWalk w, String vm, int sport) {
        return Packet.udp(w.mac(vm), w.gatewayMac(vm), w.ip(vm), internet, sport, 53);
    }

    private void outAndBack(DvrWalk w, String vm, String gateway, int sport) {
        WalkResult out = w.send(vm, toInternet(w, vm, sport));
        Packet p = WalkTestBase.received(out, DvrWalk.UPSTREAM);
        assertEquals(out.trace().toString(), s.device(gateway), out.deliveryTo(DvrWalk.UPSTREAM).get().device());
        assertEquals(g.externalIp().getIp4Address(), p.ipSrc());
        assertEquals("same router MAC on primary and backup", g.mac(), p.ethSrc());
        assertEquals(ScenarioBuilder.UPSTREAM_MAC, p.ethDst());

        Packet reply = Packet.udp(ScenarioBuilder.UPSTREAM_MAC, g.mac(), internet, p.ipSrc(), 53, p.tpSrc());
        WalkResult back = w.send(DvrWalk.UPSTREAM, reply);
        Packet q = WalkTestBase.received(back, vm);
        assertEquals(w.ip(vm), q.ipDst());
        assertEquals(sport, q.tpDst());
        assertEquals(w.gatewayMac(vm), q.ethSrc());
    }

    @Test
    public void primaryCarriesSnatWhileUp() {
        outAndBack(up, "va1", "g1", 40000);
        outAndBack(up, "va2", "g1", 40001);
    }

    @Test
    public void backupCarriesSnatWhenThePrimaryIsDown() {
        DvrWalk down = up.withDown("g1");
        outAndBack(down, "va1", "g2", 40002);
        outAndBack(down, "va2", "g2", 40003);
        WalkResult out = down.send("va1", toInternet(down, "va1", 40004));
        assertTrue(out.trace().toString(), out.trace().toString().contains("bucket 1"));
    }

    @Test
    public void bothGatewaysDownFallsBackToThePrimaryWhereItIsLost() {
        WalkResult out = up.withDown("g1", "g2").send("va1", toInternet(up, "va1", 40005));
        assertTrue(out.trace().toString(), out.trace().toString().contains("bucket 2"));
        assertTrue(out.trace().toString(), out.droppedFor(Drop.Reason.DEVICE_DOWN));
        assertFalse(out.deliveryTo(DvrWalk.UPSTREAM).isPresent());
    }

    @Test
    public void withoutLiveBfdPortsSnatTunnelsToThePrimary() {
        // BFD not up yet (ports just created, a switch restarted) or its UDP port filtered: every gateway is up
        DvrWalk noBfd = up.withFailoverPortsDown("c1", "c2");
        outAndBack(noBfd, "va1", "g1", 40006);
        outAndBack(noBfd, "va2", "g1", 40007);
        WalkResult out = noBfd.send("va1", toInternet(noBfd, "va1", 40008));
        assertFalse(out.trace().toString(), out.droppedFor(Drop.Reason.NO_LIVE_BUCKET));
        assertTrue(out.trace().toString(), out.trace().toString().contains("bucket 2"));
    }

    @Test
    public void onlyThePrimaryAnswersArpForTheExternalIp() {
        Packet arp = Packet.arpRequest(ScenarioBuilder.UPSTREAM_MAC, Ip4Address.valueOf("203.0.113.1"),
                                       g.externalIp().getIp4Address());
        WalkResult r = up.send(DvrWalk.UPSTREAM, arp);
        long replies = r.deliveriesTo(DvrWalk.UPSTREAM).stream().filter(d -> d.packet().arpOp() == 2).count();
        assertEquals(r.trace().toString(), 1, replies);
        assertEquals(s.device("g1"), r.deliveriesTo(DvrWalk.UPSTREAM).stream()
                .filter(d -> d.packet().arpOp() == 2).findFirst().get().device());
    }

    @Test
    public void eastWestDoesNotDependOnTheGateways() {
        DvrWalk down = up.withDown("g1", "g2");
        WalkResult r = down.send("va1", down.ping("va1", down.ip("va2")));
        WalkTestBase.received(r, "va2");
    }
}
