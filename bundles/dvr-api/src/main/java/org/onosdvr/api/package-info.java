/**
 * onos-dvr model: immutable values (networks, subnets, VM ports, routers, interfaces, floating IPs, nodes),
 * the snapshot the pipeline compiler consumes, services, events and the store interface.
 */
package org.onosdvr.api;
