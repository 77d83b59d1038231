package org.onosdvr.runtime.driver;

import org.junit.Test;
import org.onlab.util.ItemNotFoundException;
import org.onosdvr.nicira.NiciraCt;
import org.onosdvr.nicira.NiciraExtensionResolver;
import org.onosdvr.nicira.NiciraMatchCtState;
import org.onosproject.net.DeviceId;
import org.onosproject.net.behaviour.ExtensionSelectorResolver;
import org.onosproject.net.behaviour.ExtensionTreatmentResolver;
import org.onosproject.net.behaviour.Pipeliner;
import org.onosproject.net.driver.DriverHandler;
import org.onosproject.net.flow.criteria.ExtensionSelectorType.ExtensionSelectorTypes;
import org.onosproject.net.flow.instructions.ExtensionTreatmentType.ExtensionTreatmentTypes;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.instanceOf;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertSame;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

/**
 * Every OpenFlow device gets the "ovs" driver whose extension resolvers are the Nicira ones.
 */
public class RuntimeDriverServiceTest {

    private static final DeviceId DEV = DeviceId.deviceId("of:00000000000000a1");
    private final RuntimeDriverService drivers = new RuntimeDriverService();

    @Test
    public void openflowDevicesUseTheOvsDriver() {
        assertEquals("ovs", drivers.getDriver(DEV).name());
        assertSame(drivers.getDriver(DEV), drivers.getDriver("ovs"));
        assertEquals("ovs", drivers.getDriver("Nicira, Inc.", "Open vSwitch", "3.1.0").name());
        assertTrue(drivers.getDrivers(ExtensionTreatmentResolver.class).contains(drivers.getDriver("ovs")));
        assertTrue(drivers.getDrivers(Pipeliner.class).isEmpty());
    }

    @Test
    public void handlerResolvesNiciraExtensions() {
        DriverHandler handler = drivers.createHandler(DEV);
        assertEquals(DEV, handler.data().deviceId());
        ExtensionTreatmentResolver treatments = handler.behaviour(ExtensionTreatmentResolver.class);
        ExtensionSelectorResolver selectors = handler.behaviour(ExtensionSelectorResolver.class);
        assertThat(treatments, instanceOf(NiciraExtensionResolver.class));
        assertThat(selectors, instanceOf(NiciraExtensionResolver.class));
        assertSame("behaviour is bound to the handler", handler, ((NiciraExtensionResolver) treatments).handler());
        assertThat(treatments.getExtensionInstruction(ExtensionTreatmentTypes.NICIRA_CT.type()),
                instanceOf(NiciraCt.class));
        assertThat(selectors.getExtensionSelector(ExtensionSelectorTypes.NICIRA_MATCH_CONNTRACK_STATE.type()),
                instanceOf(NiciraMatchCtState.class));
    }

    @Test
    public void otherBehavioursAndDevicesFailClearly() {
        try {
            drivers.createHandler(DEV).behaviour(Pipeliner.class);
            fail("ovs driver has no pipeliner here");
        } catch (IllegalArgumentException e) {
            assertTrue(e.getMessage(), e.getMessage().contains("Pipeliner"));
        }
        try {
            drivers.getDriver(DeviceId.deviceId("netconf:10.0.0.1:830"));
            fail("non-OpenFlow device got a driver");
        } catch (ItemNotFoundException e) {
            assertTrue(e.getMessage().contains("netconf"));
        }
        try {
            drivers.getDriver("default");
            fail();
        } catch (ItemNotFoundException e) {
            assertTrue(e.getMessage().contains("default"));
        }
    }
}
