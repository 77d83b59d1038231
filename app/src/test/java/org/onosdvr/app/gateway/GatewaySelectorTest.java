package org.onosdvr.app.gateway;

import org.junit.Test;
import org.onosdvr.api.GatewayAssignment;
import org.onosdvr.api.RouterId;
import org.onosproject.net.DeviceId;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.lessThan;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

/**
 * Properties of rendezvous gateway selection.
 */
public class GatewaySelectorTest {

    private static List<DeviceId> gateways(int n) {
        List<DeviceId> list = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
            list.add(DeviceId.deviceId(String.format("of:00000000000000%02x", 0xa0 + i)));
        }
        return list;
    }

    private static Map<RouterId, DeviceId> primaries(int routers, List<DeviceId> gws) {
        Map<RouterId, DeviceId> map = new HashMap<>();
        for (int i = 0; i < routers; i++) {
            RouterId r = RouterId.of("router-" + i);
            map.put(r, GatewaySelector.select(r, gws).get().primary());
        }
        return map;
    }

    @Test
    public void addingAGatewayMovesAboutAQuarterOfTheRoutersOnlyToIt() {
        Map<RouterId, DeviceId> before = primaries(100, gateways(3));
        Map<RouterId, DeviceId> after = primaries(100, gateways(4));
        DeviceId added = gateways(4).get(3);
        int moved = 0;
        for (RouterId r : before.keySet()) {
            if (!before.get(r).equals(after.get(r))) {
                moved++;
                assertEquals("a router only moves to the new gateway", added, after.get(r));
            }
        }
        assertThat(moved, greaterThan(10));
        assertThat(moved, lessThan(40));
    }

    @Test
    public void removingAGatewayMovesOnlyItsRoutersToTheirFirstBackup() {
        List<DeviceId> gws = gateways(4);
        Map<RouterId, GatewayAssignment> before = new HashMap<>();
        for (int i = 0; i < 100; i++) {
            RouterId r = RouterId.of("router-" + i);
            before.put(r, GatewaySelector.select(r, gws).get());
        }
        DeviceId gone = gws.get(1);
        List<DeviceId> remaining = new ArrayList<>(gws);
        remaining.remove(gone);
        for (Map.Entry<RouterId, GatewayAssignment> e : before.entrySet()) {
            GatewayAssignment now = GatewaySelector.select(e.getKey(), remaining).get();
            if (e.getValue().primary().equals(gone)) {
                assertEquals("failover goes to the first backup", e.getValue().backups().get(0), now.primary());
            } else {
                assertEquals(e.getValue().primary(), now.primary());
            }
        }
    }

    @Test
    public void balancedDeterministicAndComplete() {
        List<DeviceId> gws = gateways(3);
        Map<DeviceId, Integer> load = new HashMap<>();
        primaries(300, gws).values().forEach(d -> load.merge(d, 1, Integer::sum));
        load.values().forEach(n -> assertThat(n, greaterThan(60)));
        GatewayAssignment a = GatewaySelector.select(RouterId.of("x"), gws).get();
        List<DeviceId> reversed = new ArrayList<>(gws);
        java.util.Collections.reverse(reversed);
        assertEquals("order of candidates does not matter", a, GatewaySelector.select(RouterId.of("x"), reversed)
                .get());
        assertEquals(2, a.backups().size());
        assertTrue(GatewaySelector.select(RouterId.of("x"), List.of()).isEmpty());
    }

    @Test
    public void keepHoldsALivePrimaryAndRanksTheRestAsBackups() {
        List<DeviceId> gws = gateways(4);
        RouterId r = RouterId.of("router-7");
        GatewayAssignment ranked = GatewaySelector.select(r, gws).get();
        DeviceId other = ranked.backups().get(1);
        GatewayAssignment current = new GatewayAssignment(r, other, List.of());
        GatewayAssignment kept = GatewaySelector.keep(r, java.util.Optional.of(current), gws).get();
        assertEquals(other, kept.primary());
        List<DeviceId> expectedBackups = new ArrayList<>();
        expectedBackups.add(ranked.primary());
        ranked.backups().stream().filter(d -> !d.equals(other)).forEach(expectedBackups::add);
        assertEquals(expectedBackups, kept.backups());
        // a primary that is no longer a candidate is replaced by the ranking
        List<DeviceId> without = new ArrayList<>(gws);
        without.remove(other);
        assertEquals(GatewaySelector.select(r, without), GatewaySelector.keep(r, java.util.Optional.of(current),
                                                                              without));
        assertEquals(java.util.Optional.of(ranked), GatewaySelector.keep(r, java.util.Optional.empty(), gws));
    }
}
