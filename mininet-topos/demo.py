#!/usr/bin/python3
"""onos-dvr demo (`./dvr demo [--cli]`): the runtime + the `demo` testbed, configured through REST, then real
traffic, one row per DVR function, pass/fail and RTT. See docs/walkthrough.md.

    demo.py [--cli] [--keep-going]

Builds the Karaf assembly first if it is missing (mvn -B -q verify -DskipTests). Uses the default ports (REST
8181, console 8101, OpenFlow 6653 on the testbed's management bridge 198.19.0.1). Everything is torn down at
the end (or when you leave the Mininet CLI with --cli; Ctrl-C works at any time).
"""

import argparse
import os
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

from dvrtestbed import named  # noqa: E402
from scenarios.harness import Harness, build_if_missing, node_of_device, object_id  # noqa: E402
from scenarios.traffic import Capture, arping, decode, ping, rtt_ms, ttls  # noqa: E402

PREFIX = 'dvr'


def demo_topology():
    # 3 compute nodes (with an external port each, so floating IPs are served on the VM's own node, as on
    # Neutron DVR compute nodes: role COMPUTE_GATEWAY), 2 gateway nodes, 2 tenants with the same CIDRs.
    return named('demo', computes=0, both=3)


class Demo:
    def __init__(self, h):
        self.h = h
        self.rows = []
        self.topo = h.topo()

    def ns(self, name):
        return '%s-%s' % (PREFIX, name)

    def row(self, what, detail, ok, rtt=None, note=''):
        self.rows.append((what, detail, ok, rtt, note))
        line = '  %-4s %-34s %-38s %s %s' % ('PASS' if ok else 'FAIL', what, detail,
                                            '%7.2f ms' % rtt if rtt is not None else '         ', note)
        print(line.rstrip(), flush=True)

    def ping_row(self, what, src, dst_ip, detail, expect_ttl=None):
        got, out = ping(self.ns(src), dst_ip, count=2)      # warm up: ARP / next-hop resolution
        got, out = ping(self.ns(src), dst_ip, count=4)
        ok = got == 4
        note = ''
        if ok and expect_ttl is not None:
            ok = set(ttls(out)) == {expect_ttl}
            note = 'ttl %s' % ','.join(str(t) for t in sorted(set(ttls(out))))
        self.row(what, detail, ok, rtt_ms(out), note)

    def vm(self, name):
        return self.topo.vm(name)

    def run(self):
        t = self.topo
        ext = t.external_hosts[0]
        for tenant in t.tenants:
            router = next(r for r in t.routers if r.tenant == tenant.name)
            s1, s2 = router.subnets[0], router.subnets[1]
            a = next(v for v in t.vms if v.subnet == s1)
            same = next((v for v in t.vms if v.subnet == s2 and v.node == a.node), None)
            cross = next(v for v in t.vms if v.subnet == s2 and v.node != a.node)
            if same is not None:
                self.ping_row('%s east-west, same node' % tenant.name, a.name, same.ip,
                              '%s -> %s (%s)' % (a.name, same.name, a.node), expect_ttl=63)
            self.ping_row('%s east-west, cross node' % tenant.name, a.name, cross.ip,
                          '%s(%s) -> %s(%s)' % (a.name, a.node, cross.name, cross.node), expect_ttl=63)
            fips = [f for f in t.floating_ips if self.vm(f.vm).subnet in router.subnets]
            for f in fips:
                self.ping_row('%s floating IP in' % tenant.name, ext.name, f.ip, '%s -> %s (%s)' % (ext.name, f.ip, f.vm))
                self.source_row('%s floating IP out' % tenant.name, f.vm, ext, f.ip)
            no_fip = next(v for v in t.vms if v.subnet in router.subnets and v.name not in {f.vm for f in fips})
            gw = node_of_device(self.h, self.h.runtime.get('/onos/dvr/v1/routers/%s/gateway'
                                                            % object_id(self.h, 'router', router.name))
                                ['gateway']['primary'])
            self.source_row('%s SNAT out (gateway %s)' % (tenant.name, gw), no_fip.name, ext,
                            router.external_gateway.ip)
            self.arp_row('%s gateway ARP in switch' % tenant.name, a)

    def source_row(self, what, vm_name, ext, expected_src):
        got, out = ping(self.ns(vm_name), ext.ip, count=2)
        cap = Capture(self.ns(ext.name), 'eth0', 'icmp')
        got, out = ping(self.ns(vm_name), ext.ip, count=4)
        seen = {f.ip_src for f in decode(cap.stop()) if f.icmp_type == 8}
        ok = got == 4 and seen == {expected_src}
        self.row(what, '%s -> %s, seen from %s' % (vm_name, ext.name, ','.join(sorted(seen)) or '-'), ok,
                 rtt_ms(out))

    def arp_row(self, what, vm):
        dev = self.h.vm_info(vm.name)['deviceId']
        gw = self.topo.subnet(vm.subnet).gateway_ip
        # a reply to the runtime's periodic (30 s) external next-hop probe is a PACKET_IN too: measure again
        for _ in range(3):
            before = self.h.packet_ins().get(dev, 0)
            replies, out = arping(self.ns(vm.name), gw, count=3)
            time.sleep(2)
            moved = self.h.packet_ins().get(dev, 0) - before
            if moved == 0:
                break
        self.row(what, '%s arping %s: %d/3 replies' % (vm.name, gw, replies), replies == 3 and moved == 0, None,
                 'packet-ins +%d' % moved)


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument('--cli', action='store_true', help='stay up and open the Mininet CLI after the checks')
    args = ap.parse_args()
    if os.geteuid() != 0:
        sys.exit('the demo needs root (network namespaces, OVS)')
    build_if_missing()
    started = time.time()
    with Harness(demo_topology(), prefix=PREFIX, http_port=8181, ssh_port=8101, rmi_registry_port=1099,
                 rmi_server_port=44444, of_port=6653, mgmt_cidr='198.19.0.0/24') as h:
        print('\n*** up in %.0fs: %d nodes, %d VMs, 2 tenants with the same CIDRs; REST http://127.0.0.1:8181/onos/dvr/v1/'
              % (time.time() - started, len(h.tb()['nodes']), len(h.tb()['vms'])))
        print('\n  %-4s %-34s %-38s %s' % ('', 'check', 'traffic', 'avg RTT'))
        d = Demo(h)
        d.run()
        failed = [r for r in d.rows if not r[2]]
        print('\n*** %d/%d checks passed' % (len(d.rows) - len(failed), len(d.rows)))
        if args.cli:
            print('*** Mininet CLI: try `vm1 ping 10.0.2.11`, `n1 ovs-ofctl -O OpenFlow13 dump-flows br-int`,'
                  ' `ext1 ping 203.0.113.101`; `exit` tears everything down')
            h.net.cli()
    return 1 if failed else 0


if __name__ == '__main__':
    sys.exit(main())
