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

/**
 * Packet-walk interpreter: a generic OpenFlow 1.3 (+ Nicira extensions) switch model over ONOS
 * {@link org.onosproject.net.flow.FlowRule}s, for unit tests, dvr-trace and dvr-verify.
 * Knows nothing of DVR: {@link org.onosdvr.pipeline.walk.Network} holds devices, tunnels, segments and
 * conntrack; {@link org.onosdvr.pipeline.walk.Network#send} returns a
 * {@link org.onosdvr.pipeline.walk.WalkResult} with deliveries, drops and an ovs-trace like
 * {@link org.onosdvr.pipeline.walk.Trace}.
 */
package org.onosdvr.pipeline.walk;
