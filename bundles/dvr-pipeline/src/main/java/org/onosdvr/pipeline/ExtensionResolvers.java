package org.onosdvr.pipeline;

import org.onosproject.net.DeviceId;
import org.onosproject.net.behaviour.ExtensionSelectorResolver;
import org.onosproject.net.behaviour.ExtensionTreatmentResolver;

/**
 * Per-device extension factories: in ONOS, the device driver's behaviours
 * ({@code driverService.createHandler(deviceId).behaviour(ExtensionTreatmentResolver.class)}); in tests and the
 * embedded runtime, {@code org.onosdvr.nicira.NiciraExtensionResolver}. The compiler obtains every Nicira
 * extension through these, never by constructing extension classes itself.
 */
public interface ExtensionResolvers {

    /**
     * @param deviceId device
     * @return the treatment extension factory of that device
     */
    ExtensionTreatmentResolver treatments(DeviceId deviceId);

    /**
     * @param deviceId device
     * @return the selector extension factory of that device
     */
    ExtensionSelectorResolver selectors(DeviceId deviceId);
}
