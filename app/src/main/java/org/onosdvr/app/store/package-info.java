/**
 * The distributed DVR store on ONOS consistent maps.
 */
package org.onosdvr.app.store;
