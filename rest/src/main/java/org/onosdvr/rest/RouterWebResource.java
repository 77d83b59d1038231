package org.onosdvr.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.common.collect.ImmutableMap;
import com.google.common.collect.ImmutableSet;
import org.onosdvr.api.DvrSnapshot;
import org.onosdvr.api.GatewayAssignment;
import org.onosdvr.api.Router;
import org.onosdvr.api.RouterId;
import org.onosdvr.api.RouterInterface;
import org.onosdvr.api.SubnetId;
import org.onosdvr.cli.codec.FieldReader;
import org.onosdvr.cli.codec.Neutron;

import javax.ws.rs.Consumes;
import javax.ws.rs.DELETE;
import javax.ws.rs.ForbiddenException;
import javax.ws.rs.GET;
import javax.ws.rs.POST;
import javax.ws.rs.PUT;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.Objects;

import static org.onosdvr.cli.codec.RouterCodec.DISTRIBUTED;
import static org.onosdvr.cli.codec.RouterCodec.GATEWAY;
import static org.onosdvr.cli.codec.RouterCodec.GATEWAY_MAC;
import static org.onosdvr.cli.codec.RouterCodec.KEY;

/**
 * Neutron routers: {@code /routers}, router interfaces ({@code add_router_interface},
 * {@code remove_router_interface}, {@code interfaces}) and the SNAT gateway assignment ({@code gateway}).
 * <p>
 * Admin-only attributes (Neutron's policy for {@code distributed}): {@code distributed}, {@code dvr:key} and
 * {@code external_gateway_info.dvr:mac_address}. Only an admin sees them; a tenant may not set them on create
 * and may not change them on update (repeating the current value is accepted).
 */
@Path("routers")
@Produces(MediaType.APPLICATION_JSON)
public class RouterWebResource extends DvrWebResource {

    private static final String ONE = "router";
    private static final String MANY = "routers";
    private static final String SUBNET_ID = "subnet_id";
    private static final String PORT_ID = "port_id";

    private ObjectNode view(ObjectNode json) {
        if (!isAdmin()) {
            json.remove(DISTRIBUTED);
            json.remove(KEY);
            JsonNode g = json.get(GATEWAY);
            if (g != null && g.isObject()) {
                ((ObjectNode) g).remove(GATEWAY_MAC);
            }
        }
        return json;
    }

    private void checkAdminOnly(ObjectNode body, Router current) {
        if (isAdmin()) {
            return;
        }
        JsonNode d = body.get(DISTRIBUTED);
        if (d != null && (current == null || !d.isBoolean() || d.booleanValue() != current.distributed())) {
            throw new ForbiddenException("only an admin may set distributed");
        }
        if (body.has(KEY) && (current == null
                || !body.get(KEY).isIntegralNumber() || body.get(KEY).longValue() != current.key())) {
            throw new ForbiddenException("only an admin may set " + KEY);
        }
        JsonNode g = body.get(GATEWAY);
        if (g != null && g.isObject() && g.has(GATEWAY_MAC)) {
            String currentMac = current == null ? null : current.externalGateway()
                    .map(eg -> eg.mac() == null ? null : Neutron.mac(eg.mac())).orElse(null);
            JsonNode mac = g.get(GATEWAY_MAC);
            if (!mac.isTextual() || !Objects.equals(mac.textValue().toLowerCase(Locale.ROOT), currentMac)) {
                throw new ForbiddenException("only an admin may set " + GATEWAY + "." + GATEWAY_MAC);
            }
        }
    }

    /**
     * Lists routers.
     *
     * @return 200 {"routers": [...]}
     */
    @GET
    public Response list() {
        DvrSnapshot s = service().snapshot();
        return ok(list(MANY, s.routers(), Router.class, s, this::view)).build();
    }

    /**
     * Shows a router.
     *
     * @param id router id
     * @return 200 {"router": {...}}, 404
     */
    @GET
    @Path("{id}")
    public Response get(@PathParam("id") String id) {
        DvrSnapshot s = service().snapshot();
        return ok(wrap(ONE, view(encode(found(s.router(RouterId.of(id)), ONE, id), Router.class, s)))).build();
    }

    /**
     * Creates a router; without {@code distributed} it gets the service default.
     *
     * @param input {"router": {...}}
     * @return 201 {"router": {...}}; 400, 403, 404, 409
     * @throws IOException on malformed JSON
     */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(InputStream input) throws IOException {
        ObjectNode body = JsonBodies.readWrapped(input, ONE);
        checkAdminOnly(body, null);
        if (!body.hasNonNull(DISTRIBUTED)) {
            body.put(DISTRIBUTED, service().defaultDistributed());
        }
        DvrSnapshot s = service().snapshot();
        Router stored = service().createRouter(decode(body, Router.class, s));
        return created(stored.id().toString(),
                       wrap(ONE, view(encode(stored, Router.class, service().snapshot()))));
    }

    /**
     * Updates a router (partial; {@code external_gateway_info} is replaced as a whole, null removes it).
     *
     * @param id    router id
     * @param input {"router": {...}}
     * @return 200 {"router": {...}}; 400, 403, 404, 409
     * @throws IOException on malformed JSON
     */
    @PUT
    @Path("{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response update(@PathParam("id") String id, InputStream input) throws IOException {
        ObjectNode body = JsonBodies.readWrapped(input, ONE);
        checkSameId(body, id);
        DvrSnapshot s = service().snapshot();
        Router current = found(s.router(RouterId.of(id)), ONE, id);
        checkAdminOnly(body, current);
        ObjectNode merged = merge(encode(current, Router.class, s), body);
        if (!merged.hasNonNull(DISTRIBUTED)) {
            merged.put(DISTRIBUTED, current.distributed());
        }
        Router stored = service().updateRouter(decode(merged, Router.class, s));
        return ok(wrap(ONE, view(encode(stored, Router.class, service().snapshot())))).build();
    }

    /**
     * Removes a router (no interfaces, no floating IPs through it).
     *
     * @param id router id
     * @return 204; 404, 409
     */
    @DELETE
    @Path("{id}")
    public Response delete(@PathParam("id") String id) {
        service().removeRouter(RouterId.of(id));
        return Response.noContent().build();
    }

    /**
     * Attaches a subnet: body {"subnet_id": ...} (Neutron also sends id, tenant_id, port_id: accepted).
     *
     * @param id    router id
     * @param input body
     * @return 200 {"id", "tenant_id", "project_id", "subnet_id", "subnet_ids", "port_id"?}; 400, 404, 409
     * @throws IOException on malformed JSON
     */
    @PUT
    @Path("{id}/add_router_interface")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response addInterface(@PathParam("id") String id, InputStream input) throws IOException {
        ObjectNode body = JsonBodies.readObject(input);
        SubnetId subnetId = interfaceSubnet(body, id);
        RouterInterface intf = service().addRouterInterface(RouterId.of(id), subnetId);
        return ok(interfaceAnswer(intf, body)).build();
    }

    /**
     * Detaches a subnet: body {"subnet_id": ...}.
     *
     * @param id    router id
     * @param input body
     * @return 200 like add_router_interface; 400, 404, 409
     * @throws IOException on malformed JSON
     */
    @PUT
    @Path("{id}/remove_router_interface")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response removeInterface(@PathParam("id") String id, InputStream input) throws IOException {
        ObjectNode body = JsonBodies.readObject(input);
        SubnetId subnetId = interfaceSubnet(body, id);
        RouterInterface intf = service().removeRouterInterface(RouterId.of(id), subnetId);
        return ok(interfaceAnswer(intf, body)).build();
    }

    private static SubnetId interfaceSubnet(ObjectNode body, String routerId) {
        FieldReader r = FieldReader.of(body, "")
                .allowOnly(ImmutableSet.of("id", "tenant_id", "project_id", SUBNET_ID, PORT_ID))
                .checkIgnored(ImmutableMap.of("tenant_id", FieldReader.Type.STRING,
                                              "project_id", FieldReader.Type.STRING,
                                              PORT_ID, FieldReader.Type.STRING));
        checkSameId(body, routerId);
        if (!r.has(SUBNET_ID) && r.has(PORT_ID)) {
            throw r.invalid(PORT_ID, "interfaces by port are not supported; give subnet_id");
        }
        return r.parse(SUBNET_ID, SubnetId::of);
    }

    private ObjectNode interfaceAnswer(RouterInterface intf, ObjectNode request) {
        DvrSnapshot s = service().snapshot();
        ObjectNode answer = JsonBodies.mapper().createObjectNode().put("id", intf.routerId().toString());
        s.router(intf.routerId()).ifPresent(r -> answer.put("tenant_id", r.tenantId().toString())
                .put("project_id", r.tenantId().toString()));
        answer.put(SUBNET_ID, intf.subnetId().toString());
        answer.putArray("subnet_ids").add(intf.subnetId().toString());
        if (request.hasNonNull(PORT_ID)) {
            answer.set(PORT_ID, request.get(PORT_ID));
        }
        return answer;
    }

    /**
     * Lists a router's interfaces with their gateway IP and MAC.
     *
     * @param id router id
     * @return 200 {"interfaces": [{"router_id", "subnet_id", "ip_address", "mac_address"}]}; 404
     */
    @GET
    @Path("{id}/interfaces")
    public Response interfaces(@PathParam("id") String id) {
        DvrSnapshot s = service().snapshot();
        RouterId routerId = RouterId.of(id);
        found(s.router(routerId), ONE, id);
        return ok(list("interfaces", s.routerInterfaces(routerId), RouterInterface.class, s, n -> { })).build();
    }

    /**
     * Shows a router's SNAT gateway assignment.
     *
     * @param id router id
     * @return 200 {"gateway": {"router_id", "primary", "backups"}}; 404 (no router, or no assignment)
     */
    @GET
    @Path("{id}/gateway")
    public Response gateway(@PathParam("id") String id) {
        DvrSnapshot s = service().snapshot();
        RouterId routerId = RouterId.of(id);
        found(s.router(routerId), ONE, id);
        GatewayAssignment a = found(s.gatewayAssignment(routerId), "gateway assignment of router", id);
        return ok(wrap("gateway", encode(a, GatewayAssignment.class, s))).build();
    }
}
