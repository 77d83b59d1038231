package org.onosdvr.pipeline.testing;

import org.onosdvr.nicira.NiciraExtensionResolver;
import org.onosdvr.pipeline.ExtensionResolvers;
import org.onosproject.core.ApplicationId;
import org.onosproject.core.DefaultApplicationId;
import org.onosproject.net.DeviceId;
import org.onosproject.net.behaviour.ExtensionSelectorResolver;
import org.onosproject.net.behaviour.ExtensionTreatmentResolver;

/**
 * Extension resolvers of tests and the embedded runtime: dvr-nicira's resolver for every device.
 */
public final class TestExtensions implements ExtensionResolvers {

    /** Application id of test rules. */
    public static final ApplicationId APP_ID = new DefaultApplicationId(42, "org.onosdvr.app");

    private final NiciraExtensionResolver resolver = new NiciraExtensionResolver();

    @Override
    public ExtensionTreatmentResolver treatments(DeviceId deviceId) {
        return resolver;
    }

    @Override
    public ExtensionSelectorResolver selectors(DeviceId deviceId) {
        return resolver;
    }
}
