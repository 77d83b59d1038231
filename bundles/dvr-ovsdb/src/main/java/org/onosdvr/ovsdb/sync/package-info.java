/**
 * Level-triggered reconciliation of rows of the switches' {@code Open_vSwitch} databases: a per-device wanted
 * value, a pure diff against the monitored tables ({@link org.onosdvr.ovsdb.sync.OvsdbDiff}) and one
 * {@code transact} at a time with retries ({@link org.onosdvr.ovsdb.sync.OvsdbReconciler}). Used for the failover
 * tunnel ports and the controllers' packet-in limits.
 */
package org.onosdvr.ovsdb.sync;
