package org.onosdvr.cli.codec;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.common.collect.ImmutableMap;
import com.google.common.collect.ImmutableSet;
import org.onosdvr.api.FloatingIp;
import org.onosdvr.api.FloatingIpId;
import org.onosdvr.api.NetworkId;
import org.onosdvr.api.PortId;
import org.onosdvr.api.RouterId;
import org.onosproject.codec.CodecContext;
import org.onosproject.codec.JsonCodec;

import java.util.Map;
import java.util.Set;

import static org.onosdvr.cli.codec.Neutron.ID;
import static org.onosdvr.cli.codec.Neutron.PROJECT_ID;
import static org.onosdvr.cli.codec.Neutron.TENANT_ID;

/**
 * Neutron floating IP: {@code id, tenant_id/project_id, floating_network_id, floating_ip_address, port_id,
 * fixed_ip_address, router_id} (the last three null when not associated).
 */
public final class FloatingIpCodec extends JsonCodec<FloatingIp> {

    /** Field names. */
    public static final String NETWORK_ID = "floating_network_id";
    /** The floating address. */
    public static final String FLOATING_IP = "floating_ip_address";
    /** Associated port, null to disassociate. */
    public static final String PORT_ID = "port_id";
    /** Fixed IP of the port. */
    public static final String FIXED_IP = "fixed_ip_address";
    /** Router doing the NAT. */
    public static final String ROUTER_ID = "router_id";

    private static final Map<String, FieldReader.Type> IGNORED = ImmutableMap.<String, FieldReader.Type>builder()
            .put("port_details", FieldReader.Type.OBJECT)
            .put("dns_name", FieldReader.Type.STRING)
            .put("dns_domain", FieldReader.Type.STRING)
            .put("subnet_id", FieldReader.Type.STRING)
            .put("qos_policy_id", FieldReader.Type.STRING)
            .build();
    private static final Set<String> KNOWN = Neutron.known(
            ImmutableSet.of(ID, TENANT_ID, PROJECT_ID, NETWORK_ID, FLOATING_IP, PORT_ID, FIXED_IP, ROUTER_ID),
            IGNORED);

    @Override
    public ObjectNode encode(FloatingIp fip, CodecContext context) {
        ObjectNode node = context.mapper().createObjectNode().put(ID, fip.id().toString());
        Neutron.putTenant(node, fip.tenantId());
        node.put(NETWORK_ID, fip.floatingNetworkId().toString())
                .put(FLOATING_IP, fip.floatingIp().toString())
                .put(PORT_ID, fip.portId().map(Object::toString).orElse(null))
                .put(FIXED_IP, fip.fixedIp().map(Object::toString).orElse(null))
                .put(ROUTER_ID, fip.routerId().map(Object::toString).orElse(null));
        return node;
    }

    @Override
    public FloatingIp decode(ObjectNode json, CodecContext context) {
        FieldReader r = FieldReader.of(json, "").allowOnly(KNOWN).checkIgnored(IGNORED)
                .checkIgnored(Neutron.STANDARD);
        return FloatingIp.builder()
                .id(r.parse(ID, FloatingIpId::of))
                .tenantId(Neutron.tenant(r))
                .floatingNetworkId(r.parse(NETWORK_ID, NetworkId::of))
                .floatingIp(r.ipv4(FLOATING_IP))
                .portId(r.parseOptional(PORT_ID, PortId::of))
                .fixedIp(r.optIpv4(FIXED_IP))
                .routerId(r.parseOptional(ROUTER_ID, RouterId::of))
                .build();
    }
}
