package org.onosdvr.app.reconciler;

import org.onosdvr.api.DesiredFlow;
import org.onosdvr.api.DesiredGroup;
import org.onosdvr.api.DvrSnapshot;
import org.onosdvr.pipeline.CompiledPipeline;
import org.onosdvr.pipeline.CompiledRule;
import org.onosdvr.pipeline.DvrCompiler;
import org.onosdvr.pipeline.ExtensionResolvers;
import org.onosdvr.pipeline.IncrementalCompiler;
import org.onosdvr.pipeline.PipelineDelta;
import org.onosproject.core.ApplicationId;
import org.onosproject.net.DeviceId;
import org.onosproject.net.behaviour.ExtensionSelectorResolver;
import org.onosproject.net.behaviour.ExtensionTreatmentResolver;
import org.onosproject.net.driver.DriverService;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * Supplies the reconciler with the DVR pipeline compiler; extension factories come from each device's driver,
 * as ONOS apps obtain them (the Nicira driver in ONOS, the runtime's "ovs" driver in the embedded runtime).
 * Each snapshot is compiled incrementally from the previous one ({@link IncrementalCompiler}: the same result
 * as a full compile, property-tested in the pipeline), and a device's desired flows are made once per result and
 * handed on to the next result when the step did not recompile any of the device's rules.
 */
@Component(immediate = true, service = RuleCompilerFactory.class)
public class PipelineCompilerFactory implements RuleCompilerFactory {

    @Reference(cardinality = ReferenceCardinality.MANDATORY)
    protected DriverService driverService;

    @Override
    public RuleCompiler create(ApplicationId appId) {
        return new IncrementalRules(new DvrCompiler(appId, new DriverResolvers(driverService)));
    }

    /** Compiles each snapshot as a step from the last one; serialised (the compiler is single-threaded). */
    private static final class IncrementalRules implements RuleCompiler {
        private final DvrCompiler compiler;
        private IncrementalCompiler incremental;
        private PipelineResult last;

        private IncrementalRules(DvrCompiler compiler) {
            this.compiler = compiler;
        }

        @Override
        public synchronized Compiled compile(DvrSnapshot snapshot) {
            try {
                if (incremental == null) {
                    incremental = compiler.incremental(snapshot);
                    last = new PipelineResult(incremental.current(), null, Set.of());
                } else if (snapshot != incremental.snapshot()) {
                    PipelineDelta step = incremental.update(snapshot);
                    last = new PipelineResult(incremental.current(), last, step.recompiled());
                }
                return last;
            } catch (RuntimeException e) {
                incremental = null;     // start again from a full compile next time
                last = null;
                throw e;
            }
        }
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

    /**
     * Adapts a compiled pipeline to the reconciler's view, keeping each rule's provenance. A device's desired
     * flows are made when first asked for (the ONOS flow rules of a compiled pipeline are made on demand) and
     * kept, and taken over from the previous result for the devices the step did not recompile.
     */
    private static final class PipelineResult implements RuleCompiler.Compiled {
        private final CompiledPipeline pipeline;
        private final Map<DeviceId, List<DesiredFlow>> flows = new ConcurrentHashMap<>();

        private PipelineResult(CompiledPipeline pipeline, PipelineResult previous, Set<DeviceId> recompiled) {
            this.pipeline = pipeline;
            if (previous != null) {
                previous.flows.forEach((d, list) -> {
                    if (!recompiled.contains(d) && pipeline.devices().contains(d)) {
                        flows.put(d, list);
                    }
                });
            }
        }

        @Override
        public Set<DeviceId> devices() {
            return pipeline.devices();
        }

        @Override
        public List<DesiredFlow> rules(DeviceId deviceId) {
            return flows.computeIfAbsent(deviceId, d -> List.copyOf(
                    pipeline.rules(d).stream().map(PipelineResult::desired).collect(Collectors.toList())));
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
