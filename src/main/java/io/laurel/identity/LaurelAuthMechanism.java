package io.laurel.identity;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.credential.PasswordCredential;
import io.quarkus.security.identity.IdentityProviderManager;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.AuthenticationRequest;
import io.quarkus.security.identity.request.TokenAuthenticationRequest;
import io.quarkus.security.identity.request.UsernamePasswordAuthenticationRequest;
import io.quarkus.smallrye.jwt.runtime.auth.JsonWebTokenCredential;
import io.quarkus.vertx.http.runtime.security.ChallengeData;
import io.quarkus.vertx.http.runtime.security.HttpAuthenticationMechanism;
import io.quarkus.vertx.http.runtime.security.HttpSecurityUtils;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;

/**
 * The platform's credentials: a JWT on {@code X-CAP-API-OAUTH-TOKEN}, {@code X-CAP-UI-AUTH-TOKEN} or
 * {@code Authorization: Bearer} (verified by smallrye-jwt), or {@code Authorization: Basic}. Under {@code /console}
 * only, and only when none of those is sent, the console's session cookie carries the token; a cookie that no longer
 * verifies makes the caller anonymous (the console then asks to sign in) rather than failing the request.
 */
@ApplicationScoped
public class LaurelAuthMechanism implements HttpAuthenticationMechanism {

    public static final String OAUTH_TOKEN_HEADER = "X-CAP-API-OAUTH-TOKEN";
    public static final String UI_TOKEN_HEADER = "X-CAP-UI-AUTH-TOKEN";
    private static final String BASIC = "basic ";
    private static final String BEARER = "bearer ";
    /** The console's session cookie: a token issued at sign-in, HttpOnly, SameSite=Strict, Path=/console. */
    public static final String CONSOLE_COOKIE = "laurel_console";
    public static final String CONSOLE_PATH = "/console";

    @Override
    public Uni<SecurityIdentity> authenticate(RoutingContext context, IdentityProviderManager identities) {
        HttpServerRequest request = context.request();
        String token = firstNonBlank(request.getHeader(OAUTH_TOKEN_HEADER), request.getHeader(UI_TOKEN_HEADER));
        String authorization = request.getHeader(HttpHeaderNames.AUTHORIZATION);
        if (token == null && authorization != null && startsWithIgnoreCase(authorization, BEARER)) {
            token = authorization.substring(BEARER.length()).trim();
        }
        if (token != null) {
            return authenticate(identities, context,
                    new TokenAuthenticationRequest(new JsonWebTokenCredential(token)));
        }
        if (authorization == null || authorization.isBlank()) {
            io.vertx.core.http.Cookie cookie = request.getCookie(CONSOLE_COOKIE);
            if (cookie != null && !cookie.getValue().isBlank() && isConsole(request.path())) {
                return authenticate(identities, context,
                        new TokenAuthenticationRequest(new JsonWebTokenCredential(cookie.getValue())))
                        .onFailure().recoverWithNull();
            }
            return Uni.createFrom().nullItem();
        }
        if (!startsWithIgnoreCase(authorization, BASIC)) {
            return Uni.createFrom().failure(new AuthenticationFailedException("Unsupported authorization scheme"));
        }
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(authorization.substring(BASIC.length()).trim()),
                    StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return Uni.createFrom().failure(new AuthenticationFailedException("Malformed Basic credentials"));
        }
        int colon = decoded.indexOf(':');
        if (colon <= 0) {
            return Uni.createFrom().failure(new AuthenticationFailedException("Malformed Basic credentials"));
        }
        return authenticate(identities, context, new UsernamePasswordAuthenticationRequest(
                decoded.substring(0, colon), new PasswordCredential(decoded.substring(colon + 1).toCharArray())));
    }

    private static Uni<SecurityIdentity> authenticate(IdentityProviderManager identities, RoutingContext context,
            AuthenticationRequest request) {
        return identities.authenticate(HttpSecurityUtils.setRoutingContextAttribute(request, context));
    }

    @Override
    public Uni<ChallengeData> getChallenge(RoutingContext context) {
        return Uni.createFrom().item(new ChallengeData(HttpResponseStatus.UNAUTHORIZED.code(),
                HttpHeaderNames.WWW_AUTHENTICATE, "Basic realm=\"laurel\""));
    }

    @Override
    public Set<Class<? extends AuthenticationRequest>> getCredentialTypes() {
        return Set.of(TokenAuthenticationRequest.class, UsernamePasswordAuthenticationRequest.class);
    }

    @Override
    public int getPriority() {
        // Ahead of smallrye-jwt's own Bearer mechanism, which then never sees a request this one handled.
        return DEFAULT_PRIORITY + 1000;
    }

    private static boolean isConsole(String path) {
        return path != null && (path.equals(CONSOLE_PATH) || path.startsWith(CONSOLE_PATH + "/"));
    }

    private static String firstNonBlank(String a, String b) {
        if (a != null && !a.isBlank()) {
            return a.trim();
        }
        return b != null && !b.isBlank() ? b.trim() : null;
    }

    private static boolean startsWithIgnoreCase(String value, String prefix) {
        return value.regionMatches(true, 0, prefix, 0, prefix.length());
    }
}
