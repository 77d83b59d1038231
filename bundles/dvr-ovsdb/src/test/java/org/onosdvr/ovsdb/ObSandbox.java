package org.onosdvr.ovsdb;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Private userspace Open vSwitch nodes for the integration test: per node an ovsdb-server in the root namespace
 * (so its manager connection reaches the test's server on 127.0.0.1) and an ovs-vswitchd inside the node's own
 * network namespace {@code ob-<random>-<node>} (so its netdev bridges, e.g. br-int, exist only there). Run
 * directories under {@code /tmp/ovsdbit-<random>/<node>}. {@link #close()} stops every daemon by pid and removes
 * the namespaces and the directory.
 */
public final class ObSandbox implements AutoCloseable {

    private static final String SCHEMA = "/usr/share/openvswitch/vswitch.ovsschema";
    private static final long CMD_TIMEOUT_S = 20;

    private final String tag;
    private final Path dir;
    private final List<String> nodes = new ArrayList<>();
    private final List<Process> spawned = new ArrayList<>();

    private ObSandbox(String tag, Path dir) {
        this.tag = tag;
        this.dir = dir;
    }

    /** @return true where this test can run: root, OVS binaries and schema present */
    public static boolean available() {
        return Stream.of("/usr/sbin/ovs-vswitchd", "/usr/sbin/ovsdb-server", "/usr/bin/ovsdb-tool",
                         "/usr/bin/ovs-vsctl", "/usr/bin/ovs-appctl", "/usr/sbin/ip", SCHEMA)
                .allMatch(p -> new File(p).exists())
                && "root".equals(System.getProperty("user.name"));
    }

    public static ObSandbox create() throws IOException {
        String tag = String.format("%06x", ThreadLocalRandom.current().nextInt(1 << 24));
        return new ObSandbox(tag, Files.createDirectory(Path.of("/tmp", "ovsdbit-" + tag)));
    }

    /** @return namespace of a node */
    public String ns(String node) {
        return "ob-" + tag + "-" + node;
    }

    /**
     * Starts a node's ovsdb-server (root namespace) and ovs-vswitchd (in the node's namespace).
     *
     * @param node short node name
     */
    public void startNode(String node) throws IOException {
        Path rundir = Files.createDirectory(dir.resolve(node));
        run(node, "ip", "netns", "add", ns(node));
        nodes.add(node);
        run(node, "ip", "netns", "exec", ns(node), "ip", "link", "set", "lo", "up");
        run(node, "ovsdb-tool", "create", rundir.resolve("conf.db").toString(), SCHEMA);
        run(node, "ovsdb-server", rundir.resolve("conf.db").toString(), "--remote=punix:" + rundir + "/db.sock",
            "--remote=db:Open_vSwitch,Open_vSwitch,manager_options", "--pidfile=" + rundir + "/ovsdb.pid",
            "--unixctl=" + rundir + "/ovsdb.ctl", "--log-file=" + rundir + "/ovsdb.log", "--detach");
        vsctl(node, "--no-wait", "init");
        startVswitchd(node);
    }

    public void startVswitchd(String node) throws IOException {
        Path rundir = dir.resolve(node);
        run(node, "ip", "netns", "exec", ns(node), "ovs-vswitchd", "unix:" + rundir + "/db.sock",
            "--pidfile=" + rundir + "/vswitchd.pid", "--unixctl=" + rundir + "/vswitchd.ctl",
            "--log-file=" + rundir + "/vswitchd.log", "--detach");
    }

    /** SIGKILLs a node's ovs-vswitchd (a crash: its BFD peers stop hearing from it). */
    public void killVswitchd(String node) throws IOException {
        long pid = Long.parseLong(Files.readString(dir.resolve(node).resolve("vswitchd.pid")).trim());
        ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
    }

    /** Points a node's manager at an OVSDB server: what the testbed does for every node. */
    public void setManager(String node, int port) throws IOException {
        vsctl(node, "--", "--id=@m", "create", "Manager", "target=\"tcp:127.0.0.1:" + port + "\"",
              "max_backoff=1000", "--", "set", "Open_vSwitch", ".", "manager_options=@m");
    }

    public String vsctl(String node, String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of("ovs-vsctl", "--db=unix:" + dir.resolve(node) + "/db.sock",
                                                   "--timeout=15"));
        cmd.addAll(Arrays.asList(args));
        return run(node, cmd.toArray(new String[0]));
    }

    /** {@code ovs-vsctl get Interface <name> <column[:key]>} without quotes. */
    public String get(String node, String iface, String column) throws IOException {
        return vsctl(node, "get", "Interface", iface, column).trim().replace("\"", "");
    }

    public String appctl(String node, String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of("ovs-appctl", "-t", dir.resolve(node) + "/vswitchd.ctl"));
        cmd.addAll(Arrays.asList(args));
        return run(node, cmd.toArray(new String[0]));
    }

    /**
     * Starts a long-running command inside a node's namespace (output to {@code <rundir>/<logName>}); it is
     * killed by {@link #close()}.
     *
     * @param node    node
     * @param logName file name for its output
     * @param args    command
     * @return the process
     */
    public Process spawnInNs(String node, String logName, String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of("ip", "netns", "exec", ns(node)));
        cmd.addAll(Arrays.asList(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(dir.resolve(node).resolve(logName).toFile()).start();
        spawned.add(p);
        return p;
    }

    /** @return a node's run directory */
    public Path rundir(String node) {
        return dir.resolve(node);
    }

    /** Runs a command inside a node's namespace. */
    public String inNs(String node, String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of("ip", "netns", "exec", ns(node)));
        cmd.addAll(Arrays.asList(args));
        return run(node, cmd.toArray(new String[0]));
    }

    /** Runs a command (root namespace) with the node's OVS_RUNDIR; returns its output; throws if it fails. */
    public String run(String node, String... cmd) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        String rundir = dir.resolve(node).toString();
        pb.environment().put("OVS_RUNDIR", rundir);
        pb.environment().put("OVS_DBDIR", rundir);
        pb.environment().put("OVS_LOGDIR", rundir);
        Process p = pb.start();
        try {
            if (!p.waitFor(CMD_TIMEOUT_S, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException("timed out: " + String.join(" ", cmd));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted: " + String.join(" ", cmd), e);
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.exitValue() != 0) {
            throw new IOException(String.join(" ", cmd) + " -> exit " + p.exitValue() + ": " + out);
        }
        return out;
    }

    private static void stop(ProcessHandle h) {
        h.destroy();
        try {
            h.onExit().get(3, TimeUnit.SECONDS);
        } catch (Exception e) {
            h.destroyForcibly();
        }
    }

    /** Stops every daemon by its pidfile, deletes the namespaces and the directory; never throws. */
    @Override
    public void close() {
        for (Process p : spawned) {
            stop(p.toHandle());
        }
        for (String node : nodes) {
            for (String pidFile : List.of("vswitchd.pid", "ovsdb.pid")) {
                Path f = dir.resolve(node).resolve(pidFile);
                try {
                    long pid = Long.parseLong(Files.readString(f).trim());
                    ProcessHandle.of(pid).ifPresent(ObSandbox::stop);
                } catch (IOException | RuntimeException e) {
                    // not started or already gone
                }
            }
            try {
                run(node, "ip", "netns", "del", ns(node));
            } catch (IOException e) {
                // already gone
            }
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // best effort
        }
    }
}
