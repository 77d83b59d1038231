"""Controller ports of a testbed: OpenFlow, and OVSDB (the nodes' `ovs-vsctl set-manager` target).

The OVSDB port defaults to the OpenFlow port minus 13 (6653 -> 6640, the IANA pair), so callers that already
give each parallel run its own OpenFlow port (harnesses, tests, perf) get distinct OVSDB ports without saying so.
Pure Python: usable without Mininet.
"""

DEFAULT_OF_PORT = 6653
DEFAULT_OVSDB_PORT = 6640
_OFFSET = DEFAULT_OF_PORT - DEFAULT_OVSDB_PORT


def ovsdb_port_for(of_port):
    """The default OVSDB port that goes with an OpenFlow port."""
    port = int(of_port) - _OFFSET
    if not 0 < port < 65536:
        raise ValueError('no default OVSDB port for OpenFlow port %s: give one explicitly' % of_port)
    return port


def ovsdb_listen_for(of_listen):
    """The runtime's default OVSDB listen address for its OpenFlow listen address(es), 'host:port[,...]':
    the first entry's host with `ovsdb_port_for` its port."""
    first = of_listen.split(',')[0].strip()
    host, _, port = first.rpartition(':')
    return '%s:%d' % (host or '0.0.0.0', ovsdb_port_for(port))
