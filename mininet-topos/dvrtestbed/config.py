"""Controller configuration derived from a Topology (the other half of the one source of truth).

- `netcfg(topo)`: ONOS-style network config for the nodes,
  `{"apps": {"org.onosdvr.app": {"dvr": {"nodes": [...]}}}}` (docs/netcfg.md; node names are in `testbed`).
- `rest_calls(topo)`: Neutron-shaped REST payloads under /onos/dvr/v1/ as a list of
  `{"method", "path", "body"}` in an order a server can apply one by one (networks, subnets, ports,
  routers, router interfaces, floating IPs).
- `testbed_info(topo, ...)`: what a scenario runner needs to drive traffic (namespaces, IPs, MACs, ports).
- `controller_config(...)`: all three in one JSON document (what `dvrnet.py config` prints).
"""

from .model import ONOS_ROLE, stable_uuid

APP = 'org.onosdvr.app'
CONFIG_KEY = 'dvr'   # org.onosdvr.app.config.DvrConfig.KEY (docs/netcfg.md)
API = '/onos/dvr/v1'


def netcfg(topo):
    """ONOS network config: one entry per DVR node."""
    ad = topo.addressing
    nodes = []
    for n in topo.nodes:
        entry = {
            'deviceId': n.device_id,
            'role': ONOS_ROLE[n.role],
            'index': n.index,
            'tunnelIp': topo.tunnel_ip(n),
            'tunnelPort': ad.tunnel_port,
        }
        if n.is_gateway:
            entry['externalPort'] = ad.external_port
        nodes.append(entry)
    return {'apps': {APP: {CONFIG_KEY: {'nodes': nodes}}}}


def _network_body(topo, net):
    return {'network': {
        'id': net.id,
        'name': net.name,
        'tenant_id': _tenant_id(topo, net.tenant),
        'admin_state_up': True,
        'shared': False,
        'router:external': net.external,
        'provider:network_type': 'flat' if net.external else 'vxlan',
        'provider:segmentation_id': net.vni,
        'mtu': 1500,
    }}


def _subnet_body(topo, s):
    net = topo.network(s.network)
    return {'subnet': {
        'id': s.id,
        'name': s.name,
        'network_id': net.id,
        'tenant_id': _tenant_id(topo, net.tenant),
        'ip_version': 4,
        'cidr': s.cidr,
        'gateway_ip': s.gateway_ip,
        'enable_dhcp': False,
    }}


def _port_body(topo, vm):
    s = topo.subnet(vm.subnet)
    net = topo.network(s.network)
    node = topo.node(vm.node)
    return {'port': {
        'id': vm.port_id,
        'name': vm.name,
        'network_id': net.id,
        'tenant_id': _tenant_id(topo, net.tenant),
        'admin_state_up': True,
        'mac_address': vm.mac,
        'fixed_ips': [{'subnet_id': s.id, 'ip_address': vm.ip}],
        'device_owner': 'compute:nova',
        'device_id': vm.name,
        'binding:host_id': node.name,
        # the port's location: the node's device and the VM's port number on br-int
        'binding:profile': {'device_id': node.device_id, 'port_number': vm.ofport},
    }}


def _router_body(topo, r):
    body = {
        'id': r.id,
        'name': r.name,
        'tenant_id': _tenant_id(topo, r.tenant),
        'admin_state_up': True,
        'distributed': r.distributed,
        'external_gateway_info': None,
    }
    gw = r.external_gateway
    if gw is not None:
        body['external_gateway_info'] = {
            'network_id': topo.network(gw.network).id,
            'external_fixed_ips': [{'subnet_id': topo.subnet(gw.subnet).id, 'ip_address': gw.ip}],
            'enable_snat': gw.enable_snat,
        }
    return {'router': body}


def _interface_body(topo, r, s):
    return {'id': r.id, 'tenant_id': _tenant_id(topo, r.tenant), 'subnet_id': s.id}


def _floatingip_body(topo, f):
    vm = topo.vm(f.vm)
    r = topo.router_of_subnet(vm.subnet)
    return {'floatingip': {
        'id': f.id,
        'tenant_id': _tenant_id(topo, r.tenant),
        'floating_network_id': topo.network(topo.external_network).id,
        'floating_ip_address': f.ip,
        'port_id': vm.port_id,
        'fixed_ip_address': vm.ip,
        'router_id': r.id,
    }}


def _tenant_id(topo, tenant_name):
    if tenant_name == 'admin':
        return _admin_tenant_id(topo)
    return topo.tenant(tenant_name).id


def _admin_tenant_id(topo):
    return stable_uuid(topo.name, 'tenant', 'admin').replace('-', '')


def rest_calls(topo):
    """Neutron-shaped calls, dependencies first."""
    calls = []

    def call(method, path, body):
        calls.append({'method': method, 'path': API + path, 'body': body})

    for net in topo.networks:
        call('POST', '/networks', _network_body(topo, net))
    for s in topo.subnets:
        call('POST', '/subnets', _subnet_body(topo, s))
    for vm in topo.vms:
        call('POST', '/ports', _port_body(topo, vm))
    for r in topo.routers:
        call('POST', '/routers', _router_body(topo, r))
    for r in topo.routers:
        for sn in r.subnets:
            call('PUT', '/routers/%s/add_router_interface' % r.id, _interface_body(topo, r, topo.subnet(sn)))
    for f in topo.floating_ips:
        call('POST', '/floatingips', _floatingip_body(topo, f))
    return calls


def testbed_info(topo, prefix='dvr', controller=None, mgmt=None):
    """Names and addresses a scenario runner needs (namespaces follow `<prefix>-<host name>`)."""
    ad = topo.addressing
    info = {
        'topology': topo.name,
        'prefix': prefix,
        'nodes': [{
            'name': n.name, 'role': n.role, 'index': n.index, 'deviceId': n.device_id,
            'netns': '%s-%s' % (prefix, n.name), 'tunnelIp': topo.tunnel_ip(n),
            'ofctl': 'unix:/tmp/%s-%s/br-int.mgmt' % (prefix, n.name),
            'managementIp': mgmt.node_ip(n.index) if mgmt else None,
        } for n in topo.nodes],
        'vms': [{
            'name': vm.name, 'netns': '%s-%s' % (prefix, vm.name), 'node': vm.node,
            'deviceId': topo.node(vm.node).device_id, 'port': vm.ofport, 'ip': vm.ip, 'mac': vm.mac,
            'subnet': vm.subnet, 'cidr': topo.subnet(vm.subnet).cidr,
            'gateway': topo.subnet(vm.subnet).gateway_ip, 'vni': topo.vm_network(vm).vni,
            'tenant': topo.vm_network(vm).tenant,
        } for vm in topo.vms],
        'floatingIps': [{'name': f.name, 'vm': f.vm, 'ip': f.ip} for f in topo.floating_ips],
        'routers': [{
            'name': r.name, 'tenant': r.tenant, 'distributed': r.distributed, 'subnets': list(r.subnets),
            'externalIp': r.external_gateway.ip if r.external_gateway else None,
        } for r in topo.routers],
        'externalHosts': [{'name': e.name, 'netns': '%s-%s' % (prefix, e.name), 'ip': e.ip, 'mac': e.mac}
                          for e in topo.external_hosts],
        'externalCidr': ad.external_cidr,
    }
    if controller is not None:
        info['controller'] = {'ip': controller[0], 'port': controller[1]}
    if mgmt is not None:
        info['manager'] = {'ip': mgmt.controller_ip, 'port': mgmt.ovsdb_port}   # OVSDB (set-manager)
    return info


def controller_config(topo, prefix='dvr', controller=None, mgmt=None):
    """Everything in one document: netcfg, REST calls, testbed description."""
    return {
        'netcfg': netcfg(topo),
        'calls': rest_calls(topo),
        'testbed': testbed_info(topo, prefix=prefix, controller=controller, mgmt=mgmt),
    }
