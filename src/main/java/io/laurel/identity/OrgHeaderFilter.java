package io.laurel.identity;

import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import io.laurel.common.ErrorCode;
import io.quarkus.security.identity.CurrentIdentityAssociation;
import io.smallrye.mutiny.Uni;

/** A request that names an org in {@code X-CAP-API-AUTH-ORG-ID} must name the org of its credentials. */
public class OrgHeaderFilter {

    public static final String ORG_HEADER = "X-CAP-API-AUTH-ORG-ID";

    @Inject
    CurrentIdentityAssociation identities;

    @ServerRequestFilter
    public Uni<Void> checkOrg(ContainerRequestContext request) {
        String header = request.getHeaderString(ORG_HEADER);
        if (header == null) {
            return Uni.createFrom().voidItem();
        }
        return identities.getDeferredIdentity().invoke(identity -> {
            if (!identity.isAnonymous()
                    && !header.trim().equals(Long.toString(Caller.of(identity).orgId()))) {
                throw ErrorCode.FORBIDDEN.exception(ORG_HEADER + " does not match the org of the credentials",
                        ORG_HEADER);
            }
        }).replaceWithVoid();
    }
}
