"""End-to-end DVR scenarios: real packets through real OVS (userspace) programmed by the onos-dvr runtime.

One runtime (private copy of the Karaf assembly, private ports) and one testbed (`scenarios.topos.SCENARIOS`,
prefix `e2e`) are shared by the whole module; everything is configured through REST, as a user would. The
tests run in file order; the last one (VM move) changes the state.

Needs root, the built assembly (`mvn -B -q verify -DskipTests`) and the tools of `./dvr setup`.
"""

import os
import time

import pytest

from conftest import IS_ROOT, TOPOS  # noqa: F401  (conftest puts mininet-topos on sys.path)
from scenarios.harness import (ASSEMBLY, Harness, flow_packets, gateway_node, interface_mac, node_dvr_mac,
                               object_id, port_stats)
from scenarios.topos import scenarios_topology
from scenarios.traffic import Capture, arping, assert_ping, decode, netns_run, ping_ok, ttls

pytestmark = [
    pytest.mark.skipif(not IS_ROOT, reason='end-to-end scenarios need root (namespaces, OVS)'),
    pytest.mark.skipif(not os.path.isfile(os.path.join(ASSEMBLY, 'bin', 'karaf')),
                       reason='no Karaf assembly: run mvn -B -q verify -DskipTests first'),
]

PREFIX = 'e2e'
EXT_PORT = 200
TUNNEL_PORT = 100
STATS_LAG = 2.0   # OVS folds datapath flow statistics into the OpenFlow rules about once a second


@pytest.fixture(scope='module')
def h():
    with Harness(scenarios_topology(), prefix=PREFIX, http_port=8281, ssh_port=8201, rmi_registry_port=11199,
                 rmi_server_port=44544, of_port=6753, mgmt_cidr='198.19.50.0/24') as harness:
        yield harness


def ns(name):
    return '%s-%s' % (PREFIX, name)


def vm(h, name):
    return h.vm_info(name)


# ---- (1) L2 within a subnet, across nodes -------------------------------------------------------------
def test_l2_same_subnet_across_nodes(h):
    a, b = vm(h, 'vm1'), vm(h, 'vm2')
    assert a['node'] != b['node'] and a['subnet'] == b['subnet']
    out = assert_ping(ns('vm1'), b['ip'])
    assert set(ttls(out)) == {64}, 'switched traffic must not be routed (TTL untouched): %s' % out
    neigh = netns_run(ns('vm1'), ['ip', 'neigh', 'show', b['ip']])
    assert b['mac'] in neigh, neigh


# ---- (2) east-west routing, same node and across nodes ------------------------------------------------
def test_east_west_same_node(h):
    a, b = vm(h, 'vm1'), vm(h, 'vm3')
    assert a['node'] == b['node'] and a['subnet'] != b['subnet']
    out = assert_ping(ns('vm1'), b['ip'])
    assert set(ttls(out)) == {63}, 'one routed hop decrements the TTL once: %s' % out


def test_east_west_across_nodes_dvr_mac_on_underlay_gateway_mac_at_receiver(h):
    a, b = vm(h, 'vm1'), vm(h, 'vm4')
    assert a['node'] != b['node'] and a['subnet'] != b['subnet']
    assert_ping(ns('vm1'), b['ip'])          # warm up (ARP)
    under = Capture(ns('ul'), 'br0', 'udp port 4789')
    recv = Capture(ns('vm4'), 'eth0', 'icmp')
    out = assert_ping(ns('vm1'), b['ip'])
    frames_ul, frames_b = decode(under.stop()), decode(recv.stop())
    assert set(ttls(out)) == {63}, out

    src_dvr, dst_dvr = node_dvr_mac(h, a['node']), node_dvr_mac(h, b['node'])
    gw_b = interface_mac(h, 't1r1', b['subnet'])
    gw_a = interface_mac(h, 't1r1', a['subnet'])
    requests = [f.inner for f in frames_ul if f.inner is not None and f.inner.icmp_type == 8
                and f.inner.ip_src == a['ip'] and f.inner.ip_dst == b['ip']]
    replies = [f.inner for f in frames_ul if f.inner is not None and f.inner.icmp_type == 0
               and f.inner.ip_src == b['ip'] and f.inner.ip_dst == a['ip']]
    assert requests and replies, 'no routed ICMP on the underlay: %r' % frames_ul
    # routed on the sender's node: leaves with that node's DVR MAC, already TTL-decremented, dst = VM MAC
    assert {f.src for f in requests} == {src_dvr}, requests
    assert {f.dst for f in requests} == {b['mac']}, requests
    assert {f.ttl for f in requests} == {63}, requests
    assert {f.src for f in replies} == {dst_dvr}, replies
    assert gw_b not in {f.src for f in requests} and gw_a not in {f.src for f in replies}
    # the receiving VM sees the gateway (router interface) MAC of its own subnet as source, TTL 63
    got = [f for f in frames_b if f.icmp_type == 8 and f.ip_src == a['ip']]
    assert got, frames_b
    assert {f.src for f in got} == {gw_b}, got
    assert {f.ttl for f in got} == {63}, got


# ---- (3) gateway ARP answered in the switch ----------------------------------------------------------
def test_gateway_arp_answered_in_switch(h):
    a = vm(h, 'vm1')
    gw_mac = interface_mac(h, 't1r1', a['subnet'])
    dev = a['deviceId']
    rule = r'table=1,.*arp_tpa=%s' % a['gateway'].replace('.', r'\.')
    # The node also gets a PACKET_IN for each reply to the runtime's periodic (30 s) external next-hop probe:
    # a window that happens to contain one is measured again.
    attempts = []
    for _ in range(3):
        before = h.packet_ins()
        hits_before = flow_packets(h, a['node'], rule)
        replies, out = arping(ns('vm1'), a['gateway'], count=3)
        time.sleep(STATS_LAG)
        after = h.packet_ins()
        hits_after = flow_packets(h, a['node'], rule)
        assert replies == 3, out
        assert gw_mac in out.lower(), out
        assert hits_after - hits_before >= 3, 'the arp_responder rule did not answer'
        attempts.append(after.get(dev, 0) - before.get(dev, 0))
        if attempts[-1] == 0:
            break
    assert attempts[-1] == 0, 'gateway ARP reached the controller (packet-ins per attempt: %s)' % attempts


# ---- (4) floating IP ---------------------------------------------------------------------------------
def _fip(h, vm_name):
    f = next(f for f in h.topo().floating_ips if f.vm == vm_name)
    return f.ip


def test_floating_ip_inbound_ping_tcp_and_arp(h):
    a = vm(h, 'vm1')
    fip = _fip(h, 'vm1')
    ext = ns('ext1')
    netns_run(ext, ['ip', 'neigh', 'flush', 'all'])
    assert_ping(ext, fip, 'external host -> floating IP')
    neigh = netns_run(ext, ['ip', 'neigh', 'show', fip])
    assert node_dvr_mac(h, a['node']) in neigh, 'FIP ARP answered with the VM node\'s DVR MAC: %s' % neigh
    # TCP: a one-shot server in the VM, a client on the external host
    server = netns_run(ns('vm1'), ['sh', '-c', 'python3 -c "import socket;s=socket.socket();'
                                   's.setsockopt(socket.SOL_SOCKET,socket.SO_REUSEADDR,1);'
                                   's.bind((\'0.0.0.0\',5001));s.listen(1);c,p=s.accept();'
                                   'c.sendall((\'hello \'+p[0]).encode());c.close()" '
                                   '>/dev/null 2>&1 & echo started'])
    assert 'started' in server
    time.sleep(0.8)
    got = netns_run(ext, ['python3', '-c', 'import socket;s=socket.create_connection((%r,5001),timeout=5);'
                          'print(s.recv(100).decode())' % fip], timeout=15)
    assert 'hello 203.0.113.1' in got, 'TCP to the floating IP (server saw the client as): %s' % got


def test_floating_ip_outbound_leaves_from_own_node_with_fip_source(h):
    a = vm(h, 'vm1')
    fip = _fip(h, 'vm1')
    ext_ip = h.tb()['externalHosts'][0]['ip']
    assert_ping(ns('vm1'), ext_ip)
    tx_before = port_stats(h, a['node'], EXT_PORT)[1]
    others_before = {n['name']: port_stats(h, n['name'], EXT_PORT)[1]
                     for n in h.tb()['nodes'] if n['role'] != 'compute' and n['name'] != a['node']}
    cap = Capture(ns('ext1'), 'eth0', 'icmp')
    assert_ping(ns('vm1'), ext_ip)
    seen = decode(cap.stop())
    tx_after = port_stats(h, a['node'], EXT_PORT)[1]
    requests = [f for f in seen if f.icmp_type == 8 and f.ip_dst == ext_ip]
    assert requests and {f.ip_src for f in requests} == {fip}, requests
    assert {f.src for f in requests} == {node_dvr_mac(h, a['node'])}, requests
    assert tx_after - tx_before >= 3, 'not sent out of %s\'s external port' % a['node']
    for name, before in others_before.items():
        assert port_stats(h, name, EXT_PORT)[1] - before < 3, 'FIP traffic also left through %s' % name


# ---- (5) SNAT ----------------------------------------------------------------------------------------
def test_snat_through_the_chosen_gateway(h):
    a = vm(h, 'vm2')   # no floating IP
    assert not [f for f in h.topo().floating_ips if f.vm == 'vm2']
    router = h.topo().router('t1r1')
    gw = gateway_node(h, 't1r1')
    ext_ip = h.tb()['externalHosts'][0]['ip']
    assert_ping(ns('vm2'), ext_ip)           # warm up (next-hop resolution)
    tx_before = port_stats(h, gw, EXT_PORT)[1]
    cap = Capture(ns('ext1'), 'eth0', 'icmp')
    out = assert_ping(ns('vm2'), ext_ip)
    seen = decode(cap.stop())
    tx_after = port_stats(h, gw, EXT_PORT)[1]
    requests = [f for f in seen if f.icmp_type == 8 and f.ip_dst == ext_ip]
    assert requests and {f.ip_src for f in requests} == {router.external_gateway.ip}, requests
    assert len([f for f in seen if f.icmp_type == 0]) >= 3, 'replies not sent'
    assert len(ttls(out)) >= 3, 'return traffic did not arrive: %s' % out
    assert tx_after - tx_before >= 3, 'SNAT traffic did not leave through the chosen gateway %s' % gw


# ---- (6) tenants with the same CIDR are isolated -----------------------------------------------------
def test_overlapping_tenants_isolated(h):
    t1a, t1b = vm(h, 'vm1'), vm(h, 'vm2')
    t2a, t2b = vm(h, 'vm9'), vm(h, 'vm10')
    assert t1a['ip'] == t2a['ip'] and t1b['ip'] == t2b['ip'] and t1a['tenant'] != t2a['tenant']
    cap = Capture(ns('vm9'), 'eth0', 'icmp or arp')
    assert_ping(ns('vm2'), t1a['ip'])
    leaked = decode(cap.stop())
    assert not [f for f in leaked if f.ip_src == t1b['ip'] and f.icmp_type == 8], \
        'tenant t1 traffic reached tenant t2: %r' % leaked
    assert t1a['mac'] in netns_run(ns('vm2'), ['ip', 'neigh', 'show', t1a['ip']])
    assert_ping(ns('vm10'), t2a['ip'])
    assert t2a['mac'] in netns_run(ns('vm10'), ['ip', 'neigh', 'show', t2a['ip']])
    # routed: t2's vm10 reaches t2's second subnet, answered by t2's VM, not t1's
    t2c = vm(h, 'vm12')
    cap = Capture(ns('vm4'), 'eth0', 'icmp')   # t1's VM with the same address as vm12
    assert_ping(ns('vm10'), t2c['ip'])
    assert not [f for f in decode(cap.stop()) if f.icmp_type == 8], 'routed t2 traffic reached t1'


# ---- (7) legacy router: east-west hairpins through its gateway node ----------------------------------
def test_legacy_router_hairpins_via_gateway(h):
    gw = gateway_node(h, 't1r2')
    r = h.topo().router('t1r2')
    pairs = [(x, y) for x in h.topo().vms for y in h.topo().vms
             if x.subnet == r.subnets[0] and y.subnet == r.subnets[1] and x.node != gw and y.node != gw]
    assert pairs, 'no VM pair of %s away from its gateway %s' % (r.name, gw)
    src, dst = pairs[0]
    assert_ping(ns(src.name), dst.ip)
    hairpin_before = flow_packets(h, gw, r'table=8,.*in_port=%d.*actions=.*IN_PORT' % TUNNEL_PORT)
    tun_rx_before = port_stats(h, gw, TUNNEL_PORT)[0]
    out = assert_ping(ns(src.name), dst.ip)
    time.sleep(STATS_LAG)
    hairpin_after = flow_packets(h, gw, r'table=8,.*in_port=%d.*actions=.*IN_PORT' % TUNNEL_PORT)
    assert set(ttls(out)) == {63}, out
    assert hairpin_after - hairpin_before >= 6, 'requests and replies must hairpin through %s' % gw
    assert port_stats(h, gw, TUNNEL_PORT)[0] - tun_rx_before >= 6


# ---- (8) VM moved to another node keeps connectivity -------------------------------------------------
def test_vm_move_keeps_connectivity(h):
    mover, peer_l2, peer_routed = vm(h, 'vm3'), vm(h, 'vm4'), vm(h, 'vm2')
    src_node = mover['node']
    dst_node = next(n['name'] for n in h.tb()['nodes'] if n['name'] != src_node and n['role'] == 'both')
    dst_dev = next(n['deviceId'] for n in h.tb()['nodes'] if n['name'] == dst_node)
    tap, new_ofport = 'tapvm3', 50
    assert_ping(ns('vm2'), mover['ip'])
    # unplug from the old node's br-int, move the veth end, plug into the new node's br-int
    h.node(src_node).ovs.vsctl('del-port', 'br-int', tap)
    netns_run(ns(src_node), ['ip', 'link', 'set', tap, 'netns', ns(dst_node)], check=True)
    netns_run(ns(dst_node), ['ip', 'link', 'set', tap, 'up'], check=True)
    h.node(dst_node).ovs.vsctl('add-port', 'br-int', tap, '--', 'set', 'interface', tap,
                               'ofport_request=%d' % new_ofport)
    # Nova/Neutron update the port binding
    pid = object_id(h, 'port', 'vm3')
    h.runtime.rest('PUT', '/onos/dvr/v1/ports/%s' % pid,
                   {'port': {'binding:profile': {'device_id': dst_dev, 'port_number': new_ofport}}})
    deadline = time.time() + 30
    ok = False
    while time.time() < deadline and not ok:
        ok, _ = ping_ok(ns('vm2'), mover['ip'], count=2, tries=1)
    assert ok, 'routed traffic to the moved VM'
    assert_ping(ns('vm4'), mover['ip'], 'same subnet, after the move')
    assert_ping(ns('vm3'), peer_routed['ip'], 'from the moved VM')
    assert peer_l2['node'] != mover['node']
