package org.onosdvr.app.reconciler;

import org.onosdvr.api.DesiredFlow;
import org.onosdvr.api.DesiredGroup;
import org.onosdvr.pipeline.CompiledPipeline;
import org.onosdvr.pipeline.CompiledRule;
import org.onosdvr.pipeline.DvrCompiler;
import org.onosdvr.pipeline.ExtensionResolvers;
import org.onosproject.core.ApplicationId;
import org.onosproject.net.DeviceId;
import org.onosproject.net.behaviour.ExtensionSelectorResolver;
import org.onosproject.net.behaviour.ExtensionTreatmentResolver;
import org.onosproject.net.driver.DriverService;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Supplies the reconciler with the DVR pipeline compiler; extension factories come from each device's driver,
 * as ONOS apps obtain them (the Nicira driver in ONOS, the runtime's "ovs" driver in the embedded runtime).
 */
@Component(immediate = true, service = RuleCompilerFactory.class)
public class PipelineCompilerFactory implements RuleCompilerFactory {

    @Reference(cardinality = ReferenceCardinality.MANDATORY)
    protected DriverService driverService;

    @Override
    public RuleCompiler create(ApplicationId appId) {
        DvrCompiler compiler = new DvrCompiler(appId, new DriverResolvers(driverService));
        return snapshot -> new PipelineResult(compiler.compile(snapshot));
    }

    /** Resolvers from the device's driver behaviours. */
    private static final class DriverResolvers implements ExtensionResolvers {
        private final DriverService drivers;

        private DriverResolvers(DriverService drivers) {
            this.drivers = drivers;
        }

        @Override
        public ExtensionTreatmentResolver treatments(DeviceId deviceId) {
            return drivers.createHandler(deviceId).behaviour(ExtensionTreatmentResolver.class);
        }

        @Override
        public ExtensionSelectorResolver selectors(DeviceId deviceId) {
            return drivers.createHandler(deviceId).behaviour(ExtensionSelectorResolver.class);
        }
    }

    /** Adapts a compiled pipeline to the reconciler's view, keeping each rule's provenance. */
    private static final class PipelineResult implements RuleCompiler.Compiled {
        private final CompiledPipeline pipeline;

        private PipelineResult(CompiledPipeline pipeline) {
            this.pipeline = pipeline;
        }

        @Override
        public Set<DeviceId> devices() {
            return pipeline.devices();
        }

        @Override
        public List<DesiredFlow> rules(DeviceId deviceId) {
            return pipeline.rules(deviceId).stream().map(PipelineResult::desired).collect(Collectors.toList());
        }

        @Override
        public List<DesiredGroup> groups(DeviceId deviceId) {
            return pipeline.groups(deviceId).stream()
                    .map(g -> new DesiredGroup(g.group(), g.description(), g.source()))
                    .collect(Collectors.toList());
        }

        private static DesiredFlow desired(CompiledRule r) {
            return new DesiredFlow(r.flowRule(), r.table().tableName(), r.description(), r.source());
        }
    }
}
