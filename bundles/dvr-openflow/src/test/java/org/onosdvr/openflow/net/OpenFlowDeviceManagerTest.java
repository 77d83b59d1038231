package org.onosdvr.openflow.net;

import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.onosdvr.openflow.channel.OpenFlowRequestException;
import org.onosproject.net.AnnotationKeys;
import org.onosproject.net.Device;
import org.onosproject.net.DeviceId;
import org.onosproject.net.MastershipRole;
import org.onosproject.net.Port;
import org.onosproject.net.PortNumber;
import org.onosproject.net.device.DeviceEvent;
import org.projectfloodlight.openflow.protocol.OFDescStatsRequest;
import org.projectfloodlight.openflow.protocol.OFPortReason;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.instanceOf;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;
import static org.onosproject.net.device.DeviceEvent.Type.DEVICE_ADDED;
import static org.onosproject.net.device.DeviceEvent.Type.DEVICE_AVAILABILITY_CHANGED;
import static org.onosproject.net.device.DeviceEvent.Type.PORT_ADDED;
import static org.onosproject.net.device.DeviceEvent.Type.PORT_REMOVED;
import static org.onosproject.net.device.DeviceEvent.Type.PORT_UPDATED;

/**
 * Devices and ports from switch connections, descriptions and PORT_STATUS.
 */
public class OpenFlowDeviceManagerTest {

    private final FakeController controller = new FakeController();
    private final OpenFlowDeviceManager mgr = new OpenFlowDeviceManager();
    private final List<DeviceEvent> events = new ArrayList<>();

    @Before
    public void setUp() {
        mgr.controller = controller;
        SyncEventDispatcher.inject(mgr);
        mgr.activate();
        mgr.addListener(events::add);
    }

    @After
    public void tearDown() {
        mgr.deactivate();
    }

    private static void answerDesc(FakeSwitch sw) {
        FakeSwitch.Request r = sw.lastRequest();
        assertThat(r.msg, instanceOf(OFDescStatsRequest.class));
        r.future.complete(List.of(FakeSwitch.F.buildDescStatsReply().setMfrDesc("Nicira, Inc.")
                .setHwDesc("Open vSwitch").setSwDesc("3.1.0").setSerialNum("None").setDpDesc("").build()));
    }

    private List<DeviceEvent.Type> types() {
        List<DeviceEvent.Type> t = events.stream().map(DeviceEvent::type).collect(Collectors.toList());
        events.clear();
        return t;
    }

    @Test
    public void switchBecomesDeviceWithNamedPorts() {
        FakeSwitch sw = new FakeSwitch(0xab).withPort(1, "vm1").withPort(2, "ext0");
        controller.connect(sw);
        assertEquals("no device before its description", 0, mgr.getDeviceCount());
        answerDesc(sw);

        assertThat(types(), contains(DEVICE_ADDED, PORT_ADDED, PORT_ADDED));
        DeviceId id = DeviceId.deviceId("of:00000000000000ab");
        Device d = mgr.getDevice(id);
        assertEquals(Device.Type.SWITCH, d.type());
        assertEquals("Nicira, Inc.", d.manufacturer());
        assertEquals("3.1.0", d.swVersion());
        assertEquals("OF_13", d.annotations().value(AnnotationKeys.PROTOCOL));
        assertEquals(sw.remoteAddress().toString(), d.annotations().value(AnnotationKeys.CHANNEL_ID));
        assertTrue(mgr.isAvailable(id));
        assertEquals(MastershipRole.MASTER, mgr.getRole(id));
        Port p2 = mgr.getPort(id, PortNumber.portNumber(2));
        assertEquals("ext0", p2.annotations().value(AnnotationKeys.PORT_NAME));
        assertTrue(p2.isEnabled());
        assertEquals(10_000, p2.portSpeed());
        assertEquals(2, mgr.getPorts(id).size());
    }

    @Test
    public void portStatusAddsUpdatesAndRemovesPorts() {
        FakeSwitch sw = new FakeSwitch(1).withPort(1, "vm1");
        controller.connect(sw);
        answerDesc(sw);
        types();
        DeviceId id = sw.deviceId();

        controller.each(l -> l.portStatus(sw, FakeSwitch.F.buildPortStatus().setReason(OFPortReason.MODIFY)
                .setDesc(FakeSwitch.port(1, "vm1", false)).build()));
        assertThat(types(), contains(PORT_UPDATED));
        assertFalse(mgr.getPort(id, PortNumber.portNumber(1)).isEnabled());

        controller.each(l -> l.portStatus(sw, FakeSwitch.F.buildPortStatus().setReason(OFPortReason.MODIFY)
                .setDesc(FakeSwitch.port(1, "vm1", false)).build()));
        assertTrue("an unchanged port is not an update", types().isEmpty());

        controller.each(l -> l.portStatus(sw, FakeSwitch.F.buildPortStatus().setReason(OFPortReason.ADD)
                .setDesc(FakeSwitch.port(7, "ext1", true)).build()));
        assertThat(types(), contains(PORT_ADDED));

        controller.each(l -> l.portStatus(sw, FakeSwitch.F.buildPortStatus().setReason(OFPortReason.DELETE)
                .setDesc(FakeSwitch.port(7, "ext1", true)).build()));
        assertThat(types(), contains(PORT_REMOVED));
        assertNull(mgr.getPort(id, PortNumber.portNumber(7)));
    }

    @Test
    public void disconnectKeepsDeviceUnavailableAndReconnectSyncsPorts() {
        FakeSwitch sw = new FakeSwitch(2).withPort(1, "vm1").withPort(2, "vm2");
        controller.connect(sw);
        answerDesc(sw);
        types();

        controller.disconnect(sw);
        assertThat(types(), contains(DEVICE_AVAILABILITY_CHANGED));
        assertFalse(mgr.isAvailable(sw.deviceId()));
        assertEquals("device kept", 1, mgr.getDeviceCount());
        assertFalse(mgr.getAvailableDevices().iterator().hasNext());

        FakeSwitch again = new FakeSwitch(2).withPort(1, "vm1");
        controller.connect(again);
        answerDesc(again);
        assertThat(types(), contains(DEVICE_AVAILABILITY_CHANGED, PORT_REMOVED));
        assertTrue(mgr.isAvailable(sw.deviceId()));
        assertEquals(1, mgr.getPorts(sw.deviceId()).size());
    }

    @Test
    public void missingDescriptionStillAnnouncesDevice() {
        FakeSwitch sw = new FakeSwitch(3).withPort(1, "vm1");
        controller.connect(sw);
        sw.lastRequest().future.completeExceptionally(new OpenFlowRequestException(
                OpenFlowRequestException.Kind.TIMEOUT, 1, "timeout", null, null));
        assertThat(types(), contains(DEVICE_ADDED, PORT_ADDED));
        assertEquals("unknown", mgr.getDevice(sw.deviceId()).manufacturer());
    }

    @Test
    public void switchGoneBeforeDescriptionIsNotAnnounced() {
        FakeSwitch sw = new FakeSwitch(4).withPort(1, "vm1");
        controller.connect(sw);
        controller.disconnect(sw);
        answerDesc(sw);
        assertTrue(types().isEmpty());
        assertEquals(0, mgr.getDeviceCount());
    }
}
