package org.onosdvr.pipeline;

import org.junit.Test;
import org.onosproject.net.PortNumber;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertSame;

/**
 * {@link DeviceRules} against a map: random replacements, additions and removals, on tables of one chunk and of
 * many (growing past several powers of two), and every earlier version unchanged by the later copies.
 */
public class DeviceRulesTest {

    private static RuleGroup group(String source, int version) {
        GroupBuilder b = new GroupBuilder(source);
        b.add(PipelineTable.CLASSIFIER, 10 + version % 50,
              Match.builder().matchInPort(PortNumber.portNumber(version + 1L)), Actions.builder().drop(),
              "test %s", version);
        return b.build();
    }

    private static RuleGroup empty(String source) {
        return new GroupBuilder(source).build();
    }

    private static void assertHolds(Map<String, RuleGroup> model, DeviceRules rules, int universe) {
        assertEquals(model.size(), rules.groupCount());
        for (int k = 0; k < universe; k++) {
            String s = "port:p" + k;
            RuleGroup want = model.get(s);
            if (want == null) {
                assertNull(s, rules.group(s));
            } else {
                assertSame(s, want, rules.group(s));
            }
        }
        List<RuleGroup> seen = new ArrayList<>();
        rules.forEach(seen::add);
        assertEquals(model.size(), seen.size());
        seen.forEach(g -> assertSame(model.get(g.source()), g));
    }

    @Test
    public void copiesMatchAMapAndLeaveEarlierVersionsUnchanged() {
        for (int universe : new int[]{10, 300, 3000}) {
            Random rnd = new Random(universe);
            Map<String, RuleGroup> model = new HashMap<>();
            List<RuleGroup> initial = new ArrayList<>();
            for (int k = 0; k < universe / 3; k++) {
                RuleGroup g = group("port:p" + k, 0);
                model.put(g.source(), g);
                initial.add(g);
            }
            DeviceRules rules = DeviceRules.of(initial, 0, 0);
            List<DeviceRules> versions = new ArrayList<>();
            List<Map<String, RuleGroup>> models = new ArrayList<>();
            for (int step = 1; step <= 200; step++) {
                List<RuleGroup> changed = new ArrayList<>();
                Map<String, RuleGroup> next = new HashMap<>(model);
                int n = 1 + rnd.nextInt(step % 20 == 0 ? universe : 4);
                for (int c = 0; c < n; c++) {
                    String s = "port:p" + rnd.nextInt(universe);
                    if (changed.stream().anyMatch(g -> g.source().equals(s))) {
                        continue;
                    }
                    // removals less often than additions, so the tables grow past several capacities
                    RuleGroup g = rnd.nextInt(3) == 0 ? empty(s) : group(s, step);
                    changed.add(g);
                    if (g.isEmpty()) {
                        next.remove(s);
                    } else {
                        next.put(s, g);
                    }
                }
                versions.add(rules);
                models.add(model);
                rules = rules.with(changed, 0, 0);
                model = next;
                assertHolds(model, rules, universe);
            }
            for (int v = 0; v < versions.size(); v += 17) {
                assertHolds(models.get(v), versions.get(v), universe);
            }
            assertEquals(DeviceRules.of(model.values(), 0, 0), rules);
        }
    }
}
