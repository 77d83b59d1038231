package org.onosdvr.rest;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.onosdvr.api.DvrSnapshot;
import org.onosdvr.api.Subnet;
import org.onosdvr.api.SubnetId;

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
 * Neutron subnets: {@code /subnets}.
 */
@Path("subnets")
@Produces(MediaType.APPLICATION_JSON)
public class SubnetWebResource extends DvrWebResource {

    private static final String ONE = "subnet";
    private static final String MANY = "subnets";

    /**
     * Lists subnets.
     *
     * @return 200 {"subnets": [...]}
     */
    @GET
    public Response list() {
        DvrSnapshot s = service().snapshot();
        return ok(list(MANY, s.subnets(), Subnet.class, s, n -> { })).build();
    }

    /**
     * Shows a subnet.
     *
     * @param id subnet id
     * @return 200 {"subnet": {...}}, 404
     */
    @GET
    @Path("{id}")
    public Response get(@PathParam("id") String id) {
        DvrSnapshot s = service().snapshot();
        return ok(wrap(ONE, encode(found(s.subnet(SubnetId.of(id)), ONE, id), Subnet.class, s))).build();
    }

    /**
     * Creates a subnet.
     *
     * @param input {"subnet": {...}}
     * @return 201 {"subnet": {...}}; 400, 404, 409
     * @throws IOException on malformed JSON
     */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(InputStream input) throws IOException {
        ObjectNode body = JsonBodies.readWrapped(input, ONE);
        DvrSnapshot s = service().snapshot();
        Subnet stored = service().createSubnet(decode(body, Subnet.class, s));
        return created(stored.id().toString(), wrap(ONE, encode(stored, Subnet.class, service().snapshot())));
    }

    /**
     * Updates a subnet (partial).
     *
     * @param id    subnet id
     * @param input {"subnet": {...}}
     * @return 200 {"subnet": {...}}; 400, 404, 409
     * @throws IOException on malformed JSON
     */
    @PUT
    @Path("{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response update(@PathParam("id") String id, InputStream input) throws IOException {
        ObjectNode body = JsonBodies.readWrapped(input, ONE);
        checkSameId(body, id);
        DvrSnapshot s = service().snapshot();
        Subnet current = found(s.subnet(SubnetId.of(id)), ONE, id);
        Subnet stored = service().updateSubnet(decode(merge(encode(current, Subnet.class, s), body),
                                                      Subnet.class, s));
        return ok(wrap(ONE, encode(stored, Subnet.class, service().snapshot()))).build();
    }

    /**
     * Removes a subnet (nothing may use it).
     *
     * @param id subnet id
     * @return 204; 404, 409
     */
    @DELETE
    @Path("{id}")
    public Response delete(@PathParam("id") String id) {
        service().removeSubnet(SubnetId.of(id));
        return Response.noContent().build();
    }
}
