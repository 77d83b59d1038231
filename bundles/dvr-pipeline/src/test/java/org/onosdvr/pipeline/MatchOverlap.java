package org.onosdvr.pipeline;

import org.onlab.packet.IpPrefix;
import org.onlab.packet.MacAddress;
import org.onosproject.net.flow.TrafficSelector;
import org.onosproject.net.flow.criteria.Criterion;
import org.onosproject.net.flow.criteria.EthCriterion;
import org.onosproject.net.flow.criteria.IPCriterion;

/**
 * Decides whether two selectors can never match the same packet (a criterion present in both with
 * incompatible values). Conservative: unknown criterion kinds compare by equality.
 */
final class MatchOverlap {

    private MatchOverlap() {
    }

    static boolean disjoint(TrafficSelector a, TrafficSelector b) {
        for (Criterion ca : a.criteria()) {
            for (Criterion cb : b.criteria()) {
                if (incompatible(ca, cb)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean incompatible(Criterion a, Criterion b) {
        if (isEth(a, Criterion.Type.ETH_DST) && isEth(b, Criterion.Type.ETH_DST)
                || isEth(a, Criterion.Type.ETH_SRC) && isEth(b, Criterion.Type.ETH_SRC)) {
            EthCriterion x = (EthCriterion) a;
            EthCriterion y = (EthCriterion) b;
            long mask = mask(x) & mask(y);
            return (x.mac().toLong() & mask) != (y.mac().toLong() & mask);
        }
        if (a.type() != b.type()) {
            return false;
        }
        if (a instanceof IPCriterion) {
            IpPrefix x = ((IPCriterion) a).ip();
            IpPrefix y = ((IPCriterion) b).ip();
            return !x.contains(y) && !y.contains(x);
        }
        return !a.equals(b);
    }

    private static boolean isEth(Criterion c, Criterion.Type base) {
        return c.type() == base || c.type() == Criterion.Type.valueOf(base.name() + "_MASKED");
    }

    private static long mask(EthCriterion c) {
        MacAddress m = c.mask();
        return m == null ? 0xffff_ffff_ffffL : m.toLong();
    }
}
