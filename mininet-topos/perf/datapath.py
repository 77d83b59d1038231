#!/usr/bin/python3
"""Datapath performance of onos-dvr, end to end, in one command (run as root with /usr/bin/python3).

Starts the runtime from a private copy of the Karaf assembly, builds one testbed (OVS userspace datapath) with
three east-west paths between the SAME two compute nodes c1 -> c2, configures it through REST, and measures:

- RTT (ping, many samples at a short interval: median, p99, loss) and TCP throughput (iperf3) of
  - `l2`:     same subnet, across nodes (vm1 -> vm2), switched over VXLAN;
  - `dvr`:    distributed router, two subnets (vm1 -> vm4), routed on the sender's node;
  - `legacy`: centralized (legacy) router, two subnets (vm5 -> vm8), hairpinned through its gateway node g1;
  reported side by side with the ratios dvr/l2 and legacy/dvr;
- PACKET_INs the runtime received (REST GET /onos/dvr/v1/stats) during the steady traffic of each path and
  during gateway ARP (arping the DVR and the legacy router's gateway IPs); target: zero;
- first-packet latency of a new east-west flow: the first ping after the two VMs' ARP caches are flushed
  (`arp`), and the same with the nodes' datapath flow caches flushed too (`cold`: every packet is an upcall
  into ovs-vswitchd until its megaflows are installed), against the steady median RTT;
- first-packet latency of a new SNAT connection: TCP connect time vm2 -> ext1 (203.0.113.1) through the
  SNAT gateway g1, first connect after the VM's ARP cache, the gateway's conntrack and the nodes' datapath
  caches are flushed, against the following connects (each one a new connection, new conntrack entry).

    sudo /usr/bin/python3 mininet-topos/perf/datapath.py [--runs 3] [--json /tmp/pf-datapath.json]

Needs the built assembly (`mvn -B -q verify -DskipTests` at the repository root) and the tools of
`./dvr setup` (iperf3, arping, ping). Everything it starts is torn down at the end, on failure and on
Ctrl-C/SIGTERM (runtime stopped, testbed swept by prefix). Not part of the test suite: it is slow and its
numbers depend on the machine.
"""

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
TOPOS = os.path.dirname(HERE)
sys.path.insert(0, TOPOS)

sys.path.insert(0, HERE)

from ctlplane import machine  # noqa: E402
from dvrtestbed.generator import TopoParams, generate  # noqa: E402
from scenarios.harness import ASSEMBLY, SCRIPTS, Harness, HarnessError, node_of_device, object_id, port_stats  # noqa: E402
from scenarios.traffic import arping, netns_run, ping_ok  # noqa: E402

# c1, c2 = compute; g1 = gateway only (the legacy router's gateway and the SNAT gateway). One tenant:
# t1r1 distributed (t1r1s1 10.1.1.0/24, t1r1s2 10.1.2.0/24), t1r2 legacy (t1r2s1 10.1.3.0/24, t1r2s2
# 10.1.4.0/24). VMs round-robin: vm1 c1, vm2 c2 (s1); vm3 c1, vm4 c2 (s2); vm5 c1, vm6 c2; vm7 c1, vm8 c2.
PERF = TopoParams(name='perf', computes=2, gateways=1, both=0, tenants=1, routers_per_tenant=2, legacy_routers=1,
                  subnets_per_router=2, vms_per_subnet=2, floating_ips=0, external_hosts=1, overlap=False)

PATHS = (('l2', 'vm1', 'vm2', 'same subnet (L2 over VXLAN)'),
         ('dvr', 'vm1', 'vm4', 'distributed router'),
         ('legacy', 'vm5', 'vm8', 'legacy router via g1'))
SNAT_VM = 'vm2'


def log(msg):
    sys.stderr.write(msg)
    sys.stderr.flush()


# ---- statistics ------------------------------------------------------------------------------------------
def percentile(values, p):
    """Nearest-rank percentile (p in 0..100) of a non-empty list."""
    s = sorted(values)
    k = max(0, min(len(s) - 1, int(-(-p * len(s) // 100)) - 1))
    return s[k]


def median(values):
    s = sorted(values)
    n = len(s)
    return s[n // 2] if n % 2 else (s[n // 2 - 1] + s[n // 2]) / 2.0


def ping_times(out):
    return [float(t) for t in re.findall(r'time=([\d.]+) ms', out)]


# ---- measurements ----------------------------------------------------------------------------------------
class Bench:
    def __init__(self, h, args):
        self.h = h
        self.args = args
        self.prefix = h.prefix
        self.node_of = {d['deviceId']: d['name'] for d in h.tb()['nodes']}

    def ns(self, name):
        return '%s-%s' % (self.prefix, name)

    def vm(self, name):
        return self.h.vm_info(name)

    def packet_ins(self):
        """node name -> PACKET_INs the runtime received so far (REST GET /onos/dvr/v1/stats; with an older
        runtime the console's `dvr-packet-stats -j`)."""
        status, doc = self.h.runtime.rest('GET', '/onos/dvr/v1/stats', ok=None)
        if status == 200:
            counts = {d['device_id']: d['packet_in'] for d in doc['devices']}
        else:
            counts = self.h.packet_ins()
        return {self.node_of.get(dev, dev): n for dev, n in counts.items()}

    @staticmethod
    def delta(before, after):
        return {k: after.get(k, 0) - before.get(k, 0) for k in sorted(set(before) | set(after))}

    def warm_up(self):
        for key, src, dst, _ in PATHS:
            ok, out = ping_ok(self.ns(src), self.vm(dst)['ip'], count=3, tries=10)
            if not ok:
                raise HarnessError('path %s (%s -> %s) does not work:\n%s' % (key, src, dst, out))
        ok, out = ping_ok(self.ns(SNAT_VM), self.ext_ip(), count=3, tries=10)
        if not ok:
            raise HarnessError('SNAT path %s -> ext1 does not work:\n%s' % (SNAT_VM, out))

    def ext_ip(self):
        return self.h.tb()['externalHosts'][0]['ip']

    def rtt(self, src, dst_ip):
        n, interval = self.args.pings, self.args.interval
        out = netns_run(self.ns(src), ['ping', '-n', '-c', str(n), '-i', str(interval),
                                       '-W', '1', dst_ip], timeout=n * (interval + 0.05) + 30)
        times = ping_times(out)
        if not times:
            raise HarnessError('no ping reply %s -> %s:\n%s' % (src, dst_ip, out))
        return {'samples': len(times), 'sent': n, 'loss_pct': round(100.0 * (n - len(times)) / n, 2),
                'median_ms': round(median(times), 4), 'p99_ms': round(percentile(times, 99), 4),
                'min_ms': min(times), 'max_ms': max(times)}

    def iperf(self, src, dst, dst_ip):
        port = '5201'
        server = subprocess.Popen(['ip', 'netns', 'exec', self.ns(dst), 'iperf3', '-s', '-1', '-p', port],
                                  stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            end = time.time() + 5
            while time.time() < end:
                if ':%s ' % port in netns_run(self.ns(dst), ['ss', '-ltn']):
                    break
                time.sleep(0.1)
            out = netns_run(self.ns(src), ['iperf3', '-c', dst_ip, '-p', port, '-t', str(self.args.seconds),
                                           '-J'], timeout=self.args.seconds + 30)
            doc = json.loads(out)
            if 'error' in doc:
                raise HarnessError('iperf3 %s -> %s: %s' % (src, dst, doc['error']))
            recv = doc['end']['sum_received']
            sent = doc['end']['sum_sent']
            return {'mbit_s': round(recv['bits_per_second'] / 1e6, 1), 'seconds': round(recv['seconds'], 2),
                    'retransmits': sent.get('retransmits')}
        finally:
            try:
                server.wait(timeout=5)
            except subprocess.TimeoutExpired:
                server.kill()
                server.wait()

    def steady(self, key, src, dst):
        dst_ip = self.vm(dst)['ip']
        before = self.packet_ins()
        tun_before = self.tunnel_rx()
        rtt = self.rtt(src, dst_ip)
        tun = self.delta(tun_before, self.tunnel_rx())
        tput = self.iperf(src, dst, dst_ip)
        time.sleep(2.0)   # let the tail of the TCP test drain before the next path's counters are read
        pins = self.delta(before, self.packet_ins())
        return {'path': key, 'src': src, 'dst': dst, 'src_node': self.vm(src)['node'],
                'dst_node': self.vm(dst)['node'], 'rtt': rtt, 'tcp': tput, 'packet_ins': pins,
                'tunnel_rx_during_ping': tun}

    def tunnel_rx(self):
        """node -> packets received on the VXLAN port (100) so far: shows which nodes a path crosses."""
        return {name: port_stats(self.h, name, 100)[0] for name in sorted(self.h.net.nodes)}

    def gateway_arp(self):
        """arping each router's gateway IP from a VM of that subnet; PACKET_INs during it."""
        before = self.packet_ins()
        replies = {}
        for label, vm in (('dvr', 'vm1'), ('legacy', 'vm5')):
            gw = self.vm(vm)['gateway']
            got, out = arping(self.ns(vm), gw, count=self.args.arps)
            replies[label] = {'vm': vm, 'gateway_ip': gw, 'sent': self.args.arps, 'replies': got}
        return {'arping': replies, 'packet_ins': self.delta(before, self.packet_ins())}

    def flush_datapaths(self):
        for name in self.h.net.nodes:
            self.h.node(name).ovs.appctl('dpctl/del-flows')

    def first_packet(self, steady):
        """First ping of a new flow after flushing ARP caches (and, `cold`, the datapath flow caches)."""
        res = {}
        before = self.packet_ins()
        for key, src, dst, _ in PATHS:
            dst_ip = self.vm(dst)['ip']
            per = {}
            for variant in ('arp', 'cold'):
                firsts = []
                for _ in range(self.args.first_reps):
                    netns_run(self.ns(src), ['ip', 'neigh', 'flush', 'all'])
                    netns_run(self.ns(dst), ['ip', 'neigh', 'flush', 'all'])
                    if variant == 'cold':
                        self.flush_datapaths()
                    out = netns_run(self.ns(src), ['ping', '-n', '-c', '1', '-W', '3', dst_ip], timeout=10)
                    t = ping_times(out)
                    firsts.append(t[0] if t else None)
                    time.sleep(0.3)
                ok = [t for t in firsts if t is not None]
                per[variant] = {'first_ms': firsts, 'lost': len(firsts) - len(ok),
                                'median_first_ms': round(median(ok), 4) if ok else None}
                if ok and steady[key]['rtt']['median_ms']:
                    per[variant]['x_steady'] = round(median(ok) / steady[key]['rtt']['median_ms'], 2)
            res[key] = per
        res['packet_ins'] = self.delta(before, self.packet_ins())
        return res

    def snat(self):
        """TCP connect times vm2 -> ext1 via SNAT: first after flushing caches vs subsequent new connections."""
        ext_ip = self.ext_ip()
        rid = object_id(self.h, 'router', 't1r1')
        gw_dev = self.h.runtime.get('/onos/dvr/v1/routers/%s/gateway' % rid)['gateway']['primary']
        gw = node_of_device(self.h, gw_dev)
        server = subprocess.Popen(
            ['ip', 'netns', 'exec', self.ns('ext1'), '/usr/bin/python3', '-c',
             'import socket\n'
             's=socket.socket();s.setsockopt(socket.SOL_SOCKET,socket.SO_REUSEADDR,1)\n'
             's.bind(("0.0.0.0",5301));s.listen(128)\n'
             'while True:\n'
             '    c,_=s.accept();c.close()\n'],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        client = ('import json,socket,sys,time\n'
                  'r=[]\n'
                  'for i in range(int(sys.argv[2])):\n'
                  '    t=time.perf_counter()\n'
                  '    try:\n'
                  '        c=socket.create_connection((sys.argv[1],5301),timeout=3)\n'
                  '        r.append((time.perf_counter()-t)*1000.0);c.close()\n'
                  '    except OSError:\n'
                  '        r.append(None)\n'
                  '    time.sleep(0.05)\n'
                  'print(json.dumps(r))\n')
        before = self.packet_ins()
        try:
            end = time.time() + 5
            while time.time() < end and ':5301 ' not in netns_run(self.ns('ext1'), ['ss', '-ltn']):
                time.sleep(0.1)
            firsts, rest = [], []
            for _ in range(self.args.first_reps):
                netns_run(self.ns(SNAT_VM), ['ip', 'neigh', 'flush', 'all'])
                self.h.node(gw).ovs.appctl('dpctl/flush-conntrack')
                self.flush_datapaths()
                out = netns_run(self.ns(SNAT_VM), ['/usr/bin/python3', '-c', client, ext_ip,
                                                   str(self.args.connects)], timeout=self.args.connects * 4 + 10)
                times = json.loads(out.strip().splitlines()[-1])
                firsts.append(times[0])
                rest.extend(times[1:])
                time.sleep(0.3)
        finally:
            server.kill()
            server.wait()
        pins = self.delta(before, self.packet_ins())
        ok_first = [t for t in firsts if t is not None]
        ok_rest = [t for t in rest if t is not None]
        res = {'gateway': gw, 'vm': SNAT_VM, 'dst': ext_ip,
               'first_connect_ms': [round(t, 3) if t is not None else None for t in firsts],
               'failed_first': len(firsts) - len(ok_first), 'failed_subsequent': len(rest) - len(ok_rest),
               'median_first_ms': round(median(ok_first), 3) if ok_first else None,
               'median_subsequent_ms': round(median(ok_rest), 3) if ok_rest else None,
               'p99_subsequent_ms': round(percentile(ok_rest, 99), 3) if ok_rest else None,
               'packet_ins': pins}
        if ok_first and ok_rest:
            res['x_subsequent'] = round(median(ok_first) / median(ok_rest), 2)
        return res

    def run_once(self, number=0):
        steady = {}
        order = PATHS[number % len(PATHS):] + PATHS[:number % len(PATHS)]   # rotate: no fixed order bias
        for key, src, dst, _ in order:
            log('*** %s: %s -> %s: RTT (%d pings) + TCP (%ds)\n' % (key, src, dst, self.args.pings,
                                                                    self.args.seconds))
            steady[key] = self.steady(key, src, dst)
        log('*** gateway ARP\n')
        garp = self.gateway_arp()
        log('*** first packet of new east-west flows\n')
        first = self.first_packet(steady)
        log('*** new SNAT connections\n')
        snat = self.snat()
        return {'steady': steady, 'ratios': ratios(steady), 'gateway_arp': garp, 'first_packet': first,
                'snat': snat}


def ratios(steady):
    def r(a, b, f):
        x, y = f(steady[a]), f(steady[b])
        return round(x / y, 3) if x and y else None
    med = (lambda s: s['rtt']['median_ms'])
    p99 = (lambda s: s['rtt']['p99_ms'])
    tput = (lambda s: s['tcp']['mbit_s'])
    return {'dvr/l2': {'rtt_median': r('dvr', 'l2', med), 'rtt_p99': r('dvr', 'l2', p99),
                       'tcp': r('dvr', 'l2', tput)},
            'legacy/dvr': {'rtt_median': r('legacy', 'dvr', med), 'rtt_p99': r('legacy', 'dvr', p99),
                           'tcp': r('legacy', 'dvr', tput)}}


# ---- report ----------------------------------------------------------------------------------------------
def span(values, fmt='%.3f'):
    vals = [v for v in values if v is not None]
    if not vals:
        return 'n/a'
    lo, hi = min(vals), max(vals)
    return fmt % lo if lo == hi else (fmt + ' - ' + fmt) % (lo, hi)


def total(d):
    return sum(d.values())


def nonzero(d):
    return ', '.join('%s=%d' % kv for kv in sorted(d.items()) if kv[1]) or '-'


def table(runs):
    lines = []
    n = len(runs)
    lines.append('Datapath, c1 -> c2 (%d run%s; ranges are min - max over runs)' % (n, 's' if n > 1 else ''))
    hdr = '%-28s %-20s %-20s %-20s' % ('', 'l2 (same subnet)', 'dvr (distributed)', 'legacy (via g1)')
    lines.append(hdr)
    lines.append('-' * len(hdr))

    def row(label, f, fmt='%.3f'):
        lines.append('%-28s %-20s %-20s %-20s' % ((label,) + tuple(span([f(r['steady'][k]) for r in runs], fmt)
                                                                  for k in ('l2', 'dvr', 'legacy'))))
    row('RTT median (ms)', lambda s: s['rtt']['median_ms'])
    row('RTT p99 (ms)', lambda s: s['rtt']['p99_ms'])
    row('ping loss (%)', lambda s: s['rtt']['loss_pct'], '%.1f')
    row('TCP throughput (Mbit/s)', lambda s: s['tcp']['mbit_s'], '%.0f')
    row('TCP retransmits', lambda s: s['tcp']['retransmits'], '%d')
    row('VXLAN rx at g1 during ping', lambda s: s['tunnel_rx_during_ping'].get('g1'), '%d')
    row('packet-ins, steady', lambda s: total(s['packet_ins']), '%d')
    for variant, label in (('arp', 'first ping, ARP flushed'), ('cold', 'first ping, + dp flushed')):
        lines.append('%-28s %-20s %-20s %-20s' % ((label + ' (ms)',) + tuple(
            span([r['first_packet'][k][variant]['median_first_ms'] for r in runs]) for k in ('l2', 'dvr', 'legacy'))))
        lines.append('%-28s %-20s %-20s %-20s' % (('  x steady median',) + tuple(
            span([r['first_packet'][k][variant].get('x_steady') for r in runs], '%.1f')
            for k in ('l2', 'dvr', 'legacy'))))
    lines.append('')
    lines.append('Ratios            RTT median        RTT p99           TCP throughput')
    for key in ('dvr/l2', 'legacy/dvr'):
        lines.append('%-17s %-17s %-17s %-17s' % (key, span([r['ratios'][key]['rtt_median'] for r in runs], '%.2f'),
                                                  span([r['ratios'][key]['rtt_p99'] for r in runs], '%.2f'),
                                                  span([r['ratios'][key]['tcp'] for r in runs], '%.2f')))
    lines.append('')
    lines.append('Packet-ins (runtime counters, GET /onos/dvr/v1/stats): target 0')
    for k in ('l2', 'dvr', 'legacy'):
        lines.append('  steady %-8s %s' % (k, ' | '.join(nonzero(r['steady'][k]['packet_ins']) for r in runs)))
    lines.append('  gateway ARP     %s   (arping replies: %s)' % (
        ' | '.join(nonzero(r['gateway_arp']['packet_ins']) for r in runs),
        ' | '.join(', '.join('%s %d/%d' % (lb, a['replies'], a['sent'])
                             for lb, a in sorted(r['gateway_arp']['arping'].items())) for r in runs)))
    lines.append('  first packets   %s' % ' | '.join(nonzero(r['first_packet']['packet_ins']) for r in runs))
    lines.append('  SNAT connects   %s' % ' | '.join(nonzero(r['snat']['packet_ins']) for r in runs))
    lines.append('  (per node, runs separated by |; a gateway also gets ~1 PACKET_IN per 30 s: the reply to the')
    lines.append('   runtime\'s periodic ARP probe of the upstream next hop on its external port)')
    lines.append('')
    s0 = runs[0]['snat']
    lines.append('SNAT %s -> %s via gateway %s: TCP connect time (ms)' % (s0['vm'], s0['dst'], s0['gateway']))
    lines.append('  first (VM ARP + gw conntrack + dp caches flushed)  %s' % span(
        [r['snat']['median_first_ms'] for r in runs]))
    lines.append('  subsequent new connections, median                 %s' % span(
        [r['snat']['median_subsequent_ms'] for r in runs]))
    lines.append('  subsequent new connections, p99                    %s' % span(
        [r['snat']['p99_subsequent_ms'] for r in runs]))
    lines.append('  first / subsequent                                 %s' % span(
        [r['snat'].get('x_subsequent') for r in runs], '%.1f'))
    lines.append('  failed connects (first, subsequent)                %s' % ' | '.join(
        '%d, %d' % (r['snat']['failed_first'], r['snat']['failed_subsequent']) for r in runs))
    return '\n'.join(line for line in lines if line is not None)


def start_runtime_with_retries(rt, tries=3, timeout=120):
    """Start the runtime like Runtime.start, but retry: on this machine a clean Karaf boot sometimes hangs in
    the boot features install (a bundle-lock wait between the FeaturesService deployer and the start-level
    thread; REST never comes up), while a fresh attempt boots in ~10 s."""
    def script(name, *args):
        return subprocess.run([os.path.join(SCRIPTS, name)] + list(args), env=rt.env, stdout=subprocess.PIPE,
                              stderr=subprocess.STDOUT, universal_newlines=True)
    for attempt in range(1, tries + 1):
        script('stop', '--timeout', '5')
        if os.path.isdir(rt.home):
            shutil.rmtree(rt.home)
        shutil.copytree(ASSEMBLY, rt.home, symlinks=True)
        log('*** starting the runtime from %s (REST :%d, OpenFlow %s), attempt %d\n'
            % (rt.home, rt.http_port, rt.of_listen, attempt))
        rt.started = True
        p = script('start', '--clean', '--timeout', str(timeout))
        log(p.stdout)
        if p.returncode == 0:
            return
        log('*** the runtime did not come up: stopping it and trying again\n')
        script('stop', '--timeout', '5')
    raise HarnessError('the runtime did not start in %d attempts' % tries)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n\n')[0])
    ap.add_argument('--runs', type=int, default=1, help='measurement rounds in the same testbed (default 1)')
    ap.add_argument('--pings', type=int, default=200, help='RTT samples per path (default 200)')
    ap.add_argument('--interval', type=float, default=0.01, help='ping interval in s (default 0.01)')
    ap.add_argument('--seconds', type=int, default=3, help='iperf3 duration per path (default 3)')
    ap.add_argument('--arps', type=int, default=5, help='gateway ARP requests per router (default 5)')
    ap.add_argument('--first-reps', type=int, default=7, help='first-packet repetitions (default 7)')
    ap.add_argument('--connects', type=int, default=20, help='TCP connects per SNAT repetition (default 20)')
    ap.add_argument('--json', default='/tmp/pf-datapath.json', help='where to write the JSON results')
    ap.add_argument('--prefix', default='pf')
    ap.add_argument('--http-port', type=int, default=8581)
    ap.add_argument('--ssh-port', type=int, default=8501)
    ap.add_argument('--rmi-ports', default='11499,44844')
    ap.add_argument('--of-port', type=int, default=7053)
    ap.add_argument('--mgmt-cidr', default='198.19.70.0/24')
    args = ap.parse_args()
    if os.geteuid() != 0:
        ap.error('run as root (network namespaces, OVS)')
    r1, r2 = (int(x) for x in args.rmi_ports.split(','))
    started = time.time()
    harness = Harness(generate(PERF), prefix=args.prefix, http_port=args.http_port, ssh_port=args.ssh_port,
                      rmi_registry_port=r1, rmi_server_port=r2, of_port=args.of_port, mgmt_cidr=args.mgmt_cidr,
                      log=log)
    harness.runtime.start = lambda: start_runtime_with_retries(harness.runtime)
    with harness as h:
        bench = Bench(h, args)
        log('*** warm-up (every path answers)\n')
        bench.warm_up()
        runs = []
        for i in range(args.runs):
            log('*** run %d/%d\n' % (i + 1, args.runs))
            runs.append(bench.run_once(i))
    doc = {'command': ' '.join([sys.executable] + sys.argv), 'date': time.strftime('%Y-%m-%dT%H:%M:%S%z'),
           'duration_s': round(time.time() - started, 1), 'machine': machine(),
           'datapath': 'Open vSwitch userspace (datapath_type=netdev), VXLAN underlay in a Linux bridge',
           'params': {k: v for k, v in vars(args).items()},
           'paths': {k: {'src': s, 'dst': d, 'what': w} for k, s, d, w in PATHS}, 'runs': runs}
    with open(args.json, 'w') as f:
        json.dump(doc, f, indent=2)
    print(table(runs))
    print('\nJSON: %s' % args.json)


if __name__ == '__main__':
    main()
