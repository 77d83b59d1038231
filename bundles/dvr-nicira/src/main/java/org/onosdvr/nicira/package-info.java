/**
 * onos-dvr org.onosdvr.nicira.
 */
package org.onosdvr.nicira;
