package org.onosdvr.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.onosdvr.api.DvrSnapshot;
import org.onosdvr.cli.codec.TraceRequest;
import org.onosdvr.cli.codec.Tracer;
import org.onosdvr.pipeline.walk.WalkResult;

/**
 * Runs a packet through the live compiled rules with the walk interpreter (the same as {@code POST /trace}):
 * the options build the same JSON body, decoded by the same {@link TraceRequest}.
 */
@Service
@Command(scope = "onos", name = "dvr-trace",
        description = "Traces a packet through the compiled DVR pipeline of every node (ovs-trace style)")
public class DvrTraceCommand extends DvrCommand {

    @Argument(index = 0, name = "from", description = "sending VM port id, or \"upstream\" (the external router)")
    @Completion(PortIdCompleter.class)
    String from = null;

    @Argument(index = 1, name = "ipDst", description = "destination IP (ARP: the address asked for)")
    String ipDst = null;

    @Option(name = "--device", description = "inject at this device (with --in-port) instead of from a host")
    @Completion(NodeIdCompleter.class)
    String device = null;

    @Option(name = "--in-port", description = "in port with --device")
    Long inPort = null;

    @Option(name = "--protocol", aliases = "-p", description = "icmp (default), arp, tcp, udp or ip")
    String protocol = null;

    @Option(name = "--eth-src", description = "source MAC (default: the sender's)")
    String ethSrc = null;

    @Option(name = "--eth-dst", description = "destination MAC (default: the peer VM or the gateway MAC)")
    String ethDst = null;

    @Option(name = "--ip-src", description = "source IP (default: the sender's first fixed IP)")
    String ipSrc = null;

    @Option(name = "--ttl", description = "IP TTL (default 64)")
    Long ttl = null;

    @Option(name = "--ip-proto", description = "IP protocol number (protocol ip)")
    Long ipProto = null;

    @Option(name = "--arp-op", description = "ARP opcode, 1 request (default) or 2 reply")
    Long arpOp = null;

    @Option(name = "--arp-sha", description = "ARP sender MAC (default: --eth-src)")
    String arpSha = null;

    @Option(name = "--arp-spa", description = "ARP sender IP (default: --ip-src)")
    String arpSpa = null;

    @Option(name = "--arp-tha", description = "ARP target MAC")
    String arpTha = null;

    @Option(name = "--icmp-type", description = "ICMP type (default 8, echo request)")
    Long icmpType = null;

    @Option(name = "--icmp-code", description = "ICMP code (default 0)")
    Long icmpCode = null;

    @Option(name = "--src-port", description = "TCP/UDP source port (default 40000)")
    Long srcPort = null;

    @Option(name = "--dst-port", description = "TCP/UDP destination port (default 80 / 53)")
    Long dstPort = null;

    @Option(name = "--tcp-flags", description = "TCP flags (default 2, SYN)")
    Long tcpFlags = null;

    @Option(name = "--tun-id", description = "tunnel id (VNI) of a packet injected at the tunnel port")
    Long tunId = null;

    /**
     * @return the POST /trace body the options stand for
     */
    ObjectNode body() {
        ObjectNode body = mapper().createObjectNode();
        if (from != null) {
            body.put("from", from);
        }
        if (device != null) {
            body.put("device_id", device);
        }
        if (inPort != null) {
            body.put("in_port", inPort);
        }
        ObjectNode p = body.putObject("packet");
        put(p, "protocol", protocol);
        put(p, "eth_src", ethSrc);
        put(p, "eth_dst", ethDst);
        put(p, "ip_src", ipSrc);
        put(p, "ip_dst", ipDst);
        put(p, "ttl", ttl);
        put(p, "ip_proto", ipProto);
        put(p, "arp_op", arpOp);
        put(p, "arp_sha", arpSha);
        put(p, "arp_spa", arpSpa);
        put(p, "arp_tha", arpTha);
        put(p, "icmp_type", icmpType);
        put(p, "icmp_code", icmpCode);
        put(p, "src_port", srcPort);
        put(p, "dst_port", dstPort);
        put(p, "tcp_flags", tcpFlags);
        put(p, "tun_id", tunId);
        return body;
    }

    private static void put(ObjectNode o, String field, Object value) {
        if (value instanceof String) {
            o.put(field, (String) value);
        } else if (value instanceof Long) {
            o.put(field, (Long) value);
        }
    }

    @Override
    protected void run() {
        DvrSnapshot s = admin().snapshot();
        TraceRequest request = TraceRequest.decode(body(), s);
        Tracer tracer = new Tracer(s, reconciler());
        WalkResult r = tracer.run(request);
        if (outputJson()) {
            printJson(tracer.encode(mapper(), request, r));
            return;
        }
        Tracer.text(request, r).forEach(l -> print("%s", l));
    }
}
