/**
 * Network configuration of the DVR application (apps/org.onosdvr.app/dvr).
 */
package org.onosdvr.app.config;
