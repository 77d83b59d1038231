"""Turn off TX checksum offload on a veth, without needing the ethtool binary.

A veth with TX checksum offload hands packets with a partial (not yet computed) TCP/UDP checksum to its
peer. The kernel datapath copes, but OVS's userspace datapath reads the frame with AF_PACKET and forwards
it as is, so the receiver drops TCP segments with a bad checksum (ping works, TCP does not). Setting
`tx off` on both ends of every veth that touches br-int makes the kernel compute checksums in software.

Uses the SIOCETHTOOL ioctl (ETHTOOL_STXCSUM), run inside the namespace by a short python3 child.
"""

import sys

from .sysutil import run

_CODE = r'''
import array, fcntl, socket, struct, sys
SIOCETHTOOL, ETHTOOL_STXCSUM = 0x8946, 0x17
name = sys.argv[1]
buf = array.array('B', struct.pack('II', ETHTOOL_STXCSUM, 0))
addr, _ = buf.buffer_info()
ifreq = struct.pack('16sP', name.encode(), addr)
with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
    fcntl.ioctl(s.fileno(), SIOCETHTOOL, ifreq)
'''


def disable_tx_offload(netns, intf):
    run([sys.executable or '/usr/bin/python3', '-c', _CODE, intf], netns=netns)
