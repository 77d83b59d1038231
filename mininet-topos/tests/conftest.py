"""Shared test helpers.

Tests that build networks need root; without root they are skipped (a developer's unprivileged run).
As root, missing tools are an error, not a skip: run `mininet-topos/install-deps.sh` first.
"""

import os
import shutil
import sys

import pytest

HERE = os.path.dirname(os.path.abspath(__file__))
TOPOS = os.path.dirname(HERE)
sys.path.insert(0, TOPOS)

DVRNET = os.path.join(TOPOS, 'dvrnet.py')
TOOLS = ('ovs-vswitchd', 'ovsdb-server', 'ovsdb-tool', 'ovs-vsctl', 'ovs-ofctl', 'ovs-appctl', 'mnexec',
         'tcpdump', 'iperf3', 'ping', 'ip', 'ifconfig')

IS_ROOT = os.geteuid() == 0
needs_root = pytest.mark.skipif(not IS_ROOT, reason='builds network namespaces: needs root')


@pytest.fixture(scope='session', autouse=True)
def _tools_present():
    if IS_ROOT:
        missing = [t for t in TOOLS if shutil.which(t) is None]
        if missing:
            pytest.fail('missing %s: run mininet-topos/install-deps.sh' % ', '.join(missing))
