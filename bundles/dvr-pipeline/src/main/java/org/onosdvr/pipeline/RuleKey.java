package org.onosdvr.pipeline;

import org.onosproject.net.DeviceId;
import org.onosproject.net.flow.FlowRule;
import org.onosproject.net.flow.TrafficSelector;
import org.onosproject.net.flow.TrafficTreatment;

import java.util.Objects;

/**
 * Identity of a flow rule as the switch sees it: device, table, priority, selector and treatment (ONOS's
 * {@code FlowRule#equals} ignores the treatment; {@code FlowRule#exactMatch} does not). Used to diff rule sets.
 */
final class RuleKey {

    private final DeviceId device;
    private final int table;
    private final int priority;
    private final TrafficSelector selector;
    private final TrafficTreatment treatment;

    private RuleKey(FlowRule rule) {
        this.device = rule.deviceId();
        this.table = rule.tableId();
        this.priority = rule.priority();
        this.selector = rule.selector();
        this.treatment = rule.treatment();
    }

    static RuleKey of(FlowRule rule) {
        return new RuleKey(rule);
    }

    /** @return the match part: device, table, priority, selector */
    MatchKey matchKey() {
        return new MatchKey(device, table, priority, selector);
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof RuleKey)) {
            return false;
        }
        RuleKey k = (RuleKey) o;
        return table == k.table && priority == k.priority && device.equals(k.device)
                && selector.equals(k.selector) && treatment.equals(k.treatment);
    }

    @Override
    public int hashCode() {
        return Objects.hash(device, table, priority, selector, treatment);
    }

    @Override
    public String toString() {
        return device + "/" + table + "/" + priority + " " + selector.criteria() + " -> " + treatment;
    }

    /** Device, table, priority and selector: two rules with equal match keys replace each other. */
    static final class MatchKey {
        private final DeviceId device;
        private final int table;
        private final int priority;
        private final TrafficSelector selector;

        MatchKey(DeviceId device, int table, int priority, TrafficSelector selector) {
            this.device = device;
            this.table = table;
            this.priority = priority;
            this.selector = selector;
        }

        @Override
        public boolean equals(Object o) {
            if (this == o) {
                return true;
            }
            if (!(o instanceof MatchKey)) {
                return false;
            }
            MatchKey k = (MatchKey) o;
            return table == k.table && priority == k.priority && device.equals(k.device)
                    && selector.equals(k.selector);
        }

        @Override
        public int hashCode() {
            return Objects.hash(device, table, priority, selector);
        }
    }
}
