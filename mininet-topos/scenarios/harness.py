"""End-to-end harness: the onos-dvr runtime (a private copy of the Karaf assembly) + a dvrtestbed network,
configured through REST exactly as a user would (netcfg, then the Neutron-shaped calls of the testbed's
generated config), and helpers to send real packets and read the switches.

    with Harness(named('minimal'), prefix='e2e', http_port=8281, ...) as h:
        h.vm('vm1').cmd('ping -c1 10.1.1.12')

Everything is torn down on exit, on failure and on Ctrl-C / SIGTERM / SIGHUP (runtime stopped with its own
`stop` script, testbed swept by prefix).
"""

import base64
import json
import os
import re
import shutil
import subprocess
import sys
import time
import urllib.error
import urllib.request

HERE = os.path.dirname(os.path.abspath(__file__))
TOPOS = os.path.dirname(HERE)
ROOT = os.path.dirname(TOPOS)
sys.path.insert(0, TOPOS)

from dvrtestbed.network import DvrNet, signals_ignored, signals_raise  # noqa: E402
from dvrtestbed.ports import ovsdb_port_for  # noqa: E402

ASSEMBLY = os.path.join(ROOT, 'features', 'karaf', 'target', 'assembly')
SCRIPTS = os.path.join(ROOT, 'features', 'karaf', 'src', 'main', 'scripts')
USER, PASSWORD = 'onos', 'rocks'


class HarnessError(RuntimeError):
    """Something in the setup failed (runtime, REST, flows)."""


def log_stderr(msg):
    sys.stderr.write(msg)
    sys.stderr.flush()


def build_if_missing(log=log_stderr):
    """Build the assembly (mvn -B -q verify -DskipTests) when it is not there yet."""
    if os.path.isfile(os.path.join(ASSEMBLY, 'bin', 'karaf')):
        return
    log('*** building the Karaf assembly (mvn -B -q verify -DskipTests), a few minutes...\n')
    subprocess.run(['mvn', '-B', '-q', 'verify', '-DskipTests'], cwd=ROOT, check=True)


class Runtime:
    """The onos-dvr Karaf runtime run from a private copy of the assembly, with its own ports."""

    def __init__(self, home, http_port=8181, ssh_port=8101, rmi_registry_port=1099, rmi_server_port=44444,
                 of_listen='0.0.0.0:6653', log=log_stderr, ovsdb_listen='0.0.0.0:6640'):
        self.home = home
        self.http_port = http_port
        self.of_listen = of_listen
        self.ovsdb_listen = ovsdb_listen
        self.env = dict(os.environ, DVR_KARAF_HOME=home, DVR_HTTP_PORT=str(http_port), DVR_SSH_PORT=str(ssh_port),
                        DVR_RMI_REGISTRY_PORT=str(rmi_registry_port), DVR_RMI_SERVER_PORT=str(rmi_server_port),
                        DVR_OF_LISTEN=of_listen, DVR_OVSDB_LISTEN=ovsdb_listen)
        self.log = log
        self.started = False
        auth = base64.b64encode(('%s:%s' % (USER, PASSWORD)).encode()).decode()
        self._auth = 'Basic ' + auth

    @property
    def karaf_log(self):
        return os.path.join(self.home, 'data', 'log', 'karaf.log')

    def start(self):
        if not os.path.isfile(os.path.join(ASSEMBLY, 'bin', 'karaf')):
            raise HarnessError('no assembly at %s: build it (mvn -B -q verify -DskipTests)' % ASSEMBLY)
        self._script('stop', check=False)   # a leftover of an earlier run of ours
        if os.path.isdir(self.home):
            shutil.rmtree(self.home)
        shutil.copytree(ASSEMBLY, self.home, symlinks=True)
        self.log('*** starting the runtime from %s (REST :%d, OpenFlow %s, OVSDB %s)\n'
                 % (self.home, self.http_port, self.of_listen, self.ovsdb_listen))
        self.started = True
        out = self._script('start', '--clean', '--timeout', '240')
        self.log(out)

    def stop(self):
        if not self.started:
            return
        self.started = False
        self.log('*** stopping the runtime\n')
        self._script('stop', check=False)

    def _script(self, name, *args, check=True):
        p = subprocess.run([os.path.join(SCRIPTS, name)] + list(args), env=self.env, stdout=subprocess.PIPE,
                           stderr=subprocess.STDOUT, universal_newlines=True)
        if check and p.returncode != 0:
            raise HarnessError('%s failed (%d):\n%s' % (name, p.returncode, p.stdout))
        return p.stdout

    # ---- REST ----------------------------------------------------------------------------------
    def rest(self, method, path, body=None, ok=(200, 201, 204)):
        """One REST call; returns (status, decoded JSON or None). Raises HarnessError unless status in ok."""
        url = 'http://127.0.0.1:%d%s' % (self.http_port, path)
        data = json.dumps(body).encode() if body is not None else None
        req = urllib.request.Request(url, data=data, method=method)
        req.add_header('Authorization', self._auth)
        req.add_header('Accept', 'application/json')
        if data is not None:
            req.add_header('Content-Type', 'application/json')
        try:
            with urllib.request.urlopen(req, timeout=30) as r:
                status, raw = r.status, r.read()
        except urllib.error.HTTPError as e:
            status, raw = e.code, e.read()
        doc = None
        if raw:
            try:
                doc = json.loads(raw.decode())
            except ValueError:
                doc = raw.decode(errors='replace')
        if ok is not None and status not in ok:
            raise HarnessError('%s %s -> %d %s' % (method, path, status, doc))
        return status, doc

    def get(self, path):
        return self.rest('GET', path)[1]

    def console(self, command):
        """Run one console command through bin/client; returns its output."""
        p = subprocess.run([os.path.join(self.home, 'bin', 'client'), '-u', USER, '-p', PASSWORD, '-r', '2',
                            '-a', self.env['DVR_SSH_PORT'], '-b'], input=command + '\n', env=self.env,
                           stdout=subprocess.PIPE, stderr=subprocess.STDOUT, universal_newlines=True, timeout=60)
        return re.sub(r'\x1b\[[0-9;]*m', '', p.stdout)


class Harness:
    """Runtime + testbed + REST configuration, torn down together. The nodes reach the runtime on the first
    address of `mgmt_cidr`: OpenFlow on `of_port`, OVSDB on `ovsdb_port` (default `of_port` - 13)."""

    def __init__(self, topo, prefix='e2e', http_port=8281, ssh_port=8201, rmi_registry_port=11199,
                 rmi_server_port=44544, of_port=6753, mgmt_cidr='198.19.50.0/24', log=log_stderr, ovsdb_port=None):
        import ipaddress
        net = ipaddress.ip_network(mgmt_cidr)
        self.controller_ip = str(net.network_address + 1)
        self.prefix = prefix
        self.log = log
        ovsdb_port = ovsdb_port_for(of_port) if ovsdb_port is None else ovsdb_port
        self.runtime = Runtime('/tmp/%s-karaf' % prefix, http_port, ssh_port, rmi_registry_port, rmi_server_port,
                               of_listen='0.0.0.0:%d' % of_port, log=log, ovsdb_listen='0.0.0.0:%d' % ovsdb_port)
        self.net = DvrNet(topo, prefix=prefix, controller=(self.controller_ip, of_port), mgmt_cidr=mgmt_cidr,
                          log=log, ovsdb_port=ovsdb_port)
        self.cfg = None
        self._signals = None

    # ---- lifecycle -----------------------------------------------------------------------------
    def __enter__(self):
        self._signals = signals_raise()
        self._signals.__enter__()
        try:
            self.start()
        except BaseException:
            self.stop()
            raise
        return self

    def __exit__(self, *exc):
        self.stop()
        return False

    def start(self):
        self.runtime.start()
        self.net.start()
        self.cfg = self.net.config()
        self.configure()
        self.wait_connected()
        self.wait_flows_stable()

    def stop(self):
        with signals_ignored():
            try:
                self.net.stop()
            finally:
                self.runtime.stop()
        if self._signals is not None:
            self._signals.__exit__(None, None, None)
            self._signals = None

    # ---- configuration -------------------------------------------------------------------------
    def configure(self):
        """netcfg (nodes) first, then every Neutron-shaped call in order."""
        self.log('*** posting netcfg (%d nodes)\n' % len(self.tb()['nodes']))
        self.runtime.rest('POST', '/onos/v1/network/configuration', self.cfg['netcfg'])
        self.wait(lambda: len(self.runtime.get('/onos/dvr/v1/nodes')['nodes']) == len(self.cfg['testbed']['nodes']),
                  30, 'DVR nodes from netcfg')
        self.log('*** %d REST calls\n' % len(self.cfg['calls']))
        for c in self.cfg['calls']:
            self.runtime.rest(c['method'], c['path'], c['body'])

    @staticmethod
    def wait(cond, timeout, what, interval=0.5):
        end = time.time() + timeout
        while True:
            try:
                if cond():
                    return
            except Exception:   # noqa: B902  (transient: retried until the deadline)
                if time.time() > end:
                    raise
            if time.time() > end:
                raise HarnessError('timed out after %ds waiting for %s' % (timeout, what))
            time.sleep(interval)

    def wait_connected(self, timeout=60):
        def all_connected():
            nodes = self.runtime.get('/onos/dvr/v1/nodes')['nodes']
            return all(n.get('connected') for n in nodes)
        self.wait(all_connected, timeout, 'every switch connected to the runtime')

    def flow_counts(self):
        """node name -> number of flow entries in br-int."""
        counts = {}
        for name, sw in self.net.nodes.items():
            out = sw.ovs.ofctl('dump-flows', '--no-stats')
            counts[name] = len([line for line in out.splitlines() if 'actions=' in line])
        return counts

    def wait_flows_stable(self, timeout=90, stable_for=3.0):
        """Poll the per-node flow counts until they stop changing (and are beyond the table-miss rules)."""
        end = time.time() + timeout
        last, since = None, time.time()
        while time.time() < end:
            counts = self.flow_counts()
            if counts != last:
                last, since = counts, time.time()
            elif time.time() - since >= stable_for and all(v > 9 for v in counts.values()):
                self.log('*** flows stable: %s\n' % ', '.join('%s=%d' % kv for kv in sorted(counts.items())))
                return counts
            time.sleep(0.5)
        raise HarnessError('flow counts did not settle in %ds: %s' % (timeout, last))

    # ---- access --------------------------------------------------------------------------------
    def vm(self, name):
        return self.net.vm(name)

    def host(self, name):
        return self.net.host(name)

    def node(self, name):
        return self.net.node(name)

    def tb(self):
        return self.cfg['testbed']

    def topo(self):
        return self.net.topo

    def packet_ins(self):
        """device id -> PACKET_INs the runtime received (console `dvr-packet-stats -j`)."""
        out = self.runtime.console('dvr-packet-stats -j')
        start = out.find('{')
        if start < 0:
            raise HarnessError('dvr-packet-stats printed no JSON: %s' % out)
        doc = json.loads(out[start:out.rfind('}') + 1])
        return {d['device_id']: d['packet_in'] for d in doc['devices']}

    def vm_info(self, name):
        return next(v for v in self.tb()['vms'] if v['name'] == name)

    def dump_flows(self, node):
        return self.net.node(node).ovs.ofctl('dump-flows')

    def trace(self, node, flow):
        return self.net.node(node).ovs.appctl('ofproto/trace', 'br-int', flow)


def ping(host, ip, count=3, timeout=1, interval=0.2):
    """(ok, output): ping from a Mininet host."""
    out = host.cmd('ping -n -c %d -i %s -W %d %s' % (count, interval, timeout, ip))
    m = re.search(r'(\d+) received', out)
    return (m is not None and int(m.group(1)) > 0), out


def ping_rtt(out):
    m = re.search(r'= [\d.]+/([\d.]+)/', out)
    return float(m.group(1)) if m else None


def ping_ttl(out):
    m = re.search(r'ttl=(\d+)', out)
    return int(m.group(1)) if m else None


def port_stats(harness, node, port):
    """(rx_packets, tx_packets) of an OpenFlow port of a node's br-int."""
    out = harness.node(node).ovs.ofctl('dump-ports', str(port))
    rx = re.search(r'rx pkts=(\d+)', out)
    tx = re.search(r'tx pkts=(\d+)', out)
    return int(rx.group(1)), int(tx.group(1))


def flow_packets(harness, node, pattern):
    """Sum of n_packets of the flows of a node whose dump line matches a regex."""
    total = 0
    for line in harness.dump_flows(node).splitlines():
        if re.search(pattern, line):
            m = re.search(r'n_packets=(\d+)', line)
            total += int(m.group(1)) if m else 0
    return total


def object_id(harness, kind, name):
    """Id of a Neutron object (network, subnet, port, router, floatingip) by its name in the config calls."""
    for c in harness.cfg['calls']:
        body = c['body'].get(kind)
        if body is not None and body.get('name', body.get('id')) == name:
            return body['id']
    if kind == 'floatingip':
        fip = next(f for f in harness.topo().floating_ips if f.name == name)
        return fip.id
    raise KeyError('%s %s' % (kind, name))


def node_of_device(harness, device_id):
    return next(n['name'] for n in harness.tb()['nodes'] if n['deviceId'] == device_id)


def interface_mac(harness, router, subnet):
    """MAC the runtime allocated to a router's interface on a subnet (both by name)."""
    rid = object_id(harness, 'router', router)
    sid = object_id(harness, 'subnet', subnet)
    for i in harness.runtime.get('/onos/dvr/v1/routers/%s/interfaces' % rid)['interfaces']:
        if i['subnet_id'] == sid:
            return i['mac_address']
    raise AssertionError('no interface of %s on %s' % (router, subnet))


def node_dvr_mac(harness, node):
    dev = next(n['deviceId'] for n in harness.tb()['nodes'] if n['name'] == node)
    return harness.runtime.get('/onos/dvr/v1/nodes/%s' % dev)['node']['dvr_mac']


def gateway_node(harness, router):
    """Name of the node that is the SNAT gateway (primary) of a router (by name)."""
    rid = object_id(harness, 'router', router)
    return node_of_device(harness,
                          harness.runtime.get('/onos/dvr/v1/routers/%s/gateway' % rid)['gateway']['primary'])
