package org.onosdvr.cli.codec;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.common.collect.ImmutableMap;
import com.google.common.collect.ImmutableSet;
import org.onlab.packet.IpAddress;
import org.onosdvr.api.DvrSnapshot;
import org.onosdvr.api.ExternalGateway;
import org.onosdvr.api.NetworkId;
import org.onosdvr.api.Router;
import org.onosdvr.api.RouterId;
import org.onosdvr.api.Subnet;
import org.onosdvr.api.SubnetId;
import org.onosproject.codec.CodecContext;
import org.onosproject.codec.JsonCodec;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.onosdvr.cli.codec.Neutron.ID;
import static org.onosdvr.cli.codec.Neutron.NAME;
import static org.onosdvr.cli.codec.Neutron.PROJECT_ID;
import static org.onosdvr.cli.codec.Neutron.TENANT_ID;

/**
 * Neutron router: {@code id, tenant_id/project_id, name, admin_state_up (default true), distributed (default
 * false here; the REST layer fills in the service default), dvr:key (0: allocate), external_gateway_info
 * (null or {network_id, enable_snat (default true), external_fixed_ips [{subnet_id, ip_address}],
 * dvr:mac_address})}. Exactly one external fixed IP is supported; its subnet_id may be omitted when the
 * context has a snapshot to find it in.
 */
public final class RouterCodec extends JsonCodec<Router> {

    /** Field names. */
    public static final String ADMIN_STATE_UP = "admin_state_up";
    /** Neutron DVR flag (admin only in Neutron). */
    public static final String DISTRIBUTED = "distributed";
    /** The router's key (conntrack zone, metadata tag). */
    public static final String KEY = "dvr:key";
    /** External gateway. */
    public static final String GATEWAY = "external_gateway_info";
    /** The router's external MAC inside {@link #GATEWAY}. */
    public static final String GATEWAY_MAC = "dvr:mac_address";
    static final String NETWORK_ID = "network_id";
    static final String ENABLE_SNAT = "enable_snat";
    static final String FIXED_IPS = "external_fixed_ips";
    static final String SUBNET_ID = "subnet_id";
    static final String IP_ADDRESS = "ip_address";
    static final String ROUTES = "routes";

    private static final Map<String, FieldReader.Type> IGNORED = ImmutableMap.<String, FieldReader.Type>builder()
            .put("ha", FieldReader.Type.BOOLEAN)
            .put("availability_zone_hints", FieldReader.Type.ARRAY)
            .put("availability_zones", FieldReader.Type.ARRAY)
            .put("flavor_id", FieldReader.Type.STRING)
            .build();
    private static final Set<String> KNOWN = Neutron.known(
            ImmutableSet.of(ID, TENANT_ID, PROJECT_ID, NAME, ADMIN_STATE_UP, DISTRIBUTED, KEY, GATEWAY, ROUTES),
            IGNORED);

    @Override
    public ObjectNode encode(Router router, CodecContext context) {
        ObjectNode node = context.mapper().createObjectNode().put(ID, router.id().toString());
        Neutron.putTenant(node, router.tenantId());
        node.put(NAME, router.name())
                .put(ADMIN_STATE_UP, router.adminStateUp())
                .put(DISTRIBUTED, router.distributed())
                .put(KEY, router.key());
        Optional<ExternalGateway> gw = router.externalGateway();
        if (gw.isEmpty()) {
            node.putNull(GATEWAY);
            return node;
        }
        ObjectNode g = node.putObject(GATEWAY)
                .put(NETWORK_ID, gw.get().networkId().toString())
                .put(ENABLE_SNAT, gw.get().enableSnat());
        g.putArray(FIXED_IPS).addObject()
                .put(SUBNET_ID, gw.get().subnetId().toString())
                .put(IP_ADDRESS, gw.get().externalIp().toString());
        if (gw.get().mac() != null) {
            g.put(GATEWAY_MAC, Neutron.mac(gw.get().mac()));
        }
        return node;
    }

    @Override
    public Router decode(ObjectNode json, CodecContext context) {
        FieldReader r = FieldReader.of(json, "").allowOnly(KNOWN).checkIgnored(IGNORED)
                .checkIgnored(Neutron.STANDARD);
        if (r.has(ROUTES) && !r.node().get(ROUTES).isArray()) {
            throw r.invalid(ROUTES, "expected an array");
        } else if (r.has(ROUTES) && r.node().get(ROUTES).size() > 0) {
            throw r.invalid(ROUTES, "static routes are not supported");
        }
        return Router.builder()
                .id(r.parse(ID, RouterId::of))
                .tenantId(Neutron.tenant(r))
                .name(r.text(NAME, ""))
                .adminStateUp(r.bool(ADMIN_STATE_UP, true))
                .distributed(r.bool(DISTRIBUTED, false))
                .key(r.present(KEY) ? (int) r.integer(KEY, 0, Router.MAX_KEY) : 0)
                .externalGateway(r.has(GATEWAY) ? gateway(r.object(GATEWAY), context) : null)
                .build();
    }

    private static ExternalGateway gateway(FieldReader g, CodecContext context) {
        g.allowOnly(ImmutableSet.of(NETWORK_ID, ENABLE_SNAT, FIXED_IPS, GATEWAY_MAC));
        NetworkId networkId = g.parse(NETWORK_ID, NetworkId::of);
        List<FieldReader> ips = g.objects(FIXED_IPS);
        if (ips.size() != 1) {
            throw g.invalid(FIXED_IPS, "exactly one external fixed IP is supported, got " + ips.size());
        }
        FieldReader ip = ips.get(0).allowOnly(ImmutableSet.of(SUBNET_ID, IP_ADDRESS));
        IpAddress address = ip.ipv4(IP_ADDRESS);
        SubnetId subnetId = ip.parseOptional(SUBNET_ID, SubnetId::of);
        if (subnetId == null) {
            Optional<DvrSnapshot> snapshot = Neutron.snapshot(context);
            subnetId = snapshot.flatMap(s -> s.subnetOf(networkId, address)).map(Subnet::id)
                    .orElseThrow(() -> ip.missing(SUBNET_ID));
        }
        return new ExternalGateway(networkId, subnetId, address, g.bool(ENABLE_SNAT, true),
                                   g.optMac(GATEWAY_MAC));
    }
}
