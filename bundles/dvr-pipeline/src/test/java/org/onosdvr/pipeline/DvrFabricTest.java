package org.onosdvr.pipeline;

import org.junit.Test;
import org.onosdvr.api.DesiredFlow;
import org.onosdvr.pipeline.testing.DvrWalk;
import org.onosdvr.pipeline.testing.Scenario;
import org.onosdvr.pipeline.testing.ScenarioBuilder;
import org.onosdvr.pipeline.testing.Scenarios;
import org.onosdvr.pipeline.testing.TestExtensions;
import org.onosdvr.pipeline.walk.Network;
import org.onosdvr.pipeline.walk.TraceStep;
import org.onosdvr.pipeline.walk.WalkResult;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

/**
 * Loading a snapshot and rules from any source (here: rules with provenance as the reconciler hands them out)
 * into the walk interpreter.
 */
public class DvrFabricTest {

    private final Scenario s = Scenarios.standard();
    private final CompiledPipeline p =
            new DvrCompiler(TestExtensions.APP_ID, new TestExtensions()).compile(s.snapshot());

    @Test
    public void upstreamMacIsTheKnownGatewayNeighbor() {
        assertEquals(Optional.of(ScenarioBuilder.UPSTREAM_MAC), DvrFabric.upstreamMac(s.snapshot()));
        Scenario noExternal = new ScenarioBuilder().compute("c1").network("A", "a1", 101, "10.0.1.0/24")
                .vm("va1", "a1", "c1").build();
        assertEquals(Optional.empty(), DvrFabric.upstreamMac(noExternal.snapshot()));
    }

    @Test
    public void rulesFromAnotherSourceWalkLikeTheCompiledOnes() {
        Map<org.onosproject.net.flow.FlowRule, String> explain = new HashMap<>();
        Map<org.onosproject.net.DeviceId, java.util.List<DesiredFlow>> desired = new HashMap<>();
        for (org.onosproject.net.DeviceId d : p.devices()) {
            desired.put(d, p.rules(d).stream().map(r -> new DesiredFlow(r.flowRule(), r.table().tableName(),
                                                                        r.description(), r.source()))
                    .collect(Collectors.toList()));
        }
        desired.values().forEach(l -> l.forEach(f -> explain.put(f.flowRule(), f.description())));
        Network net = DvrFabric.build(s.snapshot(), d -> desired.getOrDefault(d, java.util.List.of()).stream()
                .map(DesiredFlow::flowRule).collect(Collectors.toList()), DvrFabric.provenance(explain));
        DvrWalk w = new DvrWalk(s);
        WalkResult r = net.send("va1", w.ping("va1", w.ip("va4")));
        assertEquals(w.send("va1", w.ping("va1", w.ip("va4"))).deliveries(), r.deliveries());
        assertTrue(r.deliveryTo("va4").isPresent());
        assertTrue(r.trace().toString(), r.trace().steps().stream()
                .anyMatch(st -> st.kind() == TraceStep.Kind.RULE && st.text().contains("l3_route")));
    }

    @Test
    public void nodeWithoutRulesDropsAndUnlocatedPortsAreNoHosts() {
        Network net = DvrFabric.build(s.snapshot(), d -> java.util.List.of(), DvrFabric.provenance(Map.of()));
        WalkResult r = net.send("va1", new DvrWalk(s).arpForGateway("va1"));
        assertTrue(r.deliveries().isEmpty());
        assertFalse(r.drops().isEmpty());
    }
}
