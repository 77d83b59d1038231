#!/usr/bin/python3
"""SNAT gateway failover of onos-dvr, measured end to end (run as root with /usr/bin/python3).

Starts the runtime from a private copy of the Karaf assembly, builds the failover testbed (scenarios/topos.py
FAILOVER: compute nodes c1, c2, gateways g1, g2 on one external network, router t1r1 with SNAT, primary and
hot backup), configures it through REST, then repeats N times for each configuration:

  a UDP echo stream vm1 -> ext1 (one datagram every 5 ms) and an established TCP connection (a message every
  20 ms); the router's PRIMARY gateway's ovs-vswitchd fails; the longest time between two echoes is the
  outage; then the failed vswitchd comes back (rejoin, measured the same way).

Configurations: fault `kill` (SIGKILL: the kernel resets the OpenFlow connection, so the controller knows at
once) and `hang` (SIGSTOP: the node stops answering without closing anything, like a lost node; the controller
notices by its OpenFlow echo timeout, 5 s idle + 10 s), each with the data-plane failover (BFD failover ports +
fast-failover groups, failoverTunnels=true) and controller-only (failoverTunnels=false). Assignments are
sticky, so the primary alternates between g1 and g2 from run to run.

    sudo /usr/bin/python3 mininet-topos/perf/failover.py --runs 5 [--modes kill,hang] [--json /tmp/fo-perf.json]

Uses the ports of tests/test_failover.py (prefix fo): do not run both at once. Everything it starts is torn
down at the end, on failure and on Ctrl-C/SIGTERM.
"""

import argparse
import json
import os
import statistics
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
TOPOS = os.path.dirname(HERE)
sys.path.insert(0, TOPOS)
sys.path.insert(0, HERE)

from datapath import machine, start_runtime_with_retries  # noqa: E402
from scenarios.gateways import Gateways, change, failover, rejoin  # noqa: E402
from scenarios.harness import Harness  # noqa: E402
from scenarios.topos import failover_topology  # noqa: E402

ECHO_TIMEOUT_S = 15.0


def log(msg):
    sys.stderr.write(msg)
    sys.stderr.flush()


def run_config(gw, mode, bfd, runs):
    """N failovers + rejoins with failoverTunnels = bfd; returns the list of per-run results."""
    if gw.failover_tunnels() != bfd:
        log('*** failoverTunnels=%s\n' % str(bfd).lower())
        change(gw, 'failoverTunnels=%s' % str(bfd).lower(), lambda: gw.set_failover_tunnels(bfd), bfd=bfd)
    gw.wait_converged(bfd=bfd)
    out = []
    for i in range(runs):
        res = failover(gw, mode, tcp=True, timeout=ECHO_TIMEOUT_S + 15)
        back = rejoin(gw, res['failed'], mode, bfd=bfd)
        row = {'run': i + 1, 'mode': mode, 'bfd': bfd, 'failed': res['failed'], 'backup': res['backup'],
               'gap_ms': res['longest_gap_ms'], 'baseline_gap_ms': res['baseline_gap_ms'],
               'lost': res['lost'], 'bfd_down_ms': res['bfd_down_ms'], 'reassigned_s': res['reassigned_s'],
               'tcp': tcp_outcome(res['tcp']), 'tcp_gap_ms': res['tcp']['longest_gap_ms'],
               'nat_ports': len(res['source_ports']), 'rejoin_gap_ms': back['longest_gap_ms'],
               'rejoin_converged_s': back['converged_s'], 'sticky': back['primary'] == res['backup'],
               'detail': {'failover': res, 'rejoin': back}}
        log('*** %s bfd=%s run %d: %s failed, gap %.1f ms (bfd down %s ms, reassigned %.2f s), rejoin gap %.1f ms\n'
            % (mode, bfd, i + 1, row['failed'], row['gap_ms'], row['bfd_down_ms'], row['reassigned_s'],
               row['rejoin_gap_ms']))
        out.append(row)
    return out


def tcp_outcome(t):
    """What became of the established TCP connection: 'ok' (echoes after the fault), 'stalled' (open, but its
    retransmission timer had backed off beyond the end of the measurement) or 'reset'."""
    if t['error'] is not None:
        return 'reset'
    return 'ok' if t['echoes_after'] > 0 else 'stalled'


def spread(values):
    vals = [v for v in values if v is not None]
    if not vals:
        return '-'
    return '%.0f / %.0f / %.0f' % (min(vals), statistics.median(vals), max(vals))


def table(rows):
    lines = ['', 'per run:',
             '%-5s %-4s %3s %-6s %10s %10s %11s %8s %12s %6s %11s' % (
                 'mode', 'bfd', 'run', 'failed', 'gap ms', 'noise ms', 'bfd dn ms', 'moved s', 'tcp', 'ports',
                 'rejoin ms')]
    for r in rows:
        lines.append('%-5s %-4s %3d %-6s %10.1f %10.1f %11s %8.2f %12s %6d %11.1f' % (
            r['mode'], 'on' if r['bfd'] else 'off', r['run'], r['failed'], r['gap_ms'], r['baseline_gap_ms'],
            '-' if r['bfd_down_ms'] is None else '%.1f' % r['bfd_down_ms'], r['reassigned_s'],
            'ok %.0f' % r['tcp_gap_ms'] if r['tcp'] == 'ok' else r['tcp'], r['nat_ports'],
            r['rejoin_gap_ms']))
    lines += ['', 'summary (min / median / max):',
              '%-5s %-4s %22s %22s %20s %22s %8s' % ('mode', 'bfd', 'outage ms', 'controller moved ms',
                                                     'BFD down ms', 'rejoin gap ms', 'tcp ok')]
    medians = {}
    for mode in ('kill', 'hang'):
        for bfd in (True, False):
            sel = [r for r in rows if r['mode'] == mode and r['bfd'] == bfd]
            if not sel:
                continue
            medians[(mode, bfd)] = statistics.median(r['gap_ms'] for r in sel)
            lines.append('%-5s %-4s %22s %22s %20s %22s %8s' % (
                mode, 'on' if bfd else 'off', spread(r['gap_ms'] for r in sel),
                spread(r['reassigned_s'] * 1000 for r in sel), spread(r['bfd_down_ms'] for r in sel),
                spread(r['rejoin_gap_ms'] for r in sel),
                '%d/%d' % (sum(r['tcp'] == 'ok' for r in sel), len(sel))))
    for mode in ('kill', 'hang'):
        if (mode, True) in medians and (mode, False) in medians:
            lines.append('%s: median outage controller-only / data-plane = %.1f' % (
                mode, medians[(mode, False)] / medians[(mode, True)]))
    return '\n'.join(lines)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n\n')[0])
    ap.add_argument('--runs', type=int, default=5, help='failovers per configuration (default 5)')
    ap.add_argument('--modes', default='kill,hang', help='faults: kill, hang or both (default kill,hang)')
    ap.add_argument('--no-controller-only', action='store_true', help='only the data-plane failover')
    ap.add_argument('--json', default='/tmp/fo-perf.json', help='where to write the JSON results')
    ap.add_argument('--prefix', default='fo')
    ap.add_argument('--http-port', type=int, default=8881)
    ap.add_argument('--ssh-port', type=int, default=8801)
    ap.add_argument('--rmi-ports', default='11899,45244')
    ap.add_argument('--of-port', type=int, default=7253)
    ap.add_argument('--mgmt-cidr', default='198.19.100.0/24')
    ap.add_argument('--table', metavar='JSON', help='only print the tables of an earlier run\'s JSON')
    args = ap.parse_args()
    if args.table:
        with open(args.table) as f:
            doc = json.load(f)
        print('%s\n%s' % (doc['command'], table(doc['runs'])))
        return
    if os.geteuid() != 0:
        ap.error('run as root (network namespaces, OVS)')
    modes = [m for m in args.modes.split(',') if m]
    if not modes or set(modes) - {'kill', 'hang'}:
        ap.error('--modes: kill and/or hang')
    r1, r2 = (int(x) for x in args.rmi_ports.split(','))
    started = time.time()
    harness = Harness(failover_topology(), prefix=args.prefix, http_port=args.http_port, ssh_port=args.ssh_port,
                      rmi_registry_port=r1, rmi_server_port=r2, of_port=args.of_port, mgmt_cidr=args.mgmt_cidr,
                      log=log)
    harness.runtime.start = lambda: start_runtime_with_retries(harness.runtime)
    rows = []
    with harness as h:
        gw = Gateways(h)
        try:
            for bfd in ([True] if args.no_controller_only else [True, False]):
                for mode in modes:
                    rows += run_config(gw, mode, bfd, args.runs)
        finally:
            gw.resume_all()
    doc = {'command': ' '.join([sys.executable] + sys.argv), 'date': time.strftime('%Y-%m-%dT%H:%M:%S%z'),
           'duration_s': round(time.time() - started, 1), 'machine': machine(),
           'params': vars(args), 'runs': rows}
    with open(args.json, 'w') as f:
        json.dump(doc, f, indent=1)
    print(table(rows))
    print('\nJSON: %s (%.0f s)' % (args.json, time.time() - started))


if __name__ == '__main__':
    main()
