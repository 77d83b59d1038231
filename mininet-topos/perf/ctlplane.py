"""Shared pieces of the control-plane harnesses (`reconcile.py`, `memory.py`): a scenario of bench's
`ScaleScenario` exported as netcfg + REST calls, a keep-alive REST loader, OVS instances in the root namespace
with their own run directory, the runtime (a private copy of the Karaf assembly) with its own ports and heap,
and JVM memory readings (jcmd, /proc).

Python standard library only (run with /usr/bin/python3 as root).
"""

import base64
import http.client
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import time
from datetime import datetime, timezone

HERE = os.path.dirname(os.path.abspath(__file__))
TOPOS = os.path.dirname(HERE)
ROOT = os.path.dirname(TOPOS)
sys.path.insert(0, TOPOS)

from dvrruntime import karaf_pid  # noqa: E402
from dvrtestbed.cleanup import sweep  # noqa: E402
from dvrtestbed.ovs import OvsInstance  # noqa: E402
from dvrtestbed.ports import ovsdb_listen_for  # noqa: E402
from dvrtestbed.sysutil import CommandError, pid_alive, run, wait_until  # noqa: E402
from scenarios.harness import ASSEMBLY, SCRIPTS, HarnessError, Runtime  # noqa: E402

BENCH_JAR = os.path.join(ROOT, 'bench', 'target', 'benchmarks.jar')
USER, PASSWORD = 'onos', 'rocks'


def log(msg):
    sys.stderr.write(msg)
    sys.stderr.flush()


# ---- statistics ------------------------------------------------------------------------------------------
def median(values):
    s = sorted(values)
    n = len(s)
    return s[n // 2] if n % 2 else (s[n // 2 - 1] + s[n // 2]) / 2.0


def span(values, fmt='%.3g'):
    """'min - max' (or the single value) of a list, None entries ignored."""
    v = [x for x in values if x is not None]
    if not v:
        return '-'
    lo, hi = min(v), max(v)
    return fmt % lo if lo == hi else (fmt + ' - ' + fmt) % (lo, hi)


# ---- scenario ------------------------------------------------------------------------------------------
def export_scenario(spec, path, counts=False):
    """bench's RestExport: ScaleScenario `spec` ('reference' or 'computes,gateways,routers,vms,fips,seed,
    placement') as {"scenario", "netcfg", "nodes", "calls"[, "rules"]} written to `path`; returns it."""
    if not os.path.isfile(BENCH_JAR):
        raise HarnessError('no %s: build it with `mvn -B -q -pl bench -am package -DskipTests`' % BENCH_JAR)
    cmd = ['java', '-cp', BENCH_JAR, 'org.onosdvr.bench.RestExport', spec, path] + (['--counts'] if counts else [])
    p = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, universal_newlines=True)
    if p.returncode != 0:
        raise HarnessError('RestExport failed: %s' % p.stderr)
    with open(path) as f:
        return json.load(f)


# ---- REST ----------------------------------------------------------------------------------------------
class Rest:
    """JSON over one keep-alive HTTP connection (the loader sends thousands of calls)."""

    def __init__(self, port, user=USER, password=PASSWORD, timeout=120):
        self.port = port
        self.timeout = timeout
        self.auth = 'Basic ' + base64.b64encode(('%s:%s' % (user, password)).encode()).decode()
        self.conn = None

    def call(self, method, path, body=None):
        """(status, decoded JSON or text or None)."""
        data = json.dumps(body).encode() if body is not None else None
        headers = {'Authorization': self.auth, 'Accept': 'application/json'}
        if data is not None:
            headers['Content-Type'] = 'application/json'
        for attempt in (1, 2):
            if self.conn is None:
                self.conn = http.client.HTTPConnection('127.0.0.1', self.port, timeout=self.timeout)
            try:
                self.conn.request(method, path, body=data, headers=headers)
                resp = self.conn.getresponse()
                raw = resp.read()
                break
            except (http.client.HTTPException, OSError):
                self.close()
                if attempt == 2:
                    raise
        text = raw.decode(errors='replace')
        try:
            return resp.status, json.loads(text) if text else None
        except ValueError:
            return resp.status, text

    def ok(self, method, path, body=None):
        status, doc = self.call(method, path, body)
        if status >= 300:
            raise HarnessError('%s %s -> %d %s' % (method, path, status, str(doc)[:400]))
        return doc

    def get(self, path):
        return self.ok('GET', path)

    def close(self):
        if self.conn is not None:
            self.conn.close()
            self.conn = None


def load(rest, doc, progress_every=2000):
    """POST the scenario's netcfg, wait for its nodes, then every REST call in order. Returns
    {'calls', 'seconds', 'calls_per_s'}."""
    rest.ok('POST', '/onos/v1/network/configuration', doc['netcfg'])
    want = len(doc['nodes'])
    if not wait_until(lambda: len(rest.get('/onos/dvr/v1/nodes')['nodes']) == want, 60, 0.5):
        raise HarnessError('the runtime did not create the %d DVR nodes of the netcfg' % want)
    t0 = time.monotonic()
    calls = doc['calls']
    for i, c in enumerate(calls, 1):
        rest.ok(c['method'], c['path'], c['body'])
        if progress_every and i % progress_every == 0:
            dt = time.monotonic() - t0
            log('    %d/%d REST calls, %.0f/s\n' % (i, len(calls), i / dt))
    dt = time.monotonic() - t0
    return {'calls': len(calls), 'seconds': round(dt, 1), 'calls_per_s': round(len(calls) / dt, 1)}


# ---- the runtime ---------------------------------------------------------------------------------------
class PrivateRuntime(Runtime):
    """The Karaf runtime from a private copy of the assembly, with its own ports and heap; a first boot that
    hangs is retried (the start script retries once itself)."""

    def __init__(self, prefix, http_port, ssh_port, rmi_registry_port, rmi_server_port, of_listen, heap='2g'):
        # OVSDB listens next to OpenFlow (OpenFlow port - 13), never on the shared default 6640
        super().__init__('/tmp/%s-karaf' % prefix, http_port, ssh_port, rmi_registry_port, rmi_server_port,
                         of_listen=of_listen, log=log, ovsdb_listen=ovsdb_listen_for(of_listen))
        self.heap = heap
        self.env['JAVA_OPTS'] = '-Xms64m -Xmx%s -XX:+UnlockDiagnosticVMOptions' % heap

    def start(self, tries=2):
        if not os.path.isfile(os.path.join(ASSEMBLY, 'bin', 'karaf')):
            raise HarnessError('no assembly at %s: build it (mvn -B -q verify -DskipTests)' % ASSEMBLY)
        for attempt in range(1, tries + 1):
            self._script('stop', '--timeout', '10', check=False)
            if os.path.isdir(self.home):
                shutil.rmtree(self.home)
            shutil.copytree(ASSEMBLY, self.home, symlinks=True)
            # the harnesses read karaf.log by offset: no rollover during a run
            cfg = os.path.join(self.home, 'etc', 'org.ops4j.pax.logging.cfg')
            with open(cfg) as f:
                text = f.read()
            with open(cfg, 'w') as f:
                f.write(re.sub(r'(?m)^(log4j2\.appender\.rolling\.policies\.size\.size\s*=).*$', r'\1 1GB', text))
            log('*** starting the runtime from %s (REST :%d, OpenFlow %s, -Xmx%s), attempt %d\n'
                % (self.home, self.http_port, self.of_listen, self.heap, attempt))
            self.started = True
            p = subprocess.run([os.path.join(SCRIPTS, 'start'), '--clean', '--timeout', '200'], env=self.env,
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT, universal_newlines=True)
            if p.returncode == 0:
                log(p.stdout)
                return
            log(p.stdout + '*** the runtime did not come up\n')
        raise HarnessError('the runtime did not start in %d attempts' % tries)

    def stop(self):
        super().stop()
        if os.path.isdir(self.home):
            keep = '/tmp/%s-karaf-last.log' % os.path.basename(self.home).split('-')[0]
            try:
                shutil.copy(self.karaf_log, keep)
            except OSError:
                pass
            shutil.rmtree(self.home, ignore_errors=True)

    def pid(self):
        return karaf_pid(self.home)

    def log_level(self, logger, level):
        self.console('log:set %s %s' % (level, logger))

    def log_lines_since(self, offset, pattern):
        """(lines of karaf.log after byte `offset` matching a regex, new offset)."""
        try:
            with open(self.karaf_log, 'rb') as f:
                f.seek(offset)
                data = f.read()
        except OSError:
            return [], offset
        text = data.decode(errors='replace')
        return [line for line in text.splitlines() if re.search(pattern, line)], offset + len(data)

    def log_size(self):
        try:
            return os.path.getsize(self.karaf_log)
        except OSError:
            return 0


def karaf_time(line):
    """Epoch seconds of a karaf.log line ('2026-11-24T15:50:01,123 | ...', local time)."""
    m = re.match(r'(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d)[,.](\d{3})', line)
    if not m:
        return None
    return time.mktime(time.strptime(m.group(1), '%Y-%m-%dT%H:%M:%S')) + int(m.group(2)) / 1000.0


def ovs_time(line):
    """Epoch seconds of an OVS log line ('2026-11-24T15:50:01.123Z|...', UTC)."""
    m = re.match(r'(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d)\.(\d{3})Z', line)
    if not m:
        return None
    dt = datetime.strptime(m.group(1), '%Y-%m-%dT%H:%M:%S').replace(tzinfo=timezone.utc)
    return dt.timestamp() + int(m.group(2)) / 1000.0


# ---- OVS ------------------------------------------------------------------------------------------------
class MgmtNet:
    """A Linux bridge `<prefix>-mgmt` in the root namespace holding the controller address (the first host
    address of `cidr`), and one namespace per OVS instance attached to it by a veth (`<prefix>-<name>` in the
    root namespace, `m0` inside). Two userspace-datapath ovs-vswitchd cannot share a namespace (both want the
    `ovs-netdev` tap), hence one namespace each."""

    def __init__(self, prefix, cidr):
        import ipaddress
        self.prefix = prefix
        self.net = ipaddress.ip_network(cidr)
        self.controller_ip = str(self.net.network_address + 1)
        self.bridge = '%s-mgmt' % prefix
        self.next_host = 2

    def up(self):
        run(['ip', 'link', 'add', self.bridge, 'type', 'bridge'])
        run(['ip', 'addr', 'add', '%s/%d' % (self.controller_ip, self.net.prefixlen), 'dev', self.bridge])
        run(['ip', 'link', 'set', self.bridge, 'up'])

    def namespace(self, name):
        """Creates namespace `<prefix>-<name>` attached to the management bridge; returns (netns, its address)."""
        ns = '%s-%s' % (self.prefix, name)
        ip = str(self.net.network_address + self.next_host)
        self.next_host += 1
        run(['ip', 'netns', 'add', ns])
        run(['ip', 'link', 'set', 'lo', 'up'], netns=ns)
        run(['ip', 'link', 'add', ns, 'type', 'veth', 'peer', 'name', 'm0', 'netns', ns])
        run(['ip', 'link', 'set', ns, 'master', self.bridge, 'up'])
        run(['ip', 'addr', 'add', '%s/%d' % (ip, self.net.prefixlen), 'dev', 'm0'], netns=ns)
        run(['ip', 'link', 'set', 'm0', 'up'], netns=ns)
        return ns, ip


class NsOvs(OvsInstance):
    """ovsdb-server + ovs-vswitchd (userspace datapath) in a namespace, with a private run directory."""

    def add_bridge(self, name, dpid, controller=None):
        args = ['add-br', name, '--', 'set', 'bridge', name, 'datapath_type=netdev', 'fail-mode=secure',
                'protocols=OpenFlow13', 'other-config:datapath-id=%016x' % dpid,
                'other-config:disable-in-band=true']
        self.vsctl(*args)
        if controller:
            self.set_controller(name, controller)

    def set_controller(self, bridge, target):
        self.vsctl('--', '--id=@c', 'create', 'controller', 'target="%s"' % target,
                   'connection_mode=out-of-band', 'max_backoff=1000', '--', 'set', 'bridge', bridge,
                   'controller=@c')

    def del_controller(self, bridge):
        self.vsctl('del-controller', bridge)

    def of(self, command, bridge, *args, input_text=None, timeout=300):
        return run(['ovs-ofctl', '-O', 'OpenFlow13', command, self.mgmt(bridge)] + list(args), env=self.env,
                   input_text=input_text, timeout=timeout)

    def flow_count(self, bridge):
        out = self.of('dump-aggregate', bridge)
        m = re.search(r'flow_count=(\d+)', out)
        return int(m.group(1)) if m else None

    def log_file(self):
        return os.path.join(self.rundir, 'ovs-vswitchd.log')

    def log_offset(self):
        try:
            return os.path.getsize(self.log_file())
        except OSError:
            return 0

    def connected_since(self, bridge, offset):
        """Epoch time of the first 'rconn ... <bridge><->tcp:...: connected' after byte `offset`, or None."""
        try:
            with open(self.log_file(), 'rb') as f:
                f.seek(offset)
                text = f.read().decode(errors='replace')
        except OSError:
            return None
        for line in text.splitlines():
            if re.search(r'rconn\|INFO\|%s<->tcp:[^:]+:\d+: connected' % re.escape(bridge), line):
                return ovs_time(line)
        return None


# ---- JVM memory ----------------------------------------------------------------------------------------
def rss_kb(pid):
    with open('/proc/%d/status' % pid) as f:
        m = re.search(r'VmRSS:\s+(\d+) kB', f.read())
    return int(m.group(1)) if m else None


def jcmd(pid, *args, timeout=120):
    p = subprocess.run(['jcmd', str(pid)] + list(args), stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                       universal_newlines=True, timeout=timeout)
    return p.stdout


def heap_after_gc(pid, rounds=3):
    """Full GCs (jcmd GC.run), then the used heap (GC.heap_info, G1 'used'), minimum over the rounds; KB."""
    best = None
    info = ''
    for _ in range(rounds):
        jcmd(pid, 'GC.run')
        time.sleep(1.0)
        info = jcmd(pid, 'GC.heap_info')
        m = re.search(r'garbage-first heap\s+total (\d+)K, used (\d+)K', info)
        if m:
            used = int(m.group(2))
            best = used if best is None else min(best, used)
    return best, info


def class_histogram(pid, top=25):
    """Top classes by bytes after a full GC (GC.class_histogram forces one): [(bytes, instances, class)]."""
    out = jcmd(pid, 'GC.class_histogram', timeout=300)
    rows = []
    for line in out.splitlines():
        m = re.match(r'\s*\d+:\s+(\d+)\s+(\d+)\s+(\S+)', line)
        if m:
            rows.append((int(m.group(2)), int(m.group(1)), m.group(3)))
    total = re.search(r'Total\s+(\d+)\s+(\d+)', out)
    return rows[:top], (int(total.group(2)) if total else None)


def machine():
    import platform
    info = {'python': platform.python_version(), 'kernel': platform.release(), 'cpus': os.cpu_count()}
    try:
        with open('/proc/cpuinfo') as f:
            m = re.search(r'model name\s*:\s*(.*)', f.read())
            info['cpu'] = m.group(1).strip() if m else None
    except OSError:
        pass
    try:
        info['ovs'] = subprocess.run(['ovs-vswitchd', '--version'], stdout=subprocess.PIPE,
                                     universal_newlines=True).stdout.splitlines()[0]
        info['java'] = subprocess.run(['java', '-version'], stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                                      universal_newlines=True).stdout.splitlines()[0]
    except (OSError, IndexError):
        pass
    info['loadavg'] = os.getloadavg()
    return info


__all__ = ['CommandError', 'HarnessError', 'MgmtNet', 'NsOvs', 'PrivateRuntime', 'Rest', 'class_histogram',
           'export_scenario', 'heap_after_gc', 'jcmd', 'karaf_time', 'load', 'log', 'machine', 'median',
           'ovs_time', 'pid_alive', 'rss_kb', 'run', 'span', 'sweep', 'wait_until']


def runtime_args(ap, what):
    """The options every control-plane benchmark shares: JSON path, name prefix, the private runtime's ports and
    the management subnet."""
    ap.add_argument('--json', default=None, help='JSON results (default /tmp/<prefix>-%s.json)' % what)
    ap.add_argument('--prefix', default='rp')
    ap.add_argument('--http-port', type=int, default=8681)
    ap.add_argument('--ssh-port', type=int, default=8601)
    ap.add_argument('--rmi-ports', default='11599,44944')
    ap.add_argument('--of-port', type=int, default=7153)
    ap.add_argument('--mgmt-cidr', default='198.19.90.0/24', help='controller and switch management addresses')


def run_benchmark(args, what, bench, work, extra=None):
    """Runs `work()` (returns the results) with SIGTERM/SIGHUP turned into Ctrl-C and `bench.teardown()` always
    called, then writes the JSON document (command, date, machine, params, `extra`, results) and returns it
    with its path."""
    def stop(signum, frame):
        raise KeyboardInterrupt('signal %d' % signum)
    for s in (signal.SIGTERM, signal.SIGHUP):
        signal.signal(s, stop)
    started = time.time()
    try:
        results = work()
    finally:
        for s in (signal.SIGTERM, signal.SIGHUP, signal.SIGINT):
            signal.signal(s, signal.SIG_IGN)
        bench.teardown()
    doc = {'command': ' '.join([sys.executable] + sys.argv), 'date': time.strftime('%Y-%m-%dT%H:%M:%S%z'),
           'duration_s': round(time.time() - started, 1), 'machine': machine(), 'params': vars(args)}
    doc.update(extra or {})
    doc['results'] = results
    path = args.json or '/tmp/%s-%s.json' % (args.prefix, what)
    with open(path, 'w') as f:
        json.dump(doc, f, indent=2)
    return doc, path


def cli(main):
    """Calls main(); a failed command ends the script with its message and status 1."""
    try:
        main()
    except CommandError as e:
        log('error: %s\n' % e)
        sys.exit(1)
