package org.onosdvr.openflow.channel;

import org.junit.Test;
import org.onosproject.net.DeviceId;

import java.net.InetSocketAddress;
import java.util.List;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

/**
 * Device id conversions and listen-address parsing.
 */
public class ConfigAndDpidsTest {

    @Test
    public void deviceIdRoundTrip() {
        assertEquals(DeviceId.deviceId("of:00000000000000a1"), Dpids.deviceId(0xa1));
        assertEquals(0xa1, Dpids.dpid(DeviceId.deviceId("of:00000000000000a1")));
        assertEquals(-1L, Dpids.dpid(Dpids.deviceId(-1L)));
        assertEquals("of:ffffffffffffffff", Dpids.deviceId(-1L).toString());
    }

    @Test(expected = IllegalArgumentException.class)
    public void nonOpenFlowDeviceIdIsRejected() {
        Dpids.dpid(DeviceId.deviceId("ovsdb:1.2.3.4"));
    }

    @Test(expected = IllegalArgumentException.class)
    public void tooLongDpidIsRejected() {
        Dpids.dpid(DeviceId.deviceId("of:10000000000000000"));
    }

    @Test
    public void parsesSeveralAddresses() {
        List<InetSocketAddress> a = OpenFlowControllerConfig.parseAddresses("127.0.0.1:6653, 0.0.0.0:6654,[::1]:7,8");
        assertEquals(4, a.size());
        assertEquals(new InetSocketAddress("127.0.0.1", 6653), a.get(0));
        assertTrue(a.get(1).getAddress().isAnyLocalAddress());
        assertEquals(6654, a.get(1).getPort());
        assertTrue(a.get(2).getAddress().isLoopbackAddress());
        assertTrue(a.get(3).getAddress().isAnyLocalAddress());
        assertEquals(List.of(OpenFlowControllerConfig.DEFAULT_ADDRESS),
                     OpenFlowControllerConfig.defaults().listenAddresses());
    }

    @Test(expected = IllegalArgumentException.class)
    public void badPortIsRejected() {
        OpenFlowControllerConfig.parseAddresses("127.0.0.1:70000");
    }

    @Test(expected = IllegalArgumentException.class)
    public void nonPositiveTimerIsRejected() {
        OpenFlowControllerConfig.builder().echoTimeoutMs(0).build();
    }
}
