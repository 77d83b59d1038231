"""Lifecycle: everything a testbed creates is gone after stop, after a failed build, after SIGTERM of
`dvrnet.py up`, and (via `dvrnet.py cleanup`) after the process was killed outright."""

import os
import signal
import subprocess
import sys

import pytest

from conftest import DVRNET, needs_root
from dvrtestbed import cleanup
from dvrtestbed.generator import named
from dvrtestbed.network import DvrNet
from dvrtestbed.sysutil import link_names, netns_list, pid_alive

pytestmark = needs_root


def _processes_mentioning(text):
    found = []
    for entry in os.listdir('/proc'):
        if entry.isdigit() and int(entry) != os.getpid():
            try:
                with open('/proc/%s/cmdline' % entry, 'rb') as f:
                    cmd = f.read().replace(b'\0', b' ').decode(errors='replace')
            except OSError:
                continue
            if text in cmd and 'pytest' not in cmd:
                found.append((int(entry), cmd))
    return found


def assert_nothing_left(prefix):
    start = prefix + '-'
    assert [n for n in netns_list() if n.startswith(start)] == []
    assert [n for n in link_names() if n.startswith(start)] == []
    assert not [d for d in os.listdir('/tmp') if d.startswith(start) and os.path.isdir('/tmp/' + d)]
    assert _processes_mentioning('/tmp/%s' % start) == []
    assert not any(cleanup.leftovers(prefix).values())


def _up(prefix, mgmt):
    """Start `dvrnet.py up` in the background and wait for its READY line."""
    proc = subprocess.Popen([sys.executable, DVRNET, 'up', '--topo', 'minimal', '--prefix', prefix,
                             '--mgmt-cidr', mgmt, '--controller', mgmt.replace('0/24', '1') + ':6653'],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    line = proc.stdout.readline()
    if not line.startswith('READY'):
        proc.kill()
        _, err = proc.communicate()
        subprocess.run([sys.executable, DVRNET, 'cleanup', '--prefix', prefix])
        pytest.fail('dvrnet.py up did not come up: %r %s' % (line, err))
    return proc


def _daemon_pids(prefix):
    return cleanup.our_daemon_pids(prefix)


def test_stop_removes_everything():
    prefix = 'tbc'
    net = DvrNet(named('minimal'), prefix=prefix, controller=('198.19.202.1', 6653), mgmt_cidr='198.19.202.0/24')
    net.start()
    try:
        found = cleanup.leftovers(prefix)
        assert len(found['netns']) == 3 + 4 + 1 + 2          # nodes, VMs, external host, ul + xnet
        assert '%s-mgmt' % prefix in found['links']
        daemons = _daemon_pids(prefix)
        assert len(daemons) == 6
    finally:
        net.stop()
    assert not any(pid_alive(p) for p in daemons)
    assert_nothing_left(prefix)
    net.stop()   # idempotent


def test_failed_build_cleans_up(monkeypatch):
    prefix = 'tbf'

    def boom(self, vm):
        raise RuntimeError('injected failure while attaching %s' % vm.name)
    monkeypatch.setattr(DvrNet, '_build_vm', boom)
    net = DvrNet(named('minimal'), prefix=prefix, controller=('198.19.205.1', 6653), mgmt_cidr='198.19.205.0/24')
    with pytest.raises(RuntimeError, match='injected failure'):
        net.start()
    assert_nothing_left(prefix)


def test_start_refuses_to_run_over_leftovers():
    prefix = 'tbl'
    subprocess.run(['ip', 'netns', 'add', prefix + '-c1'], check=True)
    try:
        net = DvrNet(named('minimal'), prefix=prefix, controller=('198.19.206.1', 6653),
                     mgmt_cidr='198.19.206.0/24')
        with pytest.raises(RuntimeError, match='cleanup'):
            net.start()
        assert netns_list().count(prefix + '-c1') == 1   # left alone, not half-rebuilt
    finally:
        subprocess.run([sys.executable, DVRNET, 'cleanup', '--prefix', prefix], check=True)
    assert_nothing_left(prefix)


def test_sigterm_tears_down():
    prefix = 'tbs'
    proc = _up(prefix, '198.19.204.0/24')
    assert len(_daemon_pids(prefix)) == 6
    proc.send_signal(signal.SIGTERM)
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 0, err
    assert 'removed' in err
    assert_nothing_left(prefix)


def test_sigint_tears_down():
    prefix = 'tbi'
    proc = _up(prefix, '198.19.207.0/24')
    proc.send_signal(signal.SIGINT)
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 0, err
    assert_nothing_left(prefix)


def test_cleanup_command_after_kill_9():
    prefix = 'tbk'
    proc = _up(prefix, '198.19.203.0/24')
    proc.kill()          # SIGKILL: no chance to clean up
    proc.communicate(timeout=30)
    found = cleanup.leftovers(prefix)
    assert found['netns'] and found['links'] and found['dirs'] and found['pids']
    daemons = _daemon_pids(prefix)
    assert len(daemons) == 6 and all(pid_alive(p) for p in daemons)
    res = subprocess.run([sys.executable, DVRNET, 'cleanup', '--prefix', prefix],
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, timeout=60)
    assert res.returncode == 0, res.stderr
    assert not any(pid_alive(p) for p in daemons)
    assert_nothing_left(prefix)


def test_cleanup_leaves_other_prefixes_alone():
    mine, other = 'tbo', 'tbox'
    subprocess.run(['ip', 'netns', 'add', other + '-c1'], check=True)
    os.makedirs('/tmp/%s-keep' % mine, exist_ok=True)   # no marker file: not ours
    try:
        subprocess.run([sys.executable, DVRNET, 'cleanup', '--prefix', mine], check=True)
        assert other + '-c1' in netns_list()
        assert os.path.isdir('/tmp/%s-keep' % mine)
    finally:
        subprocess.run(['ip', 'netns', 'del', other + '-c1'])
        os.rmdir('/tmp/%s-keep' % mine)
