/**
 * Protection of the controller against PACKET_IN floods, in the switches: the packet-in limit of the integration
 * bridge's controllers (OVS {@code controller_rate_limit} / {@code controller_burst_limit}), its pure diff against
 * the monitored Controller rows, and the component that keeps every switch at the configured limit.
 */
package org.onosdvr.ovsdb.ratelimit;
