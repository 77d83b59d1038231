/**
 * onos-dvr org.onosdvr.rest.
 */
package org.onosdvr.rest;
