/**
 * ComponentConfigService of the embedded runtime, on top of OSGi ConfigurationAdmin.
 */
package org.onosdvr.runtime.cfg;
