"""Parameterised topology generator and the named topologies (`minimal`, `demo`).

Numbering plan (all deterministic):
- nodes: compute `c1..`, gateway `g1..`, compute+gateway `n1..`; indexes 1.. in that order;
  dpid = index, tunnel IP = underlay network address + index.
- tenants `t1..`; per tenant routers `t<i>r<j>`; per router networks `t<i>r<j>n<k>` each with one subnet
  `t<i>r<j>s<k>`; VNI = 100 + global network number; the external network `ext` has VNI 1.
- subnet CIDR: `10.<t>.<k>.0/24` (k counts the tenant's subnets), or `10.0.<k>.0/24` for every tenant when
  `overlap` is set; gateway `.1`; VMs `.11, .12, ...`.
- VMs `vm1..` placed round-robin over compute-capable nodes; MAC `fa:16:3e:00:HH:LL` (vm number);
  ofport on their node 1, 2, ... in order of creation.
- router external IPs `203.0.113.10 + router number`; floating IPs `203.0.113.100 + n`, given to the first
  VMs taken round-robin across tenants; external hosts `ext1..` at `203.0.113.1, .2, ...` (ext1 = the
  external subnet's gateway, i.e. the upstream router).
"""

import ipaddress
from dataclasses import dataclass

from .model import (Addressing, BOTH, COMPUTE, ExternalGateway, ExternalHost, FloatingIp, GATEWAY, Network,
                    Node, Router, Subnet, Tenant, Topology, TopologyError, Vm, stable_uuid)


@dataclass(frozen=True)
class TopoParams:
    """Knobs of the generator."""
    name: str = 'custom'
    computes: int = 2
    gateways: int = 1
    both: int = 0                   # nodes that are compute and gateway at once
    tenants: int = 1
    routers_per_tenant: int = 1
    subnets_per_router: int = 2
    vms_per_subnet: int = 1
    floating_ips: int = 1
    external_hosts: int = 1
    overlap: bool = False           # every tenant uses the same subnet CIDRs
    legacy_routers: int = 0         # the last N routers of each tenant are legacy (not distributed)
    snat: bool = True               # routers get an external gateway when a gateway node exists


NAMED = {
    'minimal': TopoParams(name='minimal', computes=2, gateways=1, tenants=1, routers_per_tenant=1,
                          subnets_per_router=2, vms_per_subnet=2, floating_ips=1, external_hosts=1),
    'demo': TopoParams(name='demo', computes=3, gateways=2, tenants=2, routers_per_tenant=1,
                       subnets_per_router=2, vms_per_subnet=2, floating_ips=2, external_hosts=1,
                       overlap=True),
}


def named(name, **overrides):
    """A named topology, optionally with some parameters replaced."""
    if name not in NAMED:
        raise KeyError('unknown topology %r (known: %s)' % (name, ', '.join(sorted(NAMED))))
    params = NAMED[name]
    if overrides:
        params = TopoParams(**{**params.__dict__, **overrides})
    return generate(params)


def generate(p, addressing=None):
    """Build and validate a Topology from parameters."""
    ad = addressing or Addressing()
    for field_name in ('computes', 'gateways', 'both', 'tenants', 'routers_per_tenant', 'subnets_per_router',
                       'vms_per_subnet', 'floating_ips', 'external_hosts', 'legacy_routers'):
        if getattr(p, field_name) < 0:
            raise TopologyError('%s must not be negative' % field_name)
    if p.computes + p.both == 0 and p.vms_per_subnet > 0 and p.tenants > 0:
        raise TopologyError('VMs need at least one compute node')

    def uid(kind, name):
        return stable_uuid(p.name, kind, name)

    nodes = []
    for role, letter, count in ((COMPUTE, 'c', p.computes), (GATEWAY, 'g', p.gateways), (BOTH, 'n', p.both)):
        for i in range(1, count + 1):
            nodes.append(Node(name='%s%d' % (letter, i), role=role, index=len(nodes) + 1))
    compute_nodes = [n for n in nodes if n.is_compute]
    has_gateway = any(n.is_gateway for n in nodes)

    networks, subnets, routers, tenants, vms = [], [], [], [], []
    ext_net = ext_sub = None
    if has_gateway:
        ext_net = Network(name='ext', tenant='admin', vni=ad.external_vni, id=uid('network', 'ext'),
                          external=True)
        ext_sub = Subnet(name='extsub', network='ext', cidr=ad.external_cidr,
                         gateway_ip=ad.external_gateway_ip, id=uid('subnet', 'extsub'))
        networks.append(ext_net)
        subnets.append(ext_sub)
    ext_hosts_net = ipaddress.ip_network(ad.external_cidr)

    vms_by_tenant = []
    node_ports = {n.name: ad.first_vm_port for n in compute_nodes}
    router_count = 0
    for t in range(1, p.tenants + 1):
        tname = 't%d' % t
        tenants.append(Tenant(name=tname, id=uid('tenant', tname).replace('-', '')))
        tenant_vms = []
        k = 0
        for r in range(1, p.routers_per_tenant + 1):
            rname = '%sr%d' % (tname, r)
            router_count += 1
            router_subnets = []
            for s in range(1, p.subnets_per_router + 1):
                k += 1
                if k > 254 or t > 255:
                    raise TopologyError('too many subnets for the 10.x.y.0/24 plan')
                nname, sname = '%sn%d' % (rname, s), '%ss%d' % (rname, s)
                vni = 100 + len([n for n in networks if not n.external]) + 1
                networks.append(Network(name=nname, tenant=tname, vni=vni, id=uid('network', nname)))
                cidr = ipaddress.ip_network('10.%d.%d.0/24' % (0 if p.overlap else t, k))
                subnets.append(Subnet(name=sname, network=nname, cidr=str(cidr),
                                      gateway_ip=str(cidr.network_address + 1), id=uid('subnet', sname)))
                router_subnets.append(sname)
                for v in range(1, p.vms_per_subnet + 1):
                    number = len(vms) + 1
                    node = compute_nodes[(number - 1) % len(compute_nodes)]
                    vname = 'vm%d' % number
                    vm = Vm(name=vname, node=node.name, subnet=sname, ip=str(cidr.network_address + 10 + v),
                            mac='fa:16:3e:00:%02x:%02x' % (number >> 8, number & 0xff),
                            port_id=uid('port', vname), ofport=node_ports[node.name])
                    node_ports[node.name] += 1
                    vms.append(vm)
                    tenant_vms.append(vm)
            gateway = None
            if has_gateway and p.snat:
                gateway = ExternalGateway(network='ext', subnet='extsub',
                                          ip=str(ext_hosts_net.network_address + 10 + router_count))
            routers.append(Router(name=rname, tenant=tname, id=uid('router', rname),
                                  distributed=r <= p.routers_per_tenant - p.legacy_routers,
                                  subnets=tuple(router_subnets), external_gateway=gateway))
        vms_by_tenant.append(tenant_vms)

    # floating IPs: round-robin across tenants so every tenant gets some
    fip_vms = []
    depth = 0
    while len(fip_vms) < p.floating_ips and any(depth < len(tv) for tv in vms_by_tenant):
        for tv in vms_by_tenant:
            if depth < len(tv) and len(fip_vms) < p.floating_ips:
                fip_vms.append(tv[depth])
        depth += 1
    if len(fip_vms) < p.floating_ips:
        raise TopologyError('%d floating IPs requested but only %d VMs' % (p.floating_ips, len(fip_vms)))
    if fip_vms and not (has_gateway and p.snat):
        raise TopologyError('floating IPs need a gateway node and routers with an external gateway')
    fips = [FloatingIp(name='fip%d' % i, vm=vm.name, ip=str(ext_hosts_net.network_address + 100 + i),
                       id=uid('floatingip', 'fip%d' % i)) for i, vm in enumerate(fip_vms, start=1)]
    ext_hosts = [ExternalHost(name='ext%d' % i, ip=str(ext_hosts_net.network_address + i),
                              mac='02:cb:00:71:00:%02x' % i) for i in range(1, p.external_hosts + 1)]
    if ext_hosts and not has_gateway:
        raise TopologyError('external hosts need a gateway node')

    return Topology(name=p.name, nodes=tuple(nodes), tenants=tuple(tenants), networks=tuple(networks),
                    subnets=tuple(subnets), routers=tuple(routers), vms=tuple(vms), floating_ips=tuple(fips),
                    external_hosts=tuple(ext_hosts), addressing=ad,
                    external_network=ext_net.name if ext_net else None,
                    external_subnet=ext_sub.name if ext_sub else None).validate()
