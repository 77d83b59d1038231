"""The real runtime (Karaf distribution) programming a testbed: exact rule sets, faults, convergence times.

One two-node testbed (c1 compute with 2 VMs, g1 gateway; 1 router, 2 subnets, 1 floating IP; prefix `cv`,
management 198.19.60.0/24, OpenFlow on 198.19.60.1:6853) and one private Karaf copy (/tmp/cv-karaf, HTTP 8381,
SSH 8301, RMI 11299/44644) are shared by the module. Each test leaves the system converged to the reference
rule set again. Times are printed and written to /tmp/cv-measurements.json (docs/reliability.md).

"Exact" means, per node: the switch's rules with our cookie (high 16 bits = the app id) are the controller's
FlowRuleService entries of our app (same cookies and tables, all ADDED) and are, rule for rule (cookie, table,
priority, match, actions), the reference set taken at first convergence; with the northbound's
`GET /onos/dvr/v1/devices/{id}/rules` (when it exists) also the compiled rule ids.
"""

import calendar
import json
import os
import re
import shutil
import threading
import time

import pytest

from conftest import IS_ROOT
from dvrruntime import (APP_NAME, Karaf, apply_config, compare, controller_flows, dvr_state, flow_key, ours,
                        per_table, rules_problems, switch_flows, wait_for)
from dvrtestbed.config import APP, CONFIG_KEY
from dvrtestbed.generator import TopoParams, generate
from dvrtestbed.network import DvrNet
from dvrtestbed import cleanup as cleanup_mod

PREFIX = 'cv'
MGMT_CIDR = '198.19.60.0/24'
CONTROLLER = ('198.19.60.1', 6853)
KARAF_HOME = '/tmp/cv-karaf'
HTTP, SSH, RMI_REGISTRY, RMI_SERVER = 8381, 8301, 11299, 44644
AUDIT_SEC = 10          # DvrReconciler auditPeriodSec default
POLL_SEC = 5            # OpenFlowRuleManager pollIntervalSec default
MEASUREMENTS = '/tmp/cv-measurements.json'
TABLES = range(9)       # classifier .. tunnel_out (docs/design.md)

_why_not = None if IS_ROOT else 'builds network namespaces and runs OVS: needs root'
_why_not = _why_not or Karaf.available()
pytestmark = pytest.mark.skipif(_why_not is not None, reason=_why_not or '')


def _topology():
    return generate(TopoParams(name='conv', computes=1, gateways=1, tenants=1, routers_per_tenant=1,
                               subnets_per_router=2, vms_per_subnet=1, floating_ips=1, external_hosts=1))


class Runtime:
    """What the tests share: testbed, runtime, app id, the reference rule set per node, measurements."""

    def __init__(self, net, karaf):
        self.net = net
        self.karaf = karaf
        self.rest = karaf.rest
        self.app_id = None
        self.reference = {}       # node name -> set of flow_key
        self.measured = {}

    @property
    def nodes(self):
        return {n.name: n.device_id for n in self.net.topo.nodes}

    def record(self, what, value):
        self.measured.setdefault(what, []).append(round(value, 3))
        print('\n[measure] %s: %.3f s' % (what, value))

    def switch(self, name):
        return switch_flows(self.net.node(name).ovs)

    def matches_reference(self, names=None):
        """Fast check (switch only): every node holds exactly its reference set of our rules."""
        for name in names or self.nodes:
            keys = {flow_key(f) for f in ours(self.switch(name), self.app_id)}
            if keys == self.reference[name]:
                continue
            # the desired set may change legitimately (e.g. the gateway learns the upstream router's MAC by ARP
            # and its ext_out rules change): accept the switch's set as the new reference only when it is exactly
            # the compiled set (same ids as the northbound's desired rules, reconciler diff empty)
            rules = self.device_rules(self.nodes[name])
            desired = None if rules is None else {int(e['id'], 16) for e in rules['desired']}
            if rules is not None and rules['ok'] and {k[0] for k in keys} == desired and len(keys) == len(desired):
                print('\n%s: reference updated to the compiled set (%d rules, was %d)'
                      % (name, len(keys), len(self.reference[name])))
                self.reference[name] = keys
                continue
            return False
        return True

    def device_rules(self, device_id):
        """`GET /onos/dvr/v1/devices/{id}/rules` (the reconciler's desired and installed rules), or None when the
        northbound does not have it."""
        status, answer = self.rest.call('GET', '/onos/dvr/v1/devices/%s/rules' % device_id)
        if status == 404 and not (isinstance(answer, dict) and 'desired' in answer):
            return None
        assert status == 200, (status, answer)
        return answer

    def problems(self, reference=True):
        """Full check: switch vs controller vs reference, and vs the compiled rules (northbound) if available."""
        out = []
        controller = None
        if reference:
            self.matches_reference()    # follow a legitimate change of the desired set first (see there)
        for name, device in self.nodes.items():
            rules = self.device_rules(device)
            ref = self.reference[name] if reference else None
            if rules is not None:
                out += rules_problems(name, rules, self.switch(name), self.app_id, reference=ref)
                continue
            if controller is None:
                controller = controller_flows(self.karaf)       # console: the FlowRuleService entries
            out += compare(name, self.switch(name), controller.get(device, []), self.app_id, reference=ref)
        return out

    def wait_reference(self, timeout, names=None):
        """Seconds until every node holds its reference set again (switch view), then the full check."""
        _, took = wait_for(lambda: self.matches_reference(names), timeout, interval=0.1)
        assert took is not None, 'not converged after %ss: %s' % (timeout, self.problems())
        return took


@pytest.fixture(scope='module')
def rt():
    cleanup_mod.sweep(PREFIX)    # leftovers of an earlier run killed with -9 (our prefix only)
    net = DvrNet(_topology(), prefix=PREFIX, controller=CONTROLLER, mgmt_cidr=MGMT_CIDR)
    karaf = Karaf(KARAF_HOME, HTTP, SSH, RMI_REGISTRY, RMI_SERVER, '%s:%d' % CONTROLLER)
    r = Runtime(net, karaf)
    try:
        net.start()
        karaf.copy()
        # a first boot that stalls is killed and retried once by the start script itself
        karaf.start(clean=True, timeout=240)
        r.app_id = r.rest.app_id()
        apply_config(r.rest, net.config())
        # reference = the rule set once it is stable (no change for 3 s) and equal to the controller's view
        last, stable_since, deadline = None, time.monotonic(), time.monotonic() + 60
        while time.monotonic() < deadline:
            now = {n: frozenset(flow_key(f) for f in ours(r.switch(n), r.app_id)) for n in r.nodes}
            if now != last:
                last, stable_since = now, time.monotonic()
            elif time.monotonic() - stable_since >= 3 and all(now.values()):
                break
            time.sleep(0.2)
        r.reference = {n: set(v) for n, v in last.items()}
        yield r
    finally:
        try:
            if r.measured:
                with open(MEASUREMENTS, 'w') as f:
                    json.dump(r.measured, f, indent=1, sort_keys=True)
        finally:
            karaf.stop_quietly()
            if os.path.exists(karaf.log_file):
                shutil.copy(karaf.log_file, '/tmp/cv-karaf-last.log')
            shutil.rmtree(KARAF_HOME, ignore_errors=True)
            net.stop()


def _since(karaf, pattern, start_line):
    return karaf.log_lines(pattern)[start_line:]


def test_initial_rule_sets_are_exactly_the_controllers(rt):
    assert rt.problems() == []

    def views():
        # the switch and the controller are read one after the other: read again while a legitimate change
        # (e.g. the gateway learning the upstream MAC) lands between the two reads
        controller = controller_flows(rt.karaf)
        out = {}
        for name, device in rt.nodes.items():
            sw = ours(rt.switch(name), rt.app_id)
            ctl = [c for c in controller[device] if c.app == APP_NAME]
            out[name] = (sw, ctl)
        return out if all(per_table(sw) == per_table(ctl) for sw, ctl in out.values()) else None

    found, _ = wait_for(views, 15, interval=1)
    assert found is not None, 'switch and controller per-table counts never agreed'
    for name, (sw, ctl) in found.items():
        print('\n%s (%s): %d rules, per table %s' % (name, rt.nodes[name], len(sw), per_table(sw)))
        assert set(per_table(sw)) == set(TABLES), 'every pipeline table has rules (at least its miss rule)'
    # the gateway has the external side (floating IP ARP/DNAT, SNAT), the compute node the VM ports
    assert any('in_port=200' in f.match for f in ours(rt.switch('g1'), rt.app_id))
    assert not any('in_port=200' in f.match for f in ours(rt.switch('c1'), rt.app_id))


def test_comparison_reports_a_rule_added_by_hand_and_the_runtime_removes_ours_keeps_foreign(rt):
    ovs = rt.net.node('c1').ovs
    our_cookie = (rt.app_id << 48) | 0xc0ffee
    foreign_cookie = 0x7e57000000c0ffee
    ovs.add_flows(['cookie=%#x,table=7,priority=1,dl_dst=02:00:00:00:00:01,actions=drop' % our_cookie,
                   'cookie=%#x,table=7,priority=1,dl_dst=02:00:00:00:00:02,actions=drop' % foreign_cookie])
    t0 = time.monotonic()
    problems = compare('c1', rt.switch('c1'), [], rt.app_id, reference=rt.reference['c1'])
    assert any('1 extra' in p and str(our_cookie) in p for p in problems), problems
    # ours: imported by the flow-stats poll as extraneous, removed by the next audit
    rt.wait_reference(POLL_SEC + AUDIT_SEC + 10, ['c1'])
    rt.record('remove hand-added rule with our cookie', time.monotonic() - t0)
    assert rt.problems() == []
    # foreign: left alone (the runtime only manages cookies of its applications), even after a full audit
    time.sleep(AUDIT_SEC + 1)
    foreign = [f for f in rt.switch('c1') if f.cookie == foreign_cookie]
    assert len(foreign) == 1 and foreign[0].actions == 'drop'
    ovs.ofctl('del-flows', 'cookie=%#x/-1' % foreign_cookie)
    assert rt.problems() == []


@pytest.mark.parametrize('node', ['c1', 'g1'])
def test_del_flows_behind_the_controllers_back_is_repaired(rt, node):
    ovs = rt.net.node(node).ovs
    time.sleep(1.5)     # so that rules installed before the delete are visibly older than the repaired ones
    t0 = time.monotonic()
    ovs.ofctl('del-flows')
    # our rules carry send_flow_rem: OVS reports each deletion (FLOW_REMOVED), the reconciler re-adds at once;
    # the flow-stats poll (POLL_SEC) is the fallback when no FLOW_REMOVED arrives
    took = rt.wait_reference(POLL_SEC + AUDIT_SEC + 10, [node])
    elapsed = time.monotonic() - t0
    rt.record('repair after del-flows', took)
    ages = [float(m) for m in re.findall(r'duration=([0-9.]+)s', ovs.ofctl('dump-flows'))]
    assert ages and max(ages) <= elapsed + 0.5, 'every rule was deleted and re-installed (ages %s)' % ages[:5]
    assert took <= POLL_SEC + AUDIT_SEC + 5
    assert rt.problems() == []


def _connected_at(rundir, after_line):
    """Wall-clock time (s) of the first 'connected' to the controller in ovs-vswitchd.log after a line index."""
    with open(os.path.join(rundir, 'ovs-vswitchd.log')) as f:
        lines = f.read().splitlines()[after_line:]
    for line in lines:
        if re.search(r'rconn\|INFO\|br-int<->tcp:.*: connected', line):
            stamp = line.split('|')[0]
            return calendar.timegm(time.strptime(stamp[:19], '%Y-%m-%dT%H:%M:%S')) + float('0.' + stamp[20:23])
    return None


@pytest.mark.parametrize('node', ['g1', 'c1'])
def test_ovs_restart_reconnects_and_gets_its_full_rule_set(rt, node):
    sw = rt.net.node(node)
    with open(os.path.join(sw.ovs.rundir, 'ovs-vswitchd.log')) as f:
        log_mark = len(f.read().splitlines())
    ports_before = sw.ovs.vsctl('--columns=name,ofport', 'list', 'interface')
    old_pid = sw.ovs.pids()[0]
    t_start = time.time()
    new_pid = rt.net.restart_vswitchd(node)
    assert new_pid != old_pid
    assert sw.ovs.vsctl('--columns=name,ofport', 'list', 'interface') == ports_before
    took = rt.wait_reference(30, [node])
    t_full = time.time()
    connected, _ = wait_for(lambda: _connected_at(sw.ovs.rundir, log_mark), 5)
    assert connected is not None
    rt.record('OVS reconnect (vswitchd start -> connected)', connected - t_start)
    rt.record('switch connect -> full rule set', t_full - connected)
    assert took < 30
    assert rt.problems() == []


def _netcfg(rt, **g1_changes):
    cfg = rt.net.config()['netcfg']
    nodes = cfg['apps'][APP][CONFIG_KEY]['nodes']
    for n in nodes:
        if n['deviceId'] == rt.nodes['g1']:
            n.update(g1_changes)
    return cfg


def test_rules_the_switch_rejects_are_logged_and_retried_without_a_busy_loop(rt):
    start = len(rt.karaf.log_lines(r'.'))
    # OVS accepts OpenFlow 1.3 port numbers up to 0xfeff only: 65300 cannot be matched nor output to
    rt.rest.ok('POST', '/onos/v1/network/configuration', _netcfg(rt, externalPort=65300))
    try:
        time.sleep(8)
        window = rt.karaf.log_lines(r'.')[start:]
        switch_errors = [x for x in window if 'FAILED: SwitchError' in x]
        retries = [x for x in window if re.search(r'operations failed on %s \(' % re.escape(rt.nodes['g1']), x)]
        print('\nin 8 s: %d rule errors, %d failed batches' % (len(switch_errors), len(retries)))
        assert switch_errors, 'the switch error is logged with the rule'
        assert 'BAD_MATCH' in switch_errors[0] or 'BAD_OUT_PORT' in switch_errors[0] or 'BAD' in switch_errors[0]
        assert 1 <= len(retries) <= 8, 'retries back off (was a busy loop: thousands per second)'
        assert rt.karaf.pid() is not None
        assert rt.rest.get('/onos/dvr/v1/nodes')['nodes']
        status, sync = rt.rest.call('GET', '/onos/dvr/v1/sync')
        if status == 200:     # the reconciler status on the northbound: g1 FAILED, with the reason
            g1 = [d for d in sync['devices'] if d['device_id'] == rt.nodes['g1']][0]
            print('g1 status: %s' % g1)
            assert g1['state'] == 'FAILED' and 'retry in' in (g1['last_error'] or ''), g1
        # the rest of g1's rules and all of c1's are still there
        assert rt.matches_reference(['c1'])
    finally:
        # back to a valid port (also when an assertion failed, so the next tests start from a sane state)
        rt.rest.ok('POST', '/onos/v1/network/configuration', _netcfg(rt))
    # converges to exactly the reference again (failed entries do not linger)
    rt.wait_reference(AUDIT_SEC + 30)
    _, took = wait_for(lambda: rt.problems() == [], AUDIT_SEC + 20, interval=1)
    assert took is not None, rt.problems()


def test_concurrent_rest_writes_leave_a_consistent_state(rt):
    before = dvr_state(rt.rest)
    vm = rt.net.topo.vms[0]
    net_id = rt.net.topo.network(rt.net.topo.subnet(vm.subnet).network).id
    subnet = rt.net.topo.subnet(vm.subnet)
    tenant = [c['body']['port']['tenant_id'] for c in rt.net.config()['calls'] if 'port' in c['body']][0]
    errors, results = [], {}

    def body(pid, i):
        return {'port': {'id': pid, 'network_id': net_id, 'tenant_id': tenant,
                         'mac_address': 'fa:16:3e:77:%02x:%02x' % (i // 256, i % 256),
                         'fixed_ips': [{'subnet_id': subnet.id, 'ip_address': '%s.%d' % (
                             subnet.cidr.rsplit('.', 1)[0], 100 + i)}],
                         'binding:profile': {'device_id': rt.nodes[vm.node], 'port_number': 40 + i}}}

    def worker(t):
        try:
            for k in range(6):
                i = t * 6 + k
                pid = 'cv-port-%d' % i
                s, a = rt.rest.call('POST', '/onos/dvr/v1/ports', body(pid, i))
                results[(pid, 'create')] = s
                if k % 2 == 0:
                    results[(pid, 'delete')] = rt.rest.call('DELETE', '/onos/dvr/v1/ports/' + pid)[0]
            # everyone races for the same id: exactly one wins
            results[('race', t)] = rt.rest.call('POST', '/onos/dvr/v1/ports', body('cv-port-race', 99))[0]
        except Exception as e:   # reported below
            errors.append(repr(e))

    threads = [threading.Thread(target=worker, args=(t,)) for t in range(4)]
    for th in threads:
        th.start()
    for th in threads:
        th.join(120)
    assert errors == []
    assert all(s == 201 for (p, what), s in results.items() if what == 'create'), results
    assert all(s == 204 for (p, what), s in results.items() if what == 'delete'), results
    races = sorted(s for (p, what), s in results.items() if p == 'race')
    assert races == [201, 409, 409, 409], races
    kept = {'cv-port-%d' % i for i in range(24) if i % 6 % 2 == 1} | {'cv-port-race'}
    ports = {p['id'] for p in rt.rest.get('/onos/dvr/v1/ports')['ports']}
    assert ports == {p['id'] for p in before['ports']} | kept
    # the switch follows: c1 now has rules for the new ports (l2 lookup to port 40+i), then none again
    kept_ports = {40 + i for i in range(24) if i % 6 % 2 == 1} | {40 + 99}
    deleted_ports = {40 + i for i in range(24)} - kept_ports

    def outputs():
        found = set()
        for f in ours(rt.switch(vm.node), rt.app_id):
            found |= {int(p) for p in re.findall(r'output:(\d+)', f.actions)}
        return found

    _, took = wait_for(lambda: kept_ports <= outputs(), 30)
    assert took is not None, 'rules for every kept port: %s' % sorted(kept_ports - outputs())
    assert not outputs() & deleted_ports, 'no rules for deleted ports'
    for pid in kept:
        assert rt.rest.call('DELETE', '/onos/dvr/v1/ports/' + pid)[0] == 204
    assert dvr_state(rt.rest) == before
    rt.wait_reference(30)
    assert rt.problems() == []


def test_runtime_restart_restores_state_from_disk_and_reconverges(rt):
    before = dvr_state(rt.rest)
    assert before['routers'] and before['floatingips'] and before['ports']
    marks = {}
    for name in rt.nodes:
        with open(os.path.join(rt.net.node(name).ovs.rundir, 'ovs-vswitchd.log')) as f:
            marks[name] = len(f.read().splitlines())
    # watch the switches' rule counts during the whole restart
    lowest = {name: len(rt.reference[name]) for name in rt.nodes}
    watching = threading.Event()
    watching.set()

    def watch():
        while watching.is_set():
            for name in rt.nodes:
                try:
                    lowest[name] = min(lowest[name], len(ours(rt.switch(name), rt.app_id)))
                except Exception:   # a failed dump counts as "nothing seen"
                    lowest[name] = -1
            time.sleep(0.1)

    watcher = threading.Thread(target=watch, daemon=True)
    watcher.start()
    try:
        _restart_and_check(rt, before, marks, lowest)
    finally:
        watching.clear()
        watcher.join(10)


def _restart_and_check(rt, before, marks, lowest):
    t_stop = time.monotonic()
    rt.karaf.stop()
    assert rt.karaf.pid() is None
    t0_wall, t0 = time.time(), time.monotonic()
    rt.karaf.start(clean=False)
    up = time.monotonic() - t0
    rt.record('runtime start (no --clean) -> REST and features up', up)
    assert dvr_state(rt.rest) == before, 'networks, subnets, ports, routers, interfaces, FIPs, nodes restored'
    assert rt.rest.app_id() == rt.app_id, 'same app id, so the same cookies'
    rt.wait_reference(60)
    rt.record('runtime start -> every switch holds its full rule set', time.monotonic() - t0)
    for name in rt.nodes:
        connected, _ = wait_for(lambda: _connected_at(rt.net.node(name).ovs.rundir, marks[name]), 10)
        assert connected is not None
        rt.record('runtime start -> switch reconnected', connected - t0_wall)
    assert rt.problems() == []
    # the switches kept their rules while the controller was away (fail-mode secure) and the restarted runtime
    # never removed any (re-sent ADDs of identical rules replace them atomically in OVS): no data-plane gap
    assert lowest == {name: len(rt.reference[name]) for name in rt.nodes}, lowest
    for name in rt.nodes:
        ages = [float(m) for m in re.findall(r'duration=([0-9.]+)s', rt.net.node(name).ovs.ofctl('dump-flows'))]
        fresh = sum(a < time.monotonic() - t_stop for a in ages)
        print('\n%s: %d of %d rules re-sent after the restart' % (name, fresh, len(ages)))
