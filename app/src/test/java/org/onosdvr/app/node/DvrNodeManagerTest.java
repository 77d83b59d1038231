package org.onosdvr.app.node;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.onlab.packet.IpAddress;
import org.onosdvr.api.DvrNode;
import org.onosdvr.api.FailoverTunnel;
import org.onosdvr.api.NodeRole;
import org.onosdvr.app.config.DvrConfig;
import org.onosdvr.app.testing.DvrTestBed;
import org.onosproject.core.ApplicationId;
import org.onosproject.core.CoreServiceAdapter;
import org.onosproject.core.DefaultApplicationId;
import org.onosproject.net.AnnotationKeys;
import org.onosproject.net.DefaultAnnotations;
import org.onosproject.net.DefaultPort;
import org.onosproject.net.DeviceId;
import org.onosproject.net.Port;
import org.onosproject.net.PortNumber;
import org.onosproject.net.config.Config;
import org.onosproject.net.config.InvalidFieldException;
import org.onosproject.net.config.NetworkConfigRegistryAdapter;
import org.onosproject.net.device.DeviceServiceAdapter;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

/**
 * Tests of the dvr network config and the node manager.
 */
public class DvrNodeManagerTest {

    private static final ApplicationId APP = new DefaultApplicationId(42, DvrNodeManager.APP_NAME);
    private static final DeviceId C1 = DeviceId.deviceId("of:0000000000000001");
    private static final DeviceId G1 = DeviceId.deviceId("of:00000000000000a1");

    private final Map<DeviceId, List<Port>> ports = new HashMap<>();
    private DvrConfig config;
    private DvrTestBed bed;
    private DvrNodeManager nm;

    static DvrConfig config(String json) throws Exception {
        JsonNode node = new ObjectMapper().readTree(json.replace('\'', '"'));
        DvrConfig c = new DvrConfig();
        c.init(APP, DvrConfig.KEY, node, new ObjectMapper(), null);
        return c;
    }

    private static Port port(long number, String name) {
        return new DefaultPort(null, PortNumber.portNumber(number), true,
                               DefaultAnnotations.builder().set(AnnotationKeys.PORT_NAME, name).build());
    }

    @Before
    public void setUp() {
        bed = new DvrTestBed();
        nm = new DvrNodeManager();
        nm.coreService = new CoreServiceAdapter() {
            @Override
            public ApplicationId registerApplication(String name) {
                return APP;
            }
        };
        nm.configRegistry = new NetworkConfigRegistryAdapter() {
            @Override
            @SuppressWarnings("unchecked")
            public <S, C extends Config<S>> C getConfig(S subject, Class<C> configClass) {
                return (C) config;
            }
        };
        nm.deviceService = new DeviceServiceAdapter() {
            @Override
            public List<Port> getPorts(DeviceId deviceId) {
                return ports.getOrDefault(deviceId, new ArrayList<>());
            }
        };
        nm.adminService = bed.manager;
        nm.activate();
        // activate() queues an applyConfig on the manager's thread: let it run (without a config, a no-op) before
        // the tests call applyConfig on their own thread, or it may read the ports a test set first and write
        // them after the test's later call (seen under load: "a removed port is forgotten" failed)
        try {
            nm.flush();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    @After
    public void tearDown() {
        nm.deactivate();
        bed.stop();
    }

    @Test
    public void nodesNeedATunnelPortConfiguredOrLearned() throws Exception {
        config = config("{'routerDistributed': true, 'nodes': ["
                                + "{'deviceId': 'of:0000000000000001', 'role': 'COMPUTE', 'tunnelIp': '198.18.0.1'},"
                                + "{'deviceId': 'of:00000000000000a1', 'role': 'GATEWAY', 'tunnelIp': '198.18.0.11',"
                                + " 'tunnelPort': 100, 'externalPort': 200, 'index': 7}]}");
        assertTrue(config.isValid());
        nm.applyConfig();
        assertFalse("no tunnel port known yet", bed.manager.snapshot().node(C1).isPresent());
        DvrNode g1 = bed.manager.snapshot().node(G1).get();
        assertEquals(7, g1.index());
        assertEquals(PortNumber.portNumber(200), g1.externalPort().get());

        ports.put(C1, List.of(port(1, "tap1"), port(5, "tun-x"), port(4, "vxlan0")));
        nm.applyConfig();
        DvrNode c1 = bed.manager.snapshot().node(C1).get();
        assertEquals("vxlan0 is preferred", PortNumber.portNumber(4), c1.tunnelPort());
        assertEquals(NodeRole.COMPUTE, c1.role());
        assertEquals(1, c1.index());

        config = config("{'nodes': [{'deviceId': 'of:0000000000000001', 'role': 'COMPUTE_GATEWAY',"
                                + " 'tunnelIp': '198.18.0.1'}]}");
        nm.applyConfig();
        assertFalse("unlisted node removed", bed.manager.snapshot().node(G1).isPresent());
        assertEquals(NodeRole.COMPUTE_GATEWAY, bed.manager.snapshot().node(C1).get().role());
        assertEquals("index kept", 1, bed.manager.snapshot().node(C1).get().index());
    }

    @Test
    public void failoverPortsAreLearnedFromTheirNames() throws Exception {
        config = config("{'nodes': [{'deviceId': 'of:0000000000000001', 'role': 'COMPUTE', 'tunnelIp': '198.18.0.1'},"
                                + "{'deviceId': 'of:00000000000000a1', 'role': 'GATEWAY', 'tunnelIp': '198.18.0.11',"
                                + " 'externalPort': 200}]}");
        ports.put(C1, List.of(port(1, "tap1"), port(100, "vxlan0"),
                              port(7, FailoverTunnel.portName(IpAddress.valueOf("198.18.0.11"))),
                              port(8, FailoverTunnel.portName(IpAddress.valueOf("198.18.0.12"))),
                              port(9, "bfd-notanip"),
                              port(10, FailoverTunnel.portName(IpAddress.valueOf("198.18.0.1")))));
        ports.put(G1, List.of(port(100, "vxlan0"), port(200, "ext"),
                              port(3, FailoverTunnel.portName(IpAddress.valueOf("198.18.0.1")))));
        nm.applyConfig();
        DvrNode c1 = bed.manager.snapshot().node(C1).get();
        assertEquals(Map.of(IpAddress.valueOf("198.18.0.11"), PortNumber.portNumber(7),
                            IpAddress.valueOf("198.18.0.12"), PortNumber.portNumber(8)), c1.failoverPorts());
        assertEquals(PortNumber.portNumber(3),
                     bed.manager.snapshot().node(G1).get().failoverPort(IpAddress.valueOf("198.18.0.1")).get());

        ports.put(C1, List.of(port(1, "tap1"), port(100, "vxlan0"),
                              port(7, FailoverTunnel.portName(IpAddress.valueOf("198.18.0.11")))));
        nm.applyConfig();
        assertEquals("a removed port is forgotten", 1, bed.manager.snapshot().node(C1).get().failoverPorts().size());
    }

    private static void invalid(String json, String part) throws Exception {
        try {
            config(json).isValid();
            fail("expected an invalid config: " + json);
        } catch (InvalidFieldException e) {
            assertThat(e.getMessage(), containsString(part));
        }
    }

    @Test
    public void invalidConfigsNameTheProblem() throws Exception {
        invalid("{'nodes': [{'deviceId': 'of:1', 'role': 'COMPUTE'}]}", "tunnelIp");
        invalid("{'nodes': [{'deviceId': 'of:1', 'role': 'ROUTER', 'tunnelIp': '198.18.0.1'}]}", "role");
        invalid("{'nodes': [{'deviceId': 'of:1', 'role': 'COMPUTE', 'tunnelIp': '198.18.0.1', 'colour': 1}]}",
                "colour");
        invalid("{'dvrBaseMac': 'ff:ff:ff:ff:ff:ff'}", "dvr_base_mac");
        invalid("{'nodes': [{'deviceId': 'of:1', 'role': 'COMPUTE', 'tunnelIp': '198.18.0.1'},"
                        + "{'deviceId': 'of:2', 'role': 'COMPUTE', 'tunnelIp': '198.18.0.1'}]}", "listed twice");
        invalid("{'nodes': [{'deviceId': 'of:1', 'role': 'COMPUTE', 'tunnelIp': '198.18.0.1',"
                        + " 'externalPort': 3}]}", "only gateway");
        assertTrue(config("{'routerDistributed': false, 'dvrBaseMac': 'fa:16:3f:00:00:00', 'nodes': []}")
                           .isValid());
    }
}
