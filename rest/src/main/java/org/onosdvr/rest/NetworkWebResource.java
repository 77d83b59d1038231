package org.onosdvr.rest;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.onosdvr.api.DvrSnapshot;
import org.onosdvr.api.Network;
import org.onosdvr.api.NetworkId;

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
 * Neutron networks: {@code /networks}.
 */
@Path("networks")
@Produces(MediaType.APPLICATION_JSON)
public class NetworkWebResource extends DvrWebResource {

    private static final String ONE = "network";
    private static final String MANY = "networks";

    /**
     * Lists networks.
     *
     * @return 200 {"networks": [...]}
     */
    @GET
    public Response list() {
        DvrSnapshot s = service().snapshot();
        return ok(list(MANY, s.networks(), Network.class, s, n -> { })).build();
    }

    /**
     * Shows a network.
     *
     * @param id network id
     * @return 200 {"network": {...}}, 404
     */
    @GET
    @Path("{id}")
    public Response get(@PathParam("id") String id) {
        DvrSnapshot s = service().snapshot();
        Network n = found(s.network(NetworkId.of(id)), ONE, id);
        return ok(wrap(ONE, encode(n, Network.class, s))).build();
    }

    /**
     * Creates a network.
     *
     * @param input {"network": {...}}
     * @return 201 {"network": {...}}; 400, 404, 409
     * @throws IOException on malformed JSON
     */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(InputStream input) throws IOException {
        ObjectNode body = JsonBodies.readWrapped(input, ONE);
        DvrSnapshot s = service().snapshot();
        Network stored = service().createNetwork(decode(body, Network.class, s));
        DvrSnapshot after = service().snapshot();
        return created(stored.id().toString(), wrap(ONE, encode(stored, Network.class, after)));
    }

    /**
     * Updates a network (partial: fields not given keep their value).
     *
     * @param id    network id
     * @param input {"network": {...}}
     * @return 200 {"network": {...}}; 400, 404, 409
     * @throws IOException on malformed JSON
     */
    @PUT
    @Path("{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response update(@PathParam("id") String id, InputStream input) throws IOException {
        ObjectNode body = JsonBodies.readWrapped(input, ONE);
        checkSameId(body, id);
        DvrSnapshot s = service().snapshot();
        Network current = found(s.network(NetworkId.of(id)), ONE, id);
        ObjectNode merged = merge(encode(current, Network.class, s), body);
        Network stored = service().updateNetwork(decode(merged, Network.class, s));
        DvrSnapshot after = service().snapshot();
        return ok(wrap(ONE, encode(stored, Network.class, after))).build();
    }

    /**
     * Removes a network (it must have no subnets and ports).
     *
     * @param id network id
     * @return 204; 404, 409
     */
    @DELETE
    @Path("{id}")
    public Response delete(@PathParam("id") String id) {
        service().removeNetwork(NetworkId.of(id));
        return Response.noContent().build();
    }
}
