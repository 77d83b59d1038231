# shellcheck shell=bash
# Shared settings of the start/stop/status scripts of the onos-dvr Karaf distribution (sourced, not run).
#   DVR_KARAF_HOME  distribution to run (default: features/karaf/target/assembly of this checkout; or the
#                   directory of an unpacked target/onos-dvr-karaf-*.tar.gz)
#   DVR_USER / DVR_PASSWORD   console + REST credentials (default onos / rocks)
#   DVR_HTTP_PORT / DVR_SSH_PORT  REST and console ports (default 8181 / 8101)
#   DVR_RMI_REGISTRY_PORT / DVR_RMI_SERVER_PORT  JMX ports (default 1099 / 44444)
#   DVR_OF_LISTEN   OpenFlow listen addresses, comma separated (default 127.0.0.1:6653)
#   DVR_OVSDB_LISTEN  OVSDB manager listen address host:port (default 127.0.0.1:6640); switches connect with
#                   `ovs-vsctl set-manager tcp:<host>:<port>`
#   Several instances can run side by side: copy the assembly (cp -a), point DVR_KARAF_HOME at the copy and give
#   each its own ports; `start` writes them into the copy's etc/ before booting.
SCRIPTS_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
DVR_KARAF_HOME="${DVR_KARAF_HOME:-$(cd "$SCRIPTS_DIR/../../.." && pwd)/target/assembly}"
DVR_USER="${DVR_USER:-onos}"
DVR_PASSWORD="${DVR_PASSWORD:-rocks}"
DVR_HTTP_PORT="${DVR_HTTP_PORT:-8181}"
DVR_SSH_PORT="${DVR_SSH_PORT:-8101}"
DVR_RMI_REGISTRY_PORT="${DVR_RMI_REGISTRY_PORT:-1099}"
DVR_RMI_SERVER_PORT="${DVR_RMI_SERVER_PORT:-44444}"
DVR_OF_LISTEN="${DVR_OF_LISTEN:-127.0.0.1:6653}"
DVR_OVSDB_LISTEN="${DVR_OVSDB_LISTEN:-127.0.0.1:6640}"
DVR_HTTP="http://127.0.0.1:${DVR_HTTP_PORT}"
DVR_LOG="$DVR_KARAF_HOME/data/log/karaf.log"
DVR_OUT="$DVR_KARAF_HOME/data/log/karaf.out"
# A URL that answers 200 only when Jersey, onos-rest and the JAAS realm all work.
DVR_PROBE="/onos/v1/docs/apis"

if [ -z "${JAVA_HOME:-}" ] && command -v java >/dev/null 2>&1; then
    JAVA_HOME="$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")"
    export JAVA_HOME
fi

check_home() {
    if [ ! -x "$DVR_KARAF_HOME/bin/karaf" ]; then
        echo "no Karaf distribution at $DVR_KARAF_HOME: build it with 'mvn -B verify' at the repository root" >&2
        echo "(or set DVR_KARAF_HOME to an unpacked features/karaf/target/onos-dvr-karaf-*.tar.gz)" >&2
        exit 2
    fi
}

# pid of the Karaf JVM of DVR_KARAF_HOME, or nothing
karaf_pid() {
    local f="$DVR_KARAF_HOME/karaf.pid" pid
    [ -f "$f" ] || return 0
    pid="$(tr -dc '0-9' < "$f")"
    [ -n "$pid" ] || return 0
    if [ -r "/proc/$pid/cmdline" ] && tr '\0' ' ' < "/proc/$pid/cmdline" | grep -q -- "-Dkaraf.home=$DVR_KARAF_HOME "; then
        echo "$pid"
    fi
}

# HTTP status of a GET with the configured credentials ("000" when nothing answers)
http_code() {
    curl -s -o /dev/null -m 5 -w '%{http_code}' -u "$DVR_USER:$DVR_PASSWORD" "$DVR_HTTP$1" 2>/dev/null || true
}

# run console commands (one per line on stdin or as $1) through bin/client; output on stdout
console() {
    local cmds="${1:-$(cat)}"
    printf '%s\n' "$cmds" | "$DVR_KARAF_HOME/bin/client" -u "$DVR_USER" -p "$DVR_PASSWORD" -r 1 -b 2>/dev/null \
        | sed 's/\x1b\[[0-9;]*m//g'
}

# "name state" of the installed onos-dvr features, one per line
dvr_features() {
    # the table separator is '|' or, depending on the client's terminal, the box character U+2502
    console 'feature:list -i' | sed 's/\xe2\x94\x82/|/g' | awk -F'|' '$1 ~ /^ *onos-dvr/ { gsub(/ /, "", $1); gsub(/ /, "", $4); print $1, $4 }'
}

port_busy() {
    ss -ltn 2>/dev/null | awk '{print $4}' | grep -q -E "[:.]$1\$"
}

# set "key = value" in a Karaf .cfg file (replacing the key's line, or appending it)
set_cfg() {
    local file="$1" key="$2" value="$3"
    touch "$file"
    if grep -q -E "^[[:space:]]*#?[[:space:]]*${key}[[:space:]]*=" "$file"; then
        sed -i -E "s|^[[:space:]]*#?[[:space:]]*${key}[[:space:]]*=.*|${key} = ${value}|" "$file"
    else
        printf '%s = %s\n' "$key" "$value" >> "$file"
    fi
}

# write the configured ports and the OpenFlow and OVSDB listen addresses into DVR_KARAF_HOME/etc
configure_instance() {
    local etc="$DVR_KARAF_HOME/etc"
    set_cfg "$etc/org.ops4j.pax.web.cfg" org.osgi.service.http.port "$DVR_HTTP_PORT"
    set_cfg "$etc/org.apache.karaf.shell.cfg" sshPort "$DVR_SSH_PORT"
    set_cfg "$etc/org.apache.karaf.management.cfg" rmiRegistryPort "$DVR_RMI_REGISTRY_PORT"
    set_cfg "$etc/org.apache.karaf.management.cfg" rmiServerPort "$DVR_RMI_SERVER_PORT"
    set_cfg "$etc/org.onosdvr.openflow.net.OpenFlowControllerComponent.cfg" listenAddress "$DVR_OF_LISTEN"
    set_cfg "$etc/org.onosdvr.ovsdb.OvsdbControllerComponent.cfg" listenAddress "$DVR_OVSDB_LISTEN"
}
