"""Small system helpers: run commands (optionally inside a named network namespace), netns listing,
killing processes by pid. Everything the testbed creates lives in named namespaces `<prefix>-<name>`,
so `ip netns pids` finds every process we started."""

import os
import re
import signal
import subprocess
import time

PREFIX_RE = re.compile(r'^[a-z][a-z0-9]{0,7}$')


class CommandError(RuntimeError):
    """A command exited non-zero."""


def check_prefix(prefix):
    """Prefixes name root-namespace links (`<prefix>-mgmt`, 15-char limit): keep them short and plain."""
    if not PREFIX_RE.match(prefix or ''):
        raise ValueError('prefix %r must match %s' % (prefix, PREFIX_RE.pattern))
    return prefix


def run(args, netns=None, check=True, env=None, timeout=60, input_text=None):
    """Run a command (list of strings), return its stdout. With `netns`, run it inside that namespace."""
    cmd = list(args)
    if netns is not None:
        cmd = ['ip', 'netns', 'exec', netns] + cmd
    full_env = None
    if env:
        full_env = dict(os.environ)
        full_env.update(env)
    proc = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=full_env,
                          timeout=timeout, input=input_text)
    if check and proc.returncode != 0:
        raise CommandError('%s -> exit %d: %s' % (' '.join(cmd), proc.returncode,
                                                  (proc.stderr or proc.stdout).strip()))
    return proc.stdout


def netns_list():
    """Names of all named network namespaces."""
    out = run(['ip', 'netns', 'list'], check=False)
    return [line.split()[0] for line in out.splitlines() if line.strip()]


def netns_pids(name):
    out = run(['ip', 'netns', 'pids', name], check=False)
    return [int(p) for p in out.split() if p.isdigit()]


def pid_alive(pid):
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    # a zombie is dead for our purposes -- but only once every thread of it has exited: the leader of a
    # multi-threaded daemon (ovs-vswitchd) shows 'Z' while its other threads still tear down and still hold
    # its files, pidfile lock included
    try:
        tasks = os.listdir('/proc/%d/task' % pid)
    except OSError:
        return False
    for tid in tasks:
        try:
            with open('/proc/%d/task/%s/stat' % (pid, tid)) as f:
                if f.read().split(') ', 1)[1][0] not in 'ZX':
                    return True
        except (OSError, IndexError):
            continue
    return False


def pidfile_locked(path):
    """True while some process holds the fcntl lock OVS daemons keep on their pidfile."""
    import fcntl
    try:
        fd = os.open(path, os.O_RDWR)
    except OSError:
        return False
    try:
        fcntl.lockf(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        fcntl.lockf(fd, fcntl.LOCK_UN)
        return False
    except OSError:
        return True
    finally:
        os.close(fd)


def kill_pids(pids, grace=2.0):
    """SIGTERM the given pids, wait up to `grace` seconds, SIGKILL what is left. Returns pids signalled."""
    pids = [p for p in set(pids) if p > 1 and p != os.getpid()]
    for p in pids:
        try:
            os.kill(p, signal.SIGTERM)
        except ProcessLookupError:
            pass
    deadline = time.time() + grace
    while time.time() < deadline and any(pid_alive(p) for p in pids):
        time.sleep(0.05)
    for p in pids:
        if pid_alive(p):
            try:
                os.kill(p, signal.SIGKILL)
            except ProcessLookupError:
                pass
    deadline = time.time() + grace
    while time.time() < deadline and any(pid_alive(p) for p in pids):
        time.sleep(0.05)
    return pids


def read_pidfile(path):
    try:
        with open(path) as f:
            return int(f.read().strip())
    except (OSError, ValueError):
        return None


def link_names(netns=None):
    """Interface names (without @peer suffix) in the root namespace or in `netns`."""
    out = run(['ip', '-o', 'link', 'show'], netns=netns, check=False)
    names = []
    for line in out.splitlines():
        parts = line.split(':', 2)
        if len(parts) >= 2:
            names.append(parts[1].strip().split('@')[0])
    return names


def wait_until(predicate, timeout, interval=0.1):
    """Poll `predicate` until it returns a truthy value or `timeout` seconds pass; return its last value."""
    deadline = time.time() + timeout
    while True:
        value = predicate()
        if value or time.time() >= deadline:
            return value
        time.sleep(interval)
