"""SNAT gateway failover on a running harness (scenarios/harness.py): read what the controller and the switches
say (assignment, BFD sessions, fast-failover groups, counters, conntrack), inject gateway faults, and measure
what a VM's SNAT traffic sees. Used by tests/test_failover.py and perf/failover.py.

Faults, on a gateway node's ovs-vswitchd (its ovsdb-server keeps running):
- `kill`: SIGKILL, a crash. The kernel closes its sockets, so the controller sees the OpenFlow connection drop
  at once, and BFD peers stop hearing from it.
- `hang`: SIGSTOP, a switch that stops without closing anything (as a powered-off or cut-off node looks to
  the others): BFD peers notice after 3 missed packets, the controller only by its OpenFlow echo timeout.

Times are CLOCK_MONOTONIC (the stream's clock) unless named `*_wall`.
"""

import calendar
import json
import os
import re
import signal
import time

from dvrtestbed.sysutil import read_pidfile

from scenarios.failover import TcpEchoStream, UdpEchoStream
from scenarios.harness import object_id

FAILOVER_COMPONENT = 'org.onosdvr.app.node.FailoverTunnelManager'
EXT_PORT = 200
TUNNEL_PORT = 100


def bfd_port_name(tunnel_ip):
    """Name of the failover port towards a peer (FailoverTunnel.portName): bfd-<peer IP as 8 hex digits>."""
    return 'bfd-' + ''.join('%02x' % int(o) for o in tunnel_ip.split('.'))


def parse_groups(dump):
    """`ovs-ofctl dump-groups` -> {group id: [{'watch_port': int|None, 'tun_dst': str|None, 'output': str}]}."""
    groups = {}
    for line in dump.splitlines():
        m = re.match(r'\s*group_id=(\d+),type=(\w+),(.*)$', line)
        if not m:
            continue
        buckets = []
        for b in m.group(3).split('bucket=')[1:]:
            watch = re.search(r'watch_port:(\d+)', b)
            dst = re.search(r'set_field:([\d.]+)->tun_dst', b)
            out = re.search(r'output:(\w+)', b)
            buckets.append({'watch_port': int(watch.group(1)) if watch else None,
                            'tun_dst': dst.group(1) if dst else None,
                            'output': out.group(1) if out else None})
        groups[int(m.group(1))] = buckets
    return groups


def parse_group_stats(dump):
    """`ovs-ofctl dump-group-stats` -> {group id: [packets of bucket 0, 1, ...]}."""
    stats = {}
    for line in dump.splitlines():
        m = re.match(r'\s*group_id=(\d+),', line)
        if m:
            stats[int(m.group(1))] = [int(n) for n in re.findall(r'bucket\d+:packet_count=(\d+)', line)]
    return stats


def _log_time(line):
    """Epoch seconds of an OVS log line (`2026-12-06T18:45:12.815Z|...`)."""
    stamp = line.split('|', 1)[0]
    base, _, frac = stamp.rstrip('Z').partition('.')
    return calendar.timegm(time.strptime(base, '%Y-%m-%dT%H:%M:%S')) + float('0.' + (frac or '0'))


class Gateways:
    """The failover view of one router of a harness: who is primary and hot backup, and what the switches do."""

    def __init__(self, h, router='t1r1', vm='vm1', ext_host='ext1'):
        self.h = h
        self.router_id = object_id(h, 'router', router)
        self.vm = h.vm_info(vm)
        self.ext = next(e for e in h.tb()['externalHosts'] if e['name'] == ext_host)
        self.nodes = {n['name']: n for n in h.tb()['nodes']}
        self.by_device = {n['deviceId']: n['name'] for n in h.tb()['nodes']}
        self.by_ip = {n['tunnelIp']: n['name'] for n in h.tb()['nodes']}
        self.gateways = [n for n, v in self.nodes.items() if v['role'] == 'gateway']
        self.computes = [n for n, v in self.nodes.items() if v['role'] == 'compute']
        self.router_ip = next(r['externalIp'] for r in h.tb()['routers'] if r['name'] == router)
        self.hung = set()

    # ---- the controller's view -------------------------------------------------------------------
    def assignment(self):
        """(primary node, [backup nodes]) of the router."""
        a = self.h.runtime.get('/onos/dvr/v1/routers/%s/gateway' % self.router_id)['gateway']
        return self.by_device[a['primary']], [self.by_device[d] for d in a['backups']]

    def nodes_state(self):
        """node -> (connected, rules in sync) from GET /onos/dvr/v1/nodes."""
        return {self.by_device[n['device_id']]: (bool(n.get('connected')), bool(n.get('rules', {}).get('in_sync')))
                for n in self.h.runtime.get('/onos/dvr/v1/nodes')['nodes']}

    def failover_tunnels(self):
        cfg = self.h.runtime.get('/onos/v1/configuration/' + FAILOVER_COMPONENT)[FAILOVER_COMPONENT]
        return cfg.get('failoverTunnels') == 'true'

    def set_failover_tunnels(self, enabled):
        """failoverTunnels of FailoverTunnelManager, as `cfg set` would (REST /onos/v1/configuration)."""
        self.h.runtime.rest('POST', '/onos/v1/configuration/' + FAILOVER_COMPONENT,
                            {'failoverTunnels': 'true' if enabled else 'false'})

    def rebalance(self):
        return self.h.runtime.rest('POST', '/onos/dvr/v1/gateways/rebalance')[1]

    # ---- the switches' view -------------------------------------------------------------------------
    def interfaces(self, node):
        """name -> {'ofport', 'bfd_status'} of a node's interfaces (ovs-vsctl, JSON)."""
        out = self.h.node(node).ovs.vsctl('--format=json', '--columns=name,ofport,bfd_status', 'list',
                                          'interface')
        doc = json.loads(out)
        found = {}
        for name, ofport, status in doc['data']:
            found[name] = {'ofport': ofport if isinstance(ofport, int) else None,
                           'bfd_status': dict(status[1]) if status[0] == 'map' else {}}
        return found

    def bfd(self, node):
        """peer node -> BFD state of the node's failover port towards it ('up', 'down', 'init', ...)."""
        states = {}
        for name, i in self.interfaces(node).items():
            for ip, peer in self.by_ip.items():
                if name == bfd_port_name(ip):
                    states[peer] = i['bfd_status'].get('state', 'none')
        return states

    def failover_port(self, node, peer):
        return self.interfaces(node)[bfd_port_name(self.nodes[peer]['tunnelIp'])]['ofport']

    def groups(self, node):
        return parse_groups(self.h.node(node).ovs.ofctl('dump-groups'))

    def group_stats(self, node):
        return parse_group_stats(self.h.node(node).ovs.ofctl('dump-group-stats'))

    def snat_group(self, node):
        """Buckets of the node's (only) SNAT failover group, None without one."""
        groups = self.groups(node)
        return next(iter(groups.values())) if groups else None

    def expected_buckets(self, node):
        """The SNAT group a compute node should hold for the current assignment: (watch port, tun_dst) of the
        primary, the hot backup (first backup; all gateways here are plain gateways), then the fallback."""
        primary, backups = self.assignment()
        want = []
        for gw in [primary] + backups[:1]:
            want.append((self.failover_port(node, gw), self.nodes[gw]['tunnelIp']))
        want.append((TUNNEL_PORT, self.nodes[primary]['tunnelIp']))
        return want

    def ext_tx(self, node):
        out = self.h.node(node).ovs.ofctl('dump-ports', str(EXT_PORT))
        return int(re.search(r'tx pkts=(\d+)', out).group(1))

    def conntrack(self, node):
        return self.h.node(node).ovs.appctl('dpctl/dump-conntrack').splitlines()

    def snat_entries(self, node, proto, dport):
        """Conntrack entries of a node for the VM's SNATed flows to the external host's port."""
        return [c for c in self.conntrack(node)
                if c.startswith(proto + ',') and 'src=%s,dst=%s' % (self.vm['ip'], self.ext['ip']) in c
                and 'dport=%d' % dport in c]

    def bfd_down_wall(self, node, peer, since_wall):
        """When (epoch) the node's vswitchd logged its BFD session towards the peer going down after a time."""
        port = bfd_port_name(self.nodes[peer]['tunnelIp'])
        with open(os.path.join(self.h.net.rundir(node), 'ovs-vswitchd.log')) as f:
            for line in f:
                if port + ': BFD state change: up->down' in line:
                    t = _log_time(line)
                    if t >= since_wall:
                        return t
        return None

    # ---- faults -------------------------------------------------------------------------------------
    def _pid(self, node):
        return read_pidfile(self.h.node(node).ovs.pidfile('ovs-vswitchd'))

    def fail(self, node, mode):
        if mode == 'kill':
            self.h.net.kill_vswitchd(node)
        elif mode == 'hang':
            os.kill(self._pid(node), signal.SIGSTOP)
            self.hung.add(node)
        else:
            raise ValueError(mode)

    def recover(self, node, mode):
        if mode == 'kill':
            self.h.net.start_vswitchd(node)
        else:
            os.kill(self._pid(node), signal.SIGCONT)
            self.hung.discard(node)

    def resume_all(self):
        """Lets every hung vswitchd go on (for teardown: a stopped process ignores SIGTERM)."""
        for node in list(self.hung):
            try:
                self.recover(node, 'hang')
            except (OSError, TypeError):
                pass

    # ---- waiting ------------------------------------------------------------------------------------
    def wait(self, cond, timeout, what, interval=0.1):
        """Polls cond() until true; returns the seconds it took."""
        start = time.monotonic()
        self.h.wait(cond, timeout, what, interval)
        return time.monotonic() - start

    def converged(self, bfd=True):
        """Every node connected and in sync; every compute node's SNAT group as the assignment says, and every
        BFD session up (if `bfd`); without failover tunnels: no bfd-* port, no group."""
        if not all(c and s for c, s in self.nodes_state().values()):
            return False
        for c in self.computes:
            if bfd:
                if set(self.bfd(c).values()) != {'up'}:
                    return False
                got = [(b['watch_port'], b['tun_dst']) for b in (self.snat_group(c) or [])]
                if got != self.expected_buckets(c):
                    return False
            elif self.bfd(c) or self.groups(c):
                return False
        return not bfd or all(set(self.bfd(g).values()) == {'up'} for g in self.gateways)

    def wait_converged(self, bfd=True, timeout=60):
        return self.wait(lambda: self.converged(bfd), timeout, 'failover state converged (bfd=%s)' % bfd,
                         interval=0.3)


# ---- measurements ----------------------------------------------------------------------------------------
def _streams(gw, tcp):
    ns = gw.h.net.ns
    udp = UdpEchoStream(ns(gw.vm['name']), ns(gw.ext['name']), gw.ext['ip'], interval_ms=5.0)
    conn = TcpEchoStream(ns(gw.vm['name']), ns(gw.ext['name']), gw.ext['ip'], interval_ms=20.0) if tcp else None
    return udp, conn


def _stream_summary(r, t0):
    gap = r.longest_gap(since=t0)
    before = [g for g, _, end in r.gaps() if end <= t0]     # the noise before the action
    return {'longest_gap_ms': None if gap is None else round(gap * 1000, 1),
            'baseline_gap_ms': round(max(before, default=0) * 1000, 1),
            'sent': r.sent, 'received': r.received, 'lost': r.lost,
            'echoes_after': len([e for e in r.echoes if e[2] > t0]),
            'last_echo_s': None if not r.echoes else round(r.echoes[-1][2] - t0, 3),
            'source_ports': sorted({p[1] for p in r.peers}), 'source_ips': sorted({p[0] for p in r.peers})}


def _wait_probing(gw, t0, until, timeout, probe):
    """Waits for until() (at most `timeout` s after t0), running probe = (delay, fn) once at t0 + delay (also if
    until() holds earlier). Returns the time until() held (None without until)."""
    pending = probe is not None
    t_until = None if until is not None else t0
    while True:
        now = time.monotonic()
        if pending and now >= t0 + probe[0]:
            probe[1]()
            pending = False
        if t_until is None:
            try:
                if until():
                    t_until = time.monotonic()
            except Exception:   # noqa: B902  (transient REST/OVS errors: retried until the deadline)
                pass
            if t_until is None and now > t0 + timeout:
                raise TimeoutError('timed out after %ds waiting for the change after the action' % timeout)
        if t_until is not None and not pending:
            return None if until is None else t_until
        time.sleep(0.05)


def measure(gw, action, settle=1.5, tail=2.0, until=None, timeout=30.0, tcp=False, probe=None):
    """Runs the UDP stream (and an established TCP connection if `tcp`), does `action()` after `settle` s,
    waits for `until()` (if given, at most `timeout` s; `probe` = (delay, fn) runs once meanwhile) and `tail`
    more seconds. Returns (summary, t0, t_until): the stream summary relative to the action (gaps ending after
    it), with `tcp` = the connection's summary, `survived` and `error`."""
    udp, conn = _streams(gw, tcp)
    with udp:
        if conn is not None:
            conn.__enter__()
        try:
            time.sleep(settle)
            t0 = udp.now()
            action()
            t_until = _wait_probing(gw, t0, until, timeout, probe)
            time.sleep(tail)
            r = udp.stop()
            rc = conn.stop() if conn is not None else None
        finally:
            if conn is not None:
                conn.__exit__(None, None, None)
    out = _stream_summary(r, t0)
    if rc is not None:
        out['tcp'] = dict(_stream_summary(rc, t0), survived=rc.error is None, error=rc.error)
    return out, t0, t_until


def failover(gw, mode, tcp=True, timeout=30.0):
    """Fails the router's primary gateway (`mode` kill or hang) under traffic and waits until the controller
    has moved the router. Returns a dict: the stream summary, `reassigned_s` (fault -> new assignment in
    REST), `bfd_down_ms` (fault -> the first compute node's BFD session towards it down, from its log), the
    backup's external port and conntrack evidence. The failed node stays failed (see rejoin)."""
    primary, backups = gw.assignment()
    backup = backups[0]
    tx_before = gw.ext_tx(backup)
    c1 = gw.computes[0]
    bfd_on = bool(gw.bfd(c1))
    wall, stats = {}, {'before': gw.group_stats(c1)}

    def fault():
        wall['t'] = time.time()
        gw.fail(primary, mode)

    def sample():
        stats['during'] = gw.group_stats(c1)
        stats['assignment'] = gw.assignment()[0]

    # the group statistics 2.5 s after the fault (OVS folds datapath counters in about once a second)
    res, t0, t_moved = measure(gw, fault, until=lambda: gw.assignment()[0] != primary, timeout=timeout,
                               tail=2.0, tcp=tcp, probe=(2.5, sample))
    down = gw.bfd_down_wall(gw.computes[0], primary, wall['t'] - 0.5) if bfd_on else None
    res.update({
        'mode': mode, 'bfd': bfd_on, 'failed': primary, 'backup': backup,
        'reassigned_s': round(t_moved - t0, 3),
        'bfd_down_ms': None if down is None else round((down - wall['t']) * 1000, 1),
        'new_primary': gw.assignment()[0],
        'backup_ext_tx': gw.ext_tx(backup) - tx_before,
        'backup_conntrack': gw.snat_entries(backup, 'udp', 47000),
        'group_buckets_before': stats['before'], 'group_buckets_at_2_5s': stats.get('during'),
        'primary_at_2_5s': stats.get('assignment'),
    })
    return res


def rejoin(gw, node, mode, bfd=True, timeout=60.0):
    """Brings a failed gateway back under traffic; waits until everything converged again. Returns the stream
    summary with `converged_s` (recovery -> converged) and the assignment afterwards."""
    res, t0, t_conv = measure(gw, lambda: gw.recover(node, mode), until=lambda: gw.converged(bfd),
                              timeout=timeout, tail=1.0)
    primary, backups = gw.assignment()
    res.update({'mode': mode, 'node': node, 'converged_s': round(t_conv - t0, 3), 'primary': primary,
                'backups': backups})
    return res


def change(gw, what, action, bfd=True, timeout=60.0):
    """Any controller-side change under traffic (rebalance, failoverTunnels on/off): the stream summary and
    `converged_s`."""
    res, t0, t_conv = measure(gw, action, until=lambda: gw.converged(bfd), timeout=timeout, tail=1.0)
    primary, backups = gw.assignment()
    res.update({'change': what, 'converged_s': round(t_conv - t0, 3), 'primary': primary, 'backups': backups})
    return res
