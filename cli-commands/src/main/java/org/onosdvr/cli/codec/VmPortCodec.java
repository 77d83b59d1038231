package org.onosdvr.cli.codec;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.common.collect.ImmutableMap;
import com.google.common.collect.ImmutableSet;
import org.onlab.packet.IpAddress;
import org.onosdvr.api.DvrSnapshot;
import org.onosdvr.api.NetworkId;
import org.onosdvr.api.PortId;
import org.onosdvr.api.Subnet;
import org.onosdvr.api.SubnetId;
import org.onosdvr.api.VmPort;
import org.onosproject.codec.CodecContext;
import org.onosproject.codec.JsonCodec;
import org.onosproject.net.ConnectPoint;
import org.onosproject.net.DeviceId;
import org.onosproject.net.PortNumber;

import java.net.URI;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.onosdvr.cli.codec.Neutron.ID;
import static org.onosdvr.cli.codec.Neutron.NAME;
import static org.onosdvr.cli.codec.Neutron.PROJECT_ID;
import static org.onosdvr.cli.codec.Neutron.TENANT_ID;

/**
 * Neutron (compute) port: {@code id, network_id, tenant_id/project_id, name, mac_address,
 * fixed_ips [{subnet_id, ip_address}], binding:host_id, binding:profile {device_id, port_number}}.
 * {@code binding:profile} is the location (switch and port); {@code binding:host_id} is informational
 * (encoded as the location's device id).
 */
public final class VmPortCodec extends JsonCodec<VmPort> {

    static final String NETWORK_ID = "network_id";
    static final String MAC = "mac_address";
    static final String FIXED_IPS = "fixed_ips";
    static final String SUBNET_ID = "subnet_id";
    static final String IP_ADDRESS = "ip_address";
    static final String HOST_ID = "binding:host_id";
    static final String PROFILE = "binding:profile";
    static final String DEVICE_ID = "device_id";
    static final String PORT_NUMBER = "port_number";

    /** Largest physical OpenFlow port number (OFPP_MAX). */
    static final long MAX_PORT = 0xffffff00L;

    private static final Map<String, FieldReader.Type> IGNORED = ImmutableMap.<String, FieldReader.Type>builder()
            .put("admin_state_up", FieldReader.Type.BOOLEAN)
            .put("device_owner", FieldReader.Type.STRING)
            .put("device_id", FieldReader.Type.STRING)
            .put("binding:vnic_type", FieldReader.Type.STRING)
            .put("binding:vif_type", FieldReader.Type.STRING)
            .put("binding:vif_details", FieldReader.Type.OBJECT)
            .put("security_groups", FieldReader.Type.ARRAY)
            .put("port_security_enabled", FieldReader.Type.BOOLEAN)
            .put("allowed_address_pairs", FieldReader.Type.ARRAY)
            .put("extra_dhcp_opts", FieldReader.Type.ARRAY)
            .put("dns_name", FieldReader.Type.STRING)
            .put(HOST_ID, FieldReader.Type.STRING)
            .build();
    private static final Set<String> KNOWN = Neutron.known(
            ImmutableSet.of(ID, NETWORK_ID, TENANT_ID, PROJECT_ID, NAME, MAC, FIXED_IPS, PROFILE), IGNORED);

    @Override
    public ObjectNode encode(VmPort port, CodecContext context) {
        ObjectNode node = context.mapper().createObjectNode()
                .put(ID, port.id().toString())
                .put(NETWORK_ID, port.networkId().toString());
        Neutron.putTenant(node, port.tenantId());
        node.put(NAME, port.name()).put(MAC, Neutron.mac(port.mac()));
        ArrayNode ips = node.putArray(FIXED_IPS);
        Optional<DvrSnapshot> snapshot = Neutron.snapshot(context);
        for (IpAddress ip : port.fixedIps()) {
            ObjectNode entry = ips.addObject();
            snapshot.flatMap(s -> s.subnetOf(port.networkId(), ip))
                    .ifPresent(s -> entry.put(SUBNET_ID, s.id().toString()));
            entry.put(IP_ADDRESS, ip.toString());
        }
        node.put(HOST_ID, port.location().map(l -> l.deviceId().toString()).orElse(""));
        ObjectNode profile = node.putObject(PROFILE);
        port.location().ifPresent(l -> profile.put(DEVICE_ID, l.deviceId().toString())
                .put(PORT_NUMBER, l.port().toLong()));
        return node;
    }

    @Override
    public VmPort decode(ObjectNode json, CodecContext context) {
        FieldReader r = FieldReader.of(json, "").allowOnly(KNOWN).checkIgnored(IGNORED)
                .checkIgnored(Neutron.STANDARD);
        NetworkId networkId = r.parse(NETWORK_ID, NetworkId::of);
        Optional<DvrSnapshot> snapshot = Neutron.snapshot(context);
        Set<IpAddress> ips = new LinkedHashSet<>();
        for (FieldReader entry : r.objects(FIXED_IPS)) {
            entry.allowOnly(ImmutableSet.of(SUBNET_ID, IP_ADDRESS));
            IpAddress ip = entry.ipv4(IP_ADDRESS);
            if (!ips.add(ip)) {
                throw entry.invalid(IP_ADDRESS, ip + " is listed twice");
            }
            SubnetId subnetId = entry.parseOptional(SUBNET_ID, SubnetId::of);
            if (subnetId != null && snapshot.isPresent()) {
                Subnet subnet = snapshot.get().subnet(subnetId).orElseThrow(
                        () -> entry.invalid(SUBNET_ID, "unknown subnet " + subnetId));
                if (!subnet.networkId().equals(networkId) || !subnet.cidr().contains(ip)) {
                    throw entry.invalid(SUBNET_ID, "subnet " + subnetId + " (" + subnet.cidr() + " on network "
                            + subnet.networkId() + ") does not hold " + ip);
                }
            }
        }
        return VmPort.builder()
                .id(r.parse(ID, PortId::of))
                .networkId(networkId)
                .tenantId(Neutron.tenant(r))
                .name(r.text(NAME, ""))
                .mac(r.mac(MAC))
                .fixedIps(ips)
                .location(location(r))
                .build();
    }

    private static ConnectPoint location(FieldReader r) {
        if (!r.has(PROFILE)) {
            return null;
        }
        FieldReader p = r.object(PROFILE).allowOnly(ImmutableSet.of(DEVICE_ID, PORT_NUMBER));
        if (!p.present(DEVICE_ID) && !p.present(PORT_NUMBER)) {
            return null;
        }
        DeviceId device = p.parse(DEVICE_ID, VmPortCodec::deviceId);
        long number = p.integer(PORT_NUMBER, 1, MAX_PORT);
        return new ConnectPoint(device, PortNumber.portNumber(number));
    }

    /**
     * Parses a device id: a URI with a scheme, like {@code of:0000000000000001}.
     *
     * @param s string
     * @return device id
     */
    static DeviceId deviceId(String s) {
        URI uri = URI.create(s);
        if (uri.getScheme() == null || uri.getSchemeSpecificPart() == null
                || uri.getSchemeSpecificPart().isEmpty() || s.length() > FieldReader.MAX_TEXT) {
            throw new IllegalArgumentException("expected a device URI such as of:0000000000000001");
        }
        return DeviceId.deviceId(uri);
    }
}
