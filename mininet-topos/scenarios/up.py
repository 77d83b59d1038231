#!/usr/bin/python3
"""Debug helper: bring up runtime + a topology with the harness and wait (SIGTERM/Ctrl-C tears down).

    scenarios/up.py [topology] [key=value generator overrides...]
"""
import os
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

from dvrtestbed import named  # noqa: E402
from scenarios.harness import Harness  # noqa: E402


def main():
    name = sys.argv[1] if len(sys.argv) > 1 else 'minimal'
    overrides = {}
    for kv in sys.argv[2:]:
        k, _, v = kv.partition('=')
        overrides[k] = (v == 'true') if v in ('true', 'false') else int(v)
    if name == 'e2e':
        from scenarios.topos import scenarios_topology
        topo = scenarios_topology()
    else:
        topo = named(name, **overrides)
    with Harness(topo) as h:
        print('READY', flush=True)
        while True:
            time.sleep(1)


if __name__ == '__main__':
    main()
