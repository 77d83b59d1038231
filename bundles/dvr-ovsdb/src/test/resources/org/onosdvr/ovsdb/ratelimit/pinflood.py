"""Sends <count> UDP frames at <pps> (0 = as fast as possible) out of <intf> through a raw AF_PACKET socket, to
203.0.113.1-250 (a different destination per frame), from the MAC 02:00:00:00:00:<mac_byte>. Prints the seconds
it took."""
import socket
import struct
import sys
import time


def main():
    intf, count, pps, mac_byte = sys.argv[1], int(sys.argv[2]), float(sys.argv[3]), int(sys.argv[4])
    s = socket.socket(socket.AF_PACKET, socket.SOCK_RAW)
    s.bind((intf, 0))
    src = bytes([2, 0, 0, 0, 0, mac_byte])
    frames = []
    for i in range(count):
        ip = struct.pack('!BBHHHBBH4s4s', 0x45, 0, 28, i & 0xffff, 0, 64, 17, 0, socket.inet_aton('10.0.0.1'),
                         socket.inet_aton('203.0.113.%d' % (i % 250 + 1)))
        frame = b'\xff' * 6 + src + b'\x08\x00' + ip + struct.pack('!HHHH', 40000, 9, 8, 0)
        frames.append(frame + b'\0' * (60 - len(frame)))
    t0 = time.time()
    for i, frame in enumerate(frames):
        s.send(frame)
        if pps:
            delay = t0 + (i + 1) / pps - time.time()
            if delay > 0:
                time.sleep(delay)
    print('%.3f' % (time.time() - t0))


if __name__ == '__main__':
    main()
