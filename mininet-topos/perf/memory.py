#!/usr/bin/python3
"""Runtime memory at the 10k-VM scale: heap after GC and RSS of the runtime's JVM with the reference cloud of
bench's ScaleScenario (100 compute + 2 gateway nodes, 100 routers, 200 networks, 10,000 VMs spread at random,
1,000 floating IPs) loaded through the real northbound (netcfg + Neutron-shaped REST calls, exported by
bench's `RestExport`), first with no switch connected, then with a few real OVS switches connected (run as root
with /usr/bin/python3).

Readings (each after `jcmd GC.run`, minimum of 3 rounds): `GC.heap_info` used/committed, VmRSS of the JVM,
the top of `GC.class_histogram`, and how many desired rules the runtime has made (GET /onos/dvr/v1/verify of the
nodes named below; the runtime makes a node's desired flows, ONOS FlowRules, when first asked for them: by the
reconciler for a connected switch, or by a verify):
- `boot`: the runtime up, nothing configured;
- `loaded`: the cloud loaded, its compilation settled (watched through one node), no switch connected (no
  gateway is up, so no router has a SNAT gateway yet: the SNAT rules are absent);
- `connected`: `--switches` of its nodes are real bridges (both gateways and the first compute nodes, each its
  own ovs-vswitchd in its own namespace) that connected and received their full rule sets: the flow store now
  holds those entries, and the routers have SNAT gateways;
- `verified`: GET /verify of every node, i.e. every node's desired flows made and kept (the most the runtime
  holds for this cloud: what a runtime mastering all 102 switches needs before their flow-store entries).

    sudo /usr/bin/python3 mininet-topos/perf/memory.py [--heap 6g] [--switches 4] [--runs 1]

Needs the assembly (`mvn -B -q verify -DskipTests`) and bench's jar. Everything it starts is torn down at the
end, on failure and on Ctrl-C / SIGTERM. Results: table on stdout, JSON in /tmp/<prefix>-memory.json.
"""

import argparse
import os
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from ctlplane import (HarnessError, MgmtNet, NsOvs, PrivateRuntime, Rest, class_histogram, cli,  # noqa: E402
                      export_scenario, heap_after_gc, load, log, rss_kb, run_benchmark, runtime_args, span, sweep,
                      wait_until)

MB = 1024.0


class Bench:
    def __init__(self, args):
        self.args = args
        p = args.prefix
        self.mgmt = MgmtNet(p, args.mgmt_cidr)
        r1, r2 = (int(x) for x in args.rmi_ports.split(','))
        listen = '%s:%d' % (self.mgmt.controller_ip, args.of_port)
        self.rt = PrivateRuntime(p, args.http_port, args.ssh_port, r1, r2, listen, heap=args.heap)
        self.rest = Rest(args.http_port, timeout=600)
        self.target = 'tcp:' + listen
        self.switches = []

    def teardown(self):
        self.rest.close()
        self.rt.stop()
        for o in self.switches:
            o.stop()
            o.remove_rundir()
        self.switches = []
        sweep(self.args.prefix)

    def verify(self, devices=None):
        """GET /verify of every node, or of some (a node's desired flows are made, and kept until a compilation
        changes them, when first asked for: verifying every node makes all 1.4M of them)."""
        if devices is None:
            return self.rest.get('/onos/dvr/v1/verify')['devices']
        return [d for dev in devices for d in self.rest.get('/onos/dvr/v1/verify?device=' + dev)['devices']]

    def settled(self, devices=None, quiet=20.0, timeout=3600):
        """Desired rules of `devices` (default: every node) once unchanged for `quiet` seconds (every compilation
        done: each step compiles the whole snapshot, so one node settling means all did)."""
        end = time.time() + timeout
        last, since = None, time.time()
        while time.time() < end:
            total = sum(d['desired'] for d in self.verify(devices))
            if total != last:
                last, since = total, time.time()
            elif time.time() - since >= quiet:
                return total
            time.sleep(5.0)
        raise HarnessError('the compiled state did not settle in %ds' % timeout)

    def reading(self, name, rules):
        pid = self.rt.pid()
        used_kb, info = heap_after_gc(pid)
        committed = None
        for line in info.splitlines():
            if 'garbage-first heap' in line:
                committed = int(line.split('total')[1].split('K')[0])
        top, hist_total = class_histogram(pid, 20)
        r = {'point': name, 'heap_used_mb': round(used_kb / MB, 1), 'heap_committed_mb': round(committed / MB, 1),
             'rss_mb': round(rss_kb(pid) / MB, 1), 'histogram_total_mb': round(hist_total / MB / MB, 1)
             if hist_total else None, 'rules': rules,
             'top_classes': [{'bytes': b, 'instances': n, 'class': c} for b, n, c in top]}
        log('    %s: heap used %.0f MB (committed %.0f MB), RSS %.0f MB, rules %s\n'
            % (name, r['heap_used_mb'], r['heap_committed_mb'], r['rss_mb'], rules))
        return r

    @staticmethod
    def connected_nodes(doc, n):
        nodes = [x for x in doc['nodes'] if x['role'] != 'COMPUTE'][:n]
        return nodes + [x for x in doc['nodes'] if x['role'] == 'COMPUTE'][:max(0, n - len(nodes))]

    def connect(self, doc, n):
        """Bridges for both gateways and the first compute nodes (n in all), each in its own namespace."""
        nodes = self.connected_nodes(doc, n)
        for i, node in enumerate(nodes):
            name = 's%d' % (i + 1)
            self.mgmt.namespace(name)
            o = NsOvs('%s-%s' % (self.args.prefix, name), '/tmp/%s-%s' % (self.args.prefix, name))
            self.switches.append(o)
            o.start()
            o.add_bridge('br-int', int(node['deviceId'][3:], 16), controller=self.target)
        devices = {x['deviceId'] for x in nodes}

        def in_sync():
            ds = self.verify(sorted(devices))
            return len(ds) == len(devices) and all(d['ok'] and d['installed'] == d['desired'] > 0 for d in ds)
        if not wait_until(in_sync, 3600, 10.0):
            raise HarnessError('switches not in sync: %s' % self.verify(sorted(devices)))
        installed = {o.rundir: o.of('dump-aggregate', 'br-int').split('flow_count=')[1].strip() for o in self.switches}
        log('    switches in sync: %s\n' % installed)
        return sorted(devices), installed

    def run_once(self, doc):
        self.teardown()
        self.mgmt.next_host = 2
        self.mgmt.up()
        self.rt.start()
        res = {'readings': []}
        time.sleep(10)
        res['readings'].append(self.reading('boot', 0))
        log('*** loading %s through REST (%d calls)\n' % (doc['scenario'], len(doc['calls'])))
        res['load'] = load(self.rest, doc, progress_every=1000)
        log('    loaded in %.0f s (%.0f calls/s)\n' % (res['load']['seconds'], res['load']['calls_per_s']))
        t0 = time.time()
        # settle on one node only: no other node's desired flows are made (as in a runtime nobody inspects)
        probe = [x['deviceId'] for x in self.connected_nodes(doc, max(1, self.args.switches))]
        rules = self.settled(probe[-1:])
        res['settle_s'] = round(time.time() - t0, 1)
        res['readings'].append(self.reading('loaded', rules))
        if self.args.switches:
            devices, installed = self.connect(doc, self.args.switches)
            res['switches'] = {'devices': devices, 'flows': installed}
            rules = self.settled(devices, quiet=20.0)
            res['readings'].append(self.reading('connected', rules))
        # every node verified: every node's desired flows made and kept (what GET /verify of all costs)
        rules = self.settled(quiet=20.0)
        res['readings'].append(self.reading('verified', rules))
        return res


def table(runs):
    rows = ['| point | desired rules made | heap used after GC (MB) | heap committed (MB) | RSS (MB) |',
            '|---|---:|---:|---:|---:|']
    for point in ('boot', 'loaded', 'connected', 'verified'):
        rs = [r for run in runs for r in run['readings'] if r['point'] == point]
        if rs:
            rows.append('| %s | %s | %s | %s | %s |' % (
                point, span([r['rules'] for r in rs], '%d'), span([r['heap_used_mb'] for r in rs], '%.0f'),
                span([r['heap_committed_mb'] for r in rs], '%.0f'), span([r['rss_mb'] for r in rs], '%.0f')))
    return '\n'.join(rows)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n\n')[0])
    ap.add_argument('--scenario', default='reference', help="RestExport scenario (default 'reference')")
    ap.add_argument('--switches', type=int, default=4, help='nodes connected as real switches (default 4)')
    ap.add_argument('--runs', type=int, default=1)
    ap.add_argument('--heap', default='6g', help='runtime -Xmx (default 6g)')
    runtime_args(ap, 'memory')
    args = ap.parse_args()
    if os.geteuid() != 0:
        ap.error('run as root (namespaces, OVS)')
    doc = export_scenario(args.scenario, '/tmp/%s-scenario.json' % args.prefix)
    bench = Bench(args)

    def work():
        runs = []
        for i in range(args.runs):
            log('*** run %d/%d\n' % (i + 1, args.runs))
            runs.append(bench.run_once(doc))
        return runs
    out, path = run_benchmark(args, 'memory', bench, work, {'scenario': doc['scenario']})
    print(table(out['results']))
    print('\nJSON: %s' % path)


if __name__ == '__main__':
    cli(main)
