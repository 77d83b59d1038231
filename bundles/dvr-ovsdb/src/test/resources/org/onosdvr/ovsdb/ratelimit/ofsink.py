"""A minimal OpenFlow 1.3 controller for PacketInLimitIntegrationTest: accepts switches on 127.0.0.1:<port>,
sends HELLO and FEATURES_REQUEST, answers ECHO_REQUEST and counts PACKET_INs per in_port. Every 0.1 s it writes
{"<in_port>": count, ...} to <out> (atomically)."""
import json
import os
import socket
import struct
import sys
import threading
import time
from collections import Counter

HELLO, ECHO_REQUEST, ECHO_REPLY, FEATURES_REQUEST, PACKET_IN = 0, 2, 3, 5, 10
counts = Counter()
lock = threading.Lock()


def in_port(msg):
    """in_port OXM of an OF 1.3 PACKET_IN (header 8, buffer_id 4, total_len 2, reason 1, table 1, cookie 8)."""
    _, mlen = struct.unpack('!HH', msg[24:28])
    oxms, p = msg[28:24 + mlen], 0
    while p + 4 <= len(oxms):
        cls, field, length = struct.unpack('!HBB', oxms[p:p + 4])
        if cls == 0x8000 and field >> 1 == 0:
            return struct.unpack('!I', oxms[p + 4:p + 8])[0]
        p += 4 + length
    return None


def serve(conn):
    conn.sendall(struct.pack('!BBHI', 4, HELLO, 8, 1) + struct.pack('!BBHI', 4, FEATURES_REQUEST, 8, 2))
    buf = b''
    while True:
        data = conn.recv(1 << 16)
        if not data:
            return
        buf += data
        while len(buf) >= 8:
            _, kind, length, xid = struct.unpack('!BBHI', buf[:8])
            if len(buf) < length:
                break
            msg, buf = buf[:length], buf[length:]
            if kind == ECHO_REQUEST:
                conn.sendall(struct.pack('!BBHI', 4, ECHO_REPLY, length, xid) + msg[8:])
            elif kind == PACKET_IN:
                with lock:
                    counts[str(in_port(msg))] += 1


def main():
    port, out = int(sys.argv[1]), sys.argv[2]
    srv = socket.socket()
    srv.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    srv.bind(('127.0.0.1', port))
    srv.listen(4)

    def accept():
        while True:
            conn, _ = srv.accept()
            threading.Thread(target=serve, args=(conn,), daemon=True).start()
    threading.Thread(target=accept, daemon=True).start()
    while True:
        with lock:
            snapshot = dict(counts)
        with open(out + '.tmp', 'w') as f:
            json.dump(snapshot, f)
        os.replace(out + '.tmp', out)
        time.sleep(0.1)


if __name__ == '__main__':
    main()
