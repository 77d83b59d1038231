/**
 * The {@code Open_vSwitch} database as far as the DVR needs it: the OVSDB data notation, the monitored Bridge,
 * Port, Interface and Controller columns as immutable rows and tables, and builders of {@code transact} operations.
 */
package org.onosdvr.ovsdb.db;
