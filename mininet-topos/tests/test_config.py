"""Controller config derived from the topology: netcfg nodes and Neutron-shaped REST calls."""

import json
import subprocess
import sys

from conftest import DVRNET
from dvrtestbed.config import API, APP, CONFIG_KEY, controller_config, netcfg, rest_calls
from dvrtestbed.generator import named


def _bodies(calls, key):
    return [c['body'][key] for c in calls if key in c['body']]


def test_netcfg_nodes_match_topology():
    t = named('demo')
    nodes = netcfg(t)['apps'][APP][CONFIG_KEY]['nodes']
    assert [n['deviceId'] for n in nodes] == ['of:%016x' % i for i in range(1, 6)]
    by_dpid = {n['deviceId']: n for n in nodes}
    by_name = {n.name: by_dpid[n.device_id] for n in t.nodes}
    assert by_name['c1'] == {'deviceId': 'of:0000000000000001', 'role': 'COMPUTE', 'index': 1,
                             'tunnelIp': '198.18.0.1', 'tunnelPort': 100}
    assert by_name['g2']['role'] == 'GATEWAY' and by_name['g2']['externalPort'] == 200
    assert 'externalPort' not in by_name['c3']
    both = netcfg(named('minimal', both=1))['apps'][APP][CONFIG_KEY]['nodes']
    assert [n['role'] for n in both if n['index'] == 4] == ['COMPUTE_GATEWAY']


def test_calls_are_under_the_api_and_ordered_by_dependency():
    calls = rest_calls(named('demo'))
    assert all(c['path'].startswith(API + '/') for c in calls)
    kinds = [c['path'][len(API):].split('/')[1] for c in calls]
    order = ['networks', 'subnets', 'ports', 'routers', 'floatingips']
    assert [k for i, k in enumerate(kinds) if i == 0 or kinds[i - 1] != k] == \
        ['networks', 'subnets', 'ports', 'routers', 'floatingips']
    assert sorted(set(kinds), key=order.index) == order
    # every id referenced was created before
    created = set()
    for c in calls:
        body = c['body']
        for key in ('network', 'subnet', 'port', 'router', 'floatingip'):
            if key in body:
                created.add(body[key]['id'])
        refs = []
        for key, ref in (('subnet', 'network_id'), ('port', 'network_id'), ('floatingip', 'port_id'),
                         ('floatingip', 'floating_network_id')):
            if key in body:
                refs.append(body[key][ref])
        if 'add_router_interface' in c['path']:
            assert c['method'] == 'PUT'
            refs += [body['id'], body['subnet_id']]
        assert all(r in created for r in refs), c


def test_port_location_and_fixed_ips():
    t = named('demo')
    ports = {p['name']: p for p in _bodies(rest_calls(t), 'port')}
    assert set(ports) == {vm.name for vm in t.vms}
    for vm in t.vms:
        p = ports[vm.name]
        assert p['mac_address'] == vm.mac
        assert p['fixed_ips'] == [{'subnet_id': t.subnet(vm.subnet).id, 'ip_address': vm.ip}]
        assert p['binding:profile'] == {'device_id': t.node(vm.node).device_id, 'port_number': vm.ofport}
        assert p['network_id'] == t.vm_network(vm).id


def test_networks_carry_vni_and_external_flag():
    t = named('demo')
    nets = _bodies(rest_calls(t), 'network')
    ext = [n for n in nets if n['router:external']]
    assert len(ext) == 1 and ext[0]['provider:network_type'] == 'flat'
    assert sorted(n['provider:segmentation_id'] for n in nets) == sorted(n.vni for n in t.networks)
    # overlapping CIDRs of the two tenants are on different networks with different VNIs
    subnets = _bodies(rest_calls(t), 'subnet')
    same_cidr = [s for s in subnets if s['cidr'] == '10.0.1.0/24']
    assert len(same_cidr) == 2 and same_cidr[0]['network_id'] != same_cidr[1]['network_id']
    assert same_cidr[0]['tenant_id'] != same_cidr[1]['tenant_id']


def test_router_external_gateway_and_floating_ips():
    t = named('demo')
    calls = rest_calls(t)
    ext_net = t.network('ext')
    for r in _bodies(calls, 'router'):
        gw = r['external_gateway_info']
        assert r['distributed'] is True
        assert gw['network_id'] == ext_net.id and gw['enable_snat'] is True
        assert gw['external_fixed_ips'][0]['subnet_id'] == t.subnet('extsub').id
        assert gw['external_fixed_ips'][0]['ip_address'].startswith('203.0.113.')
    interfaces = [c for c in calls if c['path'].endswith('/add_router_interface')]
    assert len(interfaces) == sum(len(r.subnets) for r in t.routers)
    fips = _bodies(calls, 'floatingip')
    assert len(fips) == 2
    for f, model in zip(fips, t.floating_ips):
        vm = t.vm(model.vm)
        assert f['floating_network_id'] == ext_net.id
        assert f['floating_ip_address'] == model.ip and f['port_id'] == vm.port_id
        assert f['fixed_ip_address'] == vm.ip


def test_cli_config_prints_the_same_document():
    out = subprocess.run([sys.executable, DVRNET, 'config', '--topo', 'demo', '--prefix', 'tb',
                          '--controller', '198.19.0.1:6653'], check=True, stdout=subprocess.PIPE, text=True)
    doc = json.loads(out.stdout)
    from dvrtestbed.network import Mgmt
    expected = controller_config(named('demo'), prefix='tb', controller=('198.19.0.1', 6653),
                                 mgmt=Mgmt('198.19.0.0/24', ('198.19.0.1', 6653)))
    assert doc == json.loads(json.dumps(expected))
    assert doc['testbed']['nodes'][0]['netns'] == 'tb-c1'
    assert doc['testbed']['nodes'][0]['managementIp'] == '198.19.0.11'
    assert doc['testbed']['controller'] == {'ip': '198.19.0.1', 'port': 6653}


def test_management_addressing():
    import pytest
    from dvrtestbed.network import Mgmt, parse_controller
    m = Mgmt('198.19.0.0/24', parse_controller('198.19.0.1:6653'))
    assert m.controller_in_net and m.bridge_ip == '198.19.0.1' and m.target == 'tcp:198.19.0.1:6653'
    assert [m.node_ip(i) for i in (1, 2, 5)] == ['198.19.0.11', '198.19.0.12', '198.19.0.15']
    # a controller elsewhere in the root namespace: nodes route to it via the bridge's first address
    other = Mgmt('198.19.9.0/24', parse_controller('192.0.2.7:16653'))
    assert not other.controller_in_net and other.bridge_ip == '198.19.9.1'
    assert other.controller_port == 16653
    assert parse_controller('198.19.0.1') == ('198.19.0.1', 6653)
    with pytest.raises(ValueError, match='not reachable'):
        Mgmt('198.19.0.0/24', ('127.0.0.1', 6653))
    with pytest.raises(ValueError, match='does not fit'):
        Mgmt('198.19.0.0/28', ('198.19.0.1', 6653)).node_ip(5)


def test_ovsdb_manager_follows_the_openflow_port_unless_given():
    import pytest
    from dvrtestbed.network import Mgmt
    from dvrtestbed.ports import ovsdb_listen_for, ovsdb_port_for
    assert ovsdb_port_for(6653) == 6640 and ovsdb_port_for(6753) == 6740
    assert ovsdb_listen_for('0.0.0.0:6853') == '0.0.0.0:6840'
    assert ovsdb_listen_for('198.19.60.1:6853,127.0.0.1:6653') == '198.19.60.1:6840'
    with pytest.raises(ValueError):
        ovsdb_port_for(5)
    m = Mgmt('198.19.0.0/24', ('198.19.0.1', 6653))
    assert m.ovsdb_port == 6640 and m.manager_target == 'tcp:198.19.0.1:6640'
    assert Mgmt('198.19.0.0/24', ('198.19.0.1', 6653), 16640).manager_target == 'tcp:198.19.0.1:16640'
    info = controller_config(named('minimal'), controller=('198.19.0.1', 6753),
                             mgmt=Mgmt('198.19.0.0/24', ('198.19.0.1', 6753)))['testbed']
    assert info['manager'] == {'ip': '198.19.0.1', 'port': 6740}
