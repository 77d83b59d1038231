#!/usr/bin/python3
"""Reconcile: time from a switch connecting to holding its full rule set, against the raw flow-mod rate of the
same OVS in the same run (run as root with /usr/bin/python3).

Per size (rules on the compute node under test, ~1k / 10k / 50k) one fresh runtime (a private copy of the Karaf
assembly) is loaded through REST with a DVR cloud from bench's ScaleScenario (`RestExport`: 2 compute nodes,
VMs spread at random, 1 gateway node, 20 routers with SNAT, FIPs = VMs / 10), sized so that compute node c1
holds about that many rules. Only c1 (bridge `<prefix>-c1`) and the gateway (`<prefix>-g1`, own ovs-vswitchd,
needed for the SNAT assignments) are real OVS bridges (userspace datapath, root namespace, private run
directories); c2 exists in the netcfg only. The real path is measured: OpenFlow channel, OpenFlowRuleManager and
its store, the DvrReconciler with the compiled rule set.

Cases, per size:
- `connect`: first connect of c1 to this runtime (switch empty, runtime never saw it; once per size);
- `restart`: ovs-vswitchd of c1 killed (SIGKILL) and started again: the switch reconnects empty while the
  runtime still holds its entries as ADDED (the flow-stats poll on connect finds them missing);
- `reconnect`: the controller connection dropped and re-established (`del-controller` / `set-controller`), rules
  still in the switch: nothing should be re-sent;
- `raw`: the same N rules, dumped from c1 after the runtime installed them, added to an empty scratch bridge of
  the same ovs-vswitchd with `ovs-ofctl -O OpenFlow13 --bundle add-flows` (one connection, every flow mod sent
  without waiting, in one bundle committed at the end: the fastest way ovs-ofctl feeds OVS flow mods; wall time
  of the command, text parsing included). Measured right before each runtime case, so ratio = case / raw is
  back to back. Also measured, for reference: plain `ovs-ofctl add-flows` (`ofctl_s`), which waits for a
  barrier reply after every flow mod (one round trip per rule).

Start: the `connected` line of the bridge in ovs-vswitchd.log. End: the switch holds N flows (dump-aggregate,
polled every 20 ms) AND the runtime has confirmed them (its last `Batch of ... confirmed` DEBUG line of
OpenFlowRuleManager; checked afterwards: every desired rule installed and ADDED, GET /devices/{id}/rules).
For `reconnect` the end is the runtime's merge of the flow-stats poll taken on connect (rules already there).

    sudo /usr/bin/python3 mininet-topos/perf/reconcile.py [--sizes 1000,10000,50000] [--runs 3]

Needs the assembly (`mvn -B -q verify -DskipTests`) and bench's jar (same build). Everything it starts is torn
down at the end, on failure and on Ctrl-C / SIGTERM (runtime stopped, OVS daemons killed by pid, run
directories removed). Results: table on stdout, JSON in /tmp/<prefix>-reconcile.json.
"""

import argparse
import os
import re
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from ctlplane import (HarnessError, MgmtNet, NsOvs, PrivateRuntime, Rest, cli, export_scenario,  # noqa: E402
                      jcmd, karaf_time, load, log, run, run_benchmark, runtime_args, span, sweep, wait_until)

# ScaleScenario specs (computes,gateways,routers,vms,fips,seed,placement) giving ~N rules on c1
SIZES = {
    1000: '2,1,20,150,15,1,SPREAD',
    10000: '2,1,20,2720,272,1,SPREAD',
    50000: '2,1,20,14250,1425,1,SPREAD',
}
C1, G1 = 1, 3                     # dpids (ScaleScenario: computes 1..2, then the gateway)
RAW_DPID = 0xfe
RULE_MANAGER = 'org.onosdvr.openflow.net.OpenFlowRuleManager'
RECONCILER = 'org.onosdvr.app.reconciler.DvrReconciler'


def dev(dpid):
    return 'of:%016x' % dpid


def cpu_seconds(pid):
    """utime + stime of a process, in seconds (None if gone)."""
    try:
        with open('/proc/%d/stat' % pid) as f:
            fields = f.read().rsplit(')', 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf('SC_CLK_TCK')
    except (OSError, IndexError, ValueError):
        return None


class Bench:
    def __init__(self, args):
        self.args = args
        p = args.prefix
        self.bridge = 'br-int'
        self.raw = 'br-raw'
        self.gw = 'br-int'
        self.mgmt = MgmtNet(p, args.mgmt_cidr)
        self.ovs = NsOvs('%s-c1' % p, '/tmp/%s-c1' % p)
        self.ovs_g = NsOvs('%s-g1' % p, '/tmp/%s-g1' % p)
        r1, r2 = (int(x) for x in args.rmi_ports.split(','))
        listen = '%s:%d' % (self.mgmt.controller_ip, args.of_port)
        self.rt = PrivateRuntime(p, args.http_port, args.ssh_port, r1, r2, listen, heap=args.heap)
        self.rest = Rest(args.http_port)
        self.target = 'tcp:' + listen
        self.dump_file = '/tmp/%s-c1/c1-flows.txt' % p
        self.groups_file = '/tmp/%s-c1/c1-groups.txt' % p
        self.n = None

    # ---- setup / teardown -------------------------------------------------------------------------------
    def setup(self, doc):
        self.teardown()
        self.mgmt.next_host = 2
        self.mgmt.up()
        self.mgmt.namespace('c1')
        self.mgmt.namespace('g1')
        self.ovs.start()
        self.ovs.add_bridge(self.bridge, C1)
        self.ovs.add_bridge(self.raw, RAW_DPID)
        self.ovs_g.start()
        self.ovs_g.add_bridge(self.gw, G1)
        self.rt.start()
        self.rt.log_level(RULE_MANAGER, 'DEBUG')
        self.rt.log_level(RECONCILER, 'DEBUG')
        log('*** loading %s through REST (%d calls)\n' % (doc['scenario'], len(doc['calls'])))
        loaded = load(self.rest, doc)
        log('    loaded in %.0f s (%.0f calls/s)\n' % (loaded['seconds'], loaded['calls_per_s']))
        self.ovs_g.set_controller(self.gw, self.target)
        self.wait_in_sync(dev(G1), 600, 'the gateway programmed')
        self.n = self.stable_desired(dev(C1))
        log('*** c1 desired: %d rules\n' % self.n)
        return loaded

    def teardown(self):
        self.rest.close()
        self.rt.stop()
        for o in (self.ovs, self.ovs_g):
            o.stop()
            o.remove_rundir()
        sweep(self.args.prefix)

    # ---- runtime views ----------------------------------------------------------------------------------
    def verify(self, device):
        v = self.rest.get('/onos/dvr/v1/verify?device=' + device)
        return v['devices'][0]

    def wait_in_sync(self, device, timeout, what):
        def ok():
            d = self.verify(device)
            return d['ok'] and d['desired'] > 0 and d['installed'] == d['desired']
        if not wait_until(ok, timeout, 1.0):
            raise HarnessError('timed out after %ds waiting for %s: %s' % (timeout, what, self.verify(device)))

    def stable_desired(self, device, quiet=5.0, timeout=600):
        """The device's desired count once it has not changed for `quiet` seconds (compiles done)."""
        end = time.time() + timeout
        last, since = None, time.time()
        while time.time() < end:
            n = self.verify(device)['desired']
            if n != last:
                last, since = n, time.time()
            elif time.time() - since >= quiet:
                return n
            time.sleep(1.0)
        raise HarnessError('desired rules of %s did not settle' % device)

    def connected(self, device):
        return self.rest.get('/onos/dvr/v1/nodes/' + device)['node'].get('connected')

    def check_added(self, device):
        """Every desired rule installed and ADDED (the reconciler's and the flow store's view)."""
        doc = self.rest.get('/onos/dvr/v1/devices/%s/rules' % device)
        states = {}
        for r in doc['installed']:
            states[r['state']] = states.get(r['state'], 0) + 1
        return doc['ok'] and states.get('ADDED', 0) == self.n and doc['desired_count'] == self.n, states

    # ---- measurements -----------------------------------------------------------------------------------
    def raw_add(self, bundle=True):
        """Wall time (s) of `ovs-ofctl [--bundle] add-flows` of the dumped rules into the empty scratch bridge."""
        self.ovs.of('del-flows', self.raw)
        self.ovs.of('del-groups', self.raw)
        if os.path.getsize(self.groups_file):
            self.ovs.of('add-groups', self.raw, self.groups_file)
        opts = ['--bundle'] if bundle else []
        t0 = time.monotonic()
        run(['ovs-ofctl', '-O', 'OpenFlow13'] + opts + ['add-flows', self.ovs.mgmt(self.raw), self.dump_file],
            env=self.ovs.env, timeout=self.args.timeout)
        dt = time.monotonic() - t0
        n = self.ovs.flow_count(self.raw)
        if n != self.n:
            raise HarnessError('raw add-flows: %s flows on %s, expected %d' % (n, self.raw, self.n))
        self.ovs.of('del-flows', self.raw)
        return dt

    def raw_pair(self):
        """(bundled add-flows, plain add-flows) wall times; the plain one first, so the bundled one is measured
        right before the runtime case."""
        plain = self.raw_add(bundle=False)
        return self.raw_add(bundle=True), plain

    def dump(self):
        flows = [line.strip() for line in self.ovs.of('dump-flows', self.bridge, '--no-stats').splitlines()
                 if 'actions=' in line]
        with open(self.dump_file, 'w') as f:
            f.write('\n'.join(flows) + '\n')
        groups = [line.strip() for line in self.ovs.of('dump-groups', self.bridge).splitlines()
                  if line.strip().startswith('group_id=')]
        with open(self.groups_file, 'w') as f:
            f.write('\n'.join(groups) + ('\n' if groups else ''))
        return len(flows), len(groups)

    def wait_full(self, case, ovs_offset, log_offset, pid_vswitchd, cpu0):
        """Connect -> full rule set (switch and runtime); returns the case's record."""
        a = self.args
        t0 = None
        end = time.time() + a.timeout
        while t0 is None and time.time() < end:
            t0 = self.ovs.connected_since(self.bridge, ovs_offset)
            if t0 is None:
                time.sleep(0.02)
        if t0 is None:
            raise HarnessError('%s: %s did not connect' % (case, self.bridge))
        t_switch = None
        while time.time() < end:
            n = self.ovs.flow_count(self.bridge)
            if n == self.n:
                t_switch = time.time()
                break
            time.sleep(0.05)
        if t_switch is None:
            raise HarnessError('%s: %s holds %s flows after %ds, expected %d'
                               % (case, self.bridge, self.ovs.flow_count(self.bridge), a.timeout, self.n))
        # the runtime's confirmations (barrier replies) from its log: cheap to poll, unlike its REST views
        pattern = r'Batch of \d+ flow operation\(s\) to %s confirmed' % re.escape(dev(C1))
        lines = []
        while time.time() < end:
            lines, _ = self.rt.log_lines_since(log_offset, pattern)
            if sum(int(re.search(r'Batch of (\d+)', x).group(1)) for x in lines) >= self.n:
                break
            time.sleep(0.05)
        ok, states = False, {}
        while time.time() < end:
            ok, states = self.check_added(dev(C1))
            if ok:
                break
            time.sleep(1.0)
        if not ok:
            raise HarnessError('%s: runtime did not confirm %d rules ADDED: %s' % (case, self.n, states))
        lines, _ = self.rt.log_lines_since(log_offset, pattern)
        t_store = max((karaf_time(x) for x in lines), default=None)
        batches = [int(re.search(r'Batch of (\d+)', x).group(1)) for x in lines]
        done = max(t_switch, t_store or 0)
        return {'case': case, 'seconds': round(done - t0, 3), 'switch_full_s': round(t_switch - t0, 3),
                'store_confirmed_s': round(t_store - t0, 3) if t_store else None, 'batches': batches,
                'cpu': self.cpu_delta(cpu0, pid_vswitchd)}

    def cpu_now(self, pid_vswitchd):
        return {'runtime': cpu_seconds(self.rt.pid()), 'vswitchd': cpu_seconds(pid_vswitchd)}

    def cpu_delta(self, cpu0, pid_vswitchd):
        now = self.cpu_now(pid_vswitchd)
        return {k: round(now[k] - cpu0[k], 2) if now[k] is not None and cpu0.get(k) is not None else None
                for k in now}

    def vswitchd_pid(self):
        return self.ovs.pids()[0]

    def first_connect(self):
        ovs_off, log_off = self.ovs.log_offset(), self.rt.log_size()
        pid = self.vswitchd_pid()
        cpu0 = self.cpu_now(pid)
        self.ovs.set_controller(self.bridge, self.target)
        return self.wait_full('connect', ovs_off, log_off, pid, cpu0)

    def restart(self):
        self.quiesce()
        self.ovs.kill_vswitchd()
        if not wait_until(lambda: not self.connected(dev(C1)), 30, 0.1):
            raise HarnessError('the runtime did not notice the switch going away')
        ovs_off, log_off = self.ovs.log_offset(), self.rt.log_size()
        cpu0 = {'runtime': cpu_seconds(self.rt.pid()), 'vswitchd': 0.0}
        pid = self.ovs.start_vswitchd()
        return self.wait_full('restart', ovs_off, log_off, pid, cpu0)

    def reconnect(self):
        """Controller connection down and up, rules kept in the switch: the controller target is pointed at a
        port nobody listens on, then back (`del-controller` would not do: OVS flushes the flow table when a
        bridge goes from having a controller to having none)."""
        self.quiesce()
        self.ovs.set_controller(self.bridge, self.target[:self.target.rindex(':') + 1] + '9')
        if not wait_until(lambda: not self.connected(dev(C1)), 30, 0.1):
            raise HarnessError('the runtime did not notice the disconnect')
        before = self.ovs.flow_count(self.bridge)
        if before != self.n:
            raise HarnessError('reconnect: the switch lost its flows while disconnected (%s)' % before)
        pid = self.vswitchd_pid()
        ovs_off, log_off = self.ovs.log_offset(), self.rt.log_size()
        cpu0 = self.cpu_now(pid)
        self.ovs.set_controller(self.bridge, self.target)
        t0 = None
        end = time.time() + self.args.timeout
        while t0 is None and time.time() < end:
            t0 = self.ovs.connected_since(self.bridge, ovs_off)
            time.sleep(0.02)
        if t0 is None:
            raise HarnessError('reconnect: %s did not connect' % self.bridge)
        pattern = r'Flow stats of %s merged' % re.escape(dev(C1))
        lines = []
        while not lines and time.time() < end:
            lines, _ = self.rt.log_lines_since(log_off, pattern)
            time.sleep(0.05)
        if not lines:
            raise HarnessError('reconnect: no flow-stats merge logged for %s' % dev(C1))
        t_merge = karaf_time(lines[0])
        ok, states = False, {}
        while time.time() < end:
            ok, states = self.check_added(dev(C1))
            if ok:
                break
            time.sleep(0.2)
        if not ok:
            raise HarnessError('reconnect: runtime not in sync: %s' % states)
        time.sleep(1.0)
        batches, _ = self.rt.log_lines_since(log_off, r'Batch of \d+ flow operation\(s\) to %s confirmed'
                                             % re.escape(dev(C1)))
        sent = sum(int(re.search(r'Batch of (\d+)', x).group(1)) for x in batches)
        young = self.young_flows(time.time() - t0 + 0.5)
        return {'case': 'reconnect', 'seconds': round(t_merge - t0, 3), 'flows_before': before,
                'resent_by_runtime': sent, 'flows_younger_than_reconnect': young,
                'cpu': self.cpu_delta(cpu0, pid)}

    def young_flows(self, max_age):
        out = self.ovs.of('dump-flows', self.bridge)
        ages = [float(m.group(1)) for m in re.finditer(r'duration=([\d.]+)s', out)]
        return sum(1 for a in ages if a < max_age)

    def quiesce(self):
        """Wait until the runtime is idle for c1: in sync and every rule ADDED (then 2 s more)."""
        def in_sync():
            d = self.verify(dev(C1))
            return d['ok'] and d['installed'] == self.n
        if not wait_until(in_sync, 300, 1.0) or not wait_until(lambda: self.check_added(dev(C1))[0], 300, 2.0):
            raise HarnessError('c1 not in sync before the next case')
        time.sleep(2.0)

    # ---- one size ---------------------------------------------------------------------------------------
    def run_size(self, size):
        spec = SIZES[size]
        doc = export_scenario(spec, '/tmp/%s-scenario.json' % self.args.prefix, counts=False)
        loaded = self.setup(doc)
        res = {'target': size, 'scenario': doc['scenario'], 'spec': spec, 'load': loaded, 'rules': self.n,
               'runs': []}
        jfr = None
        if self.args.jfr:
            os.makedirs(self.args.jfr, exist_ok=True)
            jfr = os.path.join(self.args.jfr, 'reconcile-%d.jfr' % size)
            jcmd(self.rt.pid(), 'JFR.start', 'name=rp', 'settings=profile', 'filename=' + jfr)
        try:
            first = self.first_connect()
            nflows, ngroups = self.dump()
            res['groups'] = ngroups
            raw, plain = self.raw_pair()
            first['raw_s'] = round(raw, 3)
            first['ofctl_s'] = round(plain, 3)
            first['ratio'] = round(first['seconds'] / raw, 2)
            log('    connect: %.3f s (switch %.3f, store %s), raw --bundle add-flows %.3f s, ratio %.2f '
                '(plain add-flows %.3f s)\n' % (first['seconds'], first['switch_full_s'],
                                                 first['store_confirmed_s'], raw, first['ratio'], plain))
            res['connect'] = first
            for i in range(self.args.runs):
                run = {}
                raw, plain = self.raw_pair()
                r = self.restart()
                r['raw_s'] = round(raw, 3)
                r['ofctl_s'] = round(plain, 3)
                r['ratio'] = round(r['seconds'] / raw, 2)
                log('    run %d restart: %.3f s (switch %.3f, store %s), raw %.3f s, ratio %.2f (plain add-flows '
                    '%.3f s), cpu %s\n' % (i + 1, r['seconds'], r['switch_full_s'], r['store_confirmed_s'], raw,
                                            r['ratio'], plain, r['cpu']))
                run['restart'] = r
                c = self.reconnect()
                log('    run %d reconnect: %.3f s, re-sent %d, younger flows %d\n'
                    % (i + 1, c['seconds'], c['resent_by_runtime'], c['flows_younger_than_reconnect']))
                run['reconnect'] = c
                res['runs'].append(run)
        finally:
            if jfr and self.rt.pid():
                jcmd(self.rt.pid(), 'JFR.dump', 'name=rp', 'filename=' + jfr)
                log('    JFR: %s\n' % jfr)
        return res


def table(results):
    rows = ['| rules on c1 | raw `ovs-ofctl --bundle add-flows` (s) | raw rules/s | plain `add-flows` (s) | '
            'first connect (s) | ratio | restart, empty switch (s) | ratio | reconnect, rules kept (s) | re-sent |',
            '|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|']
    for r in results:
        raws = [r['connect']['raw_s']] + [x['restart']['raw_s'] for x in r['runs']]
        plains = [r['connect']['ofctl_s']] + [x['restart']['ofctl_s'] for x in r['runs']]
        rest = [x['restart']['seconds'] for x in r['runs']]
        ratios = [x['restart']['ratio'] for x in r['runs']]
        rec = [x['reconnect']['seconds'] for x in r['runs']]
        resent = [x['reconnect']['resent_by_runtime'] for x in r['runs']]
        rows.append('| %d | %s | %s | %s | %.3f | %.2f | %s | %s | %s | %s |' % (
            r['rules'], span(raws), span([r['rules'] / x for x in raws], '%.0f'), span(plains),
            r['connect']['seconds'], r['connect']['ratio'], span(rest), span(ratios, '%.2f'), span(rec),
            span(resent, '%d')))
    return '\n'.join(rows)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n\n')[0])
    ap.add_argument('--sizes', default='1000,10000,50000', help='target rules on c1 (keys of SIZES)')
    ap.add_argument('--runs', type=int, default=3, help='restart/reconnect repetitions per size (default 3)')
    ap.add_argument('--timeout', type=int, default=900, help='per case, seconds (default 900)')
    ap.add_argument('--heap', default='2g', help='runtime -Xmx (default 2g)')
    ap.add_argument('--jfr', default=None, help='directory: record JFR of the runtime during the cases')
    runtime_args(ap, 'reconcile')
    args = ap.parse_args()
    if os.geteuid() != 0:
        ap.error('run as root (OVS)')
    sizes = [int(s) for s in args.sizes.split(',')]
    for s in sizes:
        if s not in SIZES:
            ap.error('unknown size %d (known: %s)' % (s, sorted(SIZES)))
    bench = Bench(args)

    def work():
        results = []
        for size in sizes:
            log('*** size %d\n' % size)
            results.append(bench.run_size(size))
        return results
    out, path = run_benchmark(args, 'reconcile', bench, work)
    print(table(out['results']))
    print('\nJSON: %s' % path)


if __name__ == '__main__':
    cli(main)
