"""Drive the onos-dvr runtime (the Karaf distribution) from tests and scripts, and compare what the switches
hold with what the controller wants.

- `Karaf`: a private copy of `features/karaf/target/assembly` run with private ports through the distribution's
  `start` / `stop` scripts (never the shared assembly itself, so parallel users do not collide).
- `Rest`: a tiny JSON client for `/onos/v1/...` and `/onos/dvr/v1/...` (HTTP BASIC).
- `switch_flows()`: `ovs-ofctl -O OpenFlow13 --no-stats dump-flows` of a testbed node parsed into `Flow`s.
- `controller_flows()`: the runtime's FlowRuleService view (`onos:flows any <device>` on the console).
- `compare()`: switch vs controller vs a reference set, per table, with a readable report.

Python standard library and dvrtestbed's pure modules only (runs with /usr/bin/python3 as root in CI).
"""

import base64
import collections
import json
import os
import re
import shutil
import subprocess
import time
import urllib.error
import urllib.request

from dvrtestbed.ports import ovsdb_listen_for

APP_NAME = 'org.onosdvr.app'
REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
ASSEMBLY = os.path.join(REPO, 'features', 'karaf', 'target', 'assembly')
SCRIPTS = os.path.join(REPO, 'features', 'karaf', 'src', 'main', 'scripts')


def karaf_pid(home):
    """Pid of the Karaf running from `home` (its karaf.pid, checked against the process's command line), or None."""
    try:
        with open(os.path.join(home, 'karaf.pid')) as f:
            pid = int(f.read().strip() or 0)
    except (OSError, ValueError):
        return None
    try:
        with open('/proc/%d/cmdline' % pid, 'rb') as f:
            if ('-Dkaraf.home=%s' % home).encode() in f.read():
                return pid
    except OSError:
        pass
    return None


class Karaf:
    """One private runtime instance: `home` is a copy of the assembly; ports and the OpenFlow and OVSDB listen
    addresses are written into the copy's etc/ by the start script. `ovsdb_listen` None = the OpenFlow address's
    host with the OpenFlow port - 13 (dvrtestbed.ports), which is where DvrNet points the nodes by default."""

    def __init__(self, home, http_port, ssh_port, rmi_registry_port, rmi_server_port, of_listen,
                 assembly=ASSEMBLY, user='onos', password='rocks', ovsdb_listen=None):
        self.home = home
        self.assembly = assembly
        self.http_port = http_port
        self.ssh_port = ssh_port
        self.of_listen = of_listen
        self.ovsdb_listen = ovsdb_listen or ovsdb_listen_for(of_listen)
        self.user, self.password = user, password
        self.env = dict(os.environ, DVR_KARAF_HOME=home, DVR_HTTP_PORT=str(http_port),
                        DVR_SSH_PORT=str(ssh_port), DVR_RMI_REGISTRY_PORT=str(rmi_registry_port),
                        DVR_RMI_SERVER_PORT=str(rmi_server_port), DVR_OF_LISTEN=of_listen,
                        DVR_OVSDB_LISTEN=self.ovsdb_listen)
        self.rest = Rest('http://127.0.0.1:%d' % http_port, user, password)

    @staticmethod
    def available(assembly=ASSEMBLY):
        """Why the runtime cannot run here, or None."""
        if not os.access(os.path.join(assembly, 'bin', 'karaf'), os.X_OK):
            return 'no Karaf assembly at %s (build with `mvn -B verify -DskipTests`)' % assembly
        if shutil.which('java') is None:
            return 'no java on the PATH'
        return None

    @property
    def log_file(self):
        return os.path.join(self.home, 'data', 'log', 'karaf.log')

    def copy(self):
        """Fresh copy of the assembly (replaces an old copy at `home`)."""
        self.stop_quietly()
        shutil.rmtree(self.home, ignore_errors=True)
        shutil.copytree(self.assembly, self.home, symlinks=True)

    def _script(self, name, *args, timeout=300):
        return subprocess.run([os.path.join(SCRIPTS, name)] + list(args), env=self.env, capture_output=True,
                              text=True, timeout=timeout)

    def start(self, clean=False, timeout=180):
        """Start and wait until REST and the features are up; returns seconds taken."""
        t0 = time.monotonic()
        r = self._script('start', *(['--clean'] if clean else []), '--timeout', str(timeout),
                         timeout=timeout + 60)
        if r.returncode != 0:
            raise RuntimeError('Karaf start failed (%d):\n%s\n%s' % (r.returncode, r.stdout, r.stderr))
        return time.monotonic() - t0

    def stop(self, timeout=60):
        r = self._script('stop', '--timeout', str(timeout), timeout=timeout + 60)
        if r.returncode != 0:
            raise RuntimeError('Karaf stop failed (%d):\n%s\n%s' % (r.returncode, r.stdout, r.stderr))

    def stop_quietly(self):
        if os.path.exists(os.path.join(self.home, 'bin', 'karaf')):
            try:
                self.stop()
            except Exception:   # teardown: keep going
                pass

    def pid(self):
        return karaf_pid(self.home)

    def console(self, *commands, timeout=60):
        """Run console commands through bin/client (batch mode); returns stdout without ANSI colours."""
        r = subprocess.run([os.path.join(self.home, 'bin', 'client'), '-u', self.user, '-p', self.password,
                            '-a', str(self.ssh_port), '-r', '3', '-b'], input='\n'.join(commands) + '\n',
                           capture_output=True, text=True, timeout=timeout, env=self.env)
        return re.sub(r'\x1b\[[0-9;]*m', '', r.stdout)

    def log_lines(self, pattern):
        """Lines of karaf.log matching a regex."""
        try:
            with open(self.log_file, errors='replace') as f:
                return [line for line in f if re.search(pattern, line)]
        except OSError:
            return []


class RestError(Exception):
    def __init__(self, status, body, method, path):
        super().__init__('%s %s -> %d %s' % (method, path, status, body[:300]))
        self.status = status
        self.body = body


class Rest:
    """JSON over HTTP BASIC."""

    def __init__(self, base, user='onos', password='rocks'):
        """user None: no credentials at all (no Authorization header)."""
        self.base = base
        self.auth = None if user is None else \
            'Basic ' + base64.b64encode(('%s:%s' % (user, password)).encode()).decode()

    def call(self, method, path, body=None, timeout=30):
        """(status, parsed JSON or text or None); never raises on HTTP errors."""
        data = json.dumps(body).encode() if body is not None else None
        headers = {'Content-Type': 'application/json', 'Accept': 'application/json'}
        if self.auth is not None:
            headers['Authorization'] = self.auth
        req = urllib.request.Request(self.base + path, method=method, data=data, headers=headers)
        try:
            with urllib.request.urlopen(req, timeout=timeout) as resp:
                status, text = resp.status, resp.read().decode()
        except urllib.error.HTTPError as e:
            status, text = e.code, e.read().decode(errors='replace')
        try:
            return status, json.loads(text) if text else None
        except ValueError:
            return status, text

    def ok(self, method, path, body=None):
        status, answer = self.call(method, path, body)
        if status >= 300:
            raise RestError(status, json.dumps(answer) if not isinstance(answer, str) else answer, method, path)
        return answer

    def get(self, path):
        return self.ok('GET', path)

    def app_id(self, name=APP_NAME):
        return self.get('/onos/v1/applications/ids/entry?name=' + name)['id']


def apply_config(rest, cfg):
    """POST the testbed's netcfg, then every REST call in order (each must succeed)."""
    rest.ok('POST', '/onos/v1/network/configuration', cfg['netcfg'])
    for c in cfg['calls']:
        rest.ok(c['method'], c['path'], c['body'])


def dvr_state(rest):
    """Every DVR object the northbound lists, normalised for comparison (lists sorted by id)."""
    state = {}
    for kind, key in (('networks', 'networks'), ('subnets', 'subnets'), ('ports', 'ports'),
                      ('routers', 'routers'), ('floatingips', 'floatingips'), ('gateways', 'gateways'),
                      ('nodes', 'nodes')):
        items = rest.get('/onos/dvr/v1/' + kind)[key]
        if kind == 'nodes':
            for n in items:
                for live in ('connected', 'rules', 'sync'):   # liveness and reconciler progress, not state
                    n.pop(live, None)
        state[kind] = sorted(items, key=lambda o: json.dumps(o, sort_keys=True))
    for r in state['routers']:
        state['interfaces:' + r['id']] = rest.get('/onos/dvr/v1/routers/%s/interfaces' % r['id'])['interfaces']
    return state


# ---- flows -----------------------------------------------------------------------------------------

Flow = collections.namedtuple('Flow', 'cookie table priority match actions')

_FLOW_RE = re.compile(r'cookie=(0x[0-9a-f]+)(?:, table=(\d+))?.*?\s(?:send_flow_rem\s)?priority=(\d+)(?:,(\S*))?'
                      r'\s+actions=(.*)$')


def parse_flow(line):
    """One `ovs-ofctl --no-stats dump-flows` line -> Flow (None for headers)."""
    line = line.strip()
    if not line.startswith('cookie='):
        return None
    m = _FLOW_RE.match(line)
    if m is None:
        # "priority=N" may be absent when it is the default 32768 and the match is empty
        m2 = re.match(r'cookie=(0x[0-9a-f]+)(?:, table=(\d+))?.*?\s(\S*)\s*actions=(.*)$', line)
        if m2 is None:
            raise ValueError('cannot parse flow: %r' % line)
        return Flow(int(m2.group(1), 16), int(m2.group(2) or 0), 32768, m2.group(3), m2.group(4))
    return Flow(int(m.group(1), 16), int(m.group(2) or 0), int(m.group(3)), m.group(4) or '', m.group(5))


def switch_flows(ovs):
    """All flows of a node's br-int (OvsInstance from dvrtestbed)."""
    out = subprocess.run(['ovs-ofctl', '-O', 'OpenFlow13', '--no-stats', 'dump-flows', ovs.mgmt()],
                         capture_output=True, text=True, env=dict(os.environ, **ovs.env), check=True).stdout
    return [f for f in (parse_flow(line) for line in out.splitlines()) if f is not None]


def ours(flows, app_id):
    """Flows whose cookie carries our application id in its high 16 bits (ONOS FlowId layout)."""
    return [f for f in flows if f.cookie >> 48 == app_id]


ControllerFlow = collections.namedtuple('ControllerFlow', 'id table state app')

_ONOS_FLOW_RE = re.compile(r'^\s+id=([0-9a-f]+), state=(\w+),.*?tableId=(\d+), appId=([^,]+),')


def controller_flows(karaf, device_id=None):
    """The runtime's FlowRuleService entries, from `onos:flows any [device]` (one console call): a list for one
    device, or {device id: list} for every device when device_id is None."""
    out = karaf.console('onos:flows any' + (' ' + device_id if device_id else ''))
    by_device, current = {}, None
    for line in out.splitlines():
        head = re.match(r'^deviceId=([^,]+), flowRuleCount=', line)
        if head:
            current = by_device.setdefault(head.group(1), [])
            continue
        m = _ONOS_FLOW_RE.match(line)
        if m and current is not None:
            current.append(ControllerFlow(int(m.group(1), 16), int(m.group(3)), m.group(2), m.group(4)))
    if device_id is not None:
        return by_device.get(device_id, [])
    return by_device


def per_table(items):
    return dict(sorted(collections.Counter(i.table for i in items).items()))


def flow_key(f):
    """What makes a rule the same rule on the switch: cookie (= ONOS FlowId), table, priority, match, actions."""
    return (f.cookie, f.table, f.priority, f.match, f.actions)


def compare(node, switch, controller, app_id, reference=None, desired_ids=None):
    """Problems (list of strings; empty = converged) for one node.

    switch: Flows dumped from the switch; controller: ControllerFlows of the device; reference: a set of
    `flow_key`s the switch must hold exactly (our cookies); desired_ids: FlowIds the controller wants (from the
    northbound's rules endpoint when it exists)."""
    problems = []
    mine = ours(switch, app_id)
    sw_ids = collections.Counter(f.cookie for f in mine)
    dupes = [hex(c) for c, n in sw_ids.items() if n > 1]
    if dupes:
        problems.append('%s: cookies installed twice: %s' % (node, dupes))
    ctl = [c for c in controller if c.app == APP_NAME]
    not_added = [(hex(c.id), c.state) for c in ctl if c.state != 'ADDED']
    if not_added:
        problems.append('%s: controller entries not ADDED: %s' % (node, not_added[:10]))
    sw_set = {(f.cookie, f.table) for f in mine}
    ctl_set = {(c.id, c.table) for c in ctl}
    if sw_set != ctl_set:
        problems.append('%s: switch vs controller differ: only on switch %s, only in controller %s'
                        % (node, sorted(hex(c) for c, _ in sw_set - ctl_set)[:10],
                           sorted(hex(c) for c, _ in ctl_set - sw_set)[:10]))
    if reference is not None:
        keys = {flow_key(f) for f in mine}
        extra, missing = keys - reference, reference - keys
        if extra or missing:
            problems.append('%s: switch vs reference: %d extra %s, %d missing %s'
                            % (node, len(extra), sorted(extra)[:3], len(missing), sorted(missing)[:3]))
    if desired_ids is not None and set(desired_ids) != {f.cookie for f in mine}:
        have = {f.cookie for f in mine}
        problems.append('%s: switch vs compiled: extra %s, missing %s'
                        % (node, sorted(hex(c) for c in have - set(desired_ids))[:10],
                           sorted(hex(c) for c in set(desired_ids) - have)[:10]))
    return problems


def rules_problems(node, rules, switch, app_id, reference=None):
    """Problems (empty = exactly the compiled set) for one node, from the northbound's answer to
    `GET /onos/dvr/v1/devices/{id}/rules` (the reconciler's desired and installed rules) and the switch's flows:
    the reconciler's diff must be empty and the switch must hold exactly the compiled rule ids, all ADDED in the
    controller (and, when given, exactly the reference rule set)."""
    problems = []
    if not rules['ok']:
        problems.append('%s: reconciler diff not empty: missing %s, extraneous %s, modified %s'
                        % (node, rules['missing'], rules['extraneous'], rules['modified']))
    controller = [ControllerFlow(int(e['id'], 16), e['table_id'], e['state'], APP_NAME) for e in rules['installed']]
    desired = [int(e['id'], 16) for e in rules['desired']]
    return problems + compare(node, switch, controller, app_id, reference=reference, desired_ids=desired)


def wait_for(predicate, timeout, interval=0.2):
    """Poll until predicate() is truthy; returns (value, seconds) or (last value, None) on timeout."""
    t0 = time.monotonic()
    value = None
    while time.monotonic() - t0 < timeout:
        value = predicate()
        if value:
            return value, time.monotonic() - t0
        time.sleep(interval)
    return value, None
