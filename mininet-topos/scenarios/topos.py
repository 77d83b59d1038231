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
