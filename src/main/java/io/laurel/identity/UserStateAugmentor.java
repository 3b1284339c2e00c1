package io.laurel.identity;

import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.jwt.JsonWebToken;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.SecurityIdentityAugmentor;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;

/**
 * A token speaks for its user as the user is now: a deactivated user's token, or one issued before the user's password
 * changed, is refused; the roles are the user's current ones, not those the token was issued with. Basic logins read
 * the user afresh and need nothing here.
 */
@ApplicationScoped
public class UserStateAugmentor implements SecurityIdentityAugmentor {

    private final UserStates states;

    UserStateAugmentor(UserStates states) {
        this.states = states;
    }

    @Override
    public Uni<SecurityIdentity> augment(SecurityIdentity identity, AuthenticationRequestContext context) {
        if (identity.isAnonymous() || !(identity.getPrincipal() instanceof JsonWebToken token)) {
            return Uni.createFrom().item(identity);
        }
        Caller claimed = Caller.of(identity);
        UserStates.State state = states.get(claimed.userId());
        if (state == null) {
            // Not a user of this service's store (a token minted with the signing key by another tool): its claims stand.
            return Uni.createFrom().item(identity);
        }
        if (!state.active()) {
            return refused("The user is deactivated");
        }
        if (state.orgId() != claimed.orgId()) {
            return refused("The token's org is not the user's");
        }
        if (tokenVersion(token) < state.tokenVersion()) {
            return refused("The token was issued before the user's password changed or the user was deactivated");
        }
        Supplier<SecurityIdentity> current = () -> QuarkusSecurityIdentity.builder()
                .setPrincipal(identity.getPrincipal())
                .addCredentials(identity.getCredentials())
                .addAttributes(identity.getAttributes())
                .addRoles(state.roles())
                .addPermissionChecker(identity::checkPermission)
                .build();
        return Uni.createFrom().item(current);
    }

    private static int tokenVersion(JsonWebToken token) {
        Object claim = token.getClaim(TokenService.VERSION_CLAIM);
        if (claim instanceof jakarta.json.JsonNumber number) {
            return number.intValue();
        }
        return claim instanceof Number number ? number.intValue() : 0;
    }

    private static Uni<SecurityIdentity> refused(String why) {
        return Uni.createFrom().failure(new AuthenticationFailedException(why));
    }
}
