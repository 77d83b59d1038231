/**
 * onos-dvr org.onosdvr.api.
 */
package org.onosdvr.api;
