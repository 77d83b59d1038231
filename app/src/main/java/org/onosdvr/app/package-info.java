/**
 * onos-dvr org.onosdvr.app.
 */
package org.onosdvr.app;
