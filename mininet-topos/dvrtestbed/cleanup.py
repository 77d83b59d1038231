"""Remove everything a testbed with a given prefix may have left behind.

Order: OVS daemons named in our run directories' pidfiles (only if their command line mentions that run
directory, so a recycled pid is never hit), then every process inside a namespace `<prefix>-*` (by pid,
from `ip netns pids`), the namespaces themselves, root-namespace links `<prefix>-*` (the mgmt bridge and
mgmt veth ends), and finally the run directories `/tmp/<prefix>-*` that carry our marker file.
"""

import glob
import os
import shutil

from .ovs import MARKER
from .sysutil import check_prefix, kill_pids, link_names, netns_list, netns_pids, read_pidfile, run


def _cmdline(pid):
    try:
        with open('/proc/%d/cmdline' % pid, 'rb') as f:
            return f.read().replace(b'\0', b' ').decode(errors='replace')
    except OSError:
        return ''


def our_rundirs(prefix):
    return [d for d in glob.glob('/tmp/%s-*' % prefix) if os.path.isfile(os.path.join(d, MARKER))]


def our_daemon_pids(prefix):
    """pids of live OVS daemons started from our run directories."""
    pids = []
    for d in our_rundirs(prefix):
        for pidfile in glob.glob(os.path.join(d, '*.pid')):
            pid = read_pidfile(pidfile)
            if pid and (d + '/') in _cmdline(pid):
                pids.append(pid)
    return pids


def leftovers(prefix):
    """What exists now with this prefix: {'netns': [...], 'links': [...], 'dirs': [...], 'pids': [...]}."""
    check_prefix(prefix)
    start = prefix + '-'
    namespaces = [n for n in netns_list() if n.startswith(start)]
    pids = set(our_daemon_pids(prefix))
    for ns in namespaces:
        pids.update(netns_pids(ns))
    return {
        'netns': namespaces,
        'links': [name for name in link_names() if name.startswith(start)],
        'dirs': our_rundirs(prefix),
        'pids': sorted(pids),
    }


def sweep(prefix, log=None):
    """Remove all leftovers of `prefix`; return what was found (see `leftovers`)."""
    log = log or (lambda msg: None)
    found = leftovers(prefix)
    daemons = our_daemon_pids(prefix)
    if daemons:
        log('killing OVS daemons %s\n' % daemons)
        kill_pids(daemons)
    pids = []
    for ns in found['netns']:
        pids += netns_pids(ns)
    if pids:
        # one batch: SIGTERM, short grace, SIGKILL (interactive Mininet shells ignore SIGTERM)
        log('killing %d processes in %s\n' % (len(pids), ', '.join(found['netns'])))
        kill_pids(pids, grace=1.0)
    for ns in found['netns']:
        log('deleting namespace %s\n' % ns)
        run(['ip', 'netns', 'del', ns], check=False)
    for name in link_names():
        if name.startswith(prefix + '-'):
            log('deleting link %s\n' % name)
            run(['ip', 'link', 'del', name], check=False)
    for d in our_rundirs(prefix):
        log('removing %s\n' % d)
        shutil.rmtree(d, ignore_errors=True)
    return found
