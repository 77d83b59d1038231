/**
 * Failover tunnel ports ({@link org.onosdvr.api.FailoverTunnel}) on the switches: the pure diff of wanted ports
 * against the monitored tables, the per-device level-triggered reconciler, and the
 * {@link org.onosdvr.api.TunnelPortService} component.
 */
package org.onosdvr.ovsdb.tunnel;
