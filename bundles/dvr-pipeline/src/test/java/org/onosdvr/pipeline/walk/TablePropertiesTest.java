/*
 * Copyright 2024-present Open Networking Foundation
 *
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at
 *
 *     http://www.apache.org/licenses/LICENSE-2.0
 *
 * Unless required by applicable law or agreed to in writing, software
 * distributed under the License is distributed on an "AS IS" BASIS,
 * WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
 * See the License for the specific language governing permissions and
 * limitations under the License.
 */
package org.onosdvr.pipeline.walk;

import org.junit.Test;
import org.onlab.packet.IpPrefix;
import org.onlab.packet.MacAddress;
import org.onlab.packet.TpPort;
import org.onosproject.net.flow.FlowRule;
import org.onosproject.net.flow.TrafficSelector;
import org.onosproject.net.flow.TrafficTreatment;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.greaterThan;
import static org.junit.Assert.assertEquals;
import static org.onosdvr.pipeline.walk.Rules.IPV4;
import static org.onosdvr.pipeline.walk.Rules.S1;
import static org.onosdvr.pipeline.walk.Rules.actions;
import static org.onosdvr.pipeline.walk.Rules.cp;
import static org.onosdvr.pipeline.walk.Rules.ip;
import static org.onosdvr.pipeline.walk.Rules.mac;
import static org.onosdvr.pipeline.walk.Rules.match;
import static org.onosdvr.pipeline.walk.Rules.port;
import static org.onosdvr.pipeline.walk.Rules.rule;

/**
 * Seeded random properties of table building (Faucet's fakeoftable properties): a batch applied twice equals
 * it applied once; insertion order changes neither the tables nor any walk; add-then-delete restores tables.
 */
public class TablePropertiesTest {
    private static final int SEEDS = 12;
    private static final int CANDIDATES = 40;
    private static final int PACKETS = 30;
    private static final String[] PREFIXES = {"10.0.0.0/8", "10.1.0.0/16", "10.1.2.0/24", "10.1.2.3/32"};
    private static final String[] DESTS = {"10.1.2.3", "10.1.2.4", "10.1.3.1", "10.2.0.1", "11.0.0.1"};
    private static final MacAddress[] MACS = {mac("02:00:00:00:00:01"), mac("02:00:00:00:00:02")};

    private static FlowRule randomRule(Random r) {
        int table = r.nextInt(3);
        TrafficSelector.Builder sel = match();
        if (r.nextBoolean()) {
            sel.matchInPort(port(1 + r.nextInt(3)));
        }
        if (r.nextInt(10) < 7) {
            sel.matchEthType(IPV4);
            if (r.nextBoolean()) {
                sel.matchIPDst(IpPrefix.valueOf(PREFIXES[r.nextInt(PREFIXES.length)]));
            }
            if (r.nextInt(10) < 3) {
                sel.matchIPProtocol((byte) 17).matchUdpDst(TpPort.tpPort(r.nextBoolean() ? 53 : 80));
            }
        }
        TrafficTreatment.Builder t = actions();
        if (r.nextInt(10) < 3) {
            t.setEthDst(MACS[r.nextInt(MACS.length)]);
        }
        if (r.nextInt(10) < 6) {
            t.setOutput(port(1 + r.nextInt(3)));
        }
        if (table < 2 && r.nextInt(10) < 4) {
            t.transition(table + 1 + r.nextInt(2 - table));
        }
        return rule(table, 10 * (1 + r.nextInt(3)), sel, t);
    }

    /** Rules that a switch accepts together, unique by ONOS rule identity (table, priority, selector). */
    private static List<FlowRule> randomBatch(Random r, DeviceTables probe, Set<FlowRule> seen) {
        List<FlowRule> batch = new ArrayList<>();
        for (int i = 0; i < CANDIDATES; i++) {
            FlowRule candidate = randomRule(r);
            if (seen.contains(candidate)) {
                continue;
            }
            try {
                probe.add(candidate);
            } catch (WalkException overlap) {
                continue;
            }
            seen.add(candidate);
            batch.add(candidate);
        }
        return batch;
    }

    /** Tables as a set of (rule identity, treatment). */
    private static Set<List<Object>> contents(DeviceTables t) {
        Set<List<Object>> out = new HashSet<>();
        t.rules().forEach(rule -> out.add(List.of(rule, rule.treatment())));
        return out;
    }

    private static List<Packet> randomPackets(Random r) {
        List<Packet> out = new ArrayList<>();
        for (int i = 0; i < PACKETS; i++) {
            Packet p = r.nextInt(5) == 0
                    ? Packet.arpRequest(MACS[0], ip("10.1.2.9"), ip(DESTS[r.nextInt(DESTS.length)]))
                    : Packet.udp(MACS[0], MACS[1], ip("10.9.9.9"), ip(DESTS[r.nextInt(DESTS.length)]), 999,
                                 r.nextBoolean() ? 53 : 80);
            out.add(p.with(Field.IN_PORT, 1 + r.nextInt(3)));
        }
        return out;
    }

    private static List<String> walkAll(List<FlowRule> rules, List<Packet> packets) {
        Network net = Network.builder().rules(rules).build();
        List<String> out = new ArrayList<>();
        for (Packet p : packets) {
            out.add(net.inject(cp(S1, p.inPort().toLong()), p).toString());
        }
        return out;
    }

    @Test
    public void batchAppliedTwiceEqualsOnce() {
        for (int seed = 1; seed <= SEEDS; seed++) {
            List<FlowRule> batch = randomBatch(new Random(seed), new DeviceTables(S1), new HashSet<>());
            DeviceTables once = DeviceTables.of(S1, batch);
            DeviceTables twice = DeviceTables.of(S1, batch).addAll(batch);
            assertEquals("seed " + seed, contents(once), contents(twice));
            assertEquals("seed " + seed, once.rules(), twice.rules());
        }
    }

    @Test
    public void insertionOrderChangesNothing() {
        int delivered = 0;
        for (int seed = 1; seed <= SEEDS; seed++) {
            Random r = new Random(seed);
            List<FlowRule> batch = randomBatch(r, new DeviceTables(S1), new HashSet<>());
            List<FlowRule> shuffled = new ArrayList<>(batch);
            Collections.shuffle(shuffled, r);
            assertEquals("seed " + seed, contents(DeviceTables.of(S1, batch)), contents(DeviceTables.of(S1, shuffled)));
            List<Packet> packets = randomPackets(r);
            List<String> a = walkAll(batch, packets);
            assertEquals("seed " + seed, a, walkAll(shuffled, packets));
            delivered += (int) a.stream().filter(s -> s.contains("delivered:")).count();
        }
        // the random rules must actually forward something, or the property says little
        assertThat(delivered, greaterThan(SEEDS));
    }

    @Test
    public void addThenDeleteRestoresTables() {
        int removed = 0;
        for (int seed = 1; seed <= SEEDS; seed++) {
            Random r = new Random(seed);
            DeviceTables tables = new DeviceTables(S1);
            Set<FlowRule> seen = new LinkedHashSet<>();
            List<FlowRule> base = randomBatch(r, tables, seen);
            Set<List<Object>> before = contents(tables);
            List<FlowRule> extra = randomBatch(r, tables, seen);
            for (FlowRule e : extra) {
                assertEquals(true, tables.remove(e));
                removed++;
            }
            assertEquals("seed " + seed + " base " + base.size() + " extra " + extra.size(), before,
                         contents(tables));
        }
        assertThat(removed, greaterThan(SEEDS));
    }
}
