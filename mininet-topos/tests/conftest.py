"""Shared test helpers. Tests that build networks need root and the OVS binaries; they are skipped
otherwise (CI runs them as root)."""

import os
import shutil
import sys

import pytest

HERE = os.path.dirname(os.path.abspath(__file__))
TOPOS = os.path.dirname(HERE)
sys.path.insert(0, TOPOS)

DVRNET = os.path.join(TOPOS, 'dvrnet.py')


def _system_ready():
    if os.geteuid() != 0:
        return 'needs root'
    for tool in ('ovs-vswitchd', 'ovsdb-server', 'ovs-vsctl', 'ovs-ofctl', 'mnexec', 'tcpdump', 'ip'):
        if shutil.which(tool) is None:
            return 'needs %s' % tool
    return None


_REASON = _system_ready()
needs_root = pytest.mark.skipif(_REASON is not None, reason=_REASON or '')
