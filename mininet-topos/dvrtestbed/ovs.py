"""One private Open vSwitch instance (ovsdb-server + ovs-vswitchd, userspace datapath) inside a named
network namespace, with its own OVS_RUNDIR/OVS_DBDIR/OVS_LOGDIR directory.

Default file names are kept (`ovs-vswitchd.pid`, `br-int.mgmt`, ...) so that, with the OVS_* variables
exported, the stock tools work unchanged inside the node's shell (`ovs-vsctl show`, `ovs-ofctl dump-flows
br-int`, `ovs-appctl dpctl/dump-flows`).
"""

import os
import shutil
import signal

from .sysutil import CommandError, kill_pids, pid_alive, pidfile_locked, read_pidfile, run, wait_until

SCHEMA = '/usr/share/openvswitch/vswitch.ovsschema'
MARKER = '.dvrtestbed'   # a run directory holding this file was made by us (cleanup removes only those)
OF_VERSION = 'OpenFlow13'


class OvsInstance:
    """ovsdb-server + ovs-vswitchd of one node."""

    def __init__(self, netns, rundir):
        self.netns = netns
        self.rundir = rundir

    # ---- environment and tools -----------------------------------------------------------------
    @property
    def env(self):
        return {'OVS_RUNDIR': self.rundir, 'OVS_DBDIR': self.rundir, 'OVS_LOGDIR': self.rundir,
                'OVS_SYSCONFDIR': self.rundir}

    @property
    def db(self):
        return 'unix:%s/db.sock' % self.rundir

    def mgmt(self, bridge='br-int'):
        """The bridge's OpenFlow management socket (what ovs-ofctl talks to)."""
        return 'unix:%s/%s.mgmt' % (self.rundir, bridge)

    def vsctl(self, *args, wait=True):
        cmd = ['ovs-vsctl', '--db=' + self.db, '--timeout=20']
        if not wait:
            cmd.append('--no-wait')
        return run(cmd + list(args), env=self.env)

    def ofctl(self, command, *args, bridge='br-int'):
        """`ovs-ofctl -O OpenFlow13 <command> unix:.../<bridge>.mgmt <args>`."""
        return run(['ovs-ofctl', '-O', OF_VERSION, command, self.mgmt(bridge)] + list(args), env=self.env)

    def add_flows(self, flows, bridge='br-int'):
        """Install flows (list of ovs-ofctl flow strings) in one call."""
        return run(['ovs-ofctl', '-O', OF_VERSION, 'add-flows', self.mgmt(bridge), '-'], env=self.env,
                   input_text='\n'.join(flows) + '\n')

    def appctl(self, *args, target='ovs-vswitchd'):
        pid = read_pidfile(self.pidfile(target))
        return run(['ovs-appctl', '-t', '%s/%s.%d.ctl' % (self.rundir, target, pid)] + list(args),
                   env=self.env)

    def pidfile(self, daemon):
        return os.path.join(self.rundir, daemon + '.pid')

    def pids(self):
        return [p for p in (read_pidfile(self.pidfile(d)) for d in ('ovs-vswitchd', 'ovsdb-server')) if p]

    # ---- lifecycle -----------------------------------------------------------------------------
    def start(self):
        os.makedirs(self.rundir, exist_ok=True)
        with open(os.path.join(self.rundir, MARKER), 'w') as f:
            f.write(self.netns + '\n')
        db_file = os.path.join(self.rundir, 'conf.db')
        if os.path.exists(db_file):
            os.unlink(db_file)
        run(['ovsdb-tool', 'create', db_file, SCHEMA])
        run(['ovsdb-server', db_file, '--remote=punix:%s/db.sock' % self.rundir,
             '--remote=db:Open_vSwitch,Open_vSwitch,manager_options',
             '--pidfile', '--detach', '--log-file', '-vconsole:off', '-vsyslog:off', '-vfile:info'],
            netns=self.netns, env=self.env)
        self.vsctl('init', wait=False)
        run(['ovs-vswitchd', self.db, '--pidfile', '--detach', '--log-file', '-vconsole:off',
             '-vsyslog:off', '-vfile:info'], netns=self.netns, env=self.env)
        # the first `ovs-vsctl` with wait needs vswitchd to be up and to have read the db
        if not wait_until(lambda: self._vswitchd_ready(), 20):
            raise CommandError('ovs-vswitchd in %s did not come up (see %s/ovs-vswitchd.log)'
                               % (self.netns, self.rundir))

    def kill_vswitchd(self, timeout=20):
        """SIGKILL ovs-vswitchd (a crash: no goodbye to the controller, BFD peers stop hearing from it) and
        wait until it and its pidfile lock are gone. Returns the killed pid (None if none was running)."""
        old = read_pidfile(self.pidfile('ovs-vswitchd'))
        if old and pid_alive(old):
            os.kill(old, signal.SIGKILL)
            if not wait_until(lambda: not pid_alive(old), timeout):
                raise CommandError('ovs-vswitchd %d in %s did not die' % (old, self.netns))
        # a new vswitchd refuses to start ("already running") while the dying one's pidfile lock is held
        if not wait_until(lambda: not pidfile_locked(self.pidfile('ovs-vswitchd')), timeout):
            raise CommandError('the pidfile of ovs-vswitchd %s in %s stays locked' % (old, self.netns))
        return old

    def start_vswitchd(self, timeout=20):
        """Start ovs-vswitchd on the existing database (bridges, ports, controller and manager settings come
        back from conf.db; OpenFlow flows and groups do not). Returns the new pid."""
        run(['ovs-vswitchd', self.db, '--pidfile', '--detach', '--log-file', '-vconsole:off',
             '-vsyslog:off', '-vfile:info'], netns=self.netns, env=self.env)
        if not wait_until(lambda: self._vswitchd_ready(), timeout):
            raise CommandError('ovs-vswitchd in %s did not come back (see %s/ovs-vswitchd.log)'
                               % (self.netns, self.rundir))
        return read_pidfile(self.pidfile('ovs-vswitchd'))

    def restart_vswitchd(self, timeout=20):
        """Kill ovs-vswitchd (SIGKILL, like a crash) and start it again on the same database: bridges, ports
        and controller settings come back from conf.db, OpenFlow flows do not (the controller must reinstall
        them). Returns the new pid."""
        old = self.kill_vswitchd(timeout)
        new = self.start_vswitchd(timeout)
        if new == old:
            raise CommandError('ovs-vswitchd in %s still has pid %s' % (self.netns, old))
        return new

    def _vswitchd_ready(self):
        try:
            self.appctl('version')
            return True
        except (CommandError, TypeError):
            return False

    def stop(self):
        """Stop both daemons by pid (SIGTERM, then SIGKILL)."""
        pids = [p for p in self.pids() if pid_alive(p)]
        if pids:
            kill_pids(pids)

    def remove_rundir(self):
        if os.path.exists(os.path.join(self.rundir, MARKER)):
            shutil.rmtree(self.rundir, ignore_errors=True)
