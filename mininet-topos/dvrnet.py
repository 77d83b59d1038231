#!/usr/bin/python3
"""onos-dvr testbed command line.

    dvrnet.py up --topo demo [--controller 198.19.0.1:6653] [--ovsdb-port 6640] [--cli] [--prefix dvr]
                 [--mgmt-cidr ...]
    dvrnet.py config --topo demo          # prints netcfg + Neutron-shaped REST calls + testbed info (JSON)
    dvrnet.py cleanup [--prefix dvr]      # removes any leftovers of a testbed with that prefix

`up` without --cli builds the network, prints where its config is, and waits until Ctrl-C / SIGTERM;
everything is removed again on the way out (also when building fails).
"""

import argparse
import json
import os
import signal
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from dvrtestbed import cleanup as cleanup_mod  # noqa: E402
from dvrtestbed.config import controller_config  # noqa: E402
from dvrtestbed.generator import NAMED, named  # noqa: E402
from dvrtestbed.network import (DEFAULT_CONTROLLER, DEFAULT_MGMT_CIDR, DvrNet, Mgmt, Terminated,  # noqa: E402
                                parse_controller, signals_raise)
from dvrtestbed.sysutil import check_prefix  # noqa: E402

OVERRIDES = ('computes', 'gateways', 'both', 'tenants', 'routers_per_tenant', 'subnets_per_router',
             'vms_per_subnet', 'floating_ips', 'external_hosts', 'legacy_routers')


def topology_from(args):
    overrides = {k: getattr(args, k) for k in OVERRIDES if getattr(args, k, None) is not None}
    if getattr(args, 'overlap', None) is not None:
        overrides['overlap'] = args.overlap
    return named(args.topo, **overrides)


def _add_topo_args(p):
    p.add_argument('--topo', default='minimal', choices=sorted(NAMED), help='named topology (default minimal)')
    for k in OVERRIDES:
        p.add_argument('--' + k.replace('_', '-'), dest=k, type=int, help='override %s' % k)
    p.add_argument('--overlap', dest='overlap', action='store_true', default=None,
                   help='all tenants use the same subnet CIDRs')
    p.add_argument('--no-overlap', dest='overlap', action='store_false')
    p.add_argument('--prefix', default='dvr', type=check_prefix,
                   help='name prefix of namespaces, links and /tmp dirs (default dvr)')
    p.add_argument('--controller', default='%s:%d' % DEFAULT_CONTROLLER, type=parse_controller,
                   help='controller ip:port in the root namespace (default %s:%d)' % DEFAULT_CONTROLLER)
    p.add_argument('--ovsdb-port', type=int, default=None,
                   help='OVSDB port of the controller the nodes use as manager (default: OpenFlow port - 13, '
                        'i.e. 6640 for 6653)')
    p.add_argument('--mgmt-cidr', default=DEFAULT_MGMT_CIDR,
                   help='management network between root namespace and nodes (default %s)' % DEFAULT_MGMT_CIDR)


def cmd_config(args):
    topo = topology_from(args)
    mgmt = Mgmt(args.mgmt_cidr, args.controller, args.ovsdb_port)
    doc = controller_config(topo, prefix=args.prefix, controller=args.controller, mgmt=mgmt)
    json.dump(doc, sys.stdout, indent=2)
    sys.stdout.write('\n')
    return 0


def cmd_up(args):
    topo = topology_from(args)
    log = sys.stderr.write
    net = DvrNet(topo, prefix=args.prefix, controller=args.controller, mgmt_cidr=args.mgmt_cidr, log=log,
                 ovsdb_port=args.ovsdb_port)
    with signals_raise():
        try:
            net.start()
            info = net.config()['testbed']
            log('*** controller expected at %s:%d (OpenFlow) and port %d (OVSDB); nodes:\n'
                % (args.controller + (net.mgmt.ovsdb_port,)))
            for n in info['nodes']:
                log('    %-4s %-8s %s netns=%s tunnel=%s mgmt=%s\n' % (
                    n['name'], n['role'], n['deviceId'], n['netns'], n['tunnelIp'], n['managementIp']))
            if args.cli:
                net.cli()
            else:
                log('*** ready (%s/config.json); Ctrl-C or SIGTERM to stop\n' % net.statedir)
                sys.stdout.write('READY %s\n' % net.statedir)
                sys.stdout.flush()
                while True:
                    signal.pause()
        except (KeyboardInterrupt, Terminated):
            log('\n*** stopping\n')
        finally:
            net.stop()   # ignores further signals while it runs
            log('*** testbed %s removed\n' % args.prefix)
    return 0


def cmd_cleanup(args):
    found = cleanup_mod.sweep(args.prefix, log=sys.stderr.write)
    left = cleanup_mod.leftovers(args.prefix)
    sys.stderr.write('cleanup %s: removed %d namespaces, %d links, %d dirs, %d processes\n'
                     % (args.prefix, len(found['netns']), len(found['links']), len(found['dirs']),
                        len(found['pids'])))
    if any(left.values()):
        sys.stderr.write('still present: %s\n' % left)
        return 1
    return 0


def main(argv=None):
    parser = argparse.ArgumentParser(description='onos-dvr multi-node testbed (Mininet + per-node OVS)')
    sub = parser.add_subparsers(dest='command', required=True)
    p_up = sub.add_parser('up', help='build the network (and optionally drop into the Mininet CLI)')
    _add_topo_args(p_up)
    p_up.add_argument('--cli', action='store_true', help='interactive Mininet CLI; exit tears down')
    p_cfg = sub.add_parser('config', help='print the controller config (JSON) for a topology')
    _add_topo_args(p_cfg)
    p_clean = sub.add_parser('cleanup', help='remove leftovers of a testbed')
    p_clean.add_argument('--prefix', default='dvr', type=check_prefix)
    args = parser.parse_args(argv)
    return {'up': cmd_up, 'config': cmd_config, 'cleanup': cmd_cleanup}[args.command](args)


if __name__ == '__main__':
    sys.exit(main())
