/**
 * ONOS service implementations of the embedded runtime over OpenFlow 1.3, as OSGi Declarative Services
 * components with ONOS semantics.
 *
 * <ul>
 *     <li>{@link org.onosdvr.openflow.net.OpenFlowControllerComponent} ({@link
 *         org.onosdvr.openflow.net.OpenFlowControllerService}): the controller's lifecycle; properties
 *         {@code listenAddress} (comma list, default {@code 127.0.0.1:6653}), {@code echoIntervalMs},
 *         {@code echoTimeoutMs}.</li>
 *     <li>{@link org.onosdvr.openflow.net.OpenFlowDeviceManager} ({@code DeviceService}): devices {@code of:<dpid>}
 *         with DESC, annotations {@code channelId}, {@code managementAddress}, {@code protocol=OF_13}; ports with
 *         {@code portName}/{@code portMac}; a disconnected switch stays, unavailable.</li>
 *     <li>{@link org.onosdvr.openflow.net.OpenFlowRuleManager} ({@code FlowRuleService},
 *         {@link org.onosdvr.openflow.net.FlowRuleDiagnostics}): batches + barrier per device and stage, per-rule
 *         errors, flow-stats polling ({@code pollIntervalSec}), refresh on (re)connect.</li>
 *     <li>{@link org.onosdvr.openflow.net.OpenFlowPacketManager} ({@code PacketService},
 *         {@link org.onosdvr.openflow.net.RuntimeStatsService}): PACKET_IN to processors, PACKET_OUT, counters.</li>
 *     <li>{@link org.onosdvr.openflow.net.OpenFlowHostManager} ({@code HostService}): hosts learnt from ARP and
 *         DHCP packet-ins, ARP probes for {@code requestMac}/{@code startMonitoringIp} (properties
 *         {@code probePorts}, {@code probePortPattern} (default {@code ext*}), {@code probeSourceMac},
 *         {@code probeSourceIp} (default 0.0.0.0: an RFC 5227 probe no neighbour caches),
 *         {@code probeIntervalSec}).</li>
 * </ul>
 * The components talk to switches through {@link org.onosdvr.openflow.net.SwitchConnection} (unit tests use a
 * fake) and translate with {@code org.onosdvr.openflow.translate}.
 */
package org.onosdvr.openflow.net;
