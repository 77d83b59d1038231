package org.onosdvr.rest;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.onosdvr.api.DvrSnapshot;
import org.onosdvr.api.PortId;
import org.onosdvr.api.VmPort;

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

/**
 * Neutron (compute) ports: {@code /ports}.
 */
@Path("ports")
@Produces(MediaType.APPLICATION_JSON)
public class PortWebResource extends DvrWebResource {

    private static final String ONE = "port";
    private static final String MANY = "ports";

    /**
     * Lists ports.
     *
     * @return 200 {"ports": [...]}
     */
    @GET
    public Response list() {
        DvrSnapshot s = service().snapshot();
        return ok(list(MANY, s.ports(), VmPort.class, s, n -> { })).build();
    }

    /**
     * Shows a port.
     *
     * @param id port id
     * @return 200 {"port": {...}}, 404
     */
    @GET
    @Path("{id}")
    public Response get(@PathParam("id") String id) {
        DvrSnapshot s = service().snapshot();
        return ok(wrap(ONE, encode(found(s.port(PortId.of(id)), ONE, id), VmPort.class, s))).build();
    }

    /**
     * Creates a port.
     *
     * @param input {"port": {...}}
     * @return 201 {"port": {...}}; 400, 404, 409
     * @throws IOException on malformed JSON
     */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(InputStream input) throws IOException {
        ObjectNode body = JsonBodies.readWrapped(input, ONE);
        DvrSnapshot s = service().snapshot();
        VmPort stored = service().createPort(decode(body, VmPort.class, s));
        return created(stored.id().toString(), wrap(ONE, encode(stored, VmPort.class, service().snapshot())));
    }

    /**
     * Updates a port (partial).
     *
     * @param id    port id
     * @param input {"port": {...}}
     * @return 200 {"port": {...}}; 400, 404, 409
     * @throws IOException on malformed JSON
     */
    @PUT
    @Path("{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response update(@PathParam("id") String id, InputStream input) throws IOException {
        ObjectNode body = JsonBodies.readWrapped(input, ONE);
        checkSameId(body, id);
        DvrSnapshot s = service().snapshot();
        VmPort current = found(s.port(PortId.of(id)), ONE, id);
        VmPort stored = service().updatePort(decode(merge(encode(current, VmPort.class, s), body),
                                                      VmPort.class, s));
        return ok(wrap(ONE, encode(stored, VmPort.class, service().snapshot()))).build();
    }

    /**
     * Removes a port (its floating IPs are disassociated).
     *
     * @param id port id
     * @return 204; 404, 409
     */
    @DELETE
    @Path("{id}")
    public Response delete(@PathParam("id") String id) {
        service().removePort(PortId.of(id));
        return Response.noContent().build();
    }
}
