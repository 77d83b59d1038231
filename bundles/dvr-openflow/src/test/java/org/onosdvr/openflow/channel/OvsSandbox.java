package org.onosdvr.openflow.channel;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;

/**
 * A private Open vSwitch (userspace datapath) for integration tests: its own ovsdb-server and ovs-vswitchd with
 * OVS_RUNDIR/OVS_DBDIR/OVS_LOGDIR under /tmp/ofc-*, never the system instance. Also creates network namespaces
 * and veths with the {@code ofc} prefix, and removes everything in {@link #close()}.
 */
final class OvsSandbox implements AutoCloseable {

    private static final String SCHEMA = "/usr/share/openvswitch/vswitch.ovsschema";
    private static final long CMD_TIMEOUT_S = 20;

    final Path dir;
    private final List<String> namespaces = new ArrayList<>();
    private final List<String> links = new ArrayList<>();

    private OvsSandbox(Path dir) {
        this.dir = dir;
    }

    /**
     * Whether a private OVS can run here (binaries, schema, root for namespaces).
     *
     * @return true if usable
     */
    static boolean available() {
        return Stream.of("/usr/sbin/ovs-vswitchd", "/usr/sbin/ovsdb-server", "/usr/bin/ovsdb-tool",
                         "/usr/bin/ovs-vsctl", "/usr/bin/ovs-ofctl", SCHEMA, "/dev/net/tun")
                .allMatch(p -> new File(p).exists())
                && "root".equals(System.getProperty("user.name"));
    }

    /**
     * Creates the database and starts both daemons.
     *
     * @return running sandbox
     * @throws IOException if a step fails
     */
    static OvsSandbox start() throws IOException {
        OvsSandbox s = new OvsSandbox(Files.createTempDirectory(Path.of("/tmp"), "ofc-ovs-"));
        try {
            s.run("ovsdb-tool", "create", s.path("conf.db"), SCHEMA);
            s.run("ovsdb-server", s.path("conf.db"), "--remote=punix:" + s.path("db.sock"),
                  "--pidfile=" + s.path("ovsdb.pid"), "--unixctl=" + s.path("ovsdb.ctl"),
                  "--log-file=" + s.path("ovsdb.log"), "--detach");
            s.vsctl("--no-wait", "init");
            s.startVswitchd();
        } catch (IOException | RuntimeException e) {
            s.close();
            throw e;
        }
        return s;
    }

    String path(String name) {
        return dir.resolve(name).toString();
    }

    /** Starts (or restarts) ovs-vswitchd on the existing database. */
    void startVswitchd() throws IOException {
        run("ovs-vswitchd", "unix:" + path("db.sock"), "--pidfile=" + path("vswitchd.pid"),
            "--unixctl=" + path("vswitchd.ctl"), "--log-file=" + path("vswitchd.log"), "--detach");
    }

    /** Kills ovs-vswitchd with SIGKILL (by its pid). */
    void killVswitchd() throws IOException {
        long pid = pid("vswitchd.pid");
        run("kill", "-9", Long.toString(pid));
        waitFor(() -> !running(pid), 5_000, "ovs-vswitchd " + pid + " to die");
    }

    /** Whether a process runs (a zombie does not: PID 1 of a container may never reap it). */
    static boolean running(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            int end = stat.lastIndexOf(')');
            return end > 0 && end + 2 < stat.length() && stat.charAt(end + 2) != 'Z';
        } catch (IOException e) {
            return false;
        }
    }

    String vsctl(String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of("ovs-vsctl", "--db=unix:" + path("db.sock"), "--timeout=15"));
        cmd.addAll(Arrays.asList(args));
        return run(cmd.toArray(new String[0]));
    }

    String ofctl(String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of("ovs-ofctl", "-O", "OpenFlow13"));
        cmd.addAll(Arrays.asList(args));
        return run(cmd.toArray(new String[0]));
    }

    /**
     * Adds a bridge with the given dpid connected to a controller.
     */
    void addBridge(String name, long dpid, int controllerPort) throws IOException {
        vsctl("add-br", name, "--", "set", "bridge", name, "datapath_type=netdev", "protocols=OpenFlow13",
              "fail-mode=secure", String.format("other-config:datapath-id=%016x", dpid),
              "--", "set-controller", name, "tcp:127.0.0.1:" + controllerPort,
              "--", "set", "controller", name, "connection-mode=out-of-band", "max_backoff=1000");
        links.add(name);
    }

    /**
     * Creates a namespace with one end of a veth (address {@code ip}/24, up) and returns the other end's name,
     * which stays in the root namespace (up) for the bridge.
     */
    String addHost(String ns, String ip) throws IOException {
        String outside = ns + "-o";
        String inside = ns + "-i";
        run("ip", "netns", "add", ns);
        namespaces.add(ns);
        run("ip", "link", "add", outside, "type", "veth", "peer", "name", inside);
        links.add(outside);
        run("ip", "link", "set", inside, "netns", ns);
        run("ip", "link", "set", outside, "up");
        run("ip", "netns", "exec", ns, "ip", "addr", "add", ip + "/24", "dev", inside);
        run("ip", "netns", "exec", ns, "ip", "link", "set", inside, "up");
        run("ip", "netns", "exec", ns, "ip", "link", "set", "lo", "up");
        return outside;
    }

    /** Adds a veth pair (no namespace) and returns the end to plug into a bridge. */
    String addVeth(String name) throws IOException {
        run("ip", "link", "add", name, "type", "veth", "peer", "name", name + "p");
        links.add(name);
        run("ip", "link", "set", name, "up");
        return name;
    }

    String run(String... cmd) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().put("OVS_RUNDIR", dir.toString());
        pb.environment().put("OVS_DBDIR", dir.toString());
        pb.environment().put("OVS_LOGDIR", dir.toString());
        Process p = pb.start();
        try {
            if (!p.waitFor(CMD_TIMEOUT_S, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException("timeout: " + String.join(" ", cmd));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted: " + String.join(" ", cmd), e);
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.exitValue() != 0) {
            throw new IOException(String.join(" ", cmd) + " failed (" + p.exitValue() + "): " + out);
        }
        return out;
    }

    private long pid(String pidFile) throws IOException {
        return Long.parseLong(Files.readString(dir.resolve(pidFile)).trim());
    }

    static void waitFor(BooleanSupplier condition, long timeoutMs, String what) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + timeoutMs + " ms waiting for " + what);
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted waiting for " + what, e);
            }
        }
    }

    /** Stops the daemons by pid, deletes namespaces, veths and the directory; best effort, never throws. */
    @Override
    public void close() {
        for (String pidFile : List.of("vswitchd.pid", "ovsdb.pid")) {
            try {
                if (Files.exists(dir.resolve(pidFile))) {
                    long pid = pid(pidFile);
                    ProcessHandle.of(pid).ifPresent(h -> {
                        h.destroy();
                        try {
                            h.onExit().get(3, TimeUnit.SECONDS);
                        } catch (Exception e) {
                            h.destroyForcibly();
                        }
                    });
                }
            } catch (IOException | RuntimeException e) {
                // keep cleaning
            }
        }
        for (String l : links) {
            quietly("ip", "link", "del", l);
        }
        for (String ns : namespaces) {
            quietly("ip", "netns", "del", ns);
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // best effort
        }
    }

    private void quietly(String... cmd) {
        try {
            run(cmd);
        } catch (IOException e) {
            // already gone
        }
    }
}
