package org.onosdvr.ovsdb.rpc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Objects;

/**
 * One JSON-RPC 1.0 message as OVSDB (RFC 7047 section 4) uses them: a request ({@code method}, {@code params},
 * non-null {@code id}), a notification (the same with {@code "id": null}, e.g. {@code update}) or a response
 * ({@code result}, {@code error}, {@code id}). Immutable; the JSON nodes it hands out must not be modified.
 */
public final class JsonRpcMessage {

    /** What a message is. */
    public enum Kind {
        /** A call that expects a response with the same id. */
        REQUEST,
        /** A call without a response ({@code "id": null}). */
        NOTIFICATION,
        /** The answer to a request. */
        RESPONSE
    }

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private final Kind kind;
    private final JsonNode id;
    private final String method;
    private final ArrayNode params;
    private final JsonNode result;
    private final JsonNode error;

    private JsonRpcMessage(Kind kind, JsonNode id, String method, ArrayNode params, JsonNode result,
                           JsonNode error) {
        this.kind = kind;
        this.id = id == null ? NullNode.getInstance() : id;
        this.method = method;
        this.params = params;
        this.result = result == null ? NullNode.getInstance() : result;
        this.error = error == null ? NullNode.getInstance() : error;
    }

    /**
     * A request.
     *
     * @param id     request id (not null)
     * @param method method name
     * @param params positional parameters
     * @return message
     */
    public static JsonRpcMessage request(JsonNode id, String method, ArrayNode params) {
        if (id == null || id.isNull()) {
            throw new IllegalArgumentException("a request needs an id");
        }
        return new JsonRpcMessage(Kind.REQUEST, id, Objects.requireNonNull(method), params, null, null);
    }

    /**
     * A successful response.
     *
     * @param id     id of the request answered
     * @param result result
     * @return message
     */
    public static JsonRpcMessage response(JsonNode id, JsonNode result) {
        return new JsonRpcMessage(Kind.RESPONSE, id, null, null, result, null);
    }

    /**
     * A failed response.
     *
     * @param id    id of the request answered
     * @param error error value (a string or an object)
     * @return message
     */
    public static JsonRpcMessage errorResponse(JsonNode id, JsonNode error) {
        return new JsonRpcMessage(Kind.RESPONSE, id, null, null, null, error);
    }

    /**
     * Classifies a decoded JSON object.
     *
     * @param json a JSON value received from the peer
     * @return the message
     * @throws IllegalArgumentException if it is not a JSON-RPC 1.0 request, notification or response
     */
    public static JsonRpcMessage parse(JsonNode json) {
        if (json == null || !json.isObject()) {
            throw new IllegalArgumentException("JSON-RPC message is not an object: " + json);
        }
        JsonNode id = json.path("id");
        JsonNode method = json.get("method");
        if (method != null && !method.isNull()) {
            if (!method.isTextual()) {
                throw new IllegalArgumentException("JSON-RPC method is not a string: " + method);
            }
            JsonNode params = json.get("params");
            ArrayNode args = params == null || params.isNull() ? JSON.arrayNode() : null;
            if (args == null) {
                if (!params.isArray()) {
                    throw new IllegalArgumentException("JSON-RPC params is not an array: " + params);
                }
                args = (ArrayNode) params;
            }
            Kind kind = id.isNull() || id.isMissingNode() ? Kind.NOTIFICATION : Kind.REQUEST;
            return new JsonRpcMessage(kind, id, method.asText(), args, null, null);
        }
        if (!json.has("result") && !json.has("error")) {
            throw new IllegalArgumentException("JSON-RPC message has neither method nor result/error: " + json);
        }
        if (id.isMissingNode()) {
            throw new IllegalArgumentException("JSON-RPC response without id: " + json);
        }
        return new JsonRpcMessage(Kind.RESPONSE, id, null, null, json.get("result"), json.get("error"));
    }

    /**
     * The message as JSON (every member present, as JSON-RPC 1.0 asks).
     *
     * @return a new JSON object
     */
    public ObjectNode toJson() {
        ObjectNode o = JSON.objectNode();
        if (kind == Kind.RESPONSE) {
            o.set("id", id);
            o.set("result", result);
            o.set("error", error);
        } else {
            o.put("method", method);
            o.set("params", params == null ? JSON.arrayNode() : params);
            o.set("id", kind == Kind.NOTIFICATION ? NullNode.getInstance() : id);
        }
        return o;
    }

    public Kind kind() {
        return kind;
    }

    /** @return the id ({@code null} JSON node for notifications) */
    public JsonNode id() {
        return id;
    }

    /** @return method of a request or notification; null for a response */
    public String method() {
        return method;
    }

    /** @return parameters of a request or notification; null for a response */
    public ArrayNode params() {
        return params;
    }

    /** @return result of a response (JSON null when it failed) */
    public JsonNode result() {
        return result;
    }

    /** @return error of a response (JSON null when it succeeded) */
    public JsonNode error() {
        return error;
    }

    /** @return true for a response whose error is not null */
    public boolean isError() {
        return kind == Kind.RESPONSE && !error.isNull();
    }

    @Override
    public String toString() {
        return toJson().toString();
    }
}
