#!/bin/sh
# Installs what the testbed needs (Debian 12 packages). Idempotent: does nothing when all tools exist.
set -e
need=""
for t in ovs-vswitchd:openvswitch-switch mnexec:mininet tcpdump:tcpdump iperf3:iperf3 arping:arping \
         ping:iputils-ping ifconfig:net-tools ip:iproute2 pytest-3:python3-pytest; do
    command -v "${t%%:*}" >/dev/null 2>&1 || need="$need ${t#*:}"
done
if [ -n "$need" ]; then
    echo "installing:$need"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $need
fi
