package io.laurel.identity;

import java.util.HashSet;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.UsernamePasswordAuthenticationRequest;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;

/** Basic authentication against the users collection. */
@ApplicationScoped
public class PasswordIdentityProvider implements IdentityProvider<UsernamePasswordAuthenticationRequest> {

    private final PasswordVerifier verifier;

    PasswordIdentityProvider(PasswordVerifier verifier) {
        this.verifier = verifier;
    }

    @Override
    public Class<UsernamePasswordAuthenticationRequest> getRequestType() {
        return UsernamePasswordAuthenticationRequest.class;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(UsernamePasswordAuthenticationRequest request,
            AuthenticationRequestContext context) {
        return verifier.verify(request.getUsername(), new String(request.getPassword().getPassword()))
                .onItem().ifNull().failWith(() -> new AuthenticationFailedException("Wrong username or password"))
                .map(user -> QuarkusSecurityIdentity.builder()
                        .setPrincipal(new QuarkusPrincipal(user.username))
                        .addRoles(new HashSet<>(user.roles))
                        .addAttribute(Caller.USER_ID, user.userId)
                        .addAttribute(Caller.ORG_ID, user.orgId)
                        .build());
    }
}
