package org.onosdvr.app.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.onlab.packet.IpAddress;
import org.onlab.packet.MacAddress;
import org.onosdvr.api.DvrMacs;
import org.onosdvr.api.NodeRole;
import org.onosproject.core.ApplicationId;
import org.onosproject.net.DeviceId;
import org.onosproject.net.PortNumber;
import org.onosproject.net.config.Config;
import org.onosproject.net.config.InvalidFieldException;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Network configuration of the DVR, under {@code apps/org.onosdvr.app/dvr} (see docs/netcfg.md): global
 * settings that override the component properties, and the DVR nodes. {@link #isValid()} throws an
 * {@link InvalidFieldException} naming the offending field (ONOS returns its message to the REST client).
 */
public class DvrConfig extends Config<ApplicationId> {

    /** Config key under the application. */
    public static final String KEY = "dvr";

    static final String ROUTER_DISTRIBUTED = "routerDistributed";
    static final String DVR_BASE_MAC = "dvrBaseMac";
    static final String NODES = "nodes";
    static final String DEVICE_ID = "deviceId";
    static final String ROLE = "role";
    static final String TUNNEL_IP = "tunnelIp";
    static final String TUNNEL_PORT = "tunnelPort";
    static final String EXTERNAL_PORT = "externalPort";
    static final String INDEX = "index";

    private static final long MAX_PORT = 0xffffff00L;

    @Override
    public boolean isValid() {
        if (!hasOnlyFields(ROUTER_DISTRIBUTED, DVR_BASE_MAC, NODES)) {
            throw new InvalidFieldException(KEY, "unknown field; allowed: routerDistributed, dvrBaseMac, nodes");
        }
        isBoolean(ROUTER_DISTRIBUTED, FieldPresence.OPTIONAL);
        if (isMacAddress(DVR_BASE_MAC, FieldPresence.OPTIONAL) && hasField(DVR_BASE_MAC)) {
            try {
                DvrMacs.checkBase(MacAddress.valueOf(object.get(DVR_BASE_MAC).asText()));
            } catch (IllegalArgumentException e) {
                throw new InvalidFieldException(DVR_BASE_MAC, e.getMessage());
            }
        }
        JsonNode nodes = object.path(NODES);
        if (!nodes.isMissingNode() && !nodes.isArray()) {
            throw new InvalidFieldException(NODES, "must be a list");
        }
        Set<DeviceId> devices = new HashSet<>();
        Set<IpAddress> tunnelIps = new HashSet<>();
        Set<Integer> indexes = new HashSet<>();
        for (int i = 0; i < nodes.size(); i++) {
            NodeConfig n = validNode(nodes.get(i), NODES + "[" + i + "]");
            if (!devices.add(n.deviceId())) {
                throw new InvalidFieldException(NODES, "device " + n.deviceId() + " is listed twice");
            }
            if (!tunnelIps.add(n.tunnelIp())) {
                throw new InvalidFieldException(NODES, "tunnel IP " + n.tunnelIp() + " is listed twice");
            }
            if (n.index() != 0 && !indexes.add(n.index())) {
                throw new InvalidFieldException(NODES, "index " + n.index() + " is listed twice");
            }
        }
        return true;
    }

    private NodeConfig validNode(JsonNode json, String where) {
        if (!json.isObject()) {
            throw new InvalidFieldException(where, "must be an object");
        }
        ObjectNode node = (ObjectNode) json;
        if (!hasOnlyFields(node, DEVICE_ID, ROLE, TUNNEL_IP, TUNNEL_PORT, EXTERNAL_PORT, INDEX)) {
            throw new InvalidFieldException(where, "unknown field; allowed: deviceId, role, tunnelIp, tunnelPort, "
                    + "externalPort, index");
        }
        for (String field : new String[]{DEVICE_ID, ROLE, TUNNEL_IP}) {
            if (!hasField(node, field)) {
                throw new InvalidFieldException(where + "." + field, "missing field " + field);
            }
        }
        isString(node, ROLE, FieldPresence.MANDATORY);
        try {
            NodeRole.valueOf(node.get(ROLE).asText());
        } catch (IllegalArgumentException e) {
            throw new InvalidFieldException(where + "." + ROLE, "must be COMPUTE, GATEWAY or COMPUTE_GATEWAY");
        }
        isIpAddress(node, TUNNEL_IP, FieldPresence.MANDATORY);
        if (!IpAddress.valueOf(node.get(TUNNEL_IP).asText()).isIp4()) {
            throw new InvalidFieldException(where + "." + TUNNEL_IP, "must be an IPv4 address");
        }
        isIntegralNumber(node, TUNNEL_PORT, FieldPresence.OPTIONAL, 1, MAX_PORT);
        isIntegralNumber(node, EXTERNAL_PORT, FieldPresence.OPTIONAL, 1, MAX_PORT);
        isIntegralNumber(node, INDEX, FieldPresence.OPTIONAL, 1, DvrMacs.MAX_INDEX);
        NodeConfig n;
        try {
            n = node(node);
        } catch (IllegalArgumentException e) {
            throw new InvalidFieldException(where, e.getMessage());
        }
        if (n.tunnelPort().isPresent() && n.tunnelPort().equals(n.externalPort())) {
            throw new InvalidFieldException(where, "tunnelPort and externalPort must differ");
        }
        if (n.externalPort().isPresent() && !n.role().isGateway()) {
            throw new InvalidFieldException(where + "." + EXTERNAL_PORT, "only gateway nodes have an external port");
        }
        return n;
    }

    private static NodeConfig node(JsonNode n) {
        String device = n.get(DEVICE_ID).asText();
        if (!device.contains(":")) {
            throw new IllegalArgumentException("deviceId must be a device URI such as of:0000000000000001");
        }
        return new NodeConfig(DeviceId.deviceId(device), NodeRole.valueOf(n.get(ROLE).asText()),
                              IpAddress.valueOf(n.get(TUNNEL_IP).asText()),
                              n.hasNonNull(TUNNEL_PORT) ? PortNumber.portNumber(n.get(TUNNEL_PORT).asLong()) : null,
                              n.hasNonNull(EXTERNAL_PORT) ? PortNumber.portNumber(n.get(EXTERNAL_PORT).asLong())
                                      : null,
                              n.path(INDEX).asInt(0));
    }

    /** @return configured default for new routers' distributed flag, if set */
    public Optional<Boolean> routerDistributed() {
        return object.hasNonNull(ROUTER_DISTRIBUTED) ? Optional.of(object.get(ROUTER_DISTRIBUTED).asBoolean())
                : Optional.empty();
    }

    /** @return configured DVR base MAC, if set */
    public Optional<MacAddress> dvrBaseMac() {
        return object.hasNonNull(DVR_BASE_MAC) ? Optional.of(MacAddress.valueOf(object.get(DVR_BASE_MAC).asText()))
                : Optional.empty();
    }

    /** @return configured nodes, in the order given */
    public List<NodeConfig> nodes() {
        List<NodeConfig> list = new ArrayList<>();
        object.path(NODES).forEach(n -> list.add(node(n)));
        return list;
    }
}
