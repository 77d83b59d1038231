package org.onosdvr.cli.codec;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.common.collect.ImmutableMap;
import com.google.common.collect.ImmutableSet;
import org.onosdvr.api.Network;
import org.onosdvr.api.NetworkId;
import org.onosproject.codec.CodecContext;
import org.onosproject.codec.JsonCodec;

import java.util.Map;
import java.util.Set;

import static org.onosdvr.cli.codec.Neutron.ID;
import static org.onosdvr.cli.codec.Neutron.NAME;
import static org.onosdvr.cli.codec.Neutron.PROJECT_ID;
import static org.onosdvr.cli.codec.Neutron.TENANT_ID;

/**
 * Neutron network: {@code id, tenant_id/project_id, name, provider:segmentation_id, provider:network_type
 * ("vxlan" for a tenant network, "flat" for an external one), router:external} and, when the context has a
 * snapshot, the read-only {@code subnets} (ids).
 */
public final class NetworkCodec extends JsonCodec<Network> {

    static final String SEGMENTATION_ID = "provider:segmentation_id";
    static final String NETWORK_TYPE = "provider:network_type";
    static final String EXTERNAL = "router:external";
    static final String VXLAN = "vxlan";
    static final String FLAT = "flat";
    static final String SUBNETS = "subnets";

    private static final Map<String, FieldReader.Type> IGNORED = ImmutableMap.<String, FieldReader.Type>builder()
            .put("admin_state_up", FieldReader.Type.BOOLEAN)
            .put("shared", FieldReader.Type.BOOLEAN)
            .put("mtu", FieldReader.Type.INTEGER)
            .put("provider:physical_network", FieldReader.Type.STRING)
            .put("port_security_enabled", FieldReader.Type.BOOLEAN)
            .put("availability_zone_hints", FieldReader.Type.ARRAY)
            .put("is_default", FieldReader.Type.BOOLEAN)
            .put(SUBNETS, FieldReader.Type.ARRAY)
            .build();
    private static final Set<String> KNOWN = Neutron.known(
            ImmutableSet.of(ID, TENANT_ID, PROJECT_ID, NAME, SEGMENTATION_ID, NETWORK_TYPE, EXTERNAL), IGNORED);

    @Override
    public ObjectNode encode(Network network, CodecContext context) {
        ObjectNode node = context.mapper().createObjectNode().put(ID, network.id().toString());
        Neutron.putTenant(node, network.tenantId());
        node.put(NAME, network.name())
                .put(SEGMENTATION_ID, network.segmentId())
                .put(NETWORK_TYPE, network.external() ? FLAT : VXLAN)
                .put(EXTERNAL, network.external());
        Neutron.snapshot(context).ifPresent(s -> {
            ArrayNode subnets = node.putArray(SUBNETS);
            s.subnets(network.id()).forEach(sn -> subnets.add(sn.id().toString()));
        });
        return node;
    }

    @Override
    public Network decode(ObjectNode json, CodecContext context) {
        FieldReader r = FieldReader.of(json, "").allowOnly(KNOWN).checkIgnored(IGNORED)
                .checkIgnored(Neutron.STANDARD);
        boolean external = r.bool(EXTERNAL, false);
        if (r.has(NETWORK_TYPE)) {
            String type = r.string(NETWORK_TYPE);
            String expected = external ? FLAT : VXLAN;
            if (!type.equals(expected)) {
                throw r.invalid(NETWORK_TYPE, Text.quote(type) + " (an " + (external ? "external" : "tenant")
                        + " network is \"" + expected + "\")");
            }
        }
        return Network.builder()
                .id(r.parse(ID, NetworkId::of))
                .tenantId(Neutron.tenant(r))
                .name(r.text(NAME, ""))
                .segmentId((int) r.integer(SEGMENTATION_ID, 1, Network.MAX_SEGMENT_ID))
                .external(external)
                .build();
    }
}
