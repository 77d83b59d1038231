package org.onosdvr.pipeline;

import org.junit.Test;
import org.onosdvr.pipeline.testing.Scenario;
import org.onosdvr.pipeline.testing.Scenarios;
import org.onosproject.net.DeviceId;

import java.util.ArrayList;
import java.util.List;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.onosdvr.pipeline.PipelineDeclarationTest.compile;

/**
 * The compiler is deterministic and its per-device output grows with what the device hosts, not with the
 * size of the cloud.
 */
public class DeterminismAndScaleTest {

    @Test
    public void compilingTwiceGivesEqualRulesInEqualOrder() {
        for (long seed = 0; seed < 10; seed++) {
            Scenario s = Scenarios.random(seed);
            CompiledPipeline a = compile(s);
            CompiledPipeline b = compile(Scenarios.random(seed));
            assertEquals(a, b);
            for (DeviceId d : a.devices()) {
                assertEquals(new ArrayList<>(a.rules(d)), new ArrayList<>(b.rules(d)));
                assertEquals(new ArrayList<>(a.flowRules(d)), new ArrayList<>(b.flowRules(d)));
            }
        }
    }

    @Test
    public void compileDeviceEqualsTheDevicePartOfTheFullCompile() {
        Scenario s = Scenarios.standard();
        CompiledPipeline full = compile(s);
        DvrCompiler c = new DvrCompiler(org.onosdvr.pipeline.testing.TestExtensions.APP_ID,
                                        new org.onosdvr.pipeline.testing.TestExtensions());
        for (DeviceId d : full.devices()) {
            assertEquals(new ArrayList<>(full.rules(d)),
                         new ArrayList<>(c.compileDevice(s.snapshot(), d).rules(d)));
        }
        assertTrue(c.compileDevice(s.snapshot(), DeviceId.deviceId("of:ffff")).devices().isEmpty());
    }

    @Test
    public void rulesScaleLinearly() {
        CompiledPipeline small = compile(Scenarios.scaled(8, 4));
        CompiledPipeline big = compile(Scenarios.scaled(16, 8));
        // twice the tenants on twice the nodes: each compute node hosts as much as before
        assertTrue(maxCompute(big) <= maxCompute(small) + 2);
        // the gateway serves every router: its rules double (plus constants), not more
        DeviceId gwSmall = last(small);
        DeviceId gwBig = last(big);
        int gs = small.rules(gwSmall).size();
        int gb = big.rules(gwBig).size();
        assertTrue(gs + " -> " + gb, gb <= 2 * gs && gb >= 2 * gs - 40);
        // in total: about twice
        assertTrue(big.size() <= 2 * small.size() + 50);
    }

    private static int maxCompute(CompiledPipeline p) {
        List<DeviceId> d = new ArrayList<>(p.devices());
        return d.subList(0, d.size() - 1).stream().mapToInt(x -> p.rules(x).size()).max().getAsInt();
    }

    private static DeviceId last(CompiledPipeline p) {
        List<DeviceId> d = new ArrayList<>(p.devices());
        return d.get(d.size() - 1);
    }
}
