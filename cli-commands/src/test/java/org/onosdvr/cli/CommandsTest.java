package org.onosdvr.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.Before;
import org.junit.Test;
import org.onlab.junit.TestUtils;
import org.onlab.osgi.ServiceDirectory;
import org.onlab.osgi.ServiceNotFoundException;
import org.onlab.packet.IpAddress;
import org.onosdvr.api.DvrAdminService;
import org.onosdvr.api.DvrNode;
import org.onosdvr.api.DvrSnapshot;
import org.onosdvr.api.FloatingIpId;
import org.onosdvr.api.NodeRole;
import org.onosdvr.api.RouterId;
import org.onosdvr.cli.codec.DvrCodecContext;
import org.onosdvr.cli.codec.DvrCodecs;
import org.onosdvr.api.Network;
import org.onosdvr.cli.testing.InMemoryDvrAdminService;
import org.onosdvr.openflow.net.RuntimeStatsService;
import org.onosproject.net.DeviceId;
import org.onosproject.net.PortNumber;
import org.onosproject.net.device.DeviceService;
import org.onosproject.net.device.DeviceServiceAdapter;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;
import static org.junit.Assert.assertEquals;

/**
 * The commands with an in-memory admin service: their output (tables, JSON identical to the codecs) and their
 * effect.
 */
public class CommandsTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private final Map<Class<?>, Object> services = new HashMap<>();
    private InMemoryDvrAdminService service;
    private String err;

    private final ServiceDirectory directory = new ServiceDirectory() {
        @Override
        public <T> T get(Class<T> type) {
            Object s = services.get(type);
            if (s == null) {
                throw new ServiceNotFoundException(type.getName());
            }
            return type.cast(s);
        }
    };

    @Before
    public void setUp() {
        service = new InMemoryDvrAdminService();
        services.put(DvrAdminService.class, service);
    }

    private String run(DvrCommand command) {
        PrintStream out = System.out;
        PrintStream errStream = System.err;
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        System.setOut(new PrintStream(o, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(e, true, StandardCharsets.UTF_8));
        try {
            command.withServices(directory);
            command.doExecute();
        } finally {
            System.setOut(out);
            System.setErr(errStream);
        }
        err = e.toString(StandardCharsets.UTF_8);
        return o.toString(StandardCharsets.UTF_8);
    }

    private String json(DvrCommand command) {
        TestUtils.setField(command, "json", true);
        return run(command);
    }

    private void scenario() {
        for (int i = 1; i <= 3; i++) {
            service.updateNode(DvrNode.builder().deviceId(DeviceId.deviceId("of:000000000000000" + i))
                    .role(i == 3 ? NodeRole.GATEWAY : NodeRole.COMPUTE).tunnelIp(IpAddress.valueOf("198.18.0." + i))
                    .tunnelPort(PortNumber.portNumber(100)).externalPort(i == 3 ? PortNumber.portNumber(200) : null)
                    .index(i).build());
        }
        DvrNetworkAddCommand ext = new DvrNetworkAddCommand();
        ext.id = "ext";
        ext.tenant = "admin";
        ext.segmentId = 1;
        ext.external = true;
        ext.name = "public";
        assertThat(run(ext), is("network ext created (segment 1, external)\n"));
        DvrSubnetAddCommand extSub = new DvrSubnetAddCommand();
        extSub.id = "ext-sub";
        extSub.network = "ext";
        extSub.tenant = "admin";
        extSub.cidr = "203.0.113.0/24";
        assertThat(run(extSub), is("subnet ext-sub created (203.0.113.0/24, gateway 203.0.113.1)\n"));
        DvrNetworkAddCommand net = new DvrNetworkAddCommand();
        net.id = "net1";
        net.tenant = "t1";
        net.segmentId = 101;
        net.name = "blue";
        run(net);
        DvrSubnetAddCommand sub = new DvrSubnetAddCommand();
        sub.id = "sub1";
        sub.network = "net1";
        sub.tenant = "t1";
        sub.cidr = "10.0.1.0/24";
        sub.gateway = "10.0.1.254";
        run(sub);
        DvrPortAddCommand port = new DvrPortAddCommand();
        port.id = "p1";
        port.network = "net1";
        port.tenant = "t1";
        port.mac = "fa:16:3e:00:00:11";
        port.ips = List.of("10.0.1.11");
        port.device = "of:0000000000000001";
        port.port = 3;
        assertThat(run(port), is("port p1 created ([10.0.1.11], of:0000000000000001/3)\n"));
        DvrRouterAddCommand router = new DvrRouterAddCommand();
        router.id = "r1";
        router.tenant = "t1";
        router.name = "router1";
        router.gatewayNetwork = "ext";
        router.gatewayIp = "203.0.113.10";
        assertThat(run(router), is("router r1 created (key 1, distributed, gateway 203.0.113.10)\n"));
        DvrRouterInterfaceAddCommand intf = new DvrRouterInterfaceAddCommand();
        intf.router = "r1";
        intf.subnet = "sub1";
        assertThat(run(intf).startsWith("subnet sub1 attached to router r1 (mac fa:16:3e:"), is(true));
        DvrFipAddCommand fip = new DvrFipAddCommand();
        fip.id = "f1";
        fip.tenant = "t1";
        fip.network = "ext";
        fip.ip = "203.0.113.20";
        fip.port = "p1";
        assertThat(run(fip), is("floating IP f1 created (203.0.113.20 -> 10.0.1.11 of port p1 via router r1)\n"));
    }

    @Test
    public void listTables() {
        scenario();
        assertThat(run(new DvrNetworksCommand()),
                   is("id    tenant  name    segment  external  subnets\n"
                              + "ext   admin   public  1        true      ext-sub\n"
                              + "net1  t1      blue    101      false     sub1\n"));
        assertThat(run(new DvrSubnetsCommand()),
                   is("id       network  tenant  cidr            gateway      router\n"
                              + "ext-sub  ext      admin   203.0.113.0/24  203.0.113.1  -\n"
                              + "sub1     net1     t1      10.0.1.0/24     10.0.1.254   r1\n"));
        assertThat(run(new DvrPortsCommand()),
                   is("id  network  tenant  mac                fixed_ips  location\n"
                              + "p1  net1     t1      fa:16:3e:00:00:11  10.0.1.11  of:0000000000000001/3\n"));
        assertThat(run(new DvrRoutersCommand()),
                   is("id  tenant  name     up    distributed  key  gateway           snat  subnets\n"
                              + "r1  t1      router1  true  true         1    203.0.113.10@ext  true  sub1\n"));
        assertThat(run(new DvrFloatingIpsCommand()),
                   is("id  tenant  network  floating_ip   port  fixed_ip   router\n"
                              + "f1  t1      ext      203.0.113.20  p1    10.0.1.11  r1\n"));
        assertThat(run(new DvrGatewaysCommand()),
                   is("router  primary              backups\n"
                              + "r1      of:0000000000000003\n"));
        String nodes = run(new DvrNodesCommand());
        assertThat(nodes.split("\n")[0],
                   is("device               role     tunnel_ip   tunnel_port  external_port  index  dvr_mac"
                              + "            connected"));
        assertThat(nodes.split("\n")[3],
                   is("of:0000000000000003  GATEWAY  198.18.0.3  100          200            3      "
                              + "fa:16:3f:00:00:03  -"));
        services.put(DeviceService.class, new DeviceServiceAdapter() {
            @Override
            public boolean isAvailable(DeviceId deviceId) {
                return deviceId.toString().endsWith("1");
            }
        });
        assertThat(run(new DvrNodesCommand()).split("\n")[1].endsWith("fa:16:3f:00:00:01  true"), is(true));
    }

    @Test
    public void emptyTablesHaveOnlyHeaders() {
        assertThat(run(new DvrRoutersCommand()),
                   is("id  tenant  name  up  distributed  key  gateway  snat  subnets\n"));
    }

    @Test
    public void jsonIsTheCodecOutput() throws IOException {
        scenario();
        DvrSnapshot s = service.snapshot();
        JsonNode networks = MAPPER.readTree(json(new DvrNetworksCommand()));
        assertThat(networks.get("networks").size(), is(2));
        assertEquals(MAPPER.readTree(DvrCodecs.codec(Network.class)
                                             .encode(s.network(org.onosdvr.api.NetworkId.of("net1")).get(),
                                                     DvrCodecContext.of(s)).toString()),
                     networks.get("networks").get(1));
        assertThat(networks.at("/networks/1/subnets/0").asText(), is("sub1"));
        assertThat(MAPPER.readTree(json(new DvrPortsCommand())).at("/ports/0/fixed_ips/0/subnet_id").asText(),
                   is("sub1"));
        assertThat(MAPPER.readTree(json(new DvrRoutersCommand())).at("/routers/0/distributed").asBoolean(),
                   is(true));
        assertThat(MAPPER.readTree(json(new DvrFloatingIpsCommand())).at("/floatingips/0/router_id").asText(),
                   is("r1"));
        assertThat(MAPPER.readTree(json(new DvrNodesCommand())).at("/nodes/2/role").asText(), is("GATEWAY"));
        assertThat(MAPPER.readTree(json(new DvrGatewaysCommand())).at("/gateways/0/primary").asText(),
                   is("of:0000000000000003"));
        assertThat(MAPPER.readTree(json(new DvrSubnetsCommand())).at("/subnets/1/gateway_ip").asText(),
                   is("10.0.1.254"));
    }

    @Test
    public void updatesAndRemovals() {
        scenario();
        DvrRouterUpdateCommand update = new DvrRouterUpdateCommand();
        update.id = "r1";
        update.distributed = "false";
        update.adminState = "down";
        update.name = "renamed";
        assertThat(run(update), is("router r1 updated (down, centralized, gateway 203.0.113.10)\n"));
        assertThat(service.snapshot().router(RouterId.of("r1")).get().name(), is("renamed"));

        DvrFipDisassociateCommand dis = new DvrFipDisassociateCommand();
        dis.id = "f1";
        assertThat(run(dis), is("floating IP f1 disassociated (203.0.113.20)\n"));
        assertThat(service.snapshot().floatingIp(FloatingIpId.of("f1")).get().associated(), is(false));
        DvrFipAssociateCommand assoc = new DvrFipAssociateCommand();
        assoc.id = "f1";
        assoc.port = "p1";
        assertThat(run(assoc),
                   is("floating IP f1 associated (203.0.113.20 -> 10.0.1.11 of port p1 via router r1)\n"));

        DvrRouterRemoveCommand removeRouter = new DvrRouterRemoveCommand();
        removeRouter.id = "r1";
        DvrSnapshot before = service.snapshot();
        assertThat(run(removeRouter), is(""));
        assertThat(err, is("router r1 still has 1 interfaces\n"));
        assertThat(service.snapshot(), is(before));

        DvrFipRemoveCommand removeFip = new DvrFipRemoveCommand();
        removeFip.id = "f1";
        assertThat(run(removeFip), is("floating IP f1 removed\n"));
        DvrRouterInterfaceRemoveCommand detach = new DvrRouterInterfaceRemoveCommand();
        detach.router = "r1";
        detach.subnet = "sub1";
        assertThat(run(detach), is("subnet sub1 detached from router r1\n"));
        assertThat(run(removeRouter), is("router r1 removed\n"));
        DvrPortRemoveCommand removePort = new DvrPortRemoveCommand();
        removePort.id = "p1";
        assertThat(run(removePort), is("port p1 removed\n"));
        DvrSubnetRemoveCommand removeSubnet = new DvrSubnetRemoveCommand();
        removeSubnet.id = "sub1";
        assertThat(run(removeSubnet), is("subnet sub1 removed\n"));
        DvrNetworkRemoveCommand removeNet = new DvrNetworkRemoveCommand();
        removeNet.id = "net1";
        assertThat(run(removeNet), is("network net1 removed\n"));
        assertThat(service.snapshot().networks().size(), is(1));
    }

    @Test
    public void badArgumentsPrintOneErrorAndChangeNothing() {
        scenario();
        DvrSnapshot before = service.snapshot();
        DvrSubnetAddCommand sub = new DvrSubnetAddCommand();
        sub.id = "s9";
        sub.network = "net1";
        sub.tenant = "t1";
        sub.cidr = "10.0.300.0/24";
        assertThat(run(sub), is(""));
        assertThat(err.startsWith("Invalid IP address string") || err.contains("10.0.300.0"), is(true));
        DvrRouterUpdateCommand update = new DvrRouterUpdateCommand();
        update.id = "r1";
        update.distributed = "maybe";
        run(update);
        assertThat(err, is("invalid value for --distributed: maybe (expected true or false)\n"));
        update.id = "nope";
        update.distributed = null;
        run(update);
        assertThat(err, is("router nope not found\n"));
        DvrPortAddCommand port = new DvrPortAddCommand();
        port.id = "p9";
        port.network = "net1";
        port.tenant = "t1";
        port.mac = "fa:16:3e:00:00:99";
        port.ips = List.of("10.0.1.11");
        run(port);
        assertThat(err.contains("10.0.1.11"), is(true));
        assertThat(service.snapshot(), is(before));
    }

    @Test
    public void completersListIds() {
        scenario();
        DvrSnapshot s = service.snapshot();
        assertThat(new NetworkIdCompleter().choices(s), is(List.of("ext", "net1")));
        assertThat(new SubnetIdCompleter().choices(s), is(List.of("ext-sub", "sub1")));
        assertThat(new PortIdCompleter().choices(s), is(List.of("p1")));
        assertThat(new RouterIdCompleter().choices(s), is(List.of("r1")));
        assertThat(new FloatingIpIdCompleter().choices(s), is(List.of("f1")));
        assertThat(new NodeIdCompleter().choices(s).get(2), is("of:0000000000000003"));
    }

    @Test
    public void tableAlignment() {
        Table t = new Table("a", "long header", "c").row("value", null, "x").row("v", "w", "");
        assertThat(t.lines(), is(List.of("a      long header  c", "value  -            x", "v      w")));
    }

    @Test
    public void packetStatsPrintTheRuntimeCounters() throws IOException {
        services.put(RuntimeStatsService.class, new RuntimeStatsService() {
            @Override
            public long packetInCount(DeviceId deviceId) {
                return packetInCounts().getOrDefault(deviceId, 0L);
            }

            @Override
            public Map<DeviceId, Long> packetInCounts() {
                return Map.of(DeviceId.deviceId("of:0000000000000002"), 5L,
                              DeviceId.deviceId("of:0000000000000001"), 0L);
            }

            @Override
            public long packetOutCount(DeviceId deviceId) {
                return deviceId.toString().endsWith("2") ? 7 : 0;
            }
        });
        JsonNode doc = MAPPER.readTree(json(new DvrPacketStatsCommand()));
        assertEquals("of:0000000000000001", doc.get("devices").get(0).get("device_id").asText());
        assertEquals(0, doc.get("devices").get(0).get("packet_in").asLong());
        assertEquals(5, doc.get("devices").get(1).get("packet_in").asLong());
        assertEquals(7, doc.get("devices").get(1).get("packet_out").asLong());
        String table = run(new DvrPacketStatsCommand());
        assertThat(table.contains("of:0000000000000002  5          7"), is(true));
    }

    @Test
    public void packetStatsWithoutTheRuntimeIsAnError() {
        assertEquals("", run(new DvrPacketStatsCommand()));
        assertThat(err.contains("only available in the embedded runtime"), is(true));
    }
}
