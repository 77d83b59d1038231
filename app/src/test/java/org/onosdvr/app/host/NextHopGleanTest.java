package org.onosdvr.app.host;

import org.junit.Test;
import org.onlab.packet.IpAddress;

import java.util.concurrent.atomic.AtomicLong;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

/**
 * The glean throttle: once per destination per interval, a cap per second in all, a bounded memory.
 */
public class NextHopGleanTest {

    private final AtomicLong now = new AtomicLong(1_000_000);
    private final NextHopGlean glean = new NextHopGlean(1_000, 3, 4, now::get);

    private static IpAddress ip(int last) {
        return IpAddress.valueOf("203.0.113." + last);
    }

    @Test
    public void oneProbePerDestinationPerInterval() {
        assertTrue(glean.admit(ip(7)));
        assertFalse(glean.admit(ip(7)));
        now.addAndGet(999);
        assertFalse(glean.admit(ip(7)));
        now.addAndGet(1);
        assertTrue(glean.admit(ip(7)));
    }

    @Test
    public void atMostThePerSecondCapInAll() {
        int admitted = 0;
        for (int i = 1; i <= 10; i++) {
            admitted += glean.admit(ip(i)) ? 1 : 0;
        }
        assertEquals(3, admitted);
        now.addAndGet(1_000);
        assertTrue("a new second", glean.admit(ip(9)));
    }

    @Test
    public void memoryIsBoundedAndExpiredEntriesMakeRoom() {
        NextHopGlean g = new NextHopGlean(1_000, 100, 2, now::get);
        assertTrue(g.admit(ip(1)));
        assertTrue(g.admit(ip(2)));
        assertFalse("full of fresh entries", g.admit(ip(3)));
        now.addAndGet(1_000);
        assertTrue("expired entries are dropped to make room", g.admit(ip(3)));
        assertTrue(g.admit(ip(1)));
    }
}
