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

import org.onlab.packet.Ip4Address;
import org.onlab.packet.MacAddress;
import org.onosproject.core.DefaultApplicationId;
import org.onosproject.net.ConnectPoint;
import org.onosproject.net.DeviceId;
import org.onosproject.net.PortNumber;
import org.onosproject.net.flow.DefaultFlowRule;
import org.onosproject.net.flow.DefaultTrafficSelector;
import org.onosproject.net.flow.DefaultTrafficTreatment;
import org.onosproject.net.flow.FlowRule;
import org.onosproject.net.flow.TrafficSelector;
import org.onosproject.net.flow.TrafficTreatment;

/**
 * Test fixture: builds ONOS FlowRules by hand, plus common names.
 */
final class Rules {
    static final DeviceId S1 = DeviceId.deviceId("of:0000000000000001");
    static final DeviceId S2 = DeviceId.deviceId("of:0000000000000002");
    static final DeviceId S3 = DeviceId.deviceId("of:0000000000000003");
    static final short IPV4 = 0x0800;
    static final short ARP = 0x0806;

    private Rules() {
    }

    static PortNumber port(long n) {
        return PortNumber.portNumber(n);
    }

    static ConnectPoint cp(DeviceId d, long port) {
        return new ConnectPoint(d, port(port));
    }

    static MacAddress mac(String s) {
        return MacAddress.valueOf(s);
    }

    static Ip4Address ip(String s) {
        return Ip4Address.valueOf(s);
    }

    static TrafficSelector.Builder match() {
        return DefaultTrafficSelector.builder();
    }

    static TrafficTreatment.Builder actions() {
        return DefaultTrafficTreatment.builder();
    }

    static FlowRule rule(DeviceId device, int table, int priority, TrafficSelector.Builder sel,
                         TrafficTreatment.Builder treatment) {
        return DefaultFlowRule.builder().forDevice(device).forTable(table).withPriority(priority)
                .withSelector(sel.build()).withTreatment(treatment.build())
                .fromApp(new DefaultApplicationId(1, "org.onosdvr.test")).makePermanent().build();
    }

    static FlowRule rule(int table, int priority, TrafficSelector.Builder sel, TrafficTreatment.Builder treatment) {
        return rule(S1, table, priority, sel, treatment);
    }
}
