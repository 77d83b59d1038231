/**
 * Pure translation between ONOS flow objects and openflowj OpenFlow 1.3 messages (no I/O, no state).
 *
 * <h2>Public API</h2>
 * <ul>
 *     <li>{@link org.onosdvr.openflow.translate.FlowModEncoder#toFlowMod FlowModEncoder.toFlowMod(FlowRule,
 *         OFFactory, OFFlowModCommand)} for ADD, MODIFY_STRICT, DELETE_STRICT;
 *         {@code deleteStrict(InstalledFlow, OFFactory)}; {@code toMatch}, {@code toInstructions},
 *         {@code toActions}.</li>
 *     <li>{@link org.onosdvr.openflow.translate.FlowStatsDecoder}: {@code allFlowsRequest(OFFactory)},
 *         {@code decode(OFFlowStatsReply | OFFlowStatsEntry, DeviceId)} giving
 *         {@link org.onosdvr.openflow.translate.InstalledFlow} (raw match + counters always; selector/treatment
 *         when decodable; {@code toFlowEntry()}).</li>
 *     <li>{@link org.onosdvr.openflow.translate.PacketOuts} ({@code toPort}, {@code toTable},
 *         {@code withTreatment}, {@code fromOutbound}) and
 *         {@link org.onosdvr.openflow.translate.ReceivedPacket#decode ReceivedPacket.decode(OFPacketIn,
 *         DeviceId)} ({@code toInboundPacket()}).</li>
 *     <li>Anything that cannot be translated throws
 *         {@link org.onosdvr.openflow.translate.OfTranslationException} naming it; nothing is dropped.</li>
 * </ul>
 *
 * <h2>Supported</h2>
 * Criteria: IN_PORT, ETH_SRC/DST (+_MASKED), ETH_TYPE, VLAN_VID (id, NONE, ANY), IPV4_SRC/DST (prefix),
 * IP_PROTO, TCP/UDP_SRC/DST, ICMPV4_TYPE/CODE, ARP_OP/SPA/TPA/SHA/THA, TUNNEL_ID, METADATA (exact), EXTENSION
 * NICIRA_MATCH_CONNTRACK_STATE (masked), _ZONE, _MARK (masked). OpenFlow prerequisites (ETH_TYPE for IP and ARP
 * fields, IP_PROTO for TCP/UDP/ICMP) are checked when encoding.
 * <p>
 * Instructions: immediate actions in order (OUTPUT to a port or IN_PORT, CONTROLLER (max_len 0xffff), TABLE,
 * LOCAL, FLOOD, ALL, NORMAL; set ETH_SRC/DST, IPV4_SRC/DST, TUNNEL_ID, ARP_OP/SHA/SPA/THA/TPA; DEC_TTL;
 * EXTENSION NICIRA_SET_TUNNEL_DST (set_field tun_dst), the four NICIRA_MOV_*, NICIRA_LOAD, NICIRA_CT with nested
 * NICIRA_NAT (padded to 8 bytes), NICIRA_CT_CLEAR, NICIRA_RESUBMIT_TABLE), write_metadata, goto_table,
 * clear_actions ({@code wipeDeferred}). Extensions are encoded from their ONOS property names, so ONOS's driver
 * classes work as well as {@code org.onosdvr.nicira}; decoding creates {@code org.onosdvr.nicira} classes.
 * Not supported (exception): deferred actions, groups, meters, VLAN/MPLS push/pop, IPv6, L4 rewrites, other
 * Nicira actions.
 *
 * <h2>What round-trips (ONOS &rarr; FLOW_MOD &rarr; switch &rarr; flow stats &rarr; ONOS)</h2>
 * Everything above comes back equal (selector, treatment, table, priority, cookie = flow id, timeouts, and
 * the OpenFlow match equals {@code toMatch(selector)}). Verified through the wire in unit tests and against
 * OVS 3.1 userspace by {@code OvsFlowModTest} (22 DVR rule shapes: classifier, tunnel in, DVR-MAC restore,
 * ARP responder, ICMP echo reply, routes, SNAT/DNAT/un-SNAT with ct+nat incl. address and port ranges,
 * ct_state/zone/mark matches, ct_clear, resubmit, external out, L2 unicast/flood, tunnel out, VLAN/UDP/TCP,
 * drop). Exceptions:
 * <ul>
 *     <li>{@code drop()} (NOACTION) is encoded as no apply_actions instruction and decodes as the empty
 *         treatment.</li>
 *     <li>An IPv4 /0 prefix is omitted on the wire (it matches everything) and does not come back.</li>
 *     <li>Masked values come back normalized (value &amp; mask); an exact ct_state/ct_mark (mask ~0) comes back
 *         with mask ~0 whatever all-ones mask was given.</li>
 *     <li>NAT: openflowj's reader mis-splits the NAT ranges (the padding, or ports, appear as extra IPv4
 *         addresses); the decoder re-reads the action's bytes following range_present, so NAT does round-trip
 *         here. Do not compare openflowj NAT action objects directly.</li>
 *     <li>Reconcile by cookie + match + priority + table (compare {@code toMatch(desired.selector())} with
 *         {@link org.onosdvr.openflow.translate.InstalledFlow#match()}); treatments also compare equal for the
 *         shapes above, but any switch-side normalisation would show up there first.</li>
 *     <li>An entry openflowj can parse but we cannot decode (e.g. a reg0 match, an unknown move) is returned
 *         with {@code decodeError()} and can be removed with {@code FlowModEncoder.deleteStrict}. A message
 *         openflowj cannot parse at all is lost before this package sees it (channel concern).</li>
 * </ul>
 */
package org.onosdvr.openflow.translate;
