package org.onosdvr.nicira;

import org.junit.Test;
import org.onlab.packet.Ip4Address;
import org.onlab.packet.IpAddress;
import org.onosproject.net.PortNumber;
import org.onosproject.net.flow.Extension;
import org.onosproject.net.flow.criteria.ExtensionSelector;
import org.onosproject.net.flow.criteria.ExtensionSelectorType.ExtensionSelectorTypes;
import org.onosproject.net.flow.instructions.ExtensionPropertyException;
import org.onosproject.net.flow.instructions.ExtensionTreatment;
import org.onosproject.net.flow.instructions.ExtensionTreatmentType;
import org.onosproject.net.flow.instructions.ExtensionTreatmentType.ExtensionTreatmentTypes;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.instanceOf;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.fail;

/**
 * Property, equality and serialization behaviour of the Nicira extensions, driven through the resolver and
 * {@code setPropertyValue}, the way pipeline code uses them.
 */
public class NiciraExtensionsTest {

    private final NiciraExtensionResolver resolver = new NiciraExtensionResolver();

    private ExtensionTreatment treatment(ExtensionTreatmentTypes type) {
        return resolver.getExtensionInstruction(type.type());
    }

    private ExtensionSelector selector(ExtensionSelectorTypes type) {
        return resolver.getExtensionSelector(type.type());
    }

    /** Sets every property, reads it back, checks equality, then round-trips through serialize. */
    private static <E extends Extension> void checkRoundTrip(E fresh, E other, Map<String, Object> values)
            throws ExtensionPropertyException {
        assertThat("property names (ONOS contract)", fresh.getProperties(),
                containsInAnyOrder(values.keySet().toArray()));
        for (Map.Entry<String, Object> e : values.entrySet()) {
            fresh.setPropertyValue(e.getKey(), e.getValue());
        }
        for (Map.Entry<String, Object> e : values.entrySet()) {
            Object read = fresh.getPropertyValue(e.getKey());
            assertEquals(e.getKey(), e.getValue(), read);
        }
        assertNotEquals("set properties must matter for equality", fresh, other);
        for (Map.Entry<String, Object> e : values.entrySet()) {
            other.setPropertyValue(e.getKey(), e.getValue());
        }
        assertEquals(fresh, other);
        assertEquals(fresh.hashCode(), other.hashCode());
        assertEquals(fresh.toString(), other.toString());

        byte[] bytes = fresh.serialize();
        @SuppressWarnings("unchecked")
        E copy = (E) (fresh instanceof ExtensionTreatment
                ? new NiciraExtensionResolver().getExtensionInstruction(((ExtensionTreatment) fresh).type())
                : new NiciraExtensionResolver().getExtensionSelector(((ExtensionSelector) fresh).type()));
        copy.deserialize(bytes);
        assertEquals(fresh, copy);
        for (Map.Entry<String, Object> e : values.entrySet()) {
            Object read = copy.getPropertyValue(e.getKey());
            assertEquals("after deserialize: " + e.getKey(), e.getValue(), read);
        }
    }

    private static Map<String, Object> props(Object... keyValues) {
        Map<String, Object> map = new TreeMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            map.put((String) keyValues[i], keyValues[i + 1]);
        }
        return map;
    }

    @Test
    public void setTunnelDst() throws Exception {
        checkRoundTrip(treatment(ExtensionTreatmentTypes.NICIRA_SET_TUNNEL_DST),
                treatment(ExtensionTreatmentTypes.NICIRA_SET_TUNNEL_DST),
                props("tunnelDst", Ip4Address.valueOf("198.18.0.2")));
        assertEquals(new NiciraSetTunnelDst(Ip4Address.valueOf("198.18.0.2")),
                treatmentWith(ExtensionTreatmentTypes.NICIRA_SET_TUNNEL_DST, "tunnelDst",
                        Ip4Address.valueOf("198.18.0.2")));
    }

    private ExtensionTreatment treatmentWith(ExtensionTreatmentTypes type, String key, Object value)
            throws ExtensionPropertyException {
        ExtensionTreatment t = treatment(type);
        t.setPropertyValue(key, value);
        return t;
    }

    @Test
    public void ct() throws Exception {
        List<ExtensionTreatment> nested = new ArrayList<>();
        nested.add(NiciraNat.snat(IpAddress.valueOf("203.0.113.10")));
        checkRoundTrip(treatment(ExtensionTreatmentTypes.NICIRA_CT), treatment(ExtensionTreatmentTypes.NICIRA_CT),
                props("flags", NiciraCt.FLAG_COMMIT, "zoneSrc", 0L, "zone", 5, "recircTable", (short) 6,
                        "alg", 0, "nestedActions", nested));
        NiciraCt ct = (NiciraCt) treatment(ExtensionTreatmentTypes.NICIRA_CT);
        assertThat("default: no recirculation", ct.niciraCtRecircTable(), is(NiciraCt.RECIRC_NONE));
        assertThat(ct.niciraCtNestActions().isEmpty(), is(true));
    }

    @Test
    public void ctNestedActionsMatterForEquality() {
        NiciraCt a = new NiciraCt(NiciraCt.FLAG_COMMIT, 0, 5, (short) 6, 0,
                List.of(NiciraNat.snat(IpAddress.valueOf("203.0.113.10"))));
        NiciraCt b = new NiciraCt(NiciraCt.FLAG_COMMIT, 0, 5, (short) 6, 0,
                List.of(NiciraNat.snat(IpAddress.valueOf("203.0.113.11"))));
        assertNotEquals(a, b);
        NiciraCt c = new NiciraCt();
        c.deserialize(a.serialize());
        assertEquals(a, c);
        assertThat(c.niciraCtNestActions().get(0), instanceOf(NiciraNat.class));
    }

    @Test
    public void nat() throws Exception {
        checkRoundTrip(treatment(ExtensionTreatmentTypes.NICIRA_NAT), treatment(ExtensionTreatmentTypes.NICIRA_NAT),
                props("flags", NiciraNat.FLAG_SRC, "presentFlags", NiciraNat.RANGE_IPV4_MIN | NiciraNat.RANGE_IPV4_MAX,
                        "portMin", 1024, "portMax", 65535,
                        "ipAddressMin", IpAddress.valueOf("203.0.113.10"),
                        "ipAddressMax", IpAddress.valueOf("203.0.113.20")));
        assertEquals(NiciraNat.snat(IpAddress.valueOf("203.0.113.10")).niciraNatFlags(), NiciraNat.FLAG_SRC);
        assertEquals(NiciraNat.dnat(IpAddress.valueOf("10.0.0.5")).niciraNatFlags(), NiciraNat.FLAG_DST);
    }

    @Test
    public void ctClear() throws Exception {
        ExtensionTreatment t = treatment(ExtensionTreatmentTypes.NICIRA_CT_CLEAR);
        assertThat(t.getProperties().isEmpty(), is(true));
        assertEquals(new NiciraCtClear(), t);
        ExtensionTreatment copy = treatment(ExtensionTreatmentTypes.NICIRA_CT_CLEAR);
        copy.deserialize(t.serialize());
        assertEquals(t, copy);
        assertNotEquals(t, new NiciraLoad());
    }

    @Test
    public void load() throws Exception {
        checkRoundTrip(treatment(ExtensionTreatmentTypes.NICIRA_LOAD), treatment(ExtensionTreatmentTypes.NICIRA_LOAD),
                props("ofsNbits", NiciraNxm.ofsNbits(0, 16), "dst", (long) NiciraNxm.ARP_OP, "value", 2L));
        NiciraLoad arpReply = NiciraLoad.fullField(NiciraNxm.ARP_OP, 2);
        assertEquals(15, arpReply.ofsNbits());
        assertEquals(0x1e02L, arpReply.dst());
        assertEquals(7, NiciraLoad.fullField(NiciraNxm.ICMP_TYPE, 0).ofsNbits());
        assertEquals((5 << 6) | 2, NiciraNxm.ofsNbits(5, 3));
    }

    @Test
    public void resubmitTable() throws Exception {
        NiciraResubmitTable fresh = (NiciraResubmitTable) treatment(ExtensionTreatmentTypes.NICIRA_RESUBMIT_TABLE);
        assertEquals(PortNumber.portNumber(0xfff8), fresh.inPort());
        checkRoundTrip(fresh, treatment(ExtensionTreatmentTypes.NICIRA_RESUBMIT_TABLE),
                props("inPort", PortNumber.portNumber(3), "table", (short) 4));
    }

    @Test
    public void moves() throws Exception {
        checkMove(ExtensionTreatmentTypes.NICIRA_MOV_ETH_SRC_TO_DST, 0x406, 0x206, 48);
        checkMove(ExtensionTreatmentTypes.NICIRA_MOV_ARP_SHA_TO_THA, 0x12206, 0x12406, 48);
        checkMove(ExtensionTreatmentTypes.NICIRA_MOV_ARP_SPA_TO_TPA, 0x2004, 0x2204, 32);
        checkMove(ExtensionTreatmentTypes.NICIRA_MOV_IP_SRC_TO_DST, 0xe04, 0x1004, 32);
        assertNotEquals(NiciraMove.ethSrcToDst(), NiciraMove.arpShaToTha());
    }

    private void checkMove(ExtensionTreatmentTypes type, int src, int dst, int bits) throws Exception {
        ExtensionTreatment move = treatment(type);
        assertEquals(type.type(), move.type());
        assertThat(move.getProperties(), containsInAnyOrder("srcOfs", "dstOfs", "nBits", "src", "dst", "type"));
        assertEquals(src, (int) move.getPropertyValue("src"));
        assertEquals(dst, (int) move.getPropertyValue("dst"));
        assertEquals(bits, (int) move.getPropertyValue("nBits"));
        assertEquals(0, (int) move.getPropertyValue("srcOfs"));
        assertEquals(0, (int) move.getPropertyValue("dstOfs"));
        assertEquals(type.type(), move.getPropertyValue("type"));
        try {
            move.setPropertyValue("nBits", 8);
            fail("moves are read-only");
        } catch (ExtensionPropertyException e) {
            assertThat(e.getMessage(), containsString("read-only"));
        }
        ExtensionTreatment copy = NiciraMove.ipSrcToDst();
        copy.deserialize(move.serialize());
        assertEquals(move, copy);
        assertEquals(type.type(), copy.type());
    }

    @Test
    public void matchCtState() throws Exception {
        NiciraMatchCtState fresh = (NiciraMatchCtState) selector(ExtensionSelectorTypes.NICIRA_MATCH_CONNTRACK_STATE);
        assertEquals(~0L, fresh.ctStateMask());
        checkRoundTrip(fresh, selector(ExtensionSelectorTypes.NICIRA_MATCH_CONNTRACK_STATE),
                props("ctState", NiciraMatchCtState.TRK | NiciraMatchCtState.EST,
                        "ctStateMask", NiciraMatchCtState.TRK | NiciraMatchCtState.EST | NiciraMatchCtState.NEW));
    }

    @Test
    public void matchCtZone() throws Exception {
        checkRoundTrip(selector(ExtensionSelectorTypes.NICIRA_MATCH_CONNTRACK_ZONE),
                selector(ExtensionSelectorTypes.NICIRA_MATCH_CONNTRACK_ZONE), props("ctZone", 5));
    }

    @Test
    public void matchCtMark() throws Exception {
        checkRoundTrip(selector(ExtensionSelectorTypes.NICIRA_MATCH_CONNTRACK_MARK),
                selector(ExtensionSelectorTypes.NICIRA_MATCH_CONNTRACK_MARK),
                props("ctMark", 0x42L, "ctMarkMask", 0xffL));
    }

    @Test
    public void wrongPropertyNameOrTypeIsAnExtensionPropertyException() {
        ExtensionTreatment ct = treatment(ExtensionTreatmentTypes.NICIRA_CT);
        try {
            ct.setPropertyValue("zoneId", 5);
            fail("unknown property");
        } catch (ExtensionPropertyException e) {
            assertThat(e.getMessage(), containsString("zoneId"));
        }
        try {
            ct.setPropertyValue("zone", "five");
            fail("wrong type");
        } catch (ExtensionPropertyException e) {
            assertThat(e.getMessage(), containsString("zone"));
        }
    }

    @Test
    public void resolverReturnsFreshInstancesOfTheRightType() {
        for (ExtensionTreatmentTypes type : NiciraExtensionResolver.TREATMENT_TYPES) {
            ExtensionTreatment a = treatment(type);
            ExtensionTreatment b = treatment(type);
            assertEquals(type.type(), a.type());
            assertThat("fresh instance for " + type, a != b, is(true));
        }
        assertThat(treatment(ExtensionTreatmentTypes.NICIRA_CT), instanceOf(NiciraCt.class));
        assertThat(treatment(ExtensionTreatmentTypes.NICIRA_NAT), instanceOf(NiciraNat.class));
        assertThat(treatment(ExtensionTreatmentTypes.NICIRA_LOAD), instanceOf(NiciraLoad.class));
        assertThat(treatment(ExtensionTreatmentTypes.NICIRA_MOV_ARP_SPA_TO_TPA), instanceOf(NiciraMove.class));
        for (ExtensionSelectorTypes type : NiciraExtensionResolver.SELECTOR_TYPES) {
            assertEquals(type.type(), selector(type).type());
        }
        assertThat(selector(ExtensionSelectorTypes.NICIRA_MATCH_CONNTRACK_ZONE),
                instanceOf(NiciraMatchCtZone.class));
    }

    @Test
    public void resolverRejectsUnknownTypes() {
        try {
            treatment(ExtensionTreatmentTypes.NICIRA_PUSH_NSH);
            fail("unsupported treatment");
        } catch (IllegalArgumentException e) {
            assertThat(e.getMessage(), containsString("not supported"));
        }
        try {
            resolver.getExtensionInstruction(new ExtensionTreatmentType(9999));
            fail("unknown treatment");
        } catch (IllegalArgumentException e) {
            assertThat(e.getMessage(), containsString("9999"));
        }
        try {
            selector(ExtensionSelectorTypes.NICIRA_MATCH_NSH_SPI);
            fail("unsupported selector");
        } catch (IllegalArgumentException e) {
            assertThat(e.getMessage(), not(containsString("NullPointer")));
        }
    }

    @Test
    public void malformedBytesAreRejected() {
        NiciraLoad load = new NiciraLoad();
        try {
            load.deserialize(new byte[3]);
            fail("truncated");
        } catch (IllegalArgumentException e) {
            assertThat(e.getMessage(), containsString("NiciraLoad"));
        }
    }
}
