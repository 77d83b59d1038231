package org.onosdvr.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import org.onlab.osgi.ServiceNotFoundException;
import org.onosdvr.api.DvrException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.ws.rs.WebApplicationException;
import javax.ws.rs.core.Response;
import javax.ws.rs.ext.ExceptionMapper;
import javax.ws.rs.ext.Provider;

/**
 * One JAX-RS exception mapper per exception type, all answering {@code {"error": {"code", "message"}}}.
 */
public final class ExceptionMappers {

    private ExceptionMappers() {
    }

    /** {@link DvrException}: BAD_REQUEST 400, NOT_FOUND 404, CONFLICT 409. */
    @Provider
    public static final class DvrExceptionMapper implements ExceptionMapper<DvrException> {
        @Override
        public Response toResponse(DvrException e) {
            int code;
            switch (e.kind()) {
                case NOT_FOUND:
                    code = 404;
                    break;
                case CONFLICT:
                    code = 409;
                    break;
                default:
                    code = 400;
            }
            return ErrorResponses.error(code, e.getMessage());
        }
    }

    /** Invalid values (codecs, model builders, snapshot validation): 400. */
    @Provider
    public static final class IllegalArgumentMapper implements ExceptionMapper<IllegalArgumentException> {
        @Override
        public Response toResponse(IllegalArgumentException e) {
            return ErrorResponses.error(400, e.getMessage());
        }
    }

    /** Malformed JSON: 400. */
    @Provider
    public static final class MalformedJsonMapper implements ExceptionMapper<JsonProcessingException> {
        @Override
        public Response toResponse(JsonProcessingException e) {
            return ErrorResponses.error(400, "malformed JSON: " + e.getOriginalMessage());
        }
    }

    /** JAX-RS errors (unknown path 404, method 405, media type 415, forbidden 403, too large 413). */
    @Provider
    public static final class WebApplicationMapper implements ExceptionMapper<WebApplicationException> {
        @Override
        public Response toResponse(WebApplicationException e) {
            return ErrorResponses.error(e.getResponse().getStatus(), e.getMessage());
        }
    }

    /** The DVR service is not running: 503. */
    @Provider
    public static final class ServiceNotFoundMapper implements ExceptionMapper<ServiceNotFoundException> {
        @Override
        public Response toResponse(ServiceNotFoundException e) {
            return ErrorResponses.error(503, "service unavailable: " + e.getMessage());
        }
    }

    /** Anything else is a bug: 500, logged. */
    @Provider
    public static final class UnexpectedMapper implements ExceptionMapper<Throwable> {
        private final Logger log = LoggerFactory.getLogger(getClass());

        @Override
        public Response toResponse(Throwable e) {
            log.warn("unexpected error in the DVR REST API", e);
            return ErrorResponses.error(500, "internal error: " + e.getClass().getSimpleName());
        }
    }
}
