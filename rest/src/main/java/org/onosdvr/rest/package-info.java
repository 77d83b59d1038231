/**
 * The DVR REST northbound under {@code /onos/dvr/v1}: Neutron-shaped networks, subnets, ports, routers,
 * router interfaces and floating IPs, plus DVR nodes and gateway assignments. Resources only parse, call
 * {@link org.onosdvr.api.DvrAdminService} and encode; see docs/api.md.
 */
package org.onosdvr.rest;
