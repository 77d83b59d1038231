"""PACKET_IN floods end to end: a VM sending to unused addresses of the external subnet makes its SNAT gateway
punt (`ext_out`), and the switches themselves cap what reaches the controller (the runtime gives every br-int
controller `controller_rate_limit` / `controller_burst_limit` over OVSDB: PacketInLimitManager). Real packets
through real OVS (userspace) programmed by the onos-dvr runtime; docs/reliability.md "Packet-in floods".

One runtime (private copy of the Karaf assembly: HTTP 9081, SSH 9001, RMI 12099/45444, OpenFlow 198.19.110.1:7453,
OVSDB 7440) and one testbed (prefix `rl`, management 198.19.110.0/24) are shared by the module: compute node c1
and node n1 (compute + gateway with the external port, so the SNAT gateway of the router); one tenant, one
distributed router with SNAT, one subnet with vm1, vm3 on c1 and vm2, vm4 on n1; external hosts ext1 (the
upstream router) and ext2 (another host on the external subnet, never contacted before the flood).

Each flood is counted by the runtime (`GET /onos/dvr/v1/stats`: PACKET_INs per device) and compared with the
same flood while the limit is off (`packetInRateLimit` = 0), so the limit is shown to be what bounds it. During a
longer flood the packet-ins the DVR needs still work: next-hop resolution (SNAT to ext2: the first packets are
punted, the runtime probes ext2, its ARP reply on the external port is punted), a new VM's host learning (its first
ARP is punted), the upstream router's MAC learning (its gratuitous ARP reply is punted); and what must not need the
controller keeps working (gateway ARP answered by the switch, SNAT to the known upstream router).

Needs root, the built assembly (`mvn -B -q verify -DskipTests`) and the tools of `./dvr setup`.
"""

import json
import os
import re
import shutil
import subprocess
import time

import pytest

from conftest import IS_ROOT  # noqa: F401  (conftest puts mininet-topos on sys.path)
from dvrruntime import wait_for
from dvrtestbed import cleanup as cleanup_mod
from dvrtestbed.generator import TopoParams, generate
from dvrtestbed.model import Vm
from scenarios.harness import ASSEMBLY, Harness, flow_packets, interface_mac, object_id
from scenarios.traffic import (ARP_REPLY, BROADCAST, arp_frame, arping, assert_ping, flood, flood_command,
                               netns_run, ping_ok, send_frames, udp_frame)

pytestmark = [
    pytest.mark.skipif(not IS_ROOT, reason='end-to-end flood checks need root (namespaces, OVS)'),
    pytest.mark.skipif(not os.path.isfile(os.path.join(ASSEMBLY, 'bin', 'karaf')),
                       reason='no Karaf assembly: run mvn -B -q verify -DskipTests first'),
]

PREFIX = 'rl'
TOPO = TopoParams(name='flood', computes=1, gateways=0, both=1, tenants=1, routers_per_tenant=1,
                  subnets_per_router=1, vms_per_subnet=4, floating_ips=0, external_hosts=2)
LIMITER = 'org.onosdvr.ovsdb.ratelimit.PacketInLimitManager'
RATE, BURST = 100, 25                    # the defaults of PacketInLimitManager
FLOOD, FLOOD_PPS = 2000, 5000            # the measured flood
UNUSED = ['203.0.113.%d' % i for i in range(150, 200)]     # nobody has these addresses
KARAF_LAST_LOG = '/tmp/rl-karaf-last.log'
MEASUREMENTS = '/tmp/rl-measurements.json'
SETTLE = 2.0     # seconds after a flood: the switch's queue drains at the rate, the runtime counts


@pytest.fixture(scope='module')
def h():
    cleanup_mod.sweep(PREFIX)    # leftovers of an earlier run killed with -9 (our prefix only)
    harness = Harness(generate(TOPO), prefix=PREFIX, http_port=9081, ssh_port=9001, rmi_registry_port=12099,
                      rmi_server_port=45444, of_port=7453, mgmt_cidr='198.19.110.0/24')
    harness.measured = {}
    procs = []
    harness.background = procs
    try:
        with harness:
            yield harness
    finally:   # a background flood of an interrupted test; the stopped runtime's copy: keep its log only
        for p in procs:
            if p.poll() is None:
                p.kill()
                p.wait()
        if os.path.exists(harness.runtime.karaf_log):
            shutil.copy(harness.runtime.karaf_log, KARAF_LAST_LOG)
        shutil.rmtree(harness.runtime.home, ignore_errors=True)
        with open(MEASUREMENTS, 'w') as f:
            json.dump(harness.measured, f, indent=2, sort_keys=True)


def vm(h, name):
    return h.vm_info(name)


def ns(h, name):
    return h.net.ns(name)


def ext_host(h, index=0):
    return h.tb()['externalHosts'][index]


def device(h, node):
    return next(n['deviceId'] for n in h.tb()['nodes'] if n['name'] == node)


def packet_ins(h, node):
    """PACKET_INs the runtime received from a node's switch since it started (GET /stats)."""
    doc = h.runtime.get('/onos/dvr/v1/stats?device=' + device(h, node))
    return doc['devices'][0]['packet_in']


def switch_limits(h, node):
    """(controller_rate_limit, controller_burst_limit) of every Controller row of a node's database, as text."""
    out = h.node(node).ovs.vsctl('--columns=controller_rate_limit,controller_burst_limit', '--format=csv',
                                 '--no-headings', 'list', 'Controller')
    return sorted(tuple(line.split(',')) for line in out.split())


def set_limit(h, rate, burst=BURST):
    """Component configuration through onos-rest, as an operator would (`cfg set` on the console does the same);
    waits until every switch's controller has it."""
    h.runtime.rest('POST', '/onos/v1/configuration/' + LIMITER,
                   {'packetInRateLimit': str(rate), 'packetInBurstLimit': str(burst)})
    want = ('[]', '[]') if rate == 0 else (str(rate), str(burst))
    _, took = wait_for(lambda: all(switch_limits(h, n['name']) == [want] for n in h.tb()['nodes']), 15)
    assert took is not None, 'limits on the switches: %s' % {n['name']: switch_limits(h, n['name'])
                                                             for n in h.tb()['nodes']}
    return took


def flood_frames(h, sender):
    """UDP frames from a VM (its own MAC and IP: they pass anti-spoofing) to the unused external addresses, routed
    (to its gateway's MAC): SNAT on n1, then `ext_out` punts each one (unknown on-link host)."""
    v = vm(h, sender)
    gw = interface_mac(h, 't1r1', 't1r1s1')
    return [udp_frame(v['mac'], gw, v['ip'], ip, b'rl-flood', dport=9) for ip in UNUSED]


def punted(h):
    """Packets n1's `ext_out` rule for unknown on-link hosts sent to the controller (its n_packets)."""
    return flow_packets(h, 'n1', r'nw_dst=203\.0\.113\.0/24 actions=CONTROLLER')


def measure_flood(h, sender):
    """(packet-ins on n1, seconds the sender took, packets that hit the punting rule) for one flood."""
    before, hits = packet_ins(h, 'n1'), punted(h)
    secs = flood(ns(h, sender), flood_frames(h, sender), FLOOD, FLOOD_PPS)
    time.sleep(SETTLE)
    wait_for(lambda: punted(h) - hits >= FLOOD, 3, interval=0.5)   # OVS folds in the stats about once a second
    return packet_ins(h, 'n1') - before, secs, punted(h) - hits


def bound(secs, extra=10):
    """At most: the burst at once, the burst queued, the rate for the time of the flood plus one second (packets
    still in the switch's upcall path when the sender stops); `extra` for legitimate packet-ins in the same window
    (probe replies)."""
    return 2 * BURST + int(RATE * (secs + 1)) + extra


# ---- the limit is on every switch -------------------------------------------------------------------------
def test_every_switch_controller_gets_the_limit(h):
    for n in h.tb()['nodes']:
        assert switch_limits(h, n['name']) == [(str(RATE), str(BURST))], n['name']
    doc = h.runtime.get('/onos/v1/configuration/' + LIMITER)
    print('\n%s: %s' % (LIMITER, json.dumps(doc)))


# ---- a flood to unused external addresses: bounded by the switch, unbounded without the limit ----------------
@pytest.mark.parametrize('sender', ['vm2', 'vm1'], ids=['local-port', 'via-tunnel'])
def test_flood_to_unused_external_addresses_is_bounded_by_the_switch(h, sender):
    limited, secs, hits = measure_flood(h, sender)
    took_off = set_limit(h, 0)
    try:
        unlimited, secs0, hits0 = measure_flood(h, sender)
    finally:
        took_on = set_limit(h, RATE)
    where = 'from %s (%s, on %s)' % (sender, 'n1\'s VM port' if vm(h, sender)['node'] == 'n1' else 'via the tunnel',
                                     vm(h, sender)['node'])
    print('\n%d packets at %d/s %s to %d unused external addresses:\n'
          '  limit %d/s burst %d: %d PACKET_INs on n1 (sent in %.2f s, %d punted by ext_out; bound %d)\n'
          '  no limit:           %d PACKET_INs on n1 (sent in %.2f s, %d punted)\n'
          '  limit off on every switch in %.2f s, on again in %.2f s'
          % (FLOOD, FLOOD_PPS, where, len(UNUSED), RATE, BURST, limited, secs, hits, bound(secs), unlimited, secs0,
             hits0, took_off, took_on))
    h.measured['flood_' + sender] = {'packets': FLOOD, 'pps': FLOOD_PPS, 'limited': limited, 'secs': secs,
                                     'punted': hits, 'bound': bound(secs), 'unlimited': unlimited,
                                     'secs_unlimited': secs0, 'punted_unlimited': hits0,
                                     'limit_off_s': took_off, 'limit_on_s': took_on}
    # the userspace datapath may lose part of a fast flood before any rule (its receive queue; more of it without
    # the limit, when ovs-vswitchd's main thread also sends every PACKET_IN): what counts is what the punting rule
    # sent towards the controller
    assert hits >= FLOOD / 2, 'the flood did not reach the punting rule: %d' % hits
    assert limited <= bound(secs), 'with the limit: %d PACKET_INs > %d' % (limited, bound(secs))
    assert unlimited >= hits0 * 0.9 and unlimited > bound(secs), \
        'without the limit every punted packet should reach the controller: %d of %d' % (unlimited, hits0)


# ---- during a flood: what needs the controller still works, what does not need it is unaffected -------------
def new_vm(h):
    """A VM port created through REST without a location, plugged into n1 (port 60): the runtime learns where it
    is from its first ARP (PUNT), then installs its rules."""
    v4 = vm(h, 'vm4')
    subnet = object_id(h, 'subnet', v4['subnet'])
    network = next(c['body']['subnet']['network_id'] for c in h.cfg['calls']
                   if 'subnet' in c['body'] and c['body']['subnet']['id'] == subnet)
    tenant = next(c['body']['port']['tenant_id'] for c in h.cfg['calls'] if 'port' in c['body'])
    model = Vm(name='vmnew', node='n1', subnet=v4['subnet'], ip=re.sub(r'\d+$', '50', v4['ip']),
               mac='fa:16:3e:00:99:01', port_id='rl-port-vmnew', ofport=60)
    h.runtime.rest('POST', '/onos/dvr/v1/ports', {'port': {
        'id': model.port_id, 'name': model.name, 'network_id': network, 'tenant_id': tenant,
        'mac_address': model.mac, 'fixed_ips': [{'subnet_id': subnet, 'ip_address': model.ip}],
        'device_owner': 'compute:nova', 'binding:profile': {}}})
    h.net.add_vm(model)
    return model


def port_location(h, port_id):
    return h.runtime.get('/onos/dvr/v1/ports/' + port_id)['port'].get('binding:profile') or {}


def test_legitimate_packet_ins_get_through_during_a_flood(h):
    ext, v1, v4 = ext_host(h), vm(h, 'vm1'), vm(h, 'vm4')
    assert_ping(ns(h, 'vm4'), ext['ip'], 'SNAT before the flood')
    count, pps = 60000, 2000          # up to 30 s of flood from vm2 (n1's VM port); stopped after the checks
    proc = subprocess.Popen(flood_command(ns(h, 'vm2'), flood_frames(h, 'vm2'), count, pps),
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, universal_newlines=True)
    h.background.append(proc)
    t0, before = time.time(), packet_ins(h, 'n1')
    try:
        wait_for(lambda: packet_ins(h, 'n1') - before >= BURST, 5)
        assert packet_ins(h, 'n1') - before >= BURST, 'the flood does not reach n1\'s controller'

        # no controller needed: the gateway answers ARP in the switch, SNAT goes to the known upstream router
        for name in ('vm4', 'vm1'):
            netns_run(ns(h, name), ['ip', 'neigh', 'flush', 'dev', 'eth0'])
            got, out = arping(ns(h, name), vm(h, name)['gateway'])
            assert got == 3, 'gateway ARP from %s during the flood:\n%s' % (name, out)
            assert_ping(ns(h, name), ext['ip'], 'SNAT from %s during the flood' % name)

        # next-hop resolution: ext2 was never contacted; SNAT to it from vm4 (same node as the flood) needs the
        # punted packets (the runtime then probes ext2) and ext2's ARP reply (punted on the external port)
        ext2 = ext_host(h, 1)
        assert 'nw_dst=%s ' % ext2['ip'] not in h.dump_flows('n1'), 'ext2 is already a known neighbor'
        t_res = time.time()
        _, took = wait_for(lambda: ping_ok(ns(h, 'vm4'), ext2['ip'], count=1, tries=1)[0], 20, interval=0.1)
        resolved = time.time() - t_res
        assert took is not None, 'SNAT to ext2 (next hop unknown) did not work during the flood'

        # host learning: a new VM on the flooded node is found from its first ARP (punted) and routed
        model = new_vm(h)
        t_learn = time.time()
        _, took = wait_for(lambda: ping_ok(ns(h, 'vmnew'), ext['ip'], count=1, tries=1)[0], 20, interval=0.1)
        learned = time.time() - t_learn
        assert took is not None, 'the new VM was not learned and routed during the flood'
        loc = port_location(h, model.port_id)
        assert loc.get('device_id') == device(h, 'n1') and loc.get('port_number') == 60, loc

        # upstream MAC learning: the upstream router gets a new MAC and announces it (gratuitous ARP reply on the
        # external port, punted); SNAT follows it
        new_mac = '02:cb:00:71:00:aa'
        assert new_mac not in h.dump_flows('n1')
        netns_run(ns(h, 'ext1'), ['ip', 'link', 'set', 'eth0', 'address', new_mac], check=True)
        t_mac = time.time()
        send_frames(ns(h, 'ext1'), [arp_frame(ARP_REPLY, new_mac, BROADCAST, new_mac, ext['ip'], BROADCAST,
                                              ext['ip'])])
        _, took = wait_for(lambda: ping_ok(ns(h, 'vm1'), ext['ip'], count=1, tries=1)[0], 20, interval=0.1)
        relearned = time.time() - t_mac
        assert took is not None, 'SNAT did not follow the upstream router\'s new MAC during the flood'
        assert re.search(r'set_field:%s->eth_dst' % new_mac, h.dump_flows('n1')), 'ext_out has not the new MAC'
        still_running = proc.poll() is None
    finally:
        if proc.poll() is None:
            proc.kill()
        out, _ = proc.communicate()
    elapsed = time.time() - t0
    time.sleep(SETTLE)
    during = packet_ins(h, 'n1') - before
    print('\nflood at %d/s from vm2 for %.1f s: %d PACKET_INs on n1 (bound %d); gateway ARP and SNAT'
          ' from vm4 (n1) and vm1 (c1) worked; SNAT to ext2 (next hop resolved) in %.2f s; a new VM on n1 learned'
          ' and routed in %.2f s; SNAT followed the upstream router\'s new MAC in %.2f s'
          % (pps, elapsed, during, bound(elapsed, 40), resolved, learned, relearned))
    h.measured['legit_during_flood'] = {'flood_s': elapsed, 'packet_ins': during, 'bound': bound(elapsed, 40),
                                        'next_hop_resolved_s': resolved, 'new_vm_learned_s': learned,
                                        'upstream_mac_relearned_s': relearned}
    assert still_running, 'the flood ended before the checks: %s' % out
    assert during <= bound(elapsed, 40), '%d PACKET_INs during the flood' % during
