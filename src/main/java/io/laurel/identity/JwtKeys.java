package io.laurel.identity;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.util.Base64;
import java.util.Optional;
import java.util.Set;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import jakarta.enterprise.inject.Produces;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.laurel.common.LaurelConfig;
import io.laurel.common.SecretFiles;
import io.quarkus.runtime.Startup;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.build.JwtClaimsBuilder;
import io.smallrye.jwt.config.JWTAuthContextInfoProvider;
import io.smallrye.jwt.util.KeyUtils;
import io.smallrye.jwt.util.ResourceUtils;

/**
 * The RS256 keys of tokens. Production names the signing key (a PEM file) and the verification key set (a JWKS file,
 * both from a Kubernetes Secret): {@code smallrye.jwt.sign.key.location}, {@code mp.jwt.verify.publickey.location}.
 * Tokens carry the signing key's id ({@code kid}, its RFC 7638 thumbprint) and are verified with the key of that id,
 * so a new key is added to the set before anything signs with it and the old one removed after its tokens expired.
 * Start-up refuses a signing key that is not in the set (every token issued would be refused).
 * <p>
 * When neither is set, a key is generated once into {@code <data-dir>/jwt/signing-key.pem}, for one instance or
 * instances sharing that directory; outside dev and test only with {@code laurel.allow-generated-keys=true}, as
 * replicas with directories of their own would refuse each other's tokens.
 */
// Eager: reading or generating the keys is file I/O that must happen at start-up, not on a request's event loop.
@Startup
@ApplicationScoped
public class JwtKeys {

    private static final Logger LOG = Logger.getLogger(JwtKeys.class);

    static final String GENERATED_KEY_FILE = "signing-key.pem";

    private final PrivateKey signingKey;
    private final String keyId;
    /** Present only when the key was generated: verification then uses its public half. */
    private final Optional<RSAPublicKey> generated;

    JwtKeys(@ConfigProperty(name = "smallrye.jwt.sign.key.location") Optional<String> signKeyLocation,
            @ConfigProperty(name = "mp.jwt.verify.publickey.location") Optional<String> verifyKeyLocation,
            LaurelConfig config) {
        if (signKeyLocation.isPresent() != verifyKeyLocation.isPresent()) {
            throw new IllegalStateException("Set both SMALLRYE_JWT_SIGN_KEY_LOCATION (the signing key, PEM) and "
                    + "MP_JWT_VERIFY_PUBLICKEY_LOCATION (the key set, JWKS), or neither");
        }
        if (signKeyLocation.isPresent()) {
            this.signingKey = privateKey(signKeyLocation.get(), read(signKeyLocation.get()));
            this.generated = Optional.empty();
        } else {
            Path file = Path.of(config.dataDir(), "jwt", GENERATED_KEY_FILE);
            this.signingKey = privateKey(file.toString(), SecretFiles.generatedKey(config, file, JwtKeys::generatePem,
                    "No token keys configured: set SMALLRYE_JWT_SIGN_KEY_LOCATION (the signing key, PEM) and "
                            + "MP_JWT_VERIFY_PUBLICKEY_LOCATION (the key set, JWKS) as the README's \"Token keys\" "
                            + "says"));
            this.generated = Optional.of(JsonWebKeys.publicKeyOf(signingKey));
        }
        this.keyId = JsonWebKeys.keyId(JsonWebKeys.publicKeyOf(signingKey));
        verifyKeyLocation.ifPresent(location -> checkVerifies(location, read(location)));
        LOG.infof("Tokens are signed with the key %s", keyId);
    }

    /** Signs with the signing key, naming it in the header's {@code kid}. */
    public String sign(JwtClaimsBuilder claims) {
        return claims.jws().keyId(keyId).sign(signingKey);
    }

    /** The signing key's id. */
    public String keyId() {
        return keyId;
    }

    /** smallrye-jwt's verification settings, with the generated public key when no key file is configured. */
    @Produces
    @Alternative
    @Priority(1)
    @ApplicationScoped
    JWTAuthContextInfo contextInfo(JWTAuthContextInfoProvider provider) {
        JWTAuthContextInfo info = provider.getContextInfo();
        generated.ifPresent(info::setPublicVerificationKey);
        return info;
    }

    /** The verification key (set) must hold the signing key, or every token issued would be refused. */
    private void checkVerifies(String location, String text) {
        if (JsonWebKeys.isKeySet(text)) {
            Set<String> ids = JsonWebKeys.keyIds(text);
            if (!ids.contains(keyId)) {
                throw new IllegalStateException("The signing key " + keyId + " is not in the key set " + location
                        + " (it holds " + ids + "): add its public key to the set, and restart every replica with the "
                        + "new set, before signing with it (README, \"Token keys\")");
            }
            return;
        }
        try {
            if (!keyId.equals(JsonWebKeys.keyId(JsonWebKeys.readPem(text)))) {
                throw new IllegalStateException("The verification key " + location + " is not the signing key's "
                        + "public half: every token issued would be refused");
            }
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException("The verification key " + location + " is neither a JWK set nor an RSA "
                    + "public key in PEM", e);
        }
    }

    private static String read(String location) {
        try {
            String text = ResourceUtils.readResource(location);
            if (text == null) {
                throw new IllegalStateException("The token key " + location + " does not exist");
            }
            return text;
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read the token key " + location, e);
        }
    }

    private static PrivateKey privateKey(String location, String pem) {
        try {
            return KeyUtils.decodePrivateKey(pem);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException("The token key " + location + " is not an RSA private key in PEM", e);
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
}
