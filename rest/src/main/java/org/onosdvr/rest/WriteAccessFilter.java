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
 * only read).
 */
@Provider
public class WriteAccessFilter implements ContainerRequestFilter {

    private static final Set<String> WRITES = ImmutableSet.of("POST", "PUT", "DELETE", "PATCH");

    @Override
    public void filter(ContainerRequestContext request) {
        if (!WRITES.contains(request.getMethod())) {
            return;
        }
        SecurityContext sc = request.getSecurityContext();
        if (sc == null || !(sc.isUserInRole(DvrWebResource.ADMIN_ROLE)
                || sc.isUserInRole(DvrWebResource.TENANT_ROLE))) {
            throw new ForbiddenException("changes need the admin or tenant role");
        }
    }
}
