/**
 * The {@code Open_vSwitch} database as far as the DVR needs it: the OVSDB data notation, the monitored Bridge,
 * Port and Interface columns as immutable rows and tables, and builders of {@code transact} operations.
 */
package org.onosdvr.ovsdb.db;
