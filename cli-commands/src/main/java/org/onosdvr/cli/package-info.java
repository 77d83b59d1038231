/**
 * onos-dvr org.onosdvr.cli.
 */
package org.onosdvr.cli;
