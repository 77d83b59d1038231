"""Security checks end to end: what a VM may put on the wire, tenant isolation, ARP poisoning, REST
authentication, and a node that disappears while a router change is in flight. Real packets through real OVS
(userspace) programmed by the onos-dvr runtime; docs/reliability.md "Security checks".

One runtime (private copy of the Karaf assembly: HTTP 8581, SSH 8501, RMI 11499/44844, OpenFlow
198.19.80.1:7053) and one testbed (prefix `sc`, management 198.19.80.0/24) are shared by the module:
gateway g1 (SNAT of both routers), compute nodes n1, n2 with external ports (they serve the floating IPs of
their VMs); tenants t1 and t2 with the *same* CIDRs (10.0.1.0/24, 10.0.2.0/24), one distributed router with
SNAT each, three VMs per subnet (vm1..vm6 in t1, vm7..vm12 in t2, alternating n1/n2), floating IPs on vm1 (t1)
and vm7 (t2), both on n1; external host ext1 (the upstream router).

Hostile frames are crafted byte for byte and sent on a VM's eth0 through a raw AF_PACKET socket (what any code
in a VM can do). Every negative check has its positive twin in the same capture window (the same frame with the
legitimate source or destination arrives), and the classifier's anti-spoofing drop rule of the sender's port
must count every hostile frame.

Needs root, the built assembly (`mvn -B -q verify -DskipTests`) and the tools of `./dvr setup`.
"""

import os
import re
import shutil
import threading
import time

import pytest

from conftest import IS_ROOT  # noqa: F401  (conftest puts mininet-topos on sys.path)
from dvrruntime import APP_NAME, Rest, dvr_state, rules_problems, switch_flows, wait_for
from dvrtestbed import cleanup as cleanup_mod
from dvrtestbed.generator import TopoParams, generate
from scenarios.harness import ASSEMBLY, Harness, flow_packets, interface_mac, node_dvr_mac, object_id
from scenarios.traffic import (ARP_REPLY, ARP_REQUEST, BROADCAST, Capture, arp_frame, decode, icmp_echo_frame,
                               assert_ping, netns_run, ping_ok, send_frames, ttls, udp_frame, vlan_tagged)

pytestmark = [
    pytest.mark.skipif(not IS_ROOT, reason='end-to-end security checks need root (namespaces, OVS)'),
    pytest.mark.skipif(not os.path.isfile(os.path.join(ASSEMBLY, 'bin', 'karaf')),
                       reason='no Karaf assembly: run mvn -B -q verify -DskipTests first'),
]

PREFIX = 'sc'
TOPO = TopoParams(name='sec', computes=0, gateways=1, both=2, tenants=2, routers_per_tenant=1,
                  subnets_per_router=2, vms_per_subnet=3, floating_ips=2, overlap=True, external_hosts=1)
CONVERGE_SEC = 45
EXT_PORT = 200
VLAN = 42
NO_MAC = '00:00:00:00:00:00'
KARAF_LAST_LOG = '/tmp/sc-karaf-last.log'
GRACE = 1.5     # seconds a capture keeps running after the last frame was sent (first packets take the slow path)


@pytest.fixture(scope='module')
def h():
    cleanup_mod.sweep(PREFIX)    # leftovers of an earlier run killed with -9 (our prefix only)
    harness = Harness(generate(TOPO), prefix=PREFIX, http_port=8581, ssh_port=8501, rmi_registry_port=11499,
                      rmi_server_port=44844, of_port=7053, mgmt_cidr='198.19.80.0/24')
    try:
        with harness:
            harness.app_id = harness.runtime.get('/onos/v1/applications/ids/entry?name=' + APP_NAME)['id']
            yield harness
    finally:   # captures of an interrupted test; the stopped runtime's copy: keep its log only
        Capture.stop_all()
        if os.path.exists(harness.runtime.karaf_log):
            shutil.copy(harness.runtime.karaf_log, KARAF_LAST_LOG)
        shutil.rmtree(harness.runtime.home, ignore_errors=True)


def vm(h, name):
    return h.vm_info(name)


def ns(h, name):
    return h.net.ns(name)


def ext_host(h):
    return h.tb()['externalHosts'][0]


def fip_of(h, vm_name):
    return next(f['ip'] for f in h.tb()['floatingIps'] if f['vm'] == vm_name)


def port_drops(h, vm_name):
    """Packets counted by the classifier's anti-spoofing rule of a VM's port (`priority=20,in_port=N`)."""
    v = vm(h, vm_name)
    return flow_packets(h, v['node'], r'table=0,.*priority=20,in_port=%d actions=drop' % v['port'])


def external_drops(h, node):
    """Packets counted by the classifier's drop rule of a node's external port (tagged frames)."""
    return flow_packets(h, node, r'table=0,.*priority=20,in_port=%d actions=drop' % EXT_PORT)


def wait_drops(counter, before, expected):
    """OVS folds datapath statistics into the rules about once a second: wait until a drop counter (a function)
    counted `expected` more packets; returns how many it counted."""
    wait_for(lambda: counter() - before >= expected, 5, interval=0.3)
    return counter() - before


def markers(frames):
    """The test markers (b'sc-...' up to a NUL) found in raw frames (VXLAN-encapsulated ones included)."""
    return {m.decode() for f in frames for m in re.findall(rb'sc-[a-z0-9:-]+', f)}


def neigh_mac(h, host, ip):
    out = netns_run(ns(h, host), ['ip', '-4', 'neigh', 'show', ip])
    m = re.search(r'lladdr (\S+)', out)
    return m.group(1) if m else None


# ---- (1) anti-spoofing: another VM's / the gateway's MAC or IP as source ----------------------------------
def test_spoofed_sources_are_dropped_at_the_sending_port(h):
    a, gw_mac = vm(h, 'vm1'), interface_mac(h, 't1r1', 't1r1s1')
    v3, v5, v7 = vm(h, 'vm3'), vm(h, 'vm5'), vm(h, 'vm7')
    assert v3['subnet'] == a['subnet'] and v5['subnet'] != a['subnet'] and v7['ip'] == a['ip']
    spoofs = {
        'vm-mac': (v3['mac'], a['ip']),                 # another VM's MAC (same subnet, same node)
        'vm-mac-ip': (v3['mac'], v3['ip']),             # another VM's MAC and IP
        'vm-ip-same-subnet': (a['mac'], v3['ip']),
        'vm-ip-other-subnet': (a['mac'], v5['ip']),
        'other-tenant-mac': (v7['mac'], a['ip']),       # t2's VM with the same IP, on the same node
        'gw-mac': (gw_mac, a['ip']),
        'gw-ip': (a['mac'], a['gateway']),
        'gw-mac-ip': (gw_mac, a['gateway']),
        'unassigned-ip': (a['mac'], '10.0.1.99'),
        'fip': (a['mac'], fip_of(h, 'vm1')),            # its own floating IP, from inside
    }
    ext = ext_host(h)
    dests = {   # receiver, eth_dst, ip_dst
        'l2': ('vm2', vm(h, 'vm2')['mac'], vm(h, 'vm2')['ip']),            # same subnet, other node
        'routed': ('vm4', gw_mac, vm(h, 'vm4')['ip']),                     # other subnet, other node
        'north': ('ext1', gw_mac, ext['ip']),                              # external host (vm1's FIP, n1)
    }
    for _, _, ip in dests.values():
        assert_ping(ns(h, 'vm1'), ip, '(warm-up: external next hop learnt)')
    spoofed = [(('sc-%s-%s' % (s, d)), udp_frame(mac, dmac, ip, dip, ('sc-%s-%s' % (s, d)).encode()))
               for s, (mac, ip) in spoofs.items() for d, (_, dmac, dip) in dests.items()]
    legit = [('sc-legit-%s' % d, udp_frame(a['mac'], dmac, a['ip'], dip, ('sc-legit-%s' % d).encode()))
             for d, (_, dmac, dip) in dests.items()]

    caps = {rcv: Capture(ns(h, rcv), 'eth0', 'udp port 9') for rcv, _, _ in dests.values()}
    caps['underlay'] = Capture(ns(h, 'ul'), 'br0', 'udp port 4789')
    before = port_drops(h, 'vm1')
    send_frames(ns(h, 'vm1'), [f for _, f in spoofed] + [f for _, f in legit])
    seen = {k: markers(c.stop(GRACE)) for k, c in caps.items()}
    drops = wait_drops(lambda: port_drops(h, 'vm1'), before, len(spoofed))

    for d, (rcv, _, _) in dests.items():
        assert 'sc-legit-%s' % d in seen[rcv], 'the legitimate frame (%s) did not arrive at %s: %s' % (d, rcv, seen)
    assert {'sc-legit-l2', 'sc-legit-routed'} <= seen['underlay'], 'legitimate frames to n2 not on the underlay'

    leaked = {k: sorted(m for m in v if not m.startswith('sc-legit')) for k, v in seen.items()}
    assert all(not v for v in leaked.values()), 'spoofed frames got through: %s' % leaked
    assert drops >= len(spoofed), \
        'the anti-spoofing rule of vm1\'s port counted %d of %d spoofed frames' % (drops, len(spoofed))


# ---- (1b) 802.1Q tags: VM ports and the external port take untagged frames only ----------------------------
def test_vlan_tagged_frames_are_dropped_at_vm_and_external_ports(h):
    a, gw_mac, ext = vm(h, 'vm1'), interface_mac(h, 't1r1', 't1r1s1'), ext_host(h)
    fip, fip_node = fip_of(h, 'vm1'), a['node']
    dests = {'l2': ('vm2', vm(h, 'vm2')['mac'], vm(h, 'vm2')['ip']),
             'routed': ('vm4', gw_mac, vm(h, 'vm4')['ip']),
             'north': ('xnet', gw_mac, ext['ip'])}     # on the external network, with or without a tag
    out_frames, tagged_out = [], 0
    for d, (_, dmac, dip) in dests.items():
        out_frames.append(vlan_tagged(udp_frame(a['mac'], dmac, a['ip'], dip, ('sc-vlan-%s' % d).encode()), VLAN))
        out_frames.append(udp_frame(a['mac'], dmac, a['ip'], dip, ('sc-untagged-%s' % d).encode()))
        tagged_out += 1
    # from the external network: to the floating IP (n1 answers ARP for it with its DVR MAC), and an ARP request
    # for it from a MAC nobody else uses (a reply would be sent to that MAC)
    asker = '02:5c:00:00:00:42'
    in_frames = [vlan_tagged(udp_frame(ext['mac'], node_dvr_mac(h, fip_node), ext['ip'], fip, b'sc-vlan-in'), VLAN),
                 udp_frame(ext['mac'], node_dvr_mac(h, fip_node), ext['ip'], fip, b'sc-untagged-in'),
                 vlan_tagged(arp_frame(ARP_REQUEST, asker, BROADCAST, asker, ext['ip'], NO_MAC, fip), VLAN)]
    for _, _, ip in dests.values():
        assert_ping(ns(h, 'vm1'), ip, '(warm-up)')
    assert_ping(ns(h, 'ext1'), fip, '(warm-up)')

    caps = {n: Capture(ns(h, n), 'eth0', 'udp port 9') for n in ('vm1', 'vm2', 'vm4')}
    caps['xnet'] = Capture(ns(h, 'xnet'), 'br0')
    caps['underlay'] = Capture(ns(h, 'ul'), 'br0', 'udp port 4789')
    vm_before, ext_before = port_drops(h, 'vm1'), external_drops(h, fip_node)
    send_frames(ns(h, 'vm1'), out_frames)
    send_frames(ns(h, 'ext1'), in_frames)
    raw = {n: c.stop(GRACE) for n, c in caps.items()}
    seen = {n: markers(f) for n, f in raw.items()}
    vm_drops = wait_drops(lambda: port_drops(h, 'vm1'), vm_before, tagged_out)
    ext_drops = wait_drops(lambda: external_drops(h, fip_node), ext_before, 2)

    for d, (rcv, _, _) in dests.items():
        assert 'sc-untagged-%s' % d in seen[rcv], 'untagged twin (%s) did not arrive at %s: %s' % (d, rcv, seen)
    assert 'sc-untagged-in' in seen['vm1'], 'untagged frame to the floating IP did not reach vm1: %s' % seen
    # vm1 and xnet also see what was sent there: only arrivals count
    arrivals = {'vm1': {'sc-vlan-in'}, 'vm2': {'sc-vlan-l2'}, 'vm4': {'sc-vlan-routed'}, 'xnet': {'sc-vlan-north'},
                'underlay': {'sc-vlan-l2', 'sc-vlan-routed', 'sc-vlan-north', 'sc-vlan-in'}}
    leaked = {n: sorted(seen[n] & m) for n, m in arrivals.items()}
    assert all(not v for v in leaked.values()), 'tagged frames got through: %s' % leaked
    replies = [f for f in decode(raw['xnet']) if asker in (f.dst, f.arp_tha)]
    assert not replies, 'a tagged ARP request was answered: %s' % replies
    assert vm_drops >= tagged_out, 'vm1\'s drop rule counted %d of %d tagged frames' % (vm_drops, tagged_out)
    assert ext_drops >= 2, '%s\'s external port drop rule counted %d of 2 tagged frames' % (fip_node, ext_drops)


# ---- (2) tenant isolation with the same CIDRs, also with the other tenant's MACs as destination ----------
def test_other_tenant_unreachable_even_with_its_macs_as_destination(h):
    a = vm(h, 'vm1')
    gw1, gw2 = interface_mac(h, 't1r1', 't1r1s1'), interface_mac(h, 't2r1', 't2r1s1')
    v2, v4, v8, v9, v10, v11 = (vm(h, n) for n in ('vm2', 'vm4', 'vm8', 'vm9', 'vm10', 'vm11'))
    assert gw1 != gw2 and a['gateway'] == vm(h, 'vm7')['gateway']
    assert v8['ip'] == v2['ip'] and v10['ip'] == v4['ip'] and v8['tenant'] == 't2' != a['tenant']
    hostile = [   # marker, eth_dst, ip_dst
        ('sc-t2-vm-other-node', v8['mac'], v8['ip']),
        ('sc-t2-vm-same-node', v9['mac'], v9['ip']),
        ('sc-t2-gw-routed-other-node', gw2, v10['ip']),
        ('sc-t2-gw-routed-same-node', gw2, v11['ip']),
    ]
    control = [('sc-t1-vm', v2['mac'], v2['ip']), ('sc-t1-gw-routed', gw1, v4['ip'])]
    frames = [udp_frame(a['mac'], dmac, a['ip'], dip, m.encode()) for m, dmac, dip in hostile + control]
    # ICMP echo to the gateway IP (same in both tenants) with t2's gateway MAC: t1's must answer, t2's not
    frames += [icmp_echo_frame(a['mac'], gw2, a['ip'], a['gateway'], ident=0x5ec2),
               icmp_echo_frame(a['mac'], gw1, a['ip'], a['gateway'], ident=0x5ec1)]
    # a broadcast (ARP request for the address both tenants use) stays in t1
    frames.append(arp_frame(ARP_REQUEST, a['mac'], BROADCAST, a['mac'], a['ip'], NO_MAC, v2['ip']))

    t2_caps = {n: Capture(ns(h, n), 'eth0') for n in ('vm8', 'vm9', 'vm10', 'vm11')}
    t1_caps = {n: Capture(ns(h, n), 'eth0', 'udp port 9 or arp') for n in ('vm2', 'vm4')}
    own = Capture(ns(h, 'vm1'), 'eth0', 'icmp')
    send_frames(ns(h, 'vm1'), frames)
    t2_seen = {n: c.stop(GRACE) for n, c in t2_caps.items()}
    t1_seen = {n: c.stop() for n, c in t1_caps.items()}
    replies = [f for f in decode(own.stop()) if f.icmp_type == 0]

    assert 'sc-t1-vm' in markers(t1_seen['vm2']) and 'sc-t1-gw-routed' in markers(t1_seen['vm4']), \
        'control frames did not arrive in t1: %s' % {n: markers(f) for n, f in t1_seen.items()}
    assert any(f.arp_op == ARP_REQUEST and f.arp_sha == a['mac'] for f in decode(t1_seen['vm2'])), \
        'the broadcast did not reach t1\'s vm2'
    assert {f.icmp_id for f in replies} == {0x5ec1}, 'echo replies (t1 gateway only): %r' % replies
    assert markers(t1_seen['vm2']) | markers(t1_seen['vm4']) == {'sc-t1-vm', 'sc-t1-gw-routed'}, \
        'a frame for t2 was delivered in t1'
    for n, frames_n in t2_seen.items():
        leaked = markers(frames_n) | {repr(f) for f in decode(frames_n) if a['mac'] in (f.src, f.arp_sha)}
        assert not leaked, 'tenant t1\'s vm1 reached t2\'s %s: %s' % (n, leaked)


# ---- (3) ARP poisoning: replies / gratuitous ARPs claiming the gateway, another VM or a floating IP -------
def test_arp_claiming_gateway_or_floating_ips_is_dropped_and_caches_stay_right(h):
    a, v2, v3 = vm(h, 'vm1'), vm(h, 'vm2'), vm(h, 'vm3')
    gw_ip, gw_mac = a['gateway'], interface_mac(h, 't1r1', 't1r1s1')
    ext = ext_host(h)
    fip1, fip2 = fip_of(h, 'vm1'), fip_of(h, 'vm7')
    router_ip = next(r['externalIp'] for r in h.tb()['routers'] if r['name'] == 't1r1')
    # fill the caches the attack aims at: vm2 and vm3 (gateway, vm3), ext1 (floating IPs, router external IP)
    assert_ping(ns(h, 'vm2'), vm(h, 'vm4')['ip'])
    assert_ping(ns(h, 'vm2'), v3['ip'])
    assert_ping(ns(h, 'vm3'), vm(h, 'vm5')['ip'])
    assert_ping(ns(h, 'vm2'), ext['ip'])
    for fip in (fip1, fip2):
        assert_ping(ns(h, 'ext1'), fip)
    watched = {('vm2', gw_ip): gw_mac, ('vm2', v3['ip']): v3['mac'], ('vm3', gw_ip): gw_mac,
               ('ext1', fip1): node_dvr_mac(h, a['node']), ('ext1', fip2): node_dvr_mac(h, vm(h, 'vm7')['node']),
               ('ext1', router_ip): None}
    cache = {k: neigh_mac(h, *k) for k in watched}
    for k, expected in watched.items():
        assert cache[k] is not None and cache[k] == (expected or cache[k]), 'cache before: %s' % cache
    time.sleep(1.5)   # past the neighbour locktime (1 s): a poisoned ARP would now override the entries

    me = a['mac']
    poison = [
        arp_frame(ARP_REQUEST, me, BROADCAST, me, gw_ip, NO_MAC, gw_ip),              # gratuitous, gateway
        arp_frame(ARP_REPLY, me, BROADCAST, me, gw_ip, BROADCAST, gw_ip),             # gratuitous reply
        arp_frame(ARP_REPLY, me, v2['mac'], me, gw_ip, v2['mac'], v2['ip']),          # to vm2 (other node)
        arp_frame(ARP_REPLY, me, v3['mac'], me, gw_ip, v3['mac'], v3['ip']),          # to vm3 (same node)
        arp_frame(ARP_REPLY, gw_mac, BROADCAST, me, gw_ip, BROADCAST, gw_ip),         # with the gateway MAC
        arp_frame(ARP_REPLY, me, v2['mac'], me, v3['ip'], v2['mac'], v2['ip']),       # another VM's IP
        arp_frame(ARP_REQUEST, me, BROADCAST, me, fip1, NO_MAC, fip1),                # floating IPs
        arp_frame(ARP_REQUEST, me, BROADCAST, me, fip2, NO_MAC, fip2),
        arp_frame(ARP_REQUEST, me, BROADCAST, me, router_ip, NO_MAC, router_ip),      # router external IP
        arp_frame(ARP_REPLY, me, ext['mac'], me, fip1, ext['mac'], ext['ip']),        # to the external host
    ]
    own_garp = arp_frame(ARP_REQUEST, me, BROADCAST, me, a['ip'], NO_MAC, a['ip'])   # legitimate twin
    caps = {n: Capture(ns(h, n), 'eth0', 'arp') for n in ('vm2', 'vm3', 'ext1')}
    caps['underlay'] = Capture(ns(h, 'ul'), 'br0', 'udp port 4789')
    before = port_drops(h, 'vm1')
    send_frames(ns(h, 'vm1'), poison + [own_garp])
    seen = {n: decode(c.stop(GRACE)) for n, c in caps.items()}
    drops = wait_drops(lambda: port_drops(h, 'vm1'), before, len(poison))

    def arps(frames):
        return [f.inner or f for f in frames if (f.inner or f).arp_sha == me]

    for n in ('vm2', 'vm3'):
        assert any(f.arp_spa == a['ip'] for f in arps(seen[n])), 'vm1\'s own gratuitous ARP did not reach %s' % n
    leaked = {n: [f for f in arps(frames) if f.arp_spa != a['ip']] for n, frames in seen.items()}
    assert all(not v for v in leaked.values()), 'poisoning ARPs got through: %s' % leaked
    assert drops >= len(poison), 'the anti-spoofing rule counted %d of %d poisoning ARPs' % (drops, len(poison))
    assert {k: neigh_mac(h, *k) for k in watched} == cache, 'an ARP cache changed'
    out = assert_ping(ns(h, 'vm2'), vm(h, 'vm4')['ip'], 'through the gateway after the attack')
    assert set(ttls(out)) == {63}, out
    assert_ping(ns(h, 'vm2'), v3['ip'])
    assert_ping(ns(h, 'ext1'), fip1)

    # the check can fail: the same unicast reply delivered around the switch (written on vm3's tap in n1)
    # does poison vm3's cache; then vm3 is given the right entry back
    send_frames(ns(h, v3['node']), [poison[3]], intf='tap' + v3['name'])
    assert neigh_mac(h, 'vm3', gw_ip) == me, 'vm3 ignores the poisoning reply: the test above proves nothing'
    netns_run(ns(h, 'vm3'), ['ip', 'neigh', 'del', gw_ip, 'dev', 'eth0'], check=True)
    assert_ping(ns(h, 'vm3'), vm(h, 'vm5')['ip'], 'after restoring the cache')
    assert neigh_mac(h, 'vm3', gw_ip) == gw_mac


# ---- (4) REST: writes need valid credentials ---------------------------------------------------------
def test_rest_rejects_writes_without_or_with_wrong_credentials(h):
    base = 'http://127.0.0.1:%d' % h.runtime.http_port
    rest = Rest(base)                                   # onos/rocks (admin)
    router, subnet = object_id(h, 'router', 't1r1'), object_id(h, 'subnet', 't1r1s2')
    tenant = next(c['body']['network']['tenant_id'] for c in h.cfg['calls'] if 'network' in c['body']
                  and not c['body']['network'].get('router:external'))
    new_net = {'network': {'id': 'sc-net-x', 'name': 'x', 'tenant_id': tenant,
                           'provider:network_type': 'vxlan', 'provider:segmentation_id': 4000}}
    writes = [
        ('POST', '/onos/dvr/v1/networks', new_net),
        ('PUT', '/onos/dvr/v1/routers/%s/remove_router_interface' % router, {'subnet_id': subnet}),
        ('PUT', '/onos/dvr/v1/routers/%s' % router, {'router': {'admin_state_up': False}}),
        ('DELETE', '/onos/dvr/v1/ports/%s' % object_id(h, 'port', 'vm2'), None),
        ('DELETE', '/onos/dvr/v1/floatingips/%s' % object_id(h, 'floatingip', 'fip1'), None),
        ('POST', '/onos/v1/network/configuration', {'apps': {}}),
        ('DELETE', '/onos/v1/network/configuration', None),
    ]
    state = dvr_state(rest)
    rules = {n['name']: sorted(f.cookie for f in switch_flows(h.node(n['name']).ovs)) for n in h.tb()['nodes']}
    callers = {'no credentials': Rest(base, None), 'wrong password': Rest(base, 'onos', 'wrong'),
               'unknown user': Rest(base, 'mallory', 'rocks'), 'empty password': Rest(base, 'onos', '')}
    answers = {(who, m, p): c.call(m, p, b)[0] for who, c in callers.items() for m, p, b in writes}
    answers.update({(who, 'GET', '/onos/dvr/v1/ports'): c.call('GET', '/onos/dvr/v1/ports')[0]
                    for who, c in callers.items()})
    assert {k: s for k, s in answers.items() if s != 401} == {}, 'expected 401 everywhere'
    # a tenant may write, but not admin-only attributes (403)
    status, _ = Rest(base, 'tenant', 'tenant').call('PUT', '/onos/dvr/v1/routers/%s' % router,
                                                    {'router': {'distributed': False}})
    assert status == 403
    time.sleep(1)
    assert dvr_state(rest) == state, 'a rejected write changed the state'
    assert {n: sorted(f.cookie for f in switch_flows(h.node(n).ovs)) for n in rules} == rules, \
        'a rejected write changed the rules'
    # the requests themselves were valid: with the admin's credentials the first one works (then undone)
    assert rest.call(*writes[0])[0] == 201
    assert rest.call('DELETE', '/onos/dvr/v1/networks/sc-net-x')[0] == 204
    assert dvr_state(rest) == state


# ---- (5) fault: a node disappears while a router change is in flight -----------------------------------
def exact_problems(h, nodes=None):
    """Per node: the switch holds exactly the compiled rule set (northbound `ok`, cookies == desired ids)."""
    out = []
    for n in h.tb()['nodes']:
        if nodes is None or n['name'] in nodes:
            rules = h.runtime.get('/onos/dvr/v1/devices/%s/rules' % n['deviceId'])
            out += rules_problems(n['name'], rules, switch_flows(h.node(n['name']).ovs), h.app_id)
    return out


def wait_exact(h, nodes=None, timeout=CONVERGE_SEC):
    _, took = wait_for(lambda: exact_problems(h, nodes) == [], timeout, interval=0.5)
    assert took is not None, 'not exactly the compiled rule set after %ds: %s' % (timeout, exact_problems(h, nodes))
    return took


def objects(h):
    """Every DVR object of the northbound except the SNAT gateway assignments: those legitimately move when the
    dying node is the primary of a router (n1 and n2 are gateways too) and stay sticky after it returns."""
    state = dvr_state(h.runtime)
    gateways = state.pop('gateways')
    assert {g['router_id'] for g in gateways} == {r['id'] for r in state['routers']}, gateways
    return state


def connected(h, node):
    dev = next(n['deviceId'] for n in h.tb()['nodes'] if n['name'] == node)
    return h.runtime.get('/onos/dvr/v1/nodes/%s' % dev)['node'].get('connected')


def _change_while_node_dies(h, node, change):
    """Run `change` (REST) in a thread and SIGKILL the node's vswitchd while it is in flight; the node stays down
    until the change is stored and the other nodes converged, then comes back."""
    done = []
    t = threading.Thread(target=lambda: done.append(change()))
    t.start()
    h.net.kill_vswitchd(node)
    t.join(60)
    assert done, 'the REST change did not complete while %s was down' % node
    wait_for(lambda: not connected(h, node), 15)
    assert not connected(h, node), 'the runtime still thinks %s is connected' % node
    others = [n['name'] for n in h.tb()['nodes'] if n['name'] != node]
    wait_exact(h, others)      # the rest of the system is not held up by the missing node
    h.net.start_vswitchd(node)
    took = wait_exact(h)
    print('\n%s back: every node holds exactly its compiled rule set after %.1f s' % (node, took))


def test_node_down_while_a_router_interface_is_added(h):
    router, subnet = object_id(h, 'router', 't1r1'), object_id(h, 'subnet', 't1r1s2')
    before = objects(h)
    path = '/onos/dvr/v1/routers/%s/' % router
    h.runtime.rest('PUT', path + 'remove_router_interface', {'subnet_id': subnet})
    wait_exact(h)
    ok, _ = ping_ok(ns(h, 'vm1'), vm(h, 'vm4')['ip'], count=2, tries=1)
    assert not ok, 'routed to t1r1s2 without its router interface'
    # n2 hosts vm4 and vm6 of the subnet being attached: it dies while the interface is added
    _change_while_node_dies(h, 'n2', lambda: h.runtime.rest('PUT', path + 'add_router_interface',
                                                            {'subnet_id': subnet}))
    # nothing lost, and the interface got its MAC back (router MACs are derived from the owner)
    assert objects(h) == before, 'state lost'
    out = assert_ping(ns(h, 'vm1'), vm(h, 'vm4')['ip'], 'n1 -> n2 routed, after n2 came back')
    assert set(ttls(out)) == {63}, out
    assert_ping(ns(h, 'vm2'), vm(h, 'vm6')['ip'], 'routed on n2 itself')
    assert_ping(ns(h, 'vm4'), ext_host(h)['ip'], 'SNAT from the re-attached subnet')


def test_node_down_while_a_floating_ip_is_added(h):
    call = next(c for c in h.cfg['calls'] if c['path'].endswith('/floatingips')
                and c['body']['floatingip']['floating_ip_address'] == fip_of(h, 'vm1'))
    fid = call['body']['floatingip']['id']
    before = objects(h)
    h.runtime.rest('DELETE', '/onos/dvr/v1/floatingips/%s' % fid)
    wait_exact(h)
    # vm1's node serves its floating IP (distributed router): it dies while the FIP is created
    _change_while_node_dies(h, vm(h, 'vm1')['node'],
                            lambda: h.runtime.rest(call['method'], call['path'], call['body']))
    assert objects(h) == before, 'state lost'
    fip, ext = fip_of(h, 'vm1'), ext_host(h)
    assert_ping(ns(h, 'ext1'), fip, 'external host -> floating IP after its node came back')
    cap = Capture(ns(h, 'ext1'), 'eth0', 'icmp')
    assert_ping(ns(h, 'vm1'), ext['ip'])
    requests = [f for f in decode(cap.stop()) if f.icmp_type == 8 and f.ip_dst == ext['ip']]
    assert requests and {f.ip_src for f in requests} == {fip}, 'vm1 leaves with its floating IP: %r' % requests
