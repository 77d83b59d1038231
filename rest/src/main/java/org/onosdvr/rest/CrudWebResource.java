package org.onosdvr.rest;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.onosdvr.api.DvrSnapshot;

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
import java.util.Collection;
import java.util.Optional;

/**
 * The Neutron collection shape shared by networks, subnets, ports and floating IPs: list, show, create,
 * partial update (the stored object encoded, the body merged over it, decoded again) and delete. A subclass
 * names the collection and binds it to the admin service.
 *
 * @param <T> model type
 */
@Produces(MediaType.APPLICATION_JSON)
public abstract class CrudWebResource<T> extends DvrWebResource {

    private final String one;
    private final String many;
    private final String what;
    private final Class<T> type;

    /**
     * Binds the collection.
     *
     * @param one  JSON key of one object ("subnet")
     * @param many JSON key of the list ("subnets")
     * @param what name used in "not found" messages
     * @param type model class (its codec is used)
     */
    protected CrudWebResource(String one, String many, String what, Class<T> type) {
        this.one = one;
        this.many = many;
        this.what = what;
        this.type = type;
    }

    /**
     * @param s snapshot
     * @return every object of the collection
     */
    protected abstract Collection<T> all(DvrSnapshot s);

    /**
     * @param s  snapshot
     * @param id path id
     * @return the object, if any
     */
    protected abstract Optional<T> find(DvrSnapshot s, String id);

    /**
     * @param value decoded object
     * @return the stored object
     */
    protected abstract T create(T value);

    /**
     * @param value decoded object
     * @return the stored object
     */
    protected abstract T update(T value);

    /**
     * @param id path id
     */
    protected abstract void remove(String id);

    /**
     * @param value object
     * @return its id, for the Location header
     */
    protected abstract String idOf(T value);

    /**
     * Adjusts the merged update document before it is decoded (default: as merged).
     *
     * @param merged stored object with the body merged over it
     * @param body   the request body
     * @return the document to decode
     */
    protected ObjectNode beforeUpdate(ObjectNode merged, ObjectNode body) {
        return merged;
    }

    /**
     * Lists the collection.
     *
     * @return 200 {"&lt;many&gt;": [...]}
     */
    @GET
    public Response list() {
        DvrSnapshot s = service().snapshot();
        return ok(list(many, all(s), type, s, n -> { })).build();
    }

    /**
     * Shows one object.
     *
     * @param id object id
     * @return 200 {"&lt;one&gt;": {...}}, 404
     */
    @GET
    @Path("{id}")
    public Response get(@PathParam("id") String id) {
        DvrSnapshot s = service().snapshot();
        return ok(wrap(one, encode(found(find(s, id), what, id), type, s))).build();
    }

    /**
     * Creates an object.
     *
     * @param input {"&lt;one&gt;": {...}}
     * @return 201 {"&lt;one&gt;": {...}}; 400, 404, 409
     * @throws IOException on malformed JSON
     */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(InputStream input) throws IOException {
        ObjectNode body = JsonBodies.readWrapped(input, one);
        T stored = create(decode(body, type, service().snapshot()));
        return created(idOf(stored), wrap(one, encode(stored, type, service().snapshot())));
    }

    /**
     * Updates an object (partial: fields not given keep their value).
     *
     * @param id    object id
     * @param input {"&lt;one&gt;": {...}}
     * @return 200 {"&lt;one&gt;": {...}}; 400, 404, 409
     * @throws IOException on malformed JSON
     */
    @PUT
    @Path("{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response update(@PathParam("id") String id, InputStream input) throws IOException {
        ObjectNode body = JsonBodies.readWrapped(input, one);
        checkSameId(body, id);
        DvrSnapshot s = service().snapshot();
        T current = found(find(s, id), what, id);
        ObjectNode merged = beforeUpdate(merge(encode(current, type, s), body), body);
        T stored = update(decode(merged, type, s));
        return ok(wrap(one, encode(stored, type, service().snapshot()))).build();
    }

    /**
     * Removes an object.
     *
     * @param id object id
     * @return 204; 404, 409
     */
    @DELETE
    @Path("{id}")
    public Response delete(@PathParam("id") String id) {
        remove(id);
        return Response.noContent().build();
    }
}
