/**
 * Nicira (Open vSwitch) extension treatments and selectors for the DVR pipeline.
 * <p>
 * Each class has the same {@code ExtensionTreatmentType}/{@code ExtensionSelectorType} and the same property
 * names and Java types as the matching class of ONOS's {@code drivers/default} ({@code org.onosproject.driver
 * .extensions}), so code that obtains an extension from an {@code ExtensionTreatmentResolver} and configures it
 * with {@code setPropertyValue(name, value)} behaves the same with ONOS's drivers (cluster) and with
 * {@link org.onosdvr.nicira.NiciraExtensionResolver} (embedded runtime, tests).
 * <p>
 * Properties (name: Java type):
 * <ul>
 *     <li>{@code NICIRA_SET_TUNNEL_DST}: tunnelDst: Ip4Address</li>
 *     <li>{@code NICIRA_MOV_*}: srcOfs, dstOfs, nBits, src, dst: int, type (read-only)</li>
 *     <li>{@code NICIRA_CT}: flags: int, zoneSrc: long, zone: int, recircTable: short, alg: int,
 *         nestedActions: List&lt;ExtensionTreatment&gt;</li>
 *     <li>{@code NICIRA_NAT}: flags, presentFlags, portMin, portMax: int, ipAddressMin, ipAddressMax:
 *         IpAddress</li>
 *     <li>{@code NICIRA_CT_CLEAR}: none</li>
 *     <li>{@code NICIRA_LOAD}: ofsNbits: int, dst: long (NXM header), value: long</li>
 *     <li>{@code NICIRA_RESUBMIT_TABLE}: inPort: PortNumber, table: short</li>
 *     <li>{@code NICIRA_MATCH_CONNTRACK_STATE}: ctState, ctStateMask: long</li>
 *     <li>{@code NICIRA_MATCH_CONNTRACK_ZONE}: ctZone: int</li>
 *     <li>{@code NICIRA_MATCH_CONNTRACK_MARK}: ctMark, ctMarkMask: long</li>
 * </ul>
 * NXM header numbers for move/load are in {@link org.onosdvr.nicira.NiciraNxm}. Serialized forms are our own
 * (not ONOS's Kryo bytes); they round-trip within onos-dvr.
 */
package org.onosdvr.nicira;
