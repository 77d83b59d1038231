package org.onosdvr.app.reconciler;

import org.junit.Test;
import org.onosdvr.api.DesiredFlow;
import org.onosdvr.api.DvrSnapshot;
import org.onosdvr.api.VmPort;
import org.onosdvr.nicira.NiciraExtensionResolver;
import org.onosdvr.pipeline.DvrCompiler;
import org.onosdvr.pipeline.testing.Scenario;
import org.onosdvr.pipeline.testing.Scenarios;
import org.onosdvr.pipeline.testing.TestExtensions;
import org.onosproject.net.ConnectPoint;
import org.onosproject.net.DeviceId;
import org.onosproject.net.PortNumber;
import org.onosproject.net.driver.Behaviour;
import org.onosproject.net.driver.Driver;
import org.onosproject.net.driver.DriverData;
import org.onosproject.net.driver.DriverHandler;
import org.onosproject.net.driver.DriverServiceAdapter;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertSame;
import static org.junit.Assert.assertTrue;

/**
 * The factory hands the reconciler exactly what the pipeline compiler produces, with provenance, using the
 * extension resolvers of each device's driver.
 */
public class PipelineCompilerFactoryTest {

    /** A driver service whose handlers answer with the Nicira resolver, like the runtime's "ovs" driver. */
    private static final class OvsDrivers extends DriverServiceAdapter {
        private final Set<DeviceId> asked = new HashSet<>();

        @Override
        public DriverHandler createHandler(DeviceId deviceId, String... credentials) {
            asked.add(deviceId);
            NiciraExtensionResolver resolver = new NiciraExtensionResolver();
            return new DriverHandler() {
                @Override
                public Driver driver() {
                    return null;
                }

                @Override
                public DriverData data() {
                    return null;
                }

                @Override
                public <T extends Behaviour> T behaviour(Class<T> behaviourClass) {
                    return behaviourClass.cast(resolver);
                }

                @Override
                public <T> T get(Class<T> serviceClass) {
                    return null;
                }
            };
        }
    }

    @Test
    public void compilesTheSnapshotThroughDriverResolvers() {
        Scenario scenario = Scenarios.standard();
        OvsDrivers drivers = new OvsDrivers();
        PipelineCompilerFactory factory = new PipelineCompilerFactory();
        factory.driverService = drivers;

        RuleCompiler.Compiled compiled = factory.create(TestExtensions.APP_ID).compile(scenario.snapshot());
        var expected = new DvrCompiler(TestExtensions.APP_ID, new TestExtensions())
                .compile(scenario.snapshot());

        assertEquals(expected.devices(), compiled.devices());
        assertFalse(compiled.devices().isEmpty());
        for (DeviceId d : expected.devices()) {
            List<DesiredFlow> rules = compiled.rules(d);
            assertEquals(expected.flowRules(d),
                         rules.stream().map(DesiredFlow::flowRule).collect(Collectors.toSet()));
            assertTrue(rules.stream().allMatch(r -> !r.table().isEmpty() && !r.description().isEmpty()
                    && !r.source().isEmpty()));
        }
        assertTrue("extensions came from the devices' drivers", drivers.asked.containsAll(expected.devices()));
    }

    @Test
    public void eachSnapshotIsCompiledAsAStepAndUnchangedDevicesKeepTheirFlows() {
        Scenario scenario = Scenarios.scaled(8, 4);
        PipelineCompilerFactory factory = new PipelineCompilerFactory();
        factory.driverService = new OvsDrivers();
        RuleCompiler compiler = factory.create(TestExtensions.APP_ID);
        DvrCompiler full = new DvrCompiler(TestExtensions.APP_ID, new TestExtensions());

        RuleCompiler.Compiled first = compiler.compile(scenario.snapshot());
        assertSame(first, compiler.compile(scenario.snapshot()));
        Map<DeviceId, List<DesiredFlow>> before = new HashMap<>();
        first.devices().forEach(d -> before.put(d, first.rules(d)));
        // a VM moves to another port of its node: only the nodes of its network see it
        VmPort vm = scenario.port("t0v1");
        DvrSnapshot next = scenario.snapshot().toBuilder().port(vm.withLocation(new ConnectPoint(
                vm.location().get().deviceId(), PortNumber.portNumber(99)))).build();
        RuleCompiler.Compiled second = compiler.compile(next);
        var expected = full.compile(next);
        int kept = 0;
        for (DeviceId d : expected.devices()) {
            assertEquals(expected.flowRules(d),
                         second.rules(d).stream().map(DesiredFlow::flowRule).collect(Collectors.toSet()));
            kept += second.rules(d) == before.get(d) ? 1 : 0;
        }
        assertTrue("no device kept its flows", kept > 0);
        assertTrue("every device kept its flows", kept < expected.devices().size());
    }
}
