"""Traffic and capture helpers for the end-to-end scenarios (run in the testbed's namespaces)."""

import os
import re
import struct
import subprocess
import tempfile
import time


def netns_run(netns, cmd, timeout=30, check=False):
    p = subprocess.run(['ip', 'netns', 'exec', netns] + cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                       universal_newlines=True, timeout=timeout)
    if check and p.returncode != 0:
        raise RuntimeError('%s in %s failed: %s' % (' '.join(cmd), netns, p.stdout))
    return p.stdout


def ping(netns, ip, count=3, interval=0.2, wait=1):
    """(received, output)."""
    out = netns_run(netns, ['ping', '-n', '-c', str(count), '-i', str(interval), '-W', str(wait), ip],
                    timeout=count * (interval + wait) + 10)
    m = re.search(r'(\d+) received', out)
    return (int(m.group(1)) if m else 0), out


def ping_ok(netns, ip, count=3, tries=3):
    """Ping until one round gets all replies (first packets may be spent on ARP); returns the last output."""
    out = ''
    for _ in range(tries):
        got, out = ping(netns, ip, count)
        if got == count:
            return True, out
        time.sleep(0.5)
    return False, out


def rtt_ms(out):
    m = re.search(r'= [\d.]+/([\d.]+)/', out)
    return float(m.group(1)) if m else None


def ttls(out):
    return [int(t) for t in re.findall(r'ttl=(\d+)', out)]


def arping(netns, ip, count=3):
    """(replies, output) of `arping -c N -I eth0 ip` (Debian `arping` or iputils)."""
    out = netns_run(netns, ['arping', '-c', str(count), '-w', str(count + 2), '-I', 'eth0', ip], timeout=count + 10)
    m = re.search(r'(\d+) packets received', out) or re.search(r'Received (\d+) response', out)
    return (int(m.group(1)) if m else 0), out


class Capture:
    """tcpdump writing a pcap in a namespace; `stop()` returns the raw frames (bytes) captured."""

    def __init__(self, netns, intf, bpf=''):
        fd, self.path = tempfile.mkstemp(prefix='e2e-cap-', suffix='.pcap')
        os.close(fd)
        cmd = ['ip', 'netns', 'exec', netns, 'tcpdump', '-U', '-n', '-s', '256', '-i', intf, '-w', self.path]
        if bpf:
            cmd += bpf.split()
        self.proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        # tcpdump says "listening on ..." once it captures
        end = time.time() + 5
        while time.time() < end and os.path.getsize(self.path) == 0:
            time.sleep(0.05)
        time.sleep(0.3)

    def stop(self):
        time.sleep(0.3)
        self.proc.terminate()
        try:
            self.proc.wait(timeout=5)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        with open(self.path, 'rb') as f:
            data = f.read()
        os.unlink(self.path)
        return parse_pcap(data)


def parse_pcap(data):
    frames = []
    if len(data) < 24:
        return frames
    magic = struct.unpack('<I', data[:4])[0]
    endian = '<' if magic in (0xa1b2c3d4, 0xa1b23c4d) else '>'
    p = 24
    while p + 16 <= len(data):
        _, _, incl, _ = struct.unpack(endian + 'IIII', data[p:p + 16])
        frames.append(data[p + 16:p + 16 + incl])
        p += 16 + incl
    return frames


def mac(b):
    return ':'.join('%02x' % x for x in b)


def ip4(b):
    return '.'.join(str(x) for x in b)


class Eth:
    """Decoded Ethernet/IPv4/ICMP/UDP-VXLAN headers of one frame (only what the scenarios check)."""

    def __init__(self, frame):
        self.dst, self.src = mac(frame[0:6]), mac(frame[6:12])
        self.ethertype = struct.unpack('!H', frame[12:14])[0]
        self.ip_src = self.ip_dst = None
        self.ttl = self.proto = None
        self.vni = None
        self.inner = None
        self.icmp_type = None
        if self.ethertype == 0x0800 and len(frame) >= 34:
            ihl = (frame[14] & 0x0f) * 4
            self.ttl, self.proto = frame[22], frame[23]
            self.ip_src, self.ip_dst = ip4(frame[26:30]), ip4(frame[30:34])
            l4 = 14 + ihl
            if self.proto == 1 and len(frame) > l4:
                self.icmp_type = frame[l4]
            if self.proto == 17 and len(frame) >= l4 + 16:
                dport = struct.unpack('!H', frame[l4 + 2:l4 + 4])[0]
                if dport == 4789:
                    self.vni = struct.unpack('!I', frame[l4 + 12:l4 + 16])[0] >> 8
                    self.inner = Eth(frame[l4 + 16:])

    def __repr__(self):
        s = '%s>%s %04x %s>%s ttl=%s' % (self.src, self.dst, self.ethertype, self.ip_src, self.ip_dst, self.ttl)
        if self.inner is not None:
            s += ' vni=%d [%r]' % (self.vni, self.inner)
        return s


def decode(frames):
    return [Eth(f) for f in frames]
