package io.laurel.identity;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.RSAPublicKeySpec;
import java.util.Base64;
import java.util.Optional;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import jakarta.enterprise.inject.Produces;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.laurel.common.LaurelConfig;
import io.laurel.common.SecretFiles;
import io.quarkus.runtime.Startup;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.build.JwtClaimsBuilder;
import io.smallrye.jwt.config.JWTAuthContextInfoProvider;
import io.smallrye.jwt.util.KeyUtils;

/**
 * The RS256 key pair of tokens. Production names both PEM files in config ({@code smallrye.jwt.sign.key.location},
 * {@code mp.jwt.verify.publickey.location}), for example from a Kubernetes Secret. When neither is set, a key is
 * generated once into {@code <data-dir>/jwt/signing-key.pem} and reused across restarts, so a fresh clone runs.
 */
// Eager: reading or generating the key is file I/O that must happen at start-up, not on a request's event loop.
@Startup
@ApplicationScoped
public class JwtKeys {

    static final String GENERATED_KEY_FILE = "signing-key.pem";

    /** Present only when no key files are configured. */
    private final Optional<PrivateKey> generated;

    JwtKeys(@ConfigProperty(name = "smallrye.jwt.sign.key.location") Optional<String> signKeyLocation,
            @ConfigProperty(name = "mp.jwt.verify.publickey.location") Optional<String> verifyKeyLocation,
            LaurelConfig config) {
        if (signKeyLocation.isPresent() != verifyKeyLocation.isPresent()) {
            throw new IllegalStateException("Set both smallrye.jwt.sign.key.location and "
                    + "mp.jwt.verify.publickey.location, or neither (a key is then generated under the data dir)");
        }
        this.generated = signKeyLocation.isPresent() ? Optional.empty()
                : Optional.of(loadOrCreate(Path.of(config.dataDir(), "jwt", GENERATED_KEY_FILE)));
    }

    /** Signs with the configured key file, or with the generated key. */
    public String sign(JwtClaimsBuilder claims) {
        return generated.map(key -> claims.jws().sign(key)).orElseGet(claims.jws()::sign);
    }

    /** smallrye-jwt's verification settings, with the generated public key when no key file is configured. */
    @Produces
    @Alternative
    @Priority(1)
    @ApplicationScoped
    JWTAuthContextInfo contextInfo(JWTAuthContextInfoProvider provider) {
        JWTAuthContextInfo info = provider.getContextInfo();
        generated.ifPresent(key -> info.setPublicVerificationKey(publicKeyOf(key)));
        return info;
    }

    private static PrivateKey loadOrCreate(Path file) {
        String pem = SecretFiles.loadOrCreate(file, JwtKeys::generatePem);
        try {
            return KeyUtils.decodePrivateKey(pem);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("The token key " + file + " is not an RSA private key in PEM", e);
        }
    }

    private static String generatePem() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return "-----BEGIN PRIVATE KEY-----\n"
                    + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                            .encodeToString(generator.generateKeyPair().getPrivate().getEncoded())
                    + "\n-----END PRIVATE KEY-----\n";
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("RSA unavailable", e);
        }
    }

    private static PublicKey publicKeyOf(PrivateKey key) {
        if (!(key instanceof RSAPrivateCrtKey rsa)) {
            throw new IllegalStateException("The generated token key is not an RSA CRT key");
        }
        try {
            return KeyFactory.getInstance("RSA")
                    .generatePublic(new RSAPublicKeySpec(rsa.getModulus(), rsa.getPublicExponent()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot derive the public token key", e);
        }
    }
}
