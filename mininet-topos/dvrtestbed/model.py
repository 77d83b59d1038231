"""Topology description as data: the one source of truth of a DVR testbed.

A `Topology` lists nodes, tenants, networks, subnets, routers, VMs, floating IPs and external hosts.
From it `dvrtestbed.network` builds the emulated network and `dvrtestbed.config` derives the controller
configuration (ONOS-style netcfg plus Neutron-shaped REST calls). Nothing here touches the system.

Identifiers (network/subnet/port/router/floating IP ids, tenant ids) are deterministic: UUIDv5 of the
topology name and the object name, so the same topology always produces the same JSON.
"""

import ipaddress
import uuid
from dataclasses import dataclass, field
from typing import Optional, Tuple

COMPUTE = 'compute'
GATEWAY = 'gateway'
BOTH = 'both'
ROLES = (COMPUTE, GATEWAY, BOTH)

# ONOS-side NodeRole names (docs/design.md: DvrNode.role)
ONOS_ROLE = {COMPUTE: 'COMPUTE', GATEWAY: 'GATEWAY', BOTH: 'COMPUTE_GATEWAY'}

_ID_NAMESPACE = uuid.UUID('5b0a7c36-8f0e-4a47-9d0c-0d5e1f6a2b71')


def stable_uuid(*parts):
    """A UUID derived from the given strings (same input, same id)."""
    return str(uuid.uuid5(_ID_NAMESPACE, '/'.join(parts)))


class TopologyError(ValueError):
    """A topology description is inconsistent."""


@dataclass(frozen=True)
class Addressing:
    """Fixed addressing and port-numbering plan shared by all nodes."""
    underlay_cidr: str = '198.18.0.0/24'      # node tunnel IPs: network address + node index
    external_cidr: str = '203.0.113.0/24'     # the emulated external L2 network
    external_gateway_ip: str = '203.0.113.1'  # upstream router on the external network (an external host)
    external_vni: int = 1                     # segment id of the external (flat provider) network
    tunnel_port: int = 100                    # ofport of vxlan0 on every br-int
    external_port: int = 200                  # ofport of the external port on gateway br-int
    first_vm_port: int = 1                    # VM ofports on a node: 1, 2, ... (< tunnel_port)
    underlay_mtu: int = 9000                  # jumbo underlay, so 1500-byte VM/external frames fit in VXLAN

    def tunnel_ip(self, index):
        net = ipaddress.ip_network(self.underlay_cidr)
        ip = net.network_address + index
        if ip not in net or ip == net.broadcast_address or index <= 0:
            raise TopologyError('node index %d does not fit underlay %s' % (index, self.underlay_cidr))
        return str(ip)

    @property
    def underlay_prefixlen(self):
        return ipaddress.ip_network(self.underlay_cidr).prefixlen


@dataclass(frozen=True)
class Node:
    """A DVR node: its own namespace with its own ovsdb-server + ovs-vswitchd."""
    name: str
    role: str
    index: int

    @property
    def dpid(self):
        """16 hex digits, derived from the node index only."""
        return '%016x' % self.index

    @property
    def device_id(self):
        return 'of:' + self.dpid

    @property
    def is_compute(self):
        return self.role in (COMPUTE, BOTH)

    @property
    def is_gateway(self):
        return self.role in (GATEWAY, BOTH)


@dataclass(frozen=True)
class Tenant:
    name: str
    id: str


@dataclass(frozen=True)
class Network:
    name: str
    tenant: str
    vni: int
    id: str
    external: bool = False


@dataclass(frozen=True)
class Subnet:
    name: str
    network: str
    cidr: str
    gateway_ip: str
    id: str

    def contains(self, ip):
        return ipaddress.ip_address(ip) in ipaddress.ip_network(self.cidr)


@dataclass(frozen=True)
class ExternalGateway:
    network: str       # external network name
    subnet: str        # external subnet name
    ip: str            # router's external IP (SNAT address)
    enable_snat: bool = True


@dataclass(frozen=True)
class Router:
    name: str
    tenant: str
    id: str
    distributed: bool = True
    subnets: Tuple[str, ...] = ()
    external_gateway: Optional[ExternalGateway] = None


@dataclass(frozen=True)
class Vm:
    name: str
    node: str
    subnet: str
    ip: str
    mac: str
    port_id: str
    ofport: int         # br-int port number on its node


@dataclass(frozen=True)
class FloatingIp:
    name: str
    vm: str
    ip: str
    id: str


@dataclass(frozen=True)
class ExternalHost:
    name: str
    ip: str
    mac: str


@dataclass(frozen=True)
class Topology:
    """A complete testbed description. Use `validate()` (the generator does) before building."""
    name: str
    nodes: Tuple[Node, ...]
    tenants: Tuple[Tenant, ...] = ()
    networks: Tuple[Network, ...] = ()
    subnets: Tuple[Subnet, ...] = ()
    routers: Tuple[Router, ...] = ()
    vms: Tuple[Vm, ...] = ()
    floating_ips: Tuple[FloatingIp, ...] = ()
    external_hosts: Tuple[ExternalHost, ...] = ()
    addressing: Addressing = field(default_factory=Addressing)
    external_network: Optional[str] = None   # name of the external network (if any gateway exists)
    external_subnet: Optional[str] = None

    # ---- lookups -------------------------------------------------------------------------------
    def node(self, name):
        return _by_name(self.nodes, name, 'node')

    def tenant(self, name):
        return _by_name(self.tenants, name, 'tenant')

    def network(self, name):
        return _by_name(self.networks, name, 'network')

    def subnet(self, name):
        return _by_name(self.subnets, name, 'subnet')

    def router(self, name):
        return _by_name(self.routers, name, 'router')

    def vm(self, name):
        return _by_name(self.vms, name, 'vm')

    def external_host(self, name):
        return _by_name(self.external_hosts, name, 'external host')

    def tunnel_ip(self, node):
        return self.addressing.tunnel_ip(self.node(node).index if isinstance(node, str) else node.index)

    def vms_on(self, node_name):
        return [vm for vm in self.vms if vm.node == node_name]

    def router_of_subnet(self, subnet_name):
        for r in self.routers:
            if subnet_name in r.subnets:
                return r
        return None

    def vm_network(self, vm):
        return self.network(self.subnet(vm.subnet).network)

    @property
    def gateway_nodes(self):
        return [n for n in self.nodes if n.is_gateway]

    @property
    def compute_nodes(self):
        return [n for n in self.nodes if n.is_compute]

    # ---- validation ----------------------------------------------------------------------------
    def validate(self):
        """Raise TopologyError on the first inconsistency found; return self."""
        ad = self.addressing
        for kind, items in (('node', self.nodes), ('tenant', self.tenants), ('network', self.networks),
                            ('subnet', self.subnets), ('router', self.routers), ('vm', self.vms),
                            ('floating ip', self.floating_ips), ('external host', self.external_hosts)):
            _unique([i.name for i in items], kind + ' name')
        host_names = [n.name for n in self.nodes] + [v.name for v in self.vms] + \
            [e.name for e in self.external_hosts]
        _unique(host_names, 'host name (nodes, VMs and external hosts share one name space)')
        for name in host_names:
            if not name.isalnum() or len(name) > 6:
                raise TopologyError('host name %r must be alphanumeric, at most 6 characters' % name)
        _unique([n.index for n in self.nodes], 'node index')
        if not self.nodes:
            raise TopologyError('a topology needs at least one node')
        for n in self.nodes:
            if n.role not in ROLES:
                raise TopologyError('node %s: role %r not in %s' % (n.name, n.role, ROLES))
            if not 1 <= n.index <= 0xffff:
                raise TopologyError('node %s: index %d not in 1..65535' % (n.name, n.index))
            ad.tunnel_ip(n.index)
        if not 0 < ad.first_vm_port < ad.tunnel_port:
            raise TopologyError('first VM port must be between 1 and the tunnel port')
        if ad.tunnel_port == ad.external_port:
            raise TopologyError('tunnel and external port numbers must differ')
        tenant_names = {t.name for t in self.tenants}
        _unique([n.vni for n in self.networks], 'network VNI')
        for net in self.networks:
            if not 1 <= net.vni < 2 ** 24:
                raise TopologyError('network %s: VNI %d not in 1..2^24-1' % (net.name, net.vni))
            if not net.external and net.tenant not in tenant_names:
                raise TopologyError('network %s: unknown tenant %s' % (net.name, net.tenant))
        for s in self.subnets:
            net = self.network(s.network)
            cidr = ipaddress.ip_network(s.cidr)
            if cidr.version != 4:
                raise TopologyError('subnet %s: only IPv4 is supported' % s.name)
            gw = ipaddress.ip_address(s.gateway_ip)
            if gw not in cidr or gw in (cidr.network_address, cidr.broadcast_address):
                raise TopologyError('subnet %s: gateway %s is not a host address of %s' % (s.name, gw, cidr))
            if net.external and s.cidr != ad.external_cidr:
                raise TopologyError('external subnet %s must be %s' % (s.name, ad.external_cidr))
        # overlapping subnets are allowed across tenants (that is the point of the demo), not within one
        for a in self.subnets:
            for b in self.subnets:
                if a.name < b.name and self._tenant_of_subnet(a) == self._tenant_of_subnet(b) and \
                        ipaddress.ip_network(a.cidr).overlaps(ipaddress.ip_network(b.cidr)):
                    raise TopologyError('subnets %s and %s of one tenant overlap' % (a.name, b.name))
        if self.external_network is not None:
            ext = self.network(self.external_network)
            if not ext.external:
                raise TopologyError('network %s is not external' % ext.name)
            if self.subnet(self.external_subnet).network != ext.name:
                raise TopologyError('external subnet %s is not on %s' % (self.external_subnet, ext.name))
        attached = []
        for r in self.routers:
            if r.tenant not in tenant_names:
                raise TopologyError('router %s: unknown tenant %s' % (r.name, r.tenant))
            for sn in r.subnets:
                s = self.subnet(sn)
                if self.network(s.network).external:
                    raise TopologyError('router %s: external subnet %s as interface' % (r.name, sn))
                if self._tenant_of_subnet(s) != r.tenant:
                    raise TopologyError('router %s: subnet %s belongs to another tenant' % (r.name, sn))
                attached.append(sn)
            gw = r.external_gateway
            if gw is not None:
                if gw.network != self.external_network or gw.subnet != self.external_subnet:
                    raise TopologyError('router %s: gateway must be on the external network' % r.name)
                if not self.subnet(gw.subnet).contains(gw.ip):
                    raise TopologyError('router %s: external ip %s outside %s' % (r.name, gw.ip, gw.subnet))
                if not self.gateway_nodes:
                    raise TopologyError('router %s has an external gateway but there is no gateway node'
                                        % r.name)
        _unique(attached, 'router interface subnet (a subnet is attached to at most one router)')
        _unique([v.mac.lower() for v in self.vms] + [e.mac.lower() for e in self.external_hosts], 'MAC')
        for v in self.vms:
            node = self.node(v.node)
            if not node.is_compute:
                raise TopologyError('vm %s: node %s is not a compute node' % (v.name, node.name))
            s = self.subnet(v.subnet)
            if self.network(s.network).external:
                raise TopologyError('vm %s: VMs cannot sit on the external network' % v.name)
            cidr = ipaddress.ip_network(s.cidr)
            ip = ipaddress.ip_address(v.ip)
            if ip not in cidr or ip in (cidr.network_address, cidr.broadcast_address) or v.ip == s.gateway_ip:
                raise TopologyError('vm %s: ip %s not a free host address of %s' % (v.name, v.ip, s.cidr))
            if not ad.first_vm_port <= v.ofport < ad.tunnel_port or v.ofport == ad.external_port:
                raise TopologyError('vm %s: ofport %d out of the VM range' % (v.name, v.ofport))
        _unique([(self.subnet(v.subnet).network, v.ip) for v in self.vms], 'VM IP within a network')
        _unique([(v.node, v.ofport) for v in self.vms], 'VM ofport on a node')
        ext_ips = [e.ip for e in self.external_hosts] + [f.ip for f in self.floating_ips] + \
            [r.external_gateway.ip for r in self.routers if r.external_gateway]
        _unique(ext_ips, 'address on the external network')
        ext_cidr = ipaddress.ip_network(ad.external_cidr)
        for ip in ext_ips:
            if ipaddress.ip_address(ip) not in ext_cidr:
                raise TopologyError('external address %s outside %s' % (ip, ext_cidr))
        _unique([f.vm for f in self.floating_ips], 'floating IP per VM')
        for f in self.floating_ips:
            vm = self.vm(f.vm)
            r = self.router_of_subnet(vm.subnet)
            if r is None or r.external_gateway is None:
                raise TopologyError('floating ip %s: vm %s has no router with an external gateway'
                                    % (f.name, vm.name))
        return self

    def _tenant_of_subnet(self, subnet):
        return self.network(subnet.network).tenant


def _by_name(items, name, kind):
    for i in items:
        if i.name == name:
            return i
    raise KeyError('no %s named %r' % (kind, name))


def _unique(values, what):
    seen = set()
    for v in values:
        if v in seen:
            raise TopologyError('duplicate %s: %r' % (what, v))
        seen.add(v)
