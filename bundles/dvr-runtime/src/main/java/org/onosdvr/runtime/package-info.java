/**
 * Embedded runtime: ONOS core service implementations (core, cluster/mastership, storage, network config,
 * component config, drivers) that let the DVR app run outside an ONOS cluster.
 */
package org.onosdvr.runtime;
