/**
 * Learning VM locations and external neighbors from ONOS host tracking.
 */
package org.onosdvr.app.host;
