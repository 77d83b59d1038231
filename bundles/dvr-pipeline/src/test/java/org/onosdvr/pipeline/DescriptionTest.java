package org.onosdvr.pipeline;

import org.junit.Test;
import org.onosdvr.pipeline.testing.Scenario;
import org.onosdvr.pipeline.testing.Scenarios;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.onosdvr.pipeline.PipelineDeclarationTest.compile;

/**
 * Rule descriptions are formatted when first read: every one formats, names real values, and reads the same
 * twice.
 */
public class DescriptionTest {

    @Test
    public void everyDescriptionFormats() {
        for (long seed = 0; seed < 10; seed++) {
            check(Scenarios.random(seed));
        }
        check(Scenarios.standard());
    }

    private static void check(Scenario s) {
        for (CompiledRule r : compile(s).allRules()) {
            String d = r.description();
            assertFalse(r.explain(), d.isEmpty());
            assertFalse(r.explain(), d.matches(".*%[sdx].*"));
            assertEquals(d, r.description());
            assertTrue(r.explain().contains(d));
        }
    }

    @Test
    public void descriptionNamesTheValues() {
        Scenario s = Scenarios.standard();
        CompiledPipeline p = compile(s);
        String mac = s.port("va2").mac().toString();
        assertTrue(p.rules(s.device("c1")).stream().anyMatch(
                r -> r.description().equals(mac + " is on " + s.device("c2") + ": tunnel VNI 101 to "
                                                    + s.node("c2").tunnelIp() + " (port va2)")));
    }
}
