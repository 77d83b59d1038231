package org.onosdvr.rest;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;

/**
 * The one error body shape of the API: {@code {"error": {"code": N, "message": "..."}}}.
 */
final class ErrorResponses {

    private static final int MAX_MESSAGE = 512;

    private ErrorResponses() {
    }

    /**
     * @param code    HTTP status
     * @param message human readable reason (shortened to 512 characters)
     * @return the response
     */
    static Response error(int code, String message) {
        String text = message == null ? Response.Status.fromStatusCode(code) == null ? "error"
                : Response.Status.fromStatusCode(code).getReasonPhrase() : message;
        if (text.length() > MAX_MESSAGE) {
            text = text.substring(0, MAX_MESSAGE) + "...";
        }
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.putObject("error").put("code", code).put("message", text);
        return Response.status(code).entity(body).type(MediaType.APPLICATION_JSON_TYPE).build();
    }
}
