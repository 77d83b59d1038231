package org.onosdvr.rest;

import com.google.common.collect.ImmutableSet;

import javax.ws.rs.ForbiddenException;
import javax.ws.rs.container.ContainerRequestContext;
import javax.ws.rs.container.ContainerRequestFilter;
import javax.ws.rs.core.SecurityContext;
import javax.ws.rs.ext.Provider;
import java.util.Set;

/**
 * Authorization (authentication is the container's: BASIC against the Karaf realm): reads need any
 * authenticated role of web.xml; writes need the {@code admin} or {@code tenant} role (a {@code viewer} may
 * only read). {@code POST /trace} changes nothing and is open to every role; {@code POST /sync} needs
 * {@code admin} (checked by its resource).
 */
@Provider
public class WriteAccessFilter implements ContainerRequestFilter {

    private static final Set<String> WRITES = ImmutableSet.of("POST", "PUT", "DELETE", "PATCH");
    /** POSTs that change nothing (the body is a query): open to every role. */
    private static final Set<String> READ_ONLY_POSTS = ImmutableSet.of("trace");

    private static String path(ContainerRequestContext request) {
        String p = request.getUriInfo().getPath();
        while (p.startsWith("/")) {
            p = p.substring(1);
        }
        while (p.endsWith("/")) {
            p = p.substring(0, p.length() - 1);
        }
        return p;
    }

    @Override
    public void filter(ContainerRequestContext request) {
        if (!WRITES.contains(request.getMethod()) || READ_ONLY_POSTS.contains(path(request))) {
            return;
        }
        SecurityContext sc = request.getSecurityContext();
        if (sc == null || !(sc.isUserInRole(DvrWebResource.ADMIN_ROLE)
                || sc.isUserInRole(DvrWebResource.TENANT_ROLE))) {
            throw new ForbiddenException("changes need the admin or tenant role");
        }
    }
}
