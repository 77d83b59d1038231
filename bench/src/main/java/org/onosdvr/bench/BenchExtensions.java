package org.onosdvr.bench;

import org.onosdvr.nicira.NiciraExtensionResolver;
import org.onosdvr.pipeline.DvrCompiler;
import org.onosdvr.pipeline.ExtensionResolvers;
import org.onosproject.core.ApplicationId;
import org.onosproject.core.DefaultApplicationId;
import org.onosproject.net.DeviceId;
import org.onosproject.net.behaviour.ExtensionSelectorResolver;
import org.onosproject.net.behaviour.ExtensionTreatmentResolver;

/**
 * The extension resolvers of the embedded runtime (dvr-nicira's resolver for every device).
 */
public final class BenchExtensions implements ExtensionResolvers {

    /** Application id of benchmark rules. */
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

    /** @return a compiler as the app builds it */
    public static DvrCompiler compiler() {
        return new DvrCompiler(APP_ID, new BenchExtensions());
    }
}
