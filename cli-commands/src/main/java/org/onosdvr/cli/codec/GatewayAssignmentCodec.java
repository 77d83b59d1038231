package org.onosdvr.cli.codec;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.common.collect.ImmutableSet;
import org.onosdvr.api.GatewayAssignment;
import org.onosdvr.api.RouterId;
import org.onosproject.codec.CodecContext;
import org.onosproject.codec.JsonCodec;
import org.onosproject.net.DeviceId;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * SNAT gateway assignment of a router: {@code router_id, primary, backups [device ids in failover order]}.
 */
public final class GatewayAssignmentCodec extends JsonCodec<GatewayAssignment> {

    static final String ROUTER_ID = "router_id";
    static final String PRIMARY = "primary";
    static final String BACKUPS = "backups";
    private static final Set<String> KNOWN = ImmutableSet.of(ROUTER_ID, PRIMARY, BACKUPS);

    @Override
    public ObjectNode encode(GatewayAssignment a, CodecContext context) {
        ObjectNode node = context.mapper().createObjectNode()
                .put(ROUTER_ID, a.routerId().toString())
                .put(PRIMARY, a.primary().toString());
        ArrayNode backups = node.putArray(BACKUPS);
        a.backups().forEach(d -> backups.add(d.toString()));
        return node;
    }

    @Override
    public GatewayAssignment decode(ObjectNode json, CodecContext context) {
        FieldReader r = FieldReader.of(json, "").allowOnly(KNOWN);
        List<DeviceId> backups = new ArrayList<>();
        List<String> names = r.strings(BACKUPS);
        for (int i = 0; i < names.size(); i++) {
            try {
                backups.add(VmPortCodec.deviceId(names.get(i)));
            } catch (IllegalArgumentException e) {
                throw r.invalid(BACKUPS + "[" + i + "]", Text.quote(names.get(i)));
            }
        }
        return new GatewayAssignment(r.parse(ROUTER_ID, RouterId::of), r.parse(PRIMARY, VmPortCodec::deviceId),
                                     backups);
    }
}
