package org.onosdvr.nicira;

import org.junit.Test;

import static org.junit.Assert.assertEquals;

/**
 * NXM headers against the numbers of {@code ovs-fields(7)} (OVS 3.1): class, field number, width in bytes.
 */
public class NiciraNxmTest {

    private static int nxm(int cls, int field, int bytes) {
        return (cls << 16) | (field << 9) | bytes;
    }

    @Test
    public void headersMatchOvsFieldsManPage() {
        // NXM_OF_* (class 0x0000), numbers from ovs-fields(7)
        assertEquals(nxm(0, 0, 2), NiciraNxm.IN_PORT);
        assertEquals(nxm(0, 1, 6), NiciraNxm.ETH_DST);
        assertEquals(nxm(0, 2, 6), NiciraNxm.ETH_SRC);
        assertEquals(nxm(0, 3, 2), NiciraNxm.ETH_TYPE);
        assertEquals(nxm(0, 6, 1), NiciraNxm.IP_PROTO);
        assertEquals(nxm(0, 7, 4), NiciraNxm.IP_SRC);
        assertEquals(nxm(0, 8, 4), NiciraNxm.IP_DST);
        assertEquals(nxm(0, 13, 1), NiciraNxm.ICMP_TYPE);
        assertEquals(nxm(0, 14, 1), NiciraNxm.ICMP_CODE);
        assertEquals(nxm(0, 15, 2), NiciraNxm.ARP_OP);
        assertEquals(nxm(0, 16, 4), NiciraNxm.ARP_SPA);
        assertEquals(nxm(0, 17, 4), NiciraNxm.ARP_TPA);
        // NXM_NX_* (class 0x0001)
        assertEquals(nxm(1, 0, 4), NiciraNxm.REG0);
        assertEquals(nxm(1, 7, 4), NiciraNxm.reg(7));
        assertEquals(nxm(1, 16, 8), NiciraNxm.TUN_ID);
        assertEquals(nxm(1, 17, 6), NiciraNxm.ARP_SHA);
        assertEquals(nxm(1, 18, 6), NiciraNxm.ARP_THA);
        assertEquals(nxm(1, 29, 1), NiciraNxm.NW_TTL);
        assertEquals(nxm(1, 31, 4), NiciraNxm.TUN_IPV4_SRC);
        assertEquals(nxm(1, 32, 4), NiciraNxm.TUN_IPV4_DST);
        assertEquals(nxm(1, 105, 4), NiciraNxm.CT_STATE);
        assertEquals(nxm(1, 106, 2), NiciraNxm.CT_ZONE);
        assertEquals(nxm(1, 107, 4), NiciraNxm.CT_MARK);
        // the literal values ONOS's NiciraMoveTreatmentFactory uses
        assertEquals(0x00000406, NiciraNxm.ETH_SRC);
        assertEquals(0x00000206, NiciraNxm.ETH_DST);
        assertEquals(0x00012206, NiciraNxm.ARP_SHA);
        assertEquals(0x00012406, NiciraNxm.ARP_THA);
        assertEquals(0x00002004, NiciraNxm.ARP_SPA);
        assertEquals(0x00002204, NiciraNxm.ARP_TPA);
        assertEquals(0x00000e04, NiciraNxm.IP_SRC);
        assertEquals(0x00001004, NiciraNxm.IP_DST);
    }

    @Test
    public void widthsAndNames() {
        assertEquals(16, NiciraNxm.bits(NiciraNxm.ARP_OP));
        assertEquals(48, NiciraNxm.bits(NiciraNxm.ARP_SHA));
        assertEquals("NXM_OF_ARP_OP", NiciraNxm.name(NiciraNxm.ARP_OP));
        assertEquals("NXM_NX_REG3", NiciraNxm.name(NiciraNxm.reg(3)));
        assertEquals("NXM 0x00ffff01", NiciraNxm.name(0x00ffff01));
    }

    @Test(expected = IllegalArgumentException.class)
    public void badRegister() {
        NiciraNxm.reg(16);
    }
}
