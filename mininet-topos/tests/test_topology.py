"""The topology description and the generator (pure, no system access)."""

import ipaddress
import dataclasses

import pytest

from dvrtestbed.generator import NAMED, TopoParams, generate, named
from dvrtestbed.model import COMPUTE, GATEWAY, Node, Topology, TopologyError


def test_minimal_shape():
    t = named('minimal')
    assert [n.role for n in t.nodes].count(COMPUTE) == 2
    assert [n.role for n in t.nodes].count(GATEWAY) == 1
    assert len(t.external_hosts) == 1
    assert t.external_hosts[0].ip == t.subnet(t.external_subnet).gateway_ip
    # VMs of one subnet sit on different compute nodes, so east-west crosses the overlay
    for s in t.subnets:
        nodes = {vm.node for vm in t.vms if vm.subnet == s.name}
        if not t.network(s.network).external:
            assert len(nodes) == 2


def test_demo_has_two_tenants_with_overlapping_subnets():
    t = named('demo')
    assert len(t.compute_nodes) == 3 and len(t.gateway_nodes) == 2 and len(t.external_hosts) == 1
    by_tenant = {}
    for s in t.subnets:
        net = t.network(s.network)
        if not net.external:
            by_tenant.setdefault(net.tenant, set()).add(s.cidr)
    assert len(by_tenant) == 2
    a, b = by_tenant.values()
    assert a == b and len(a) == 2
    # every tenant got a floating IP and a router with an external gateway
    fip_tenants = {t.vm_network(t.vm(f.vm)).tenant for f in t.floating_ips}
    assert fip_tenants == {'t1', 't2'}
    assert all(r.external_gateway is not None for r in t.routers)


def test_identifiers_are_deterministic_and_distinct():
    a, b = named('demo'), named('demo')
    assert a == b
    ids = [n.id for n in a.networks] + [s.id for s in a.subnets] + [r.id for r in a.routers] + \
        [vm.port_id for vm in a.vms] + [f.id for f in a.floating_ips]
    assert len(ids) == len(set(ids))
    assert named('minimal').network('t1r1n1').id != a.network('t1r1n1').id   # topology name is part of it


def test_node_numbering_dpid_and_tunnel_ip():
    t = named('demo')
    for n in t.nodes:
        assert n.dpid == '%016x' % n.index and n.device_id == 'of:' + n.dpid
        assert ipaddress.ip_address(t.tunnel_ip(n)) in ipaddress.ip_network('198.18.0.0/15')
    assert len({t.tunnel_ip(n) for n in t.nodes}) == len(t.nodes)


def test_vm_ports_are_unique_per_node_and_below_tunnel_port():
    t = generate(TopoParams(computes=2, gateways=1, tenants=3, subnets_per_router=3, vms_per_subnet=3,
                            floating_ips=4))
    seen = set()
    for vm in t.vms:
        assert (vm.node, vm.ofport) not in seen
        seen.add((vm.node, vm.ofport))
        assert 1 <= vm.ofport < t.addressing.tunnel_port
        assert t.subnet(vm.subnet).contains(vm.ip)
    assert len(t.floating_ips) == 4


def test_no_overlap_by_default_gives_disjoint_cidrs():
    t = generate(TopoParams(tenants=2))
    cidrs = [ipaddress.ip_network(s.cidr) for s in t.subnets if not t.network(s.network).external]
    for i, a in enumerate(cidrs):
        for b in cidrs[i + 1:]:
            assert not a.overlaps(b)


def test_legacy_routers_and_no_gateway():
    t = generate(TopoParams(routers_per_tenant=2, legacy_routers=1))
    assert [r.distributed for r in t.routers] == [True, False]
    t2 = generate(TopoParams(gateways=0, floating_ips=0, external_hosts=0))
    assert t2.external_network is None and all(r.external_gateway is None for r in t2.routers)


@pytest.mark.parametrize('params, message', [
    (TopoParams(gateways=0, floating_ips=1, external_hosts=0), 'floating IPs need'),
    (TopoParams(computes=0, gateways=1), 'VMs need at least one compute node'),
    (TopoParams(vms_per_subnet=1, subnets_per_router=1, floating_ips=2), 'only 1 VMs'),
])
def test_generator_rejects_impossible_parameters(params, message):
    with pytest.raises(TopologyError, match=message):
        generate(params)


def _replace(t, field, position, **changes):
    items = list(getattr(t, field))
    items[position] = dataclasses.replace(items[position], **changes)
    return dataclasses.replace(t, **{field: tuple(items)})


@pytest.mark.parametrize('mutate, message', [
    (lambda t: _replace(t, 'vms', 1, mac=t.vms[0].mac), 'duplicate MAC'),
    (lambda t: _replace(t, 'vms', 0, ip='10.9.9.9'), 'not a free host address'),
    (lambda t: _replace(t, 'vms', 0, ip=t.subnet(t.vms[0].subnet).gateway_ip), 'not a free host address'),
    (lambda t: _replace(t, 'vms', 0, node='g1'), 'not a compute node'),
    (lambda t: _replace(t, 'vms', 0, ofport=100), 'out of the VM range'),
    (lambda t: _replace(t, 'vms', 2, ofport=t.vms[0].ofport), 'ofport on a node'),
    (lambda t: _replace(t, 'networks', 2, vni=t.networks[1].vni), 'duplicate network VNI'),
    (lambda t: _replace(t, 'networks', 1, vni=2 ** 24), 'VNI'),
    (lambda t: _replace(t, 'nodes', 1, index=1), 'duplicate node index'),
    (lambda t: _replace(t, 'nodes', 0, role='router'), 'role'),
    (lambda t: _replace(t, 'subnets', 1, gateway_ip='10.1.1.0'), 'not a host address'),
    (lambda t: _replace(t, 'subnets', 2, cidr='10.1.1.128/25', gateway_ip='10.1.1.129'), 'overlap'),
    (lambda t: _replace(t, 'floating_ips', 0, ip='192.0.2.1'), 'outside'),
    (lambda t: _replace(t, 'floating_ips', 0, ip=t.external_hosts[0].ip), 'address on the external network'),
    (lambda t: _replace(t, 'external_hosts', 0, name='c1'), 'host name'),
    (lambda t: dataclasses.replace(t, nodes=t.nodes + (Node('averylongname', COMPUTE, 9),)), 'at most 6'),
])
def test_validation_catches_inconsistencies(mutate, message):
    t = named('minimal')
    with pytest.raises(TopologyError, match=message):
        mutate(t).validate()


def test_every_named_topology_validates():
    for name in NAMED:
        assert isinstance(named(name).validate(), Topology)


def test_named_overrides():
    t = named('demo', computes=4, vms_per_subnet=1)
    assert len(t.compute_nodes) == 4 and len(t.vms) == 4
    with pytest.raises(KeyError):
        named('nope')
