package org.onosdvr.rest;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.onosdvr.api.DvrSnapshot;
import org.onosdvr.api.FloatingIp;
import org.onosdvr.api.FloatingIpId;

import javax.ws.rs.Consumes;
import javax.ws.rs.DELETE;
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

import static org.onosdvr.cli.codec.FloatingIpCodec.FIXED_IP;
import static org.onosdvr.cli.codec.FloatingIpCodec.PORT_ID;
import static org.onosdvr.cli.codec.FloatingIpCodec.ROUTER_ID;

/**
 * Neutron floating IPs: {@code /floatingips}. Update with {@code port_id} associates (or re-associates), with
 * {@code "port_id": null} disassociates; the fixed IP (unless given) and the router are then resolved again.
 */
@Path("floatingips")
@Produces(MediaType.APPLICATION_JSON)
public class FloatingIpWebResource extends DvrWebResource {

    private static final String ONE = "floatingip";
    private static final String MANY = "floatingips";

    /**
     * Lists floating IPs.
     *
     * @return 200 {"floatingips": [...]}
     */
    @GET
    public Response list() {
        DvrSnapshot s = service().snapshot();
        return ok(list(MANY, s.floatingIps(), FloatingIp.class, s, n -> { })).build();
    }

    /**
     * Shows a floating IP.
     *
     * @param id floating IP id
     * @return 200 {"floatingip": {...}}, 404
     */
    @GET
    @Path("{id}")
    public Response get(@PathParam("id") String id) {
        DvrSnapshot s = service().snapshot();
        return ok(wrap(ONE, encode(found(s.floatingIp(FloatingIpId.of(id)), "floating IP", id),
                                   FloatingIp.class, s))).build();
    }

    /**
     * Creates a floating IP, associated if {@code port_id} is given.
     *
     * @param input {"floatingip": {...}}
     * @return 201 {"floatingip": {...}}; 400, 404, 409
     * @throws IOException on malformed JSON
     */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(InputStream input) throws IOException {
        ObjectNode body = JsonBodies.readWrapped(input, ONE);
        DvrSnapshot s = service().snapshot();
        FloatingIp stored = service().createFloatingIp(decode(body, FloatingIp.class, s));
        return created(stored.id().toString(), wrap(ONE, encode(stored, FloatingIp.class, service().snapshot())));
    }

    /**
     * Associates or disassociates a floating IP.
     *
     * @param id    floating IP id
     * @param input {"floatingip": {"port_id": "..." | null, "fixed_ip_address"?}}
     * @return 200 {"floatingip": {...}}; 400, 404, 409
     * @throws IOException on malformed JSON
     */
    @PUT
    @Path("{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response update(@PathParam("id") String id, InputStream input) throws IOException {
        ObjectNode body = JsonBodies.readWrapped(input, ONE);
        checkSameId(body, id);
        DvrSnapshot s = service().snapshot();
        FloatingIp current = found(s.floatingIp(FloatingIpId.of(id)), "floating IP", id);
        ObjectNode merged = merge(encode(current, FloatingIp.class, s), body);
        if (body.has(PORT_ID)) {
            if (!body.has(FIXED_IP)) {
                merged.putNull(FIXED_IP);
            }
            if (!body.has(ROUTER_ID)) {
                merged.putNull(ROUTER_ID);
            }
        }
        FloatingIp stored = service().updateFloatingIp(decode(merged, FloatingIp.class, s));
        return ok(wrap(ONE, encode(stored, FloatingIp.class, service().snapshot()))).build();
    }

    /**
     * Removes a floating IP.
     *
     * @param id floating IP id
     * @return 204; 404
     */
    @DELETE
    @Path("{id}")
    public Response delete(@PathParam("id") String id) {
        service().removeFloatingIp(FloatingIpId.of(id));
        return Response.noContent().build();
    }
}
