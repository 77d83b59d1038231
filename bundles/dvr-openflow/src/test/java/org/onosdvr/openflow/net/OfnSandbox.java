package org.onosdvr.openflow.net;

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
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;

/**
 * A private userspace Open vSwitch for the integration tests of this package: its own ovsdb-server and
 * ovs-vswitchd with OVS_RUNDIR/DBDIR/LOGDIR = /tmp/ofn-&lt;random&gt;, bridges and namespaces named
 * {@code ofn-<random>-...} so parallel runs never collide. {@link #close()} removes everything (by pid / name).
 */
final class OfnSandbox implements AutoCloseable {

    private static final String SCHEMA = "/usr/share/openvswitch/vswitch.ovsschema";
    private static final long CMD_TIMEOUT_S = 20;

    final String prefix;
    final Path dir;
    private final List<String> namespaces = new ArrayList<>();
    private final List<String> links = new ArrayList<>();

    private OfnSandbox(String prefix, Path dir) {
        this.prefix = prefix;
        this.dir = dir;
    }

    static boolean available() {
        return Stream.of("/usr/sbin/ovs-vswitchd", "/usr/sbin/ovsdb-server", "/usr/bin/ovsdb-tool",
                         "/usr/bin/ovs-vsctl", "/usr/bin/ovs-ofctl", "/usr/sbin/arping", SCHEMA, "/dev/net/tun")
                .allMatch(p -> new File(p).exists())
                && "root".equals(System.getProperty("user.name"));
    }

    static OfnSandbox start() throws IOException {
        String prefix = String.format("ofn-%06x", ThreadLocalRandom.current().nextInt(1 << 24));
        Path dir = Path.of("/tmp", prefix);
        Files.createDirectory(dir);
        OfnSandbox s = new OfnSandbox(prefix, dir);
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

    void startVswitchd() throws IOException {
        run("ovs-vswitchd", "unix:" + path("db.sock"), "--pidfile=" + path("vswitchd.pid"),
            "--unixctl=" + path("vswitchd.ctl"), "--log-file=" + path("vswitchd.log"), "--detach");
    }

    void killVswitchd() throws IOException {
        long pid = pid("vswitchd.pid");
        run("kill", "-9", Long.toString(pid));
        waitFor(() -> !running(pid), 5_000, "ovs-vswitchd " + pid + " to die");
    }

    private static boolean running(long pid) {
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

    /** Adds bridge {@code <prefix>-br} with the dpid, connected to the controller; returns its name. */
    String addBridge(long dpid, int controllerPort) throws IOException {
        String name = prefix + "-br";
        vsctl("add-br", name, "--", "set", "bridge", name, "datapath_type=netdev", "protocols=OpenFlow13",
              "fail-mode=secure", String.format("other-config:datapath-id=%016x", dpid),
              "--", "set-controller", name, "tcp:127.0.0.1:" + controllerPort,
              "--", "set", "controller", name, "connection-mode=out-of-band", "max_backoff=1000");
        links.add(name);
        return name;
    }

    /** Namespace {@code <prefix>-<host>} with veth end {@code <ns>-i} ({@code ip}/24); returns the outside end. */
    String addHost(String host, String ip) throws IOException {
        String ns = ns(host);
        String outside = ns + "-o";
        String inside = ns + "-i";
        run("ip", "netns", "add", ns);
        namespaces.add(ns);
        run("ip", "link", "add", outside, "type", "veth", "peer", "name", inside);
        links.add(outside);
        run("ip", "link", "set", inside, "netns", ns);
        run("ip", "link", "set", outside, "up");
        inNs(host, "ip", "addr", "add", ip + "/24", "dev", inside);
        inNs(host, "ip", "link", "set", inside, "up");
        inNs(host, "ip", "link", "set", "lo", "up");
        return outside;
    }

    String ns(String host) {
        return prefix + "-" + host;
    }

    String inNs(String host, String... cmd) throws IOException {
        List<String> all = new ArrayList<>(List.of("ip", "netns", "exec", ns(host)));
        all.addAll(Arrays.asList(cmd));
        return run(all.toArray(new String[0]));
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

    /** Stops the daemons by pid, deletes namespaces, links and the directory; best effort, never throws. */
    @Override
    public void close() {
        for (String pidFile : List.of("vswitchd.pid", "ovsdb.pid")) {
            try {
                if (Files.exists(dir.resolve(pidFile))) {
                    ProcessHandle.of(pid(pidFile)).ifPresent(h -> {
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
