package org.onosdvr.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.onosdvr.api.DvrNode;
import org.onosdvr.api.DvrSnapshot;
import org.onosdvr.api.ExternalGateway;
import org.onosdvr.api.FloatingIp;
import org.onosdvr.api.Network;
import org.onosdvr.api.NodeRole;
import org.onosdvr.api.Router;
import org.onosdvr.api.RouterInterface;
import org.onosdvr.api.Subnet;
import org.onosdvr.api.VmPort;
import org.onosdvr.pipeline.CompiledPipeline;
import org.onosproject.net.DeviceId;

import java.io.File;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes a {@link ScaleScenario} as what a user sends to the runtime: the network config of its nodes and the
 * Neutron-shaped REST calls ({@code /onos/dvr/v1/...}) that create its networks, subnets, routers, router
 * interfaces, ports and floating IPs, in an order the server accepts one by one. The runtime harnesses
 * ({@code mininet-topos/perf/reconcile.py}, {@code memory.py}) load it through the real admin service.
 * <p>
 * Differences from the in-memory scenario, because the northbound works that way: compute nodes get no external
 * port (the network config allows one on gateway roles only), gateway assignments and neighbours are the
 * runtime's to compute or learn, router interface MACs are allocated by the runtime. {@code --counts} compiles
 * the scenario as the runtime will hold it (compute nodes without external port, the scenario's gateway
 * assignments) and prints the rules per node.
 * <pre>
 * java -cp bench/target/benchmarks.jar org.onosdvr.bench.RestExport reference out.json
 * java -cp bench/target/benchmarks.jar org.onosdvr.bench.RestExport 1,1,10,2000,100,1,AFFINITY out.json --counts
 * </pre>
 * The scenario argument is {@code reference} or {@code computes,gateways,routers,vms,fips,seed,placement}.
 */
public final class RestExport {

    private static final String API = "/onos/dvr/v1";
    private static final String APP = "org.onosdvr.app";
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private RestExport() {
    }

    /**
     * Entry point.
     *
     * @param args scenario, output file ({@code -} for stdout), optional {@code --counts}
     * @throws IOException if the file cannot be written
     */
    public static void main(String[] args) throws IOException {
        if (args.length < 2) {
            System.err.println("usage: RestExport reference|computes,gateways,routers,vms,fips,seed,placement "
                                       + "OUT.json [--counts]");
            System.exit(2);
        }
        ScaleScenario sc = scenario(args[0]);
        ObjectNode doc = export(sc);
        if (args.length > 2 && "--counts".equals(args[2])) {
            Map<String, Integer> counts = counts(sc);
            ObjectNode c = doc.putObject("rules");
            counts.forEach(c::put);
            System.err.println("rules per node: " + counts);
        }
        if ("-".equals(args[1])) {
            System.out.println(MAPPER.writeValueAsString(doc));
        } else {
            MAPPER.writeValue(new File(args[1]), doc);
        }
        System.err.printf("%s: %d REST calls%n", sc, doc.get("calls").size());
    }

    /**
     * Parses a scenario argument.
     *
     * @param spec {@code reference} or {@code computes,gateways,routers,vms,fips,seed,placement}
     * @return the scenario
     */
    static ScaleScenario scenario(String spec) {
        if ("reference".equals(spec)) {
            return ScaleScenario.reference();
        }
        String[] f = spec.split(",");
        if (f.length != 7) {
            throw new IllegalArgumentException("expected computes,gateways,routers,vms,fips,seed,placement: " + spec);
        }
        return new ScaleScenario(Integer.parseInt(f[0]), Integer.parseInt(f[1]), Integer.parseInt(f[2]),
                                 Integer.parseInt(f[3]), Integer.parseInt(f[4]), Long.parseLong(f[5]),
                                 ScaleScenario.Placement.valueOf(f[6]));
    }

    /**
     * The scenario as network config + REST calls.
     *
     * @param sc scenario
     * @return {@code {"scenario", "netcfg", "nodes", "calls"}}
     */
    static ObjectNode export(ScaleScenario sc) {
        DvrSnapshot s = sc.snapshot();
        ObjectNode doc = MAPPER.createObjectNode();
        doc.put("scenario", sc.toString());
        ArrayNode nodes = MAPPER.createArrayNode();
        for (DvrNode n : sorted(s.nodes(), Comparator.comparing(n -> n.deviceId().toString()))) {
            ObjectNode o = nodes.addObject();
            o.put("deviceId", n.deviceId().toString());
            o.put("role", n.role().name());
            o.put("tunnelIp", n.tunnelIp().toString());
            o.put("tunnelPort", n.tunnelPort().toLong());
            if (n.role().isGateway()) {
                n.externalPort().ifPresent(p -> o.put("externalPort", p.toLong()));
            }
            o.put("index", n.index());
        }
        doc.putObject("netcfg").putObject("apps").putObject(APP).putObject("dvr").set("nodes", nodes);
        doc.set("nodes", nodes.deepCopy());
        ArrayNode calls = doc.putArray("calls");
        for (Network n : sorted(s.networks(), Comparator.comparing(n -> !n.external()))) {
            ObjectNode b = body(calls, "POST", "/networks", "network");
            b.put("id", n.id().toString());
            b.put("tenant_id", n.tenantId().toString());
            b.put("name", n.name());
            b.put("provider:segmentation_id", n.segmentId());
            b.put("router:external", n.external());
            b.put("provider:network_type", n.external() ? "flat" : "vxlan");
        }
        for (Subnet x : sorted(s.subnets(), Comparator.comparing(x -> x.id().toString()))) {
            ObjectNode b = body(calls, "POST", "/subnets", "subnet");
            b.put("id", x.id().toString());
            b.put("network_id", x.networkId().toString());
            b.put("tenant_id", x.tenantId().toString());
            b.put("name", x.name());
            b.put("cidr", x.cidr().toString());
            b.put("gateway_ip", x.gatewayIp().toString());
            b.put("ip_version", 4);
            b.put("enable_dhcp", false);
        }
        for (Router r : sorted(s.routers(), Comparator.comparing(r -> r.id().toString()))) {
            ObjectNode b = body(calls, "POST", "/routers", "router");
            b.put("id", r.id().toString());
            b.put("tenant_id", r.tenantId().toString());
            b.put("name", r.name());
            b.put("distributed", r.distributed());
            b.put("dvr:key", r.key());
            if (r.externalGateway().isPresent()) {
                ExternalGateway g = r.externalGateway().get();
                ObjectNode gw = b.putObject("external_gateway_info");
                gw.put("network_id", g.networkId().toString());
                gw.put("enable_snat", g.enableSnat());
                ObjectNode ip = gw.putArray("external_fixed_ips").addObject();
                ip.put("subnet_id", g.subnetId().toString());
                ip.put("ip_address", g.externalIp().toString());
                if (g.mac() != null) {
                    gw.put("dvr:mac_address", g.mac().toString());
                }
            }
            for (RouterInterface i : s.routerInterfaces(r.id())) {
                ObjectNode c = calls.addObject();
                c.put("method", "PUT");
                c.put("path", API + "/routers/" + r.id() + "/add_router_interface");
                c.putObject("body").put("subnet_id", i.subnetId().toString());
            }
        }
        for (VmPort p : sorted(s.ports(), Comparator.comparing(p -> p.id().toString()))) {
            ObjectNode b = body(calls, "POST", "/ports", "port");
            b.put("id", p.id().toString());
            b.put("tenant_id", p.tenantId().toString());
            b.put("name", p.name());
            b.put("network_id", p.networkId().toString());
            b.put("mac_address", p.mac().toString());
            b.put("device_owner", "compute:nova");
            ArrayNode ips = b.putArray("fixed_ips");
            p.fixedIps().forEach(ip -> ips.addObject().put("ip_address", ip.toString()));
            p.location().ifPresent(cp -> {
                ObjectNode prof = b.putObject("binding:profile");
                prof.put("device_id", cp.deviceId().toString());
                prof.put("port_number", cp.port().toLong());
            });
        }
        for (FloatingIp f : sorted(s.floatingIps(), Comparator.comparing(f -> f.id().toString()))) {
            ObjectNode b = body(calls, "POST", "/floatingips", "floatingip");
            b.put("id", f.id().toString());
            b.put("tenant_id", f.tenantId().toString());
            b.put("floating_network_id", f.floatingNetworkId().toString());
            b.put("floating_ip_address", f.floatingIp().toString());
            f.portId().ifPresent(p -> b.put("port_id", p.toString()));
        }
        return doc;
    }

    /**
     * Rules per node of the scenario as the runtime holds it: compute nodes without external port.
     *
     * @param sc scenario
     * @return device id -> compiled rules
     */
    static Map<String, Integer> counts(ScaleScenario sc) {
        DvrSnapshot.Builder b = sc.snapshot().toBuilder();
        for (DvrNode n : sc.snapshot().nodes()) {
            if (n.role() == NodeRole.COMPUTE && n.externalPort().isPresent()) {
                b.node(n.toBuilder().externalPort(null).build());
            }
        }
        CompiledPipeline p = BenchExtensions.compiler().compile(b.build());
        Map<String, Integer> out = new LinkedHashMap<>();
        for (DeviceId d : sorted(p.devices(), Comparator.comparing(DeviceId::toString))) {
            out.put(d.toString(), p.rules(d).size());
        }
        return out;
    }

    private static ObjectNode body(ArrayNode calls, String method, String path, String wrapper) {
        ObjectNode c = calls.addObject();
        c.put("method", method);
        c.put("path", API + path);
        return c.putObject("body").putObject(wrapper);
    }

    private static <T> List<T> sorted(java.util.Collection<T> items, Comparator<T> order) {
        List<T> out = new ArrayList<>(items);
        out.sort(order);
        return out;
    }
}
