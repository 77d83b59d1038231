package org.onosdvr.cli.codec;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.common.collect.ImmutableMap;
import com.google.common.collect.ImmutableSet;
import org.onlab.packet.IpAddress;
import org.onlab.packet.IpPrefix;
import org.onosdvr.api.NetworkId;
import org.onosdvr.api.Subnet;
import org.onosdvr.api.SubnetId;
import org.onosproject.codec.CodecContext;
import org.onosproject.codec.JsonCodec;

import java.util.Map;
import java.util.Set;

import static org.onosdvr.cli.codec.Neutron.ID;
import static org.onosdvr.cli.codec.Neutron.NAME;
import static org.onosdvr.cli.codec.Neutron.PROJECT_ID;
import static org.onosdvr.cli.codec.Neutron.TENANT_ID;

/**
 * Neutron subnet: {@code id, network_id, tenant_id/project_id, name, cidr, gateway_ip, ip_version (4)}.
 * Without {@code gateway_ip} the first host address of the cidr is the gateway (Neutron's default); a null
 * gateway is not supported.
 */
public final class SubnetCodec extends JsonCodec<Subnet> {

    static final String NETWORK_ID = "network_id";
    static final String CIDR = "cidr";
    static final String GATEWAY_IP = "gateway_ip";
    static final String IP_VERSION = "ip_version";

    private static final Map<String, FieldReader.Type> IGNORED = ImmutableMap.<String, FieldReader.Type>builder()
            .put("enable_dhcp", FieldReader.Type.BOOLEAN)
            .put("dns_nameservers", FieldReader.Type.ARRAY)
            .put("allocation_pools", FieldReader.Type.ARRAY)
            .put("host_routes", FieldReader.Type.ARRAY)
            .put("subnetpool_id", FieldReader.Type.STRING)
            .put("segment_id", FieldReader.Type.STRING)
            .put("service_types", FieldReader.Type.ARRAY)
            .build();
    private static final Set<String> KNOWN = Neutron.known(
            ImmutableSet.of(ID, NETWORK_ID, TENANT_ID, PROJECT_ID, NAME, CIDR, GATEWAY_IP, IP_VERSION), IGNORED);

    @Override
    public ObjectNode encode(Subnet subnet, CodecContext context) {
        ObjectNode node = context.mapper().createObjectNode()
                .put(ID, subnet.id().toString())
                .put(NETWORK_ID, subnet.networkId().toString());
        Neutron.putTenant(node, subnet.tenantId());
        return node.put(NAME, subnet.name())
                .put(CIDR, subnet.cidr().toString())
                .put(GATEWAY_IP, subnet.gatewayIp().toString())
                .put(IP_VERSION, 4);
    }

    @Override
    public Subnet decode(ObjectNode json, CodecContext context) {
        FieldReader r = FieldReader.of(json, "").allowOnly(KNOWN).checkIgnored(IGNORED)
                .checkIgnored(Neutron.STANDARD);
        if (r.present(IP_VERSION)) {
            r.integer(IP_VERSION, 4, 4);
        }
        IpPrefix cidr = r.cidr(CIDR);
        IpAddress gateway;
        if (r.has(GATEWAY_IP)) {
            gateway = r.ipv4(GATEWAY_IP);
        } else if (r.present(GATEWAY_IP)) {
            throw r.invalid(GATEWAY_IP, "a subnet without gateway is not supported");
        } else {
            gateway = IpAddress.valueOf(cidr.address().getIp4Address().toInt() + 1);
        }
        return Subnet.builder()
                .id(r.parse(ID, SubnetId::of))
                .networkId(r.parse(NETWORK_ID, NetworkId::of))
                .tenantId(Neutron.tenant(r))
                .name(r.text(NAME, ""))
                .cidr(cidr)
                .gatewayIp(gateway)
                .build();
    }
}
