package org.onosdvr.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.onosdvr.api.DvrAdminService;
import org.onosdvr.api.DvrException;
import org.onosdvr.api.DvrSnapshot;
import org.onosdvr.cli.codec.DvrCodecContext;
import org.onosdvr.cli.codec.DvrCodecs;
import org.onosproject.rest.AbstractWebResource;

import javax.ws.rs.ForbiddenException;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.SecurityContext;
import javax.ws.rs.core.UriInfo;

import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Base of the DVR resources: the admin service, codecs over one snapshot per request, the caller's role, and
 * the Neutron conventions (wrapped bodies, partial updates).
 */
public abstract class DvrWebResource extends AbstractWebResource {

    /** Role of administrators (Karaf JAAS role). */
    public static final String ADMIN_ROLE = "admin";
    /** Role of tenants: may create and change objects, not admin-only attributes. */
    public static final String TENANT_ROLE = "tenant";

    @Context
    private SecurityContext security;

    @Context
    private UriInfo uriInfo;

    /** @return true if the caller has the admin role */
    protected boolean isAdmin() {
        return security != null && security.isUserInRole(ADMIN_ROLE);
    }

    /**
     * @param what the operation, for the 403 message
     * @throws ForbiddenException unless the caller has the admin role
     */
    protected void requireAdmin(String what) {
        if (!isAdmin()) {
            throw new ForbiddenException(what + " needs the admin role");
        }
    }

    /** @return the DVR admin service */
    protected DvrAdminService service() {
        return get(DvrAdminService.class);
    }

    /**
     * @param snapshot snapshot the request works on
     * @return a codec context over it
     */
    protected static DvrCodecContext context(DvrSnapshot snapshot) {
        return new DvrCodecContext(JsonBodies.mapper(), snapshot);
    }

    /**
     * Encodes a model value.
     *
     * @param value    value
     * @param type     its class
     * @param snapshot snapshot of the request
     * @param <T>      model type
     * @return JSON
     */
    protected static <T> ObjectNode encode(T value, Class<T> type, DvrSnapshot snapshot) {
        return DvrCodecs.codec(type).encode(value, context(snapshot));
    }

    /**
     * Decodes a model value.
     *
     * @param json     JSON object
     * @param type     model class
     * @param snapshot snapshot of the request
     * @param <T>      model type
     * @return value
     */
    protected static <T> T decode(ObjectNode json, Class<T> type, DvrSnapshot snapshot) {
        return DvrCodecs.codec(type).decode(json, context(snapshot));
    }

    /**
     * @param key   wrapper key
     * @param value wrapped value
     * @return {@code {"key": value}}
     */
    protected static ObjectNode wrap(String key, JsonNode value) {
        ObjectNode node = JsonBodies.mapper().createObjectNode();
        node.set(key, value);
        return node;
    }

    /**
     * Encodes a list {@code {"key": [...]}}.
     *
     * @param key      wrapper key
     * @param values   values
     * @param type     their class
     * @param snapshot snapshot of the request
     * @param decorate called on each encoded value
     * @param <T>      model type
     * @return JSON
     */
    protected static <T> ObjectNode list(String key, Iterable<T> values, Class<T> type, DvrSnapshot snapshot,
                                         Consumer<ObjectNode> decorate) {
        ObjectNode node = JsonBodies.mapper().createObjectNode();
        ArrayNode array = node.putArray(key);
        for (T v : values) {
            ObjectNode item = encode(v, type, snapshot);
            decorate.accept(item);
            array.add(item);
        }
        return node;
    }

    /**
     * @param id   id of the new object (appended to the request path)
     * @param body response body
     * @return 201 with a Location header
     */
    protected Response created(String id, ObjectNode body) {
        return Response.created(uriInfo.getAbsolutePathBuilder().path(id).build()).entity(body).build();
    }

    /**
     * Neutron partial update: the current object's fields overlaid with the request's (top-level, nested
     * objects replaced as a whole).
     *
     * @param current current encoding
     * @param changes request body
     * @return merged object
     */
    protected static ObjectNode merge(ObjectNode current, ObjectNode changes) {
        ObjectNode merged = current.deepCopy();
        Iterator<Map.Entry<String, JsonNode>> fields = changes.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> f = fields.next();
            merged.set(f.getKey(), f.getValue());
        }
        return merged;
    }

    /**
     * An update body may repeat the id, but not change it.
     *
     * @param body   request body
     * @param pathId id in the path
     */
    protected static void checkSameId(ObjectNode body, String pathId) {
        JsonNode id = body.get("id");
        if (id != null && !(id.isTextual() && id.textValue().equals(pathId))) {
            throw new IllegalArgumentException("invalid value for id: must equal the id in the path");
        }
    }

    /**
     * @param value optional value
     * @param what  kind of object
     * @param id    its id
     * @param <T>   type
     * @return the value
     * @throws DvrException NOT_FOUND if empty
     */
    protected static <T> T found(Optional<T> value, String what, Object id) {
        return value.orElseThrow(() -> DvrException.notFound("%s %s not found", what, id));
    }
}
