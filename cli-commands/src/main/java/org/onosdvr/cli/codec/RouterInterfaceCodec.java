package org.onosdvr.cli.codec;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.common.collect.ImmutableSet;
import org.onosdvr.api.RouterId;
import org.onosdvr.api.RouterInterface;
import org.onosdvr.api.SubnetId;
import org.onosproject.codec.CodecContext;
import org.onosproject.codec.JsonCodec;

import java.util.Set;

/**
 * Router interface: {@code router_id, subnet_id, ip_address (the subnet's gateway, output only), mac_address}.
 */
public final class RouterInterfaceCodec extends JsonCodec<RouterInterface> {

    static final String ROUTER_ID = "router_id";
    static final String SUBNET_ID = "subnet_id";
    static final String IP_ADDRESS = "ip_address";
    static final String MAC = "mac_address";
    private static final Set<String> KNOWN = ImmutableSet.of(ROUTER_ID, SUBNET_ID, IP_ADDRESS, MAC);

    @Override
    public ObjectNode encode(RouterInterface intf, CodecContext context) {
        ObjectNode node = context.mapper().createObjectNode()
                .put(ROUTER_ID, intf.routerId().toString())
                .put(SUBNET_ID, intf.subnetId().toString());
        Neutron.snapshot(context).flatMap(s -> s.subnet(intf.subnetId()))
                .ifPresent(s -> node.put(IP_ADDRESS, s.gatewayIp().toString()));
        if (intf.mac() != null) {
            node.put(MAC, Neutron.mac(intf.mac()));
        }
        return node;
    }

    @Override
    public RouterInterface decode(ObjectNode json, CodecContext context) {
        FieldReader r = FieldReader.of(json, "").allowOnly(KNOWN);
        if (r.has(IP_ADDRESS)) {
            r.ipv4(IP_ADDRESS);
        }
        return new RouterInterface(r.parse(ROUTER_ID, RouterId::of), r.parse(SUBNET_ID, SubnetId::of),
                                   r.optMac(MAC));
    }
}
