/**
 * Network configuration subsystem of the embedded runtime: durable, with pending configs and a startup file.
 */
package org.onosdvr.runtime.netcfg;
