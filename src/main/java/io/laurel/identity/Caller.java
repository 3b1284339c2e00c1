package io.laurel.identity;

import java.util.Set;

import jakarta.json.JsonNumber;
import jakarta.json.JsonString;

import org.eclipse.microprofile.jwt.JsonWebToken;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.SecurityIdentity;

/** Who is calling, in which org, with which roles; the same for Basic and token callers. */
public record Caller(long userId, String username, long orgId, Set<String> roles) {

    static final String USER_ID = "laurel.userId";
    static final String ORG_ID = "laurel.orgId";

    public static Caller of(SecurityIdentity identity) {
        if (identity.isAnonymous()) {
            throw new AuthenticationFailedException("No credentials");
        }
        if (identity.getPrincipal() instanceof JsonWebToken jwt) {
            return new Caller(asLong(jwt.getSubject()), jwt.getName(), asLong(jwt.getClaim("orgId")),
                    identity.getRoles());
        }
        return new Caller(asLong(identity.getAttribute(USER_ID)), identity.getPrincipal().getName(),
                asLong(identity.getAttribute(ORG_ID)), identity.getRoles());
    }

    public boolean has(String role) {
        return roles.contains(role);
    }

    private static long asLong(Object value) {
        if (value instanceof Number number) {
            return number.longValue();
        }
        if (value instanceof JsonNumber number) {
            return number.longValueExact();
        }
        String text = value instanceof JsonString string ? string.getString() : value == null ? null : value.toString();
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            // A validly signed token without our claims was not issued by Laurel for a user.
            throw new AuthenticationFailedException("Token lacks a numeric user or org claim");
        }
    }
}
