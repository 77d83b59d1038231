"""SNAT gateway failover measurement: a fixed-rate UDP echo stream from a VM to an external host, while a
gateway node's ovs-vswitchd is killed, and the gaps it sees.

The VM sends one numbered datagram every `interval_ms`; the external host echoes each one back; the sender
records when each echo arrives (CLOCK_MONOTONIC, shared by all namespaces of the machine). The outage is the
longest time between two consecutive echoes: it covers the whole round trip through SNAT (VM node -> gateway
-> external host -> gateway -> VM node), so it includes BFD detection, the fast-failover group switching to
the hot backup, the external network relearning the router's MAC on the backup's port, and the backup's new
conntrack entry (the first datagram after the switch commits it, with the same source port). `TcpEchoStream`
does the same over one established TCP connection: OVS's userspace conntrack picks a connection up from a
mid-stream segment, so it survives the failover after a retransmission. Used by tests/test_failover.py and
perf/failover.py (with scenarios/gateways.py).
"""

import json
import os
import signal
import subprocess
import time

_ECHO_SERVER = r'''
import socket, sys, time
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
s.bind(("0.0.0.0", int(sys.argv[1])))
print("ready", flush=True)
peers = set()
while True:
    data, peer = s.recvfrom(2048)
    s.sendto(data, peer)
    if peer not in peers:
        peers.add(peer)
        print("peer %s %d %f" % (peer[0], peer[1], time.monotonic()), flush=True)
'''

_SENDER = r'''
import json, select, signal, socket, struct, sys, time
dst, port, interval = sys.argv[1], int(sys.argv[2]), float(sys.argv[3]) / 1000.0
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
s.setblocking(False)
stop = []
signal.signal(signal.SIGTERM, lambda *a: stop.append(1))
sent, echoes = 0, []
next_send = time.monotonic()
print("ready", flush=True)
while not stop:
    now = time.monotonic()
    if now >= next_send:
        try:
            s.sendto(struct.pack("!Id", sent, now), (dst, port))
        except OSError:
            pass
        sent += 1
        next_send += interval
    timeout = max(0.0, next_send - time.monotonic())
    r, _, _ = select.select([s], [], [], timeout)
    while r:
        try:
            data = s.recv(2048)
        except BlockingIOError:
            break
        if len(data) >= 12:
            seq, t_sent = struct.unpack("!Id", data[:12])
            echoes.append((seq, t_sent, time.monotonic()))
        r, _, _ = select.select([s], [], [], 0)
json.dump({"sent": sent, "echoes": echoes}, sys.stdout)
'''


_TCP_ECHO_SERVER = r'''
import socket, sys, time
s = socket.socket(); s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
s.bind(("0.0.0.0", int(sys.argv[1]))); s.listen(4)
print("ready", flush=True)
c, peer = s.accept()
print("peer %s %d %f" % (peer[0], peer[1], time.monotonic()), flush=True)
while True:
    d = c.recv(4096)
    if not d:
        break
    c.sendall(d)
'''

# One connection; a 12-byte message (seq, sent time) every interval, each echoed before the next is sent
# (a message that waits for a retransmission delays the next: the gap is the connection's outage).
_TCP_SENDER = r'''
import json, signal, socket, struct, sys, time
dst, port, interval = sys.argv[1], int(sys.argv[2]), float(sys.argv[3]) / 1000.0
stop = []
signal.signal(signal.SIGTERM, lambda *a: stop.append(1))
s = socket.create_connection((dst, port), timeout=5)
s.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
s.settimeout(0.2)
sent, echoes, error = 0, [], None
print("ready", flush=True)
try:
    while not stop:
        now = time.monotonic()
        s.sendall(struct.pack("!Id", sent, now))
        sent += 1
        buf = b""
        while len(buf) < 12 and not stop:
            try:
                d = s.recv(12 - len(buf))
            except socket.timeout:
                continue
            if not d:
                raise EOFError("connection closed by the peer")
            buf += d
        if len(buf) == 12:
            seq, t_sent = struct.unpack("!Id", buf)
            echoes.append((seq, t_sent, time.monotonic()))
        time.sleep(max(0.0, now + interval - time.monotonic()))
except Exception as e:
    error = repr(e)
json.dump({"sent": sent, "echoes": echoes, "error": error}, sys.stdout)
'''


def _netns_popen(netns, code, *args):
    return subprocess.Popen(['ip', 'netns', 'exec', netns, '/usr/bin/python3', '-u', '-c', code] + list(args),
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def _await_ready(proc, what, timeout=10):
    end = time.time() + timeout
    while time.time() < end:
        line = proc.stdout.readline()
        if line.strip() == 'ready':
            return
        if proc.poll() is not None:
            break
    raise RuntimeError('%s did not start: %s' % (what, proc.stderr.read() if proc.poll() is not None else ''))


class UdpEchoStream:
    """A UDP echo stream from `src_netns` to `dst_ip` (echo server in `dst_netns`); a context manager."""

    SERVER, SENDER = _ECHO_SERVER, _SENDER

    def __init__(self, src_netns, dst_netns, dst_ip, port=47000, interval_ms=5.0):
        self.src_netns, self.dst_netns, self.dst_ip = src_netns, dst_netns, dst_ip
        self.port, self.interval_ms = port, interval_ms
        self.server = self.sender = None
        self.result = None
        self._peers = []

    def __enter__(self):
        try:
            self.server = _netns_popen(self.dst_netns, self.SERVER, str(self.port))
            _await_ready(self.server, 'echo server in %s' % self.dst_netns)
            self.sender = _netns_popen(self.src_netns, self.SENDER, self.dst_ip, str(self.port),
                                       str(self.interval_ms))
            _await_ready(self.sender, 'sender in %s' % self.src_netns)
        except BaseException:
            self.__exit__(None, None, None)
            raise
        return self

    def now(self):
        """CLOCK_MONOTONIC, the clock the echo times are taken with."""
        return time.monotonic()

    def stop(self):
        """Stops the stream; returns StreamResult."""
        if self.result is None:
            self.sender.send_signal(signal.SIGTERM)
            out, err = self.sender.communicate(timeout=30)
            if self.sender.returncode != 0:
                raise RuntimeError('sender failed: %s' % err)
            data = json.loads(out)
            self._kill_server()
            self.result = StreamResult(data['sent'], [tuple(e) for e in data['echoes']], self.interval_ms,
                                       self._peers, data.get('error'))
        return self.result

    def _kill_server(self):
        if self.server and self.server.returncode is None:
            if self.server.poll() is None:
                self.server.kill()
            out, _ = self.server.communicate()
            for line in out.splitlines():
                f = line.split()
                if len(f) == 4 and f[0] == 'peer':
                    self._peers.append((f[1], int(f[2]), float(f[3])))

    def __exit__(self, *exc):
        try:
            if self.result is None and self.sender is not None:
                if self.sender.poll() is None:
                    self.sender.kill()
                self.sender.communicate()
        finally:
            self._kill_server()
        return False


class TcpEchoStream(UdpEchoStream):
    """One established TCP connection from `src_netns` to `dst_ip`, a message echoed every `interval_ms`: does
    it survive a failover, and how long does it stall? `result.error` tells how it ended if it did not."""

    SERVER, SENDER = _TCP_ECHO_SERVER, _TCP_SENDER

    def __init__(self, src_netns, dst_netns, dst_ip, port=47001, interval_ms=20.0):
        super().__init__(src_netns, dst_netns, dst_ip, port, interval_ms)


class StreamResult:
    """Echoes of a stream: (seq, sent_at, received_at) in arrival order; `peers`: (ip, port, first seen) of each
    source address the echo server saw (after SNAT: the router's external IP; a new port means the gateway that
    carried the stream picked another one)."""

    def __init__(self, sent, echoes, interval_ms, peers=(), error=None):
        self.sent = sent
        self.echoes = sorted(echoes, key=lambda e: e[2])
        self.interval_ms = interval_ms
        self.peers = list(peers)
        self.error = error

    @property
    def received(self):
        return len({e[0] for e in self.echoes})

    @property
    def lost(self):
        return self.sent - self.received

    def gaps(self, since=None, until=None):
        """(gap_seconds, from_time, to_time) between consecutive echoes, longest first, optionally only those
        that end after `since` and start before `until`."""
        out = []
        for a, b in zip(self.echoes, self.echoes[1:]):
            if since is not None and b[2] < since:
                continue
            if until is not None and a[2] > until:
                continue
            out.append((b[2] - a[2], a[2], b[2]))
        return sorted(out, reverse=True)

    def longest_gap(self, since=None, until=None):
        g = self.gaps(since, until)
        return g[0][0] if g else None

    def last_echo(self):
        return self.echoes[-1][2] if self.echoes else None

    def summary(self, since=None, until=None):
        longest = self.longest_gap(since, until)
        return {'sent': self.sent, 'received': self.received, 'lost': self.lost,
                'interval_ms': self.interval_ms,
                'longest_gap_ms': None if longest is None else round(longest * 1000, 1)}


def tcp_connect_ok(netns, ip, port, timeout=3.0):
    """Opens a new TCP connection from a namespace (the server must listen); True on success."""
    code = ('import socket,sys\ns=socket.create_connection((sys.argv[1], int(sys.argv[2])), timeout=%f)\n'
            's.sendall(b"hello")\nprint(s.recv(16).decode())' % timeout)
    p = subprocess.run(['ip', 'netns', 'exec', netns, '/usr/bin/python3', '-c', code, ip, str(port)],
                       stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, timeout=timeout + 10)
    return p.returncode == 0 and 'hello' in p.stdout


class TcpEchoServer:
    """A TCP echo server in a namespace (one line per connection)."""

    CODE = r'''
import socket, sys, threading
s = socket.socket(); s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
s.bind(("0.0.0.0", int(sys.argv[1]))); s.listen(64)
print("ready", flush=True)
def serve(c):
    with c:
        d = c.recv(64)
        c.sendall(d)
while True:
    c, _ = s.accept()
    threading.Thread(target=serve, args=(c,), daemon=True).start()
'''

    def __init__(self, netns, port):
        self.netns, self.port, self.proc = netns, port, None

    def __enter__(self):
        self.proc = _netns_popen(self.netns, self.CODE, str(self.port))
        _await_ready(self.proc, 'tcp server in %s' % self.netns)
        return self

    def __exit__(self, *exc):
        if self.proc and self.proc.poll() is None:
            self.proc.kill()
            self.proc.communicate()
        return False


def record(path, key, value):
    """Appends a measurement to a JSON file {key: [values]}."""
    data = {}
    if os.path.exists(path):
        with open(path) as f:
            data = json.load(f)
    data.setdefault(key, []).append(value)
    with open(path, 'w') as f:
        json.dump(data, f, indent=1, sort_keys=True)
