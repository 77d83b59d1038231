package org.onosdvr.cli.codec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.google.common.collect.ImmutableSet;
import org.onlab.packet.Ip4Address;
import org.onlab.packet.IpAddress;
import org.onlab.packet.MacAddress;
import org.onosdvr.api.DvrException;
import org.onosdvr.api.DvrNode;
import org.onosdvr.api.DvrSnapshot;
import org.onosdvr.api.FloatingIp;
import org.onosdvr.api.PortId;
import org.onosdvr.api.Router;
import org.onosdvr.api.RouterInterface;
import org.onosdvr.api.VmPort;
import org.onosdvr.pipeline.DvrFabric;
import org.onosdvr.pipeline.walk.Field;
import org.onosdvr.pipeline.walk.Packet;
import org.onosdvr.pipeline.walk.PacketBuilder;
import org.onosproject.net.ConnectPoint;
import org.onosproject.net.DeviceId;
import org.onosproject.net.PortNumber;

import java.util.Optional;
import java.util.Set;

/**
 * A decoded {@code POST /trace} body (also what {@code dvr-trace} builds from its options): where the packet
 * enters and the packet. Body:
 * <pre>
 * {"from": "p1" | "upstream"}  or  {"device_id": "of:...", "in_port": 3},
 *  "packet": {"protocol": "icmp" (default) | "arp" | "tcp" | "udp" | "ip",
 *             "eth_src", "eth_dst", "ip_src", "ip_dst", "ttl", "ip_proto" (ip only),
 *             "arp_op", "arp_sha", "arp_spa", "arp_tha", "arp_tpa",
 *             "icmp_type", "icmp_code", "src_port", "dst_port", "tcp_flags", "tun_id"}}
 * </pre>
 * Defaults: from a VM port, its MAC and first fixed IP are the sources; the destination MAC of an IP packet is
 * the VM holding {@code ip_dst} on the same network, else the gateway (router interface) MAC of the source
 * subnet; from the upstream host, the source MAC is the known upstream neighbor's and the destination MAC is
 * the MAC answering for {@code ip_dst} (floating IP: its node's DVR MAC; router external IP: the router's
 * external MAC). ARP: request, broadcast, sender = the source, target {@code arp_tpa} or {@code ip_dst}. ICMP:
 * echo request. TCP: SYN 40000 -> 80. UDP: 40000 -> 53. TTL 64.
 */
public final class TraceRequest {

    /** Default TCP/UDP source port. */
    public static final int DEFAULT_SRC_PORT = 40000;
    /** Default TCP destination port. */
    public static final int DEFAULT_TCP_DST = 80;
    /** Default UDP destination port. */
    public static final int DEFAULT_UDP_DST = 53;

    private static final Set<String> KNOWN = ImmutableSet.of("from", "device_id", "in_port", "packet");
    private static final Set<String> PACKET = ImmutableSet.of(
            "protocol", "eth_src", "eth_dst", "ip_src", "ip_dst", "ttl", "ip_proto", "arp_op", "arp_sha", "arp_spa",
            "arp_tha", "arp_tpa", "icmp_type", "icmp_code", "src_port", "dst_port", "tcp_flags", "tun_id");
    private static final long MAX_PORT = 0xffff_ff00L;

    private final String host;
    private final ConnectPoint at;
    private final Packet packet;

    private TraceRequest(String host, ConnectPoint at, Packet packet) {
        this.host = host;
        this.at = at;
        this.packet = packet;
    }

    /** @return the sending host (VM port id or {@link DvrFabric#UPSTREAM}), empty when injected at a port */
    public Optional<String> host() {
        return Optional.ofNullable(host);
    }

    /** @return the device port the packet is injected at, empty when sent by a host */
    public Optional<ConnectPoint> at() {
        return Optional.ofNullable(at);
    }

    /** @return the packet */
    public Packet packet() {
        return packet;
    }

    /** @return where the packet enters, as text */
    public String origin() {
        return host != null ? host : at.toString();
    }

    /**
     * Decodes a trace body against the current state.
     *
     * @param json     body
     * @param snapshot state (for the defaults and to check the origin)
     * @return request
     * @throws IllegalArgumentException malformed body or value (400)
     * @throws DvrException             NOT_FOUND for an unknown VM port or device (404)
     */
    public static TraceRequest decode(JsonNode json, DvrSnapshot snapshot) {
        FieldReader r = FieldReader.of(json, "").allowOnly(KNOWN);
        FieldReader p = r.has("packet") ? FieldReader.of(r.node().get("packet"), "packet").allowOnly(PACKET)
                : FieldReader.of(JsonNodeFactory.instance.objectNode(), "packet");
        if (r.has("from") == (r.has("device_id") || r.has("in_port"))) {
            throw new IllegalArgumentException("give either from (a VM port id or \"upstream\") or device_id "
                                                       + "and in_port");
        }
        Defaults d;
        String host = null;
        ConnectPoint at = null;
        if (r.has("from")) {
            host = r.string("from");
            d = hostDefaults(host, snapshot);
        } else {
            DeviceId device = r.parse("device_id", VmPortCodec::deviceId);
            if (snapshot.node(device).isEmpty()) {
                throw DvrException.notFound("device %s is not a DVR node", device);
            }
            if (!r.has("in_port")) {
                throw r.missing("in_port");
            }
            at = new ConnectPoint(device, PortNumber.portNumber(r.integer("in_port", 1, MAX_PORT)));
            d = new Defaults(null, null, null);
        }
        return new TraceRequest(host, at, packet(p, d, snapshot));
    }

    /** Source defaults: MAC, IP, network context (VM port) of the sender. */
    private static final class Defaults {
        final MacAddress mac;
        final IpAddress ip;
        final VmPort port;

        Defaults(MacAddress mac, IpAddress ip, VmPort port) {
            this.mac = mac;
            this.ip = ip;
            this.port = port;
        }
    }

    private static Defaults hostDefaults(String host, DvrSnapshot s) {
        Optional<VmPort> port = s.port(PortId.of(host));
        if (port.isPresent()) {
            VmPort vm = port.get();
            boolean located = vm.location().flatMap(l -> s.node(l.deviceId())).isPresent();
            if (!located) {
                throw new IllegalArgumentException("invalid value for from: port " + host
                                                           + " is not located on a DVR node");
            }
            return new Defaults(vm.mac(), vm.fixedIps().iterator().next(), vm);
        }
        if (DvrFabric.UPSTREAM.equals(host)) {
            if (s.nodes().stream().noneMatch(n -> n.externalPort().isPresent())) {
                throw new IllegalArgumentException("invalid value for from: no node has an external port");
            }
            return new Defaults(DvrFabric.upstreamMac(s).orElse(null), null, null);
        }
        throw DvrException.notFound("port %s not found (from is a VM port id or \"upstream\")", Text.shorten(host));
    }

    private static Packet packet(FieldReader p, Defaults d, DvrSnapshot s) {
        String protocol = p.text("protocol", "icmp");
        MacAddress ethSrc = p.has("eth_src") ? p.mac("eth_src") : d.mac;
        if (ethSrc == null) {
            throw p.missing("eth_src");
        }
        PacketBuilder b = Packet.builder().ethSrc(ethSrc);
        if (p.has("tun_id")) {
            b.tunnelId(p.integer("tun_id", 0, Long.MAX_VALUE));
        }
        if (protocol.equals("arp")) {
            int op = (int) (p.has("arp_op") ? p.integer("arp_op", 1, 2) : Packet.ARP_REQUEST);
            Ip4Address tpa = ip4(p, "arp_tpa", p.has("arp_tpa") ? null : opt(p, "ip_dst"));
            Ip4Address spa = ip4(p, "arp_spa", p.has("arp_spa") ? null : p.has("ip_src") ? opt(p, "ip_src") : d.ip);
            MacAddress ethDst = p.has("eth_dst") ? p.mac("eth_dst") : MacAddress.BROADCAST;
            MacAddress sha = p.has("arp_sha") ? p.mac("arp_sha") : ethSrc;
            MacAddress tha = p.has("arp_tha") ? p.mac("arp_tha")
                    : op == Packet.ARP_REQUEST ? MacAddress.ZERO : ethDst;
            notFor(p, "arp", "ip_proto", "ttl", "icmp_type", "icmp_code", "src_port", "dst_port", "tcp_flags");
            return b.ethDst(ethDst).arp(op, sha, spa, tha, tpa).build();
        }
        int proto;
        switch (protocol) {
            case "icmp":
                proto = Field.IpProtocols.ICMP;
                break;
            case "tcp":
                proto = Field.IpProtocols.TCP;
                break;
            case "udp":
                proto = Field.IpProtocols.UDP;
                break;
            case "ip":
                proto = (int) p.integer("ip_proto", 0, 255);
                break;
            default:
                throw p.invalid("protocol", "expected arp, icmp, tcp, udp or ip, got " + Text.quote(protocol));
        }
        if (!protocol.equals("ip") && p.has("ip_proto")) {
            throw p.invalid("ip_proto", "only with protocol ip");
        }
        Ip4Address ipSrc = ip4(p, "ip_src", d.ip);
        Ip4Address ipDst = ip4(p, "ip_dst", null);
        MacAddress ethDst = p.has("eth_dst") ? p.mac("eth_dst") : ethDst(d, ipDst, s);
        if (ethDst == null) {
            throw p.missing("eth_dst");
        }
        b.ethDst(ethDst).ipv4(ipSrc, ipDst, proto, (int) (p.has("ttl") ? p.integer("ttl", 0, 255)
                : Packet.DEFAULT_TTL));
        if (proto == Field.IpProtocols.ICMP) {
            notFor(p, protocol, "src_port", "dst_port", "tcp_flags", "arp_op", "arp_sha", "arp_spa", "arp_tha",
                   "arp_tpa");
            b.icmp((int) (p.has("icmp_type") ? p.integer("icmp_type", 0, 255) : Packet.ICMP_ECHO_REQUEST),
                   (int) (p.has("icmp_code") ? p.integer("icmp_code", 0, 255) : 0));
        } else if (proto == Field.IpProtocols.TCP || proto == Field.IpProtocols.UDP) {
            boolean tcp = proto == Field.IpProtocols.TCP;
            notFor(p, protocol, "icmp_type", "icmp_code", "arp_op", "arp_sha", "arp_spa", "arp_tha", "arp_tpa");
            int src = (int) (p.has("src_port") ? p.integer("src_port", 0, 0xffff) : DEFAULT_SRC_PORT);
            int dst = (int) (p.has("dst_port") ? p.integer("dst_port", 0, 0xffff)
                    : tcp ? DEFAULT_TCP_DST : DEFAULT_UDP_DST);
            if (tcp) {
                b.tcp(src, dst, (int) (p.has("tcp_flags") ? p.integer("tcp_flags", 0, 0xfff) : Packet.TCP_SYN));
            } else {
                notFor(p, protocol, "tcp_flags");
                b.udp(src, dst);
            }
        } else {
            notFor(p, protocol, "icmp_type", "icmp_code", "src_port", "dst_port", "tcp_flags", "arp_op",
                   "arp_sha", "arp_spa", "arp_tha", "arp_tpa");
        }
        return b.build();
    }

    private static void notFor(FieldReader p, String protocol, String... fields) {
        for (String f : fields) {
            if (p.has(f)) {
                throw p.invalid(f, "does not apply to protocol " + protocol);
            }
        }
    }

    private static IpAddress opt(FieldReader p, String field) {
        return p.has(field) ? p.ipv4(field) : null;
    }

    private static Ip4Address ip4(FieldReader p, String field, IpAddress dflt) {
        IpAddress ip = p.has(field) ? p.ipv4(field) : dflt;
        if (ip == null) {
            throw p.missing(field);
        }
        return ip.getIp4Address();
    }

    /** The MAC an IP packet from the sender to {@code dst} is addressed to, null if the state does not say. */
    private static MacAddress ethDst(Defaults d, Ip4Address dst, DvrSnapshot s) {
        if (d.port != null) {
            VmPort src = d.port;
            Optional<VmPort> peer = s.ports(src.networkId()).stream()
                    .filter(p -> p.fixedIps().contains(dst)).findFirst();
            if (peer.isPresent()) {
                return peer.get().mac();
            }
            return s.subnetOf(src.networkId(), d.ip).flatMap(sub -> s.routerInterface(sub.id()))
                    .map(RouterInterface::mac).orElse(null);
        }
        for (FloatingIp f : s.floatingIps()) {
            if (f.floatingIp().equals(dst) && f.portId().isPresent()) {
                return s.port(f.portId().get()).flatMap(VmPort::location).flatMap(l -> s.node(l.deviceId()))
                        .map(DvrNode::dvrMac).orElse(null);
            }
        }
        return s.routers().stream().map(Router::externalGateway).filter(Optional::isPresent).map(Optional::get)
                .filter(g -> g.externalIp().equals(dst)).map(g -> g.mac()).findFirst().orElse(null);
    }
}
