/**
 * DriverService of the embedded runtime: the "ovs" driver with Nicira extension resolvers.
 */
package org.onosdvr.runtime.driver;
