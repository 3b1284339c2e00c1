package io.laurel.console;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;

import org.jboss.resteasy.reactive.server.ServerResponseFilter;

import io.laurel.identity.LaurelAuthMechanism;

/** The console's pages are never framed, cached or given scripts from elsewhere. */
public class ConsoleHeaders {

    static final String POLICY = "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; "
            + "frame-ancestors 'none'; base-uri 'none'";

    @ServerResponseFilter
    public void secure(ContainerRequestContext request, ContainerResponseContext response) {
        String path = request.getUriInfo().getPath();
        if (path.equals(LaurelAuthMechanism.CONSOLE_PATH) || path.startsWith(LaurelAuthMechanism.CONSOLE_PATH + "/")) {
            response.getHeaders().putSingle("Content-Security-Policy", POLICY);
            response.getHeaders().putSingle("X-Frame-Options", "DENY");
            response.getHeaders().putSingle("X-Content-Type-Options", "nosniff");
            response.getHeaders().putSingle("Referrer-Policy", "same-origin");
            response.getHeaders().putSingle("Cache-Control", "no-store");
        }
    }
}
