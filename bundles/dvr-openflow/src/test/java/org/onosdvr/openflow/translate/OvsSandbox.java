package org.onosdvr.openflow.translate;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A private Open vSwitch (own ovsdb-server and ovs-vswitchd, rundir under /tmp/ofx-ovs-*) with one userspace
 * (netdev) bridge that listens for an OpenFlow 1.3 controller connection on 127.0.0.1 ({@code ptcp}).
 * Everything it creates is named {@code ofx-*} and removed by {@link #close()}.
 */
final class OvsSandbox implements AutoCloseable {

    private static final String SCHEMA = "/usr/share/openvswitch/vswitch.ovsschema";
    private static final long COMMAND_TIMEOUT_SECONDS = 20;

    private final Path dir;
    private final String bridge;
    private final int port;
    private boolean bridgeAdded;

    private OvsSandbox(Path dir, String bridge, int port) {
        this.dir = dir;
        this.bridge = bridge;
        this.port = port;
    }

    /** Tells whether the OVS binaries this sandbox needs are installed. */
    static boolean ovsInstalled() {
        for (String binary : List.of("ovsdb-tool", "ovsdb-server", "ovs-vswitchd", "ovs-vsctl", "ovs-ofctl",
                                     "ovs-appctl")) {
            if (which(binary) == null) {
                return false;
            }
        }
        return new File(SCHEMA).isFile();
    }

    private static String which(String binary) {
        for (String dir : System.getenv().getOrDefault("PATH", "").concat(":/usr/sbin:/usr/bin").split(":")) {
            File file = new File(dir, binary);
            if (file.canExecute()) {
                return file.getPath();
            }
        }
        return null;
    }

    static OvsSandbox start() throws IOException, InterruptedException {
        Path dir = Files.createTempDirectory(Path.of("/tmp"), "ofx-ovs-");
        String bridge = "ofx-br" + (ProcessHandle.current().pid() % 100000);
        int port;
        try (ServerSocket probe = new ServerSocket(0)) {
            port = probe.getLocalPort();
        }
        OvsSandbox ovs = new OvsSandbox(dir, bridge, port);
        try {
            ovs.run("ovsdb-tool", "create", dir.resolve("conf.db").toString(), SCHEMA);
            ovs.run("ovsdb-server", dir.resolve("conf.db").toString(),
                    "--remote=punix:" + dir.resolve("db.sock"), "--pidfile=" + dir.resolve("ovsdb.pid"),
                    "--unixctl=" + dir.resolve("ovsdb.ctl"), "--log-file=" + dir.resolve("ovsdb.log"),
                    "--detach");
            ovs.run("ovs-vswitchd", "unix:" + dir.resolve("db.sock"), "--pidfile=" + dir.resolve("vswitchd.pid"),
                    "--unixctl=" + dir.resolve("vswitchd.ctl"), "--log-file=" + dir.resolve("vswitchd.log"),
                    "--detach");
            ovs.vsctl("--no-wait", "init");
            ovs.vsctl("add-br", bridge, "--", "set", "bridge", bridge, "datapath_type=netdev",
                      "protocols=OpenFlow13", "fail-mode=secure", "other-config:datapath-id=00000000000000a1");
            ovs.bridgeAdded = true;
            ovs.vsctl("set-controller", bridge, "ptcp:" + port + ":127.0.0.1");
            return ovs;
        } catch (IOException | InterruptedException | RuntimeException e) {
            ovs.close();
            throw e;
        }
    }

    int port() {
        return port;
    }

    String bridge() {
        return bridge;
    }

    /** {@code ovs-ofctl -O OpenFlow13 dump-flows} through the bridge's management socket. */
    String dumpFlows() throws IOException, InterruptedException {
        return run("ovs-ofctl", "-O", "OpenFlow13", "dump-flows", "unix:" + dir.resolve(bridge + ".mgmt"));
    }

    String vsctl(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("ovs-vsctl", "--db=unix:" + dir.resolve("db.sock"),
                                                       "--timeout=" + COMMAND_TIMEOUT_SECONDS));
        command.addAll(List.of(args));
        return run(command.toArray(new String[0]));
    }

    private String run(String... command) throws IOException, InterruptedException {
        // output goes to a file, not a pipe: a --detach daemon could keep a pipe open
        Path output = dir.resolve("command.out");
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(output.toFile());
        builder.environment().put("OVS_RUNDIR", dir.toString());
        builder.environment().put("OVS_LOGDIR", dir.toString());
        builder.environment().put("OVS_DBDIR", dir.toString());
        Process process = builder.start();
        if (!process.waitFor(COMMAND_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IOException("timeout: " + String.join(" ", command));
        }
        String text = new String(Files.readAllBytes(output), StandardCharsets.UTF_8);
        if (process.exitValue() != 0) {
            throw new IOException("failed (" + process.exitValue() + "): " + String.join(" ", command) + "\n" + text);
        }
        return text;
    }

    /** Last lines of the vswitchd log, for failure messages. */
    String vswitchdLogTail() {
        try {
            List<String> lines = Files.readAllLines(dir.resolve("vswitchd.log"));
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
        } catch (IOException e) {
            return "(no vswitchd log: " + e + ")";
        }
    }

    @Override
    public void close() {
        if (bridgeAdded) {
            try {
                vsctl("--if-exists", "del-br", bridge);
            } catch (IOException | InterruptedException e) {
                System.err.println("ofx: could not delete bridge " + bridge + ": " + e);
            }
        }
        stop("vswitchd");
        stop("ovsdb");
        deleteDir();
    }

    /** Stops one of our daemons by its own pid file (never by name). */
    private void stop(String name) {
        Path pidFile = dir.resolve(name + ".pid");
        if (!Files.exists(pidFile)) {
            return;
        }
        try {
            long pid = Long.parseLong(Files.readString(pidFile).trim());
            ProcessHandle.of(pid).ifPresent(process -> {
                process.destroy();
                try {
                    process.onExit().get(5, TimeUnit.SECONDS);
                } catch (Exception e) {
                    process.destroyForcibly();
                }
            });
        } catch (IOException | NumberFormatException e) {
            System.err.println("ofx: could not stop " + name + ": " + e);
        }
    }

    private void deleteDir() {
        try (var paths = Files.walk(dir)) {
            paths.sorted((a, b) -> b.compareTo(a)).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            System.err.println("ofx: could not delete " + dir + ": " + e);
        }
    }
}
