package org.onosdvr.runtime.driver;

import com.google.common.collect.ImmutableMap;
import com.google.common.collect.ImmutableSet;
import org.onlab.util.ItemNotFoundException;
import org.onosdvr.nicira.NiciraExtensionResolver;
import org.onosproject.net.DeviceId;
import org.onosproject.net.behaviour.ExtensionSelectorResolver;
import org.onosproject.net.behaviour.ExtensionTreatmentResolver;
import org.onosproject.net.driver.Behaviour;
import org.onosproject.net.driver.DefaultDriver;
import org.onosproject.net.driver.DefaultDriverData;
import org.onosproject.net.driver.DefaultDriverHandler;
import org.onosproject.net.driver.Driver;
import org.onosproject.net.driver.DriverHandler;
import org.onosproject.net.driver.DriverListener;
import org.onosproject.net.driver.DriverService;
import org.osgi.service.component.annotations.Component;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static com.google.common.base.Preconditions.checkNotNull;

/**
 * {@link DriverService} with a single driver, {@value #OVS_DRIVER}, standing in for ONOS's "ovs" driver
 * from {@code drivers/default}: every OpenFlow device ({@code of:} device id) uses it, and its only
 * behaviours are {@link ExtensionTreatmentResolver} and {@link ExtensionSelectorResolver}, both implemented
 * by {@link NiciraExtensionResolver}. Asking for another behaviour fails with ONOS's
 * {@link IllegalArgumentException} from {@link DefaultDriver#createBehaviour}; non-OpenFlow devices and
 * other driver names throw {@link ItemNotFoundException}, as ONOS does for unknown drivers. The driver set
 * never changes, so no {@code DriverEvent} is ever posted.
 */
@Component(immediate = true, service = DriverService.class)
public class RuntimeDriverService implements DriverService {

    /** Name of the only driver. */
    public static final String OVS_DRIVER = "ovs";
    /** Manufacturer reported by OVS. */
    public static final String OVS_MANUFACTURER = "Nicira, Inc.";
    /** Hardware description reported by OVS. */
    public static final String OVS_HW = "Open vSwitch";

    private static final String OPENFLOW_SCHEME = "of";

    /** The "ovs" driver. */
    public static final Driver OVS = new DefaultDriver(OVS_DRIVER, List.of(), OVS_MANUFACTURER, OVS_HW, "2.x",
            ImmutableMap.<Class<? extends Behaviour>, Class<? extends Behaviour>>of(
                    ExtensionTreatmentResolver.class, NiciraExtensionResolver.class,
                    ExtensionSelectorResolver.class, NiciraExtensionResolver.class),
            Map.of());

    @Override
    public Set<Driver> getDrivers() {
        return ImmutableSet.of(OVS);
    }

    @Override
    public Set<Driver> getDrivers(Class<? extends Behaviour> withBehaviour) {
        return OVS.hasBehaviour(withBehaviour) ? ImmutableSet.of(OVS) : ImmutableSet.of();
    }

    @Override
    public Driver getDriver(DeviceId deviceId) {
        checkNotNull(deviceId, "Device id cannot be null");
        if (!OPENFLOW_SCHEME.equals(deviceId.uri().getScheme())) {
            throw new ItemNotFoundException("No driver for " + deviceId
                    + " (the onos-dvr runtime drives OpenFlow devices only)");
        }
        return OVS;
    }

    @Override
    public Map<DeviceId, String> getDeviceDrivers() {
        // Devices are not tracked here: every of: device maps to "ovs".
        return ImmutableMap.of();
    }

    @Override
    public DriverHandler createHandler(DeviceId deviceId, String... credentials) {
        return new DefaultDriverHandler(new DefaultDriverData(getDriver(deviceId), deviceId));
    }

    @Override
    public Driver getDriver(String driverName) {
        if (OVS_DRIVER.equals(driverName)) {
            return OVS;
        }
        throw new ItemNotFoundException("Driver " + driverName + " not found (only " + OVS_DRIVER + ")");
    }

    @Override
    public Driver getDriver(String manufacturer, String hwVersion, String swVersion) {
        if (manufacturer != null && manufacturer.startsWith("Nicira")
                && hwVersion != null && hwVersion.startsWith(OVS_HW)) {
            return OVS;
        }
        throw new ItemNotFoundException("No driver for " + manufacturer + " " + hwVersion + " " + swVersion);
    }

    @Override
    public void addListener(DriverListener listener) {
        // The driver set never changes: nothing to report.
    }

    @Override
    public void removeListener(DriverListener listener) {
        // See addListener.
    }
}
