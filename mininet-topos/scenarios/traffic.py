"""Traffic and capture helpers for the end-to-end scenarios (run in the testbed's namespaces)."""

import os
import re
import socket
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


def assert_ping(netns, ip, msg=''):
    """ping_ok or an AssertionError with the output; returns the output."""
    ok, out = ping_ok(netns, ip)
    assert ok, 'ping %s from %s failed %s\n%s' % (ip, netns, msg, out)
    return out


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
    """tcpdump writing a pcap in a namespace; `stop()` returns the raw frames (bytes) captured.
    `Capture.stop_all()` ends the captures a failed or interrupted test left running (and their files)."""

    running = set()

    def __init__(self, netns, intf, bpf=''):
        fd, self.path = tempfile.mkstemp(prefix='e2e-cap-', suffix='.pcap')
        os.close(fd)
        cmd = ['ip', 'netns', 'exec', netns, 'tcpdump', '-U', '-n', '-s', '256', '-i', intf, '-w', self.path]
        if bpf:
            cmd += bpf.split()
        self.proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        Capture.running.add(self)
        # tcpdump says "listening on ..." once it captures
        end = time.time() + 5
        while time.time() < end and os.path.getsize(self.path) == 0:
            time.sleep(0.05)
        time.sleep(0.3)

    def stop(self, grace=0.3):
        """Stops after `grace` seconds (frames still on their way: slow-path upcalls, tunnels)."""
        time.sleep(grace)
        self._end()
        with open(self.path, 'rb') as f:
            data = f.read()
        os.unlink(self.path)
        return parse_pcap(data)

    def _end(self):
        Capture.running.discard(self)
        self.proc.terminate()
        try:
            self.proc.wait(timeout=5)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()

    @classmethod
    def stop_all(cls):
        for cap in list(cls.running):
            cap._end()
            try:
                os.unlink(cap.path)
            except OSError:
                pass


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
        self.icmp_type = self.icmp_id = None
        self.arp_op = self.arp_sha = self.arp_spa = self.arp_tha = self.arp_tpa = None
        if self.ethertype == 0x0806 and len(frame) >= 42:
            self.arp_op = struct.unpack('!H', frame[20:22])[0]
            self.arp_sha, self.arp_spa = mac(frame[22:28]), ip4(frame[28:32])
            self.arp_tha, self.arp_tpa = mac(frame[32:38]), ip4(frame[38:42])
        if self.ethertype == 0x0800 and len(frame) >= 34:
            ihl = (frame[14] & 0x0f) * 4
            self.ttl, self.proto = frame[22], frame[23]
            self.ip_src, self.ip_dst = ip4(frame[26:30]), ip4(frame[30:34])
            l4 = 14 + ihl
            if self.proto == 1 and len(frame) >= l4 + 6:
                self.icmp_type = frame[l4]
                self.icmp_id = struct.unpack('!H', frame[l4 + 4:l4 + 6])[0]
            if self.proto == 17 and len(frame) >= l4 + 16:
                dport = struct.unpack('!H', frame[l4 + 2:l4 + 4])[0]
                if dport == 4789:
                    self.vni = struct.unpack('!I', frame[l4 + 12:l4 + 16])[0] >> 8
                    self.inner = Eth(frame[l4 + 16:])

    def __repr__(self):
        s = '%s>%s %04x %s>%s ttl=%s' % (self.src, self.dst, self.ethertype, self.ip_src, self.ip_dst, self.ttl)
        if self.arp_op is not None:
            s += ' arp op=%d %s/%s>%s/%s' % (self.arp_op, self.arp_sha, self.arp_spa, self.arp_tha, self.arp_tpa)
        if self.inner is not None:
            s += ' vni=%d [%r]' % (self.vni, self.inner)
        return s


def decode(frames):
    return [Eth(f) for f in frames]


# ---- crafting frames (raw AF_PACKET sockets: no scapy needed) ------------------------------------------

BROADCAST = 'ff:ff:ff:ff:ff:ff'
ARP_REQUEST, ARP_REPLY = 1, 2


def _checksum(data):
    if len(data) % 2:
        data += b'\0'
    total = sum(struct.unpack('!%dH' % (len(data) // 2), data))
    while total >> 16:
        total = (total & 0xffff) + (total >> 16)
    return ~total & 0xffff


def ether(dst, src, ethertype, payload):
    """An Ethernet frame, padded to the 60-byte minimum."""
    frame = bytes.fromhex(dst.replace(':', '')) + bytes.fromhex(src.replace(':', '')) + \
        struct.pack('!H', ethertype) + payload
    return frame + b'\0' * (60 - len(frame))


def ipv4(src, dst, proto, payload, ttl=64):
    header = struct.pack('!BBHHHBBH4s4s', 0x45, 0, 20 + len(payload), 0x5ec, 0, ttl, proto, 0,
                         socket.inet_aton(src), socket.inet_aton(dst))
    return header[:10] + struct.pack('!H', _checksum(header)) + header[12:] + payload


def udp_frame(eth_src, eth_dst, ip_src, ip_dst, data, sport=40000, dport=9):
    """Ethernet/IPv4/UDP (UDP checksum 0: none, allowed in IPv4)."""
    udp = struct.pack('!HHHH', sport, dport, 8 + len(data), 0) + data
    return ether(eth_dst, eth_src, 0x0800, ipv4(ip_src, ip_dst, 17, udp))


def icmp_echo_frame(eth_src, eth_dst, ip_src, ip_dst, ident=0x5ec, seq=1, data=b''):
    """Ethernet/IPv4/ICMP echo request."""
    icmp = struct.pack('!BBHHH', 8, 0, 0, ident, seq) + data
    icmp = icmp[:2] + struct.pack('!H', _checksum(icmp)) + icmp[4:]
    return ether(eth_dst, eth_src, 0x0800, ipv4(ip_src, ip_dst, 1, icmp))


def arp_frame(op, eth_src, eth_dst, sha, spa, tha, tpa):
    """Ethernet/ARP (IPv4 over Ethernet)."""
    arp = struct.pack('!HHBBH', 1, 0x0800, 6, 4, op) + bytes.fromhex(sha.replace(':', '')) + \
        socket.inet_aton(spa) + bytes.fromhex(tha.replace(':', '')) + socket.inet_aton(tpa)
    return ether(eth_dst, eth_src, 0x0806, arp)


def vlan_tagged(frame, vid):
    """The frame with an 802.1Q header (VLAN id `vid`, priority 0) after the MAC addresses."""
    return frame[:12] + struct.pack('!HH', 0x8100, vid) + frame[12:]


_SEND = ('import socket,sys\n'
         's=socket.socket(socket.AF_PACKET,socket.SOCK_RAW)\n'
         's.bind((sys.argv[1],0))\n'
         'for h in sys.argv[2:]:\n'
         '    s.send(bytes.fromhex(h))\n')


def send_frames(netns, frames, intf='eth0'):
    """Send raw frames, exactly as given, out of an interface of a namespace (what a VM's own code can do)."""
    netns_run(netns, ['python3', '-c', _SEND, intf] + [f.hex() for f in frames], check=True)


_FLOOD = ('import socket,sys,time\n'
          's=socket.socket(socket.AF_PACKET,socket.SOCK_RAW)\n'
          's.bind((sys.argv[1],0))\n'
          'n,pps=int(sys.argv[2]),float(sys.argv[3])\n'
          'fs=[bytes.fromhex(h) for h in sys.argv[4:]]\n'
          't0=time.time()\n'
          'for i in range(n):\n'
          '    s.send(fs[i%len(fs)])\n'
          '    d=t0+(i+1)/pps-time.time() if pps else 0\n'
          '    if d>0:\n'
          '        time.sleep(d)\n'
          'print("%.3f"%(time.time()-t0))\n')


def flood_command(netns, frames, count, pps, intf='eth0'):
    """Command line that sends `count` raw frames, cycling through `frames`, at `pps` per second (0 = as fast as
    possible) out of an interface of a namespace, and prints the seconds it took (for Popen: a flood in the
    background)."""
    return ['ip', 'netns', 'exec', netns, 'python3', '-c', _FLOOD, intf, str(count), str(pps)] + \
        [f.hex() for f in frames]


def flood(netns, frames, count, pps, intf='eth0'):
    """Send `count` frames at `pps` (see flood_command); returns the seconds the sender took."""
    p = subprocess.run(flood_command(netns, frames, count, pps, intf), stdout=subprocess.PIPE,
                       stderr=subprocess.STDOUT, universal_newlines=True, timeout=60 + count / max(pps, 100))
    if p.returncode != 0:
        raise RuntimeError('flood from %s failed: %s' % (netns, p.stdout))
    return float(p.stdout.split()[-1])
