"""The emulated network itself, with no controller: hand-written flows prove the plumbing.

One `minimal` testbed (prefix `tb`) is shared by the tests of this module; each test installs its own
flows and removes them again.
"""

import json
import socket
import struct
import subprocess
import threading
import time

import pytest

from conftest import needs_root
from dvrtestbed.config import APP
from dvrtestbed.generator import named
from dvrtestbed.network import DvrNet
from dvrtestbed.sysutil import run, wait_until

pytestmark = needs_root

PREFIX = 'tb'
MGMT_CIDR = '198.19.201.0/24'
CONTROLLER_IP = '198.19.201.1'


class FakeController:
    """TCP listener in the root namespace: records who connects and the first OpenFlow header sent."""

    def __init__(self):
        self.sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self.sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.sock.bind(('0.0.0.0', 0))
        self.sock.listen(16)
        self.sock.settimeout(0.2)
        self.port = self.sock.getsockname()[1]
        self.hellos = {}          # peer ip -> (version, type) of the first message
        self.local_addrs = set()  # addresses the nodes connected to
        self._stop = False
        self.thread = threading.Thread(target=self._serve, daemon=True)
        self.thread.start()

    def _serve(self):
        while not self._stop:
            try:
                conn, peer = self.sock.accept()
            except socket.timeout:
                continue
            except OSError:
                return
            with conn:
                conn.settimeout(2)
                try:
                    header = conn.recv(8)
                except OSError:
                    header = b''
                if len(header) >= 2:
                    self.hellos[peer[0]] = struct.unpack('!BB', header[:2])
                    self.local_addrs.add(conn.getsockname()[0])

    def close(self):
        self._stop = True
        self.thread.join(2)
        self.sock.close()


@pytest.fixture(scope='module')
def controller():
    c = FakeController()
    yield c
    c.close()


@pytest.fixture(scope='module')
def net(controller):
    with DvrNet(named('minimal'), prefix=PREFIX, controller=(CONTROLLER_IP, controller.port),
                mgmt_cidr=MGMT_CIDR) as n:
        yield n


@pytest.fixture
def clean_flows(net):
    yield
    for sw in net.nodes.values():
        sw.ovs.ofctl('del-flows')


def _ping(host, ip, count=3):
    out = host.cmd('ping -c %d -i 0.2 -w %d %s' % (count, count + 4, ip))
    return ' 0% packet loss' in out, out


def _vms_on_two_nodes_in_one_subnet(t):
    vm_a = t.vms[0]
    vm_b = next(v for v in t.vms if v.subnet == vm_a.subnet and v.node != vm_a.node)
    return vm_a, vm_b


def _tunnel_flows(t, local_vm, remote_vm, vni):
    return ['table=0,priority=10,in_port=%d,actions=set_field:%d->tun_id,set_field:%s->tun_dst,output:%d'
            % (local_vm.ofport, vni, t.tunnel_ip(remote_vm.node), t.addressing.tunnel_port),
            'table=0,priority=10,in_port=%d,tun_id=%d,actions=output:%d'
            % (t.addressing.tunnel_port, vni, local_vm.ofport)]


class Capture:
    """tcpdump in a namespace, started before traffic; `lines()` stops it and returns its output."""

    def __init__(self, netns, intf, bpf, count=50, seconds=15):
        self.proc = subprocess.Popen(['ip', 'netns', 'exec', netns, 'timeout', str(seconds), 'tcpdump', '-i', intf,
                                      '-nn', '-l', '-c', str(count)] + bpf.split(),
                                     stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        # tcpdump says "listening on" on stderr once the capture is armed
        line = self.proc.stderr.readline()
        while line and 'listening on' not in line:
            line = self.proc.stderr.readline()

    def lines(self):
        time.sleep(0.3)
        self.proc.terminate()
        out, _ = self.proc.communicate(timeout=10)
        return out.splitlines()


def test_every_node_reaches_the_controller_address(net, controller):
    t = net.topo
    expected = {net.mgmt.node_ip(n.index) for n in t.nodes}
    assert wait_until(lambda: expected <= set(controller.hellos), 15), \
        'connected: %s, expected %s' % (sorted(controller.hellos), sorted(expected))
    # every node spoke OpenFlow 1.3 (version 4) HELLO (type 0) to the controller address
    assert all(controller.hellos[ip] == (4, 0) for ip in expected), controller.hellos
    assert controller.local_addrs == {CONTROLLER_IP}


def test_ovs_state_matches_the_generated_config(net, controller):
    """The built network and the controller config come from one description: check they agree."""
    t = net.topo
    cfg = net.config()
    nodes = {n['deviceId']: n for n in cfg['netcfg']['apps'][APP]['dvr']['nodes']}
    for n in t.nodes:
        sw = net.node(n.name)
        entry = nodes[n.device_id]
        assert 'dpid:' + entry['deviceId'][3:] in sw.ovs.ofctl('show')
        assert sw.ovs.vsctl('get', 'interface', 'vxlan0', 'ofport').strip() == str(entry['tunnelPort'])
        assert sw.ovs.vsctl('get', 'interface', 'vxlan0', 'options:local_ip').strip().strip('"') == entry['tunnelIp']
        assert 'inet %s/' % entry['tunnelIp'] in run(['ip', '-4', 'addr', 'show', 'br-phy'], netns=sw.netns)
        assert sw.ovs.vsctl('get', 'bridge', 'br-int', 'fail_mode').strip() == 'secure'
        assert sw.ovs.vsctl('get', 'bridge', 'br-int', 'datapath_type').strip() == 'netdev'
        assert sw.ovs.vsctl('get', 'bridge', 'br-int', 'protocols').strip() == '[OpenFlow13]'
        ctrl = sw.ovs.vsctl('--columns=target,connection_mode,max_backoff', 'list', 'controller')
        assert 'tcp:%s:%d' % (CONTROLLER_IP, net.mgmt.controller_port) in ctrl
        assert 'out-of-band' in ctrl and '1000' in ctrl
        ports = sw.ovs.vsctl('--format=json', '--columns=name,ofport', 'list', 'interface')
        ofports = {row[0]: row[1] for row in json.loads(ports)['data']}
        if n.is_gateway:
            assert ofports['ext0'] == entry['externalPort'] == t.addressing.external_port
        else:
            assert 'ext0' not in ofports and 'externalPort' not in entry
        for call in cfg['calls']:
            port = call['body'].get('port')
            if port and port['binding:host_id'] == n.name:
                assert port['binding:profile']['device_id'] == entry['deviceId']
                assert ofports['tap' + port['name']] == port['binding:profile']['port_number']
    for vm in t.vms:
        out = run(['ip', '-o', '-4', 'addr', 'show', 'eth0'], netns=net.vm(vm.name).netns)
        assert vm.ip in out
        assert vm.mac in run(['ip', 'link', 'show', 'eth0'], netns=net.vm(vm.name).netns)


def test_secure_br_int_forwards_nothing_without_flows(net, clean_flows):
    vm_a, vm_b = _vms_on_two_nodes_in_one_subnet(net.topo)
    ok, out = _ping(net.vm(vm_a.name), vm_b.ip, count=1)
    assert not ok, out


def test_vm_to_vm_over_vxlan_between_two_nodes(net, clean_flows):
    t = net.topo
    vm_a, vm_b = _vms_on_two_nodes_in_one_subnet(t)
    vni = t.vm_network(vm_a).vni
    net.node(vm_a.node).ovs.add_flows(_tunnel_flows(t, vm_a, vm_b, vni))
    net.node(vm_b.node).ovs.add_flows(_tunnel_flows(t, vm_b, vm_a, vni))
    cap = Capture(net.underlay.netns, 'br0', 'udp port 4789', count=20)
    ok, out = _ping(net.vm(vm_a.name), vm_b.ip)
    lines = cap.lines()
    assert ok, out
    vxlan = [l for l in lines if 'VXLAN' in l]
    assert vxlan, lines
    assert all('vni %d' % vni in l for l in vxlan), vxlan
    src, dst = t.tunnel_ip(vm_a.node), t.tunnel_ip(vm_b.node)
    assert any('%s.' % src in l and '> %s.4789' % dst in l for l in vxlan), vxlan
    assert any('%s.' % dst in l and '> %s.4789' % src in l for l in vxlan), vxlan
    # TCP too (needs TX checksum offload off on the veths into the userspace datapath)
    server = net.vm(vm_b.name)
    server.cmd('iperf3 -s -1 -D -p 5201')
    time.sleep(0.3)
    out = net.vm(vm_a.name).cmd('timeout 15 iperf3 -c %s -p 5201 -n 1M' % vm_b.ip)
    assert 'receiver' in out, out
    # a receiver expecting another VNI drops the traffic: the VNI really is what separates networks
    rx = net.node(vm_b.node).ovs
    rx.ofctl('del-flows')
    rx.add_flows(_tunnel_flows(t, vm_b, vm_a, vni + 1000))
    ok, out = _ping(net.vm(vm_a.name), vm_b.ip, count=2)
    assert not ok, out


def test_external_host_reaches_vm_through_gateway_external_port(net, clean_flows):
    """ext1 <-> gateway g1 port 200 <-> VXLAN (external VNI) <-> vm1 on c1, all by hand-written flows."""
    t, ad = net.topo, net.topo.addressing
    gw = t.gateway_nodes[0]
    vm = t.vms[0]
    ext = t.external_hosts[0]
    vni = t.network(t.external_network).vni
    probe_ip = '203.0.113.77'
    vm_host = net.vm(vm.name)
    vm_host.cmd('ip addr add %s/24 dev eth0' % probe_ip)
    try:
        net.node(gw.name).ovs.add_flows([
            'table=0,priority=10,in_port=%d,actions=set_field:%d->tun_id,set_field:%s->tun_dst,output:%d'
            % (ad.external_port, vni, t.tunnel_ip(vm.node), ad.tunnel_port),
            'table=0,priority=10,in_port=%d,tun_id=%d,actions=output:%d' % (ad.tunnel_port, vni, ad.external_port),
        ])
        net.node(vm.node).ovs.add_flows([
            'table=0,priority=10,in_port=%d,actions=set_field:%d->tun_id,set_field:%s->tun_dst,output:%d'
            % (vm.ofport, vni, t.tunnel_ip(gw), ad.tunnel_port),
            'table=0,priority=10,in_port=%d,tun_id=%d,actions=output:%d' % (ad.tunnel_port, vni, vm.ofport),
        ])
        ok, out = _ping(net.ext_hosts[ext.name], probe_ip)
        assert ok, out
        stats = net.node(gw.name).ovs.ofctl('dump-ports', str(ad.external_port))
        rx = int(stats.split('rx pkts=')[1].split(',')[0])
        tx = int(stats.split('tx pkts=')[1].split(',')[0])
        assert rx >= 3 and tx >= 3, stats
        ok, out = _ping(vm_host, ext.ip)
        assert ok, out
    finally:
        vm_host.cmd('ip addr del %s/24 dev eth0' % probe_ip)


def test_each_node_has_its_own_ovs(net):
    pids = set()
    for sw in net.nodes.values():
        node_pids = sw.ovs.pids()
        assert len(node_pids) == 2
        pids.update(node_pids)
        netns_of = {p: run(['ip', 'netns', 'identify', str(p)]).strip() for p in node_pids}
        assert set(netns_of.values()) == {sw.netns}
    assert len(pids) == 2 * len(net.nodes)


def test_demo_topology_builds():
    """The bigger named topology: 5 nodes, two gateways on the external network, overlapping tenant IPs."""
    t = named('demo')
    with DvrNet(t, prefix='tbd', controller=('198.19.208.1', 6653), mgmt_cidr='198.19.208.0/24') as net:
        assert sorted(net.nodes) == ['c1', 'c2', 'c3', 'g1', 'g2']
        for g in t.gateway_nodes:
            assert net.node(g.name).ovs.vsctl('get', 'interface', 'ext0', 'ofport').strip() == '200'
        bridged = run(['bridge', 'link', 'show'], netns=net.xnet.netns)
        assert all(' %s@' % g.name in bridged or ' %s ' % g.name in bridged for g in t.gateway_nodes), bridged
        same_ip = [vm for vm in t.vms if vm.ip == t.vms[0].ip]
        assert len(same_ip) == 2 and len({t.vm_network(vm).tenant for vm in same_ip}) == 2
        for vm in same_ip:
            assert vm.ip in run(['ip', '-4', 'addr', 'show', 'eth0'], netns=net.vm(vm.name).netns)
