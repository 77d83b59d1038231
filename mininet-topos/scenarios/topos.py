"""Topologies of the end-to-end scenarios."""

from dvrtestbed.generator import TopoParams, generate

# Every function in one testbed:
# - g1 = gateway only; n1, n2 = compute nodes with an external port (COMPUTE_GATEWAY), so floating IPs are
#   served by the VM's own node (distributed north-south), as Neutron DVR compute nodes with FIPs;
# - two tenants with the same CIDRs (10.0.1-4.0/24), each with a distributed router (subnets 1, 2) and a
#   legacy router (subnets 3, 4), both with SNAT; two VMs per subnet, one on n1 and one on n2;
# - floating IPs on vm1 (tenant t1) and vm9 (tenant t2); external host ext1 = upstream router 203.0.113.1.
SCENARIOS = TopoParams(name='e2e', computes=0, gateways=1, both=2, tenants=2, routers_per_tenant=2,
                       legacy_routers=1, subnets_per_router=2, vms_per_subnet=2, floating_ips=2, overlap=True,
                       external_hosts=1)


def scenarios_topology():
    return generate(SCENARIOS)

# SNAT gateway failover (tests/test_failover.py, perf/failover.py): compute nodes c1, c2 with one VM each
# (vm1 on t1r1s1, vm2 on t1r1s2, no floating IP); two gateway-only nodes g1, g2 on the same external network;
# one distributed router t1r1 with SNAT (external IP 203.0.113.11), primary on one gateway, hot backup on the
# other; external host ext1 (203.0.113.1, the upstream router).
FAILOVER = TopoParams(name='failover', computes=2, gateways=2, both=0, tenants=1, routers_per_tenant=1,
                      subnets_per_router=2, vms_per_subnet=1, floating_ips=0, external_hosts=1)


def failover_topology():
    return generate(FAILOVER)
