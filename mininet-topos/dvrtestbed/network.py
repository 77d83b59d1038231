"""Build, start and stop the emulated DVR network described by a Topology.

Wiring (prefix `P`, see README.md for the picture):
- every DVR node is a named namespace `P-<node>` with its own ovsdb-server + ovs-vswitchd (rundir
  /tmp/P-<node>): `br-int` (netdev, secure, OpenFlow13, dpid = index, controller out-of-band) with `vxlan0`
  (ofport 100) and, on gateways, `ext0` (ofport 200); `br-phy` (netdev, standalone) holding the tunnel IP,
  with uplink `phy0`.
- underlay: namespace `P-ul` with a Linux bridge `br0`; one veth per node (`phy0` <-> `<node>`).
- external L2 network: namespace `P-xnet` with a Linux bridge `br0`; gateway nodes' `ext0` and external
  hosts' `eth0` plug in there.
- management: Linux bridge `P-mgmt` in the ROOT namespace holding the controller address; each node has a
  veth `mgmt0` (node) <-> `P-m<index>` (root, enslaved to the bridge) with address mgmt-net + 10 + index.
  Through it the node's vswitchd reaches the controller's OpenFlow port and its ovsdb-server the controller's
  OVSDB port (`set-manager`, default OpenFlow port - 13, see ports.py).
- VMs and external hosts: Mininet nodes in namespaces `P-<vm>`; a VM's `eth0` is a veth whose peer
  `tap<vm>` is a br-int port with a fixed ofport.
"""

import contextlib
import ipaddress
import json
import os
import signal

from mininet.net import Mininet
from mininet.link import Link
from mininet.node import Node

from . import cleanup as cleanup_mod
from .config import controller_config
from .offload import disable_tx_offload
from .ovs import MARKER, OvsInstance
from .ports import ovsdb_port_for
from .sysutil import CommandError, check_prefix, link_names, netns_list, run

DEFAULT_CONTROLLER = ('198.19.0.1', 6653)
DEFAULT_MGMT_CIDR = '198.19.0.0/24'
MGMT_HOST_OFFSET = 10
BRIDGE = 'br0'   # the Linux bridge inside the underlay and external namespaces


class Terminated(BaseException):
    """Raised by the handler of `signals_raise()` so that `finally`/`with` blocks tear the testbed down."""


def _raise_terminated(signum, _frame):
    raise Terminated('signal %d' % signum)


@contextlib.contextmanager
def signals_raise(signums=(signal.SIGTERM, signal.SIGHUP)):
    """Within the block, SIGTERM/SIGHUP raise `Terminated` (Ctrl-C already raises KeyboardInterrupt), so a
    `with DvrNet(...)` inside it is torn down on those signals too."""
    old = {s: signal.signal(s, _raise_terminated) for s in signums}
    try:
        yield
    finally:
        for s, handler in old.items():
            signal.signal(s, handler)


@contextlib.contextmanager
def signals_ignored(signums=(signal.SIGINT, signal.SIGTERM, signal.SIGHUP)):
    """Within the block those signals are ignored: used around teardown so it is not cut short."""
    old = {s: signal.signal(s, signal.SIG_IGN) for s in signums}
    try:
        yield
    finally:
        for s, handler in old.items():
            signal.signal(s, handler)


def parse_controller(text):
    """'ip:port' or 'ip' -> (ip, port)."""
    host, _, port = text.partition(':')
    ipaddress.ip_address(host)
    return host, int(port) if port else DEFAULT_CONTROLLER[1]


class Mgmt:
    """Management addressing: where the controller is (OpenFlow and OVSDB ports on the same IP) and what each
    node's mgmt0 gets. `ovsdb_port` None = `ports.ovsdb_port_for(OpenFlow port)`."""

    def __init__(self, cidr=DEFAULT_MGMT_CIDR, controller=DEFAULT_CONTROLLER, ovsdb_port=None):
        self.net = ipaddress.ip_network(cidr)
        self.controller_ip, self.controller_port = controller
        self.ovsdb_port = int(ovsdb_port) if ovsdb_port is not None else ovsdb_port_for(self.controller_port)
        ctrl = ipaddress.ip_address(self.controller_ip)
        if ctrl.is_loopback or ctrl.is_unspecified:
            raise ValueError('controller address %s is not reachable from the node namespaces; use an '
                             'address in %s (default %s)' % (ctrl, cidr, DEFAULT_CONTROLLER[0]))
        self.controller_in_net = ctrl in self.net
        # the root side of the mgmt bridge: the controller address itself, or the first host address
        self.bridge_ip = str(ctrl) if self.controller_in_net else str(self.net.network_address + 1)

    def node_ip(self, index):
        ip = self.net.network_address + MGMT_HOST_OFFSET + index
        if ip not in self.net or ip == self.net.broadcast_address or str(ip) == self.bridge_ip:
            raise ValueError('node index %d does not fit the management network %s' % (index, self.net))
        return str(ip)

    @property
    def target(self):
        return 'tcp:%s:%d' % (self.controller_ip, self.controller_port)

    @property
    def manager_target(self):
        """Where every node's ovsdb-server connects as to its manager (the runtime's OVSDB server)."""
        return 'tcp:%s:%d' % (self.controller_ip, self.ovsdb_port)


class NetnsNode(Node):
    """A Mininet node whose shell runs in a *named* namespace created first (`ip netns add`), so every
    process we start, and the namespace itself, can be found by name and removed."""

    def __init__(self, name, netns, **params):
        self.netns = netns
        run(['ip', 'netns', 'add', netns])
        run(['ip', 'link', 'set', 'lo', 'up'], netns=netns)
        run(['sysctl', '-qw', 'net.ipv6.conf.all.disable_ipv6=1', 'net.ipv6.conf.default.disable_ipv6=1'],
            netns=netns)
        super().__init__(name, inNamespace=True, **params)

    def _popen(self, cmd, **params):
        # Node.startShell runs `mnexec -cdn ...` (new anonymous netns): run it in our named one instead
        if not self.shell and cmd and cmd[0] == 'mnexec':
            cmd = ['ip', 'netns', 'exec', self.netns, 'mnexec', cmd[1].replace('n', '')] + list(cmd[2:])
        return super()._popen(cmd, **params)

    def dpctl(self, *args):
        return '(%s is not an OpenFlow switch)\n' % self.name


class BridgeNode(NetnsNode):
    """A namespace holding one Linux bridge: the underlay or the external L2 network."""

    def __init__(self, name, netns, mtu=1500, **params):
        super().__init__(name, netns, **params)
        self.mtu = mtu
        run(['ip', 'link', 'add', BRIDGE, 'mtu', str(mtu), 'type', 'bridge', 'stp_state', '0'], netns=netns)
        run(['ip', 'link', 'set', BRIDGE, 'up'], netns=netns)

    def plug(self, intf):
        run(['ip', 'link', 'set', intf, 'mtu', str(self.mtu), 'master', BRIDGE, 'up'], netns=self.netns)


class DvrSwitch(NetnsNode):
    """A DVR node: namespace + private OVS instance."""

    def __init__(self, name, netns, rundir, **params):
        super().__init__(name, netns, **params)
        self.ovs = OvsInstance(netns, rundir)
        # make the stock OVS tools work in this node's shell (Mininet CLI: `c1 ovs-ofctl dump-flows br-int`)
        self.cmd('export ' + ' '.join('%s=%s' % kv for kv in sorted(self.ovs.env.items())))

    def dpctl(self, *args):
        if not args:
            return ''
        try:
            return self.ovs.ofctl(args[0], *args[1:])
        except CommandError as e:
            return str(e) + '\n'


class DvrNet:
    """The whole testbed. Use as a context manager, or call start() and stop() (stop is idempotent)."""

    def __init__(self, topo, prefix='dvr', controller=DEFAULT_CONTROLLER, mgmt_cidr=DEFAULT_MGMT_CIDR,
                 log=None, ovsdb_port=None):
        self.topo = topo.validate()
        self.prefix = check_prefix(prefix)
        self.mgmt = Mgmt(mgmt_cidr, controller, ovsdb_port)
        self.log = log or (lambda msg: None)
        self.net = None
        self.nodes = {}        # DVR node name -> DvrSwitch
        self.vms = {}          # VM name -> NetnsNode
        self.ext_hosts = {}    # external host name -> NetnsNode
        self.underlay = None
        self.xnet = None
        self.started = False

    # ---- naming --------------------------------------------------------------------------------
    def ns(self, name):
        return '%s-%s' % (self.prefix, name)

    def rundir(self, name):
        return '/tmp/%s-%s' % (self.prefix, name)

    @property
    def mgmt_bridge(self):
        return '%s-mgmt' % self.prefix

    @property
    def statedir(self):
        return self.rundir('testbed')

    def node(self, name):
        return self.nodes[name]

    def vm(self, name):
        return self.vms[name]

    def host(self, name):
        """Any Mininet node by name (DVR node, VM, external host, `ul`, `xnet`)."""
        return self.net[name]

    # ---- lifecycle -----------------------------------------------------------------------------
    def __enter__(self):
        self.start()
        return self

    def __exit__(self, *exc):
        self.stop()
        return False

    def start(self):
        leftovers = [n for n in netns_list() if n.startswith(self.prefix + '-')]
        if leftovers:
            raise RuntimeError('namespaces with prefix %r exist (%s): run `dvrnet.py cleanup --prefix %s`'
                               % (self.prefix, ', '.join(leftovers), self.prefix))
        if self.mgmt_bridge in link_names():
            raise RuntimeError('%s exists: run `dvrnet.py cleanup --prefix %s`' % (self.mgmt_bridge, self.prefix))
        in_use = run(['ip', '-o', '-4', 'addr', 'show', 'to', str(self.mgmt.net)], check=False).strip()
        if in_use:
            raise RuntimeError('management network %s already has addresses in the root namespace '
                               '(another testbed?): choose another --mgmt-cidr\n%s' % (self.mgmt.net, in_use))
        self.started = True
        try:
            self._build()
        except BaseException:
            self.stop()
            raise

    def _build(self):
        topo, ad = self.topo, self.topo.addressing
        Mininet.inited = True   # skip Mininet.init(): it raises system-wide limits we do not need
        self.net = Mininet(topo=None, controller=None, build=False, autoSetMacs=False)
        os.makedirs(self.statedir, exist_ok=True)
        with open(os.path.join(self.statedir, MARKER), 'w') as f:
            f.write('state of testbed %s\n' % self.prefix)

        self.log('*** underlay and external network namespaces\n')
        self.underlay = self._add_switch(BridgeNode('ul', self.ns('ul'), mtu=ad.underlay_mtu))
        if topo.gateway_nodes:
            self.xnet = self._add_switch(BridgeNode('xnet', self.ns('xnet'), mtu=1500))

        self.log('*** management bridge %s (%s)\n' % (self.mgmt_bridge, self.mgmt.bridge_ip))
        run(['ip', 'link', 'add', self.mgmt_bridge, 'type', 'bridge', 'stp_state', '0'])
        run(['ip', 'addr', 'add', '%s/%d' % (self.mgmt.bridge_ip, self.mgmt.net.prefixlen),
             'dev', self.mgmt_bridge])
        run(['ip', 'link', 'set', self.mgmt_bridge, 'up'])

        for n in topo.nodes:
            self.log('*** node %s (%s, index %d)\n' % (n.name, n.role, n.index))
            self._build_node(n)
        self._prime_tunnel_neighbors()
        for vm in topo.vms:
            self._build_vm(vm)
        for e in topo.external_hosts:
            host = NetnsNode(e.name, self.ns(e.name))
            self.net.hosts.append(host)
            self.net.nameToNode[e.name] = host
            self.ext_hosts[e.name] = host
            Link(host, self.xnet, intfName1='eth0', intfName2=e.name, addr1=e.mac, addr2=_peer_mac(e.mac),
                 params1={'ip': '%s/%d' % (e.ip, ipaddress.ip_network(ad.external_cidr).prefixlen)})
            _no_offload(host.netns, 'eth0')
            self.xnet.plug(e.name)
        with open(os.path.join(self.statedir, 'config.json'), 'w') as f:
            json.dump(self.config(), f, indent=2)
        self.log('*** testbed %s is up: %d nodes, %d VMs, %d external hosts (config: %s/config.json)\n'
                 % (self.prefix, len(self.nodes), len(self.vms), len(self.ext_hosts), self.statedir))

    def _add_switch(self, node):
        self.net.switches.append(node)
        self.net.nameToNode[node.name] = node
        return node

    def _build_node(self, n):
        topo, ad = self.topo, self.topo.addressing
        sw = self._add_switch(DvrSwitch(n.name, self.ns(n.name), self.rundir(n.name)))
        self.nodes[n.name] = sw
        ns = sw.netns
        # management veth into the root namespace
        root_end = '%s-m%d' % (self.prefix, n.index)
        run(['ip', 'link', 'add', root_end, 'type', 'veth', 'peer', 'name', 'mgmt0', 'netns', ns])
        run(['ip', 'link', 'set', root_end, 'master', self.mgmt_bridge, 'up'])
        run(['ip', 'addr', 'add', '%s/%d' % (self.mgmt.node_ip(n.index), self.mgmt.net.prefixlen),
             'dev', 'mgmt0'], netns=ns)
        run(['ip', 'link', 'set', 'mgmt0', 'up'], netns=ns)
        if not self.mgmt.controller_in_net:
            run(['ip', 'route', 'add', self.mgmt.controller_ip + '/32', 'via', self.mgmt.bridge_ip], netns=ns)
        # underlay link
        Link(sw, self.underlay, intfName1='phy0', intfName2=n.name)
        run(['ip', 'link', 'set', 'phy0', 'mtu', str(ad.underlay_mtu), 'up'], netns=ns)
        self.underlay.plug(n.name)

        sw.ovs.start()
        tunnel_ip = topo.tunnel_ip(n)
        sw.ovs.vsctl(
            'add-br', 'br-phy', '--', 'set', 'bridge', 'br-phy', 'datapath_type=netdev',
            'other-config:hwaddr=%s' % _node_mac(0x01, n.index),
            '--', 'add-port', 'br-phy', 'phy0')
        run(['ip', 'addr', 'add', '%s/%d' % (tunnel_ip, ad.underlay_prefixlen), 'dev', 'br-phy'], netns=ns)
        run(['ip', 'link', 'set', 'br-phy', 'mtu', str(ad.underlay_mtu), 'up'], netns=ns)
        sw.ovs.vsctl(
            'add-br', 'br-int', '--', 'set', 'bridge', 'br-int', 'datapath_type=netdev', 'fail-mode=secure',
            'protocols=OpenFlow13', 'other-config:datapath-id=%s' % n.dpid,
            'other-config:hwaddr=%s' % _node_mac(0x02, n.index), 'other-config:disable-in-band=true',
            'external-ids:dvr-node=%s' % n.name,
            '--', '--id=@c', 'create', 'controller', 'target="%s"' % self.mgmt.target,
            'connection_mode=out-of-band', 'max_backoff=1000',
            '--', 'set', 'bridge', 'br-int', 'controller=@c',
            '--', 'add-port', 'br-int', 'vxlan0', '--', 'set', 'interface', 'vxlan0', 'type=vxlan',
            'options:remote_ip=flow', 'options:key=flow', 'options:local_ip=%s' % tunnel_ip,
            'ofport_request=%d' % ad.tunnel_port,
            # the runtime's OVSDB southbound manages the node's BFD failover tunnel ports through this
            '--', '--id=@m', 'create', 'Manager', 'target="%s"' % self.mgmt.manager_target, 'max_backoff=1000',
            '--', 'set', 'Open_vSwitch', '.', 'manager_options=@m')
        if n.is_gateway:
            Link(sw, self.xnet, intfName1='ext0', intfName2=n.name)
            _no_offload(ns, 'ext0')
            run(['ip', 'link', 'set', 'ext0', 'up'], netns=ns)
            self.xnet.plug(n.name)
            sw.ovs.vsctl('add-port', 'br-int', 'ext0', '--', 'set', 'interface', 'ext0',
                         'ofport_request=%d' % ad.external_port)

    def _prime_tunnel_neighbors(self, names=None):
        """Tell every vswitchd (or those named) the underlay MAC of every other node (br-phy MACs are fixed), so
        the first tunnelled packets are not dropped while OVS resolves the remote tunnel endpoint by ARP."""
        for n in self.topo.nodes:
            if names is not None and n.name not in names:
                continue
            ovs = self.nodes[n.name].ovs
            ovs.appctl('tnl/neigh/aging', '3600')
            for other in self.topo.nodes:
                if other.name != n.name:
                    ovs.appctl('tnl/neigh/set', 'br-phy', self.topo.tunnel_ip(other), _node_mac(0x01, other.index))

    def restart_vswitchd(self, name):
        """Crash and restart one node's ovs-vswitchd on the same database (see OvsInstance.restart_vswitchd),
        then prime its tunnel neighbour cache again as at build time. Returns the new pid."""
        pid = self.nodes[name].ovs.restart_vswitchd()
        self._prime_tunnel_neighbors([name])
        return pid

    def kill_vswitchd(self, name):
        """Crash one node's ovs-vswitchd (SIGKILL) and leave it down. Returns the killed pid."""
        return self.nodes[name].ovs.kill_vswitchd()

    def start_vswitchd(self, name):
        """Start a node's ovs-vswitchd again after kill_vswitchd, and prime its tunnel neighbour cache as at
        build time. Returns the new pid."""
        pid = self.nodes[name].ovs.start_vswitchd()
        self._prime_tunnel_neighbors([name])
        return pid

    def add_vm(self, vm):
        """Plug one more VM into its node while the testbed runs (a model `Vm` that is not in the topology, e.g.
        for a port a test creates later); it is torn down with the rest. Returns its host."""
        self._build_vm(vm)
        return self.vms[vm.name]

    def _build_vm(self, vm):
        topo = self.topo
        subnet = topo.subnet(vm.subnet)
        sw = self.nodes[vm.node]
        host = NetnsNode(vm.name, self.ns(vm.name))
        self.net.hosts.append(host)
        self.net.nameToNode[vm.name] = host
        self.vms[vm.name] = host
        tap = 'tap' + vm.name
        Link(host, sw, intfName1='eth0', intfName2=tap, addr1=vm.mac, addr2=_peer_mac(vm.mac),
             params1={'ip': '%s/%d' % (vm.ip, ipaddress.ip_network(subnet.cidr).prefixlen)})
        _no_offload(host.netns, 'eth0')
        _no_offload(sw.netns, tap)
        run(['ip', 'link', 'set', tap, 'up'], netns=sw.netns)
        run(['ip', 'route', 'replace', 'default', 'via', subnet.gateway_ip], netns=host.netns)
        sw.ovs.vsctl('add-port', 'br-int', tap, '--', 'set', 'interface', tap, 'ofport_request=%d' % vm.ofport,
                     'external-ids:iface-id=%s' % vm.port_id, 'external-ids:attached-mac=%s' % vm.mac)

    def stop(self):
        """Tear everything down: daemons by pid, Mininet shells, namespaces, root links, run dirs."""
        if not self.started:
            return
        self.started = False
        with signals_ignored():
            self._teardown()

    def _teardown(self):
        for sw in self.nodes.values():
            try:
                sw.ovs.stop()
            except Exception:   # keep going: the sweep below removes what is left
                pass
        if self.net is not None:
            for node in self.net.hosts + self.net.switches:
                try:
                    node.terminate()
                except Exception:
                    pass
        cleanup_mod.sweep(self.prefix)

    # ---- config --------------------------------------------------------------------------------
    def config(self):
        return controller_config(self.topo, prefix=self.prefix,
                                 controller=(self.mgmt.controller_ip, self.mgmt.controller_port), mgmt=self.mgmt)

    def cli(self):
        from mininet.cli import CLI
        CLI(self.net)


def _peer_mac(mac):
    """MAC of the switch-side end of a host veth: the host MAC with the locally-administered bit flipped
    into a distinct prefix (never equal to a VM/external host MAC)."""
    octets = mac.split(':')
    return '0e:' + ':'.join(octets[1:])


def _node_mac(kind, index):
    return '0e:d7:%02x:00:%02x:%02x' % (kind, index >> 8, index & 0xff)


def _no_offload(netns, intf):
    """Turn off TX checksum offload on a veth feeding the userspace datapath (see README)."""
    disable_tx_offload(netns, intf)
