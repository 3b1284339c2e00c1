package io.laurel.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.laurel.support.LaurelApp;
import io.restassured.http.ContentType;

/**
 * Issue 21, item 3: the packaged service signs with the key it is given, names it in each token, verifies with a key
 * set, and so rotates without refusing a token still in use: add the new key to the set, sign with it, drop the old.
 * Without configured keys, the prod profile refuses to start rather than generate keys replicas would not share.
 */
class TokenKeyRotationIT {

    /** A configured encryption key of secrets at rest (32 bytes), so that only the token keys are in question. */
    static final String ENCRYPTION_KEY = Base64.getEncoder().encodeToString(new byte[32]);

    @TempDir
    Path dir;

    Path key(String name) throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        KeyPair pair = generator.generateKeyPair();
        Path file = dir.resolve(name + ".pem");
        Files.writeString(file, "-----BEGIN PRIVATE KEY-----\n" + Base64.getMimeEncoder(64,
                "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(pair.getPrivate().getEncoded())
                + "\n-----END PRIVATE KEY-----\n");
        return file;
    }

    /** The key set of the given PEM keys, written by the packaged jar's {@code jwks} command. */
    Path keySet(String name, Path... keys) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of("java", "-jar", "target/quarkus-app/quarkus-run.jar",
                "jwks"));
        for (Path key : keys) {
            command.add(key.toString());
        }
        Path file = dir.resolve(name + ".json");
        Process process = new ProcessBuilder(command).redirectOutput(file.toFile())
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        assertEquals(0, process.waitFor());
        return file;
    }

    LaurelApp start(Path signingKey, Path keySet) throws IOException {
        return start(signingKey, keySet, ENCRYPTION_KEY);
    }

    LaurelApp start(Path signingKey, Path keySet, String encryptionKey) throws IOException {
        // Empty: not set, the jar's own default (prod profile), not the tests' allowance (LaurelApp).
        Map<String, String> env = new HashMap<>(Map.of("LAUREL_DATA_DIR", dir.resolve("data").toString(),
                "LAUREL_ALLOW_GENERATED_KEYS", "", "LAUREL_WORKFLOW_ENCRYPTION_KEY", encryptionKey));
        if (signingKey != null) {
            env.put("SMALLRYE_JWT_SIGN_KEY_LOCATION", signingKey.toString());
            env.put("MP_JWT_VERIFY_PUBLICKEY_LOCATION", keySet.toString());
        }
        return LaurelApp.start(env);
    }

    static String token(LaurelApp app) {
        return app.given().contentType(ContentType.JSON)
                .body(Map.of("key", LaurelApp.ADMIN, "secret", LaurelApp.ADMIN_PASSWORD))
                .post("/v3/oauth/token/generate").then().statusCode(200).extract().path("data.accessToken");
    }

    static String kid(String token) throws IOException {
        byte[] header = Base64.getUrlDecoder().decode(token.substring(0, token.indexOf('.')));
        return new ObjectMapper().readTree(header).path("kid").asText();
    }

    static int status(LaurelApp app, String token) {
        return app.given().header("Authorization", "Bearer " + token).get("/api_gateway/v1/badges/group").statusCode();
    }

    static String id(Path key) throws Exception {
        return JsonWebKeys.keyId(JsonWebKeys.readPem(Files.readString(key)));
    }

    @Test
    void aNewKeyIsAddedThenSignsThenTheOldOneGoes() throws Exception {
        Path old = key("old");
        Path next = key("next");
        Path onlyOld = keySet("only-old", old);
        Path both = keySet("both", old, next);
        Path onlyNext = keySet("only-next", next);

        String oldToken;
        try (LaurelApp app = start(old, onlyOld)) {
            oldToken = token(app);
            assertEquals(id(old), kid(oldToken), "the token names its key");
            assertEquals(200, status(app, oldToken));
        }
        // 1. The new key joins the set: nothing signs with it yet, every replica will accept it.
        try (LaurelApp app = start(old, both)) {
            assertEquals(200, status(app, oldToken));
            assertEquals(id(old), kid(token(app)));
        }
        // 2. Sign with the new key: tokens of the old one, still in use, are accepted.
        String nextToken;
        try (LaurelApp app = start(next, both)) {
            nextToken = token(app);
            assertEquals(id(next), kid(nextToken));
            assertEquals(200, status(app, nextToken));
            assertEquals(200, status(app, oldToken));
        }
        // 3. Once the old key's tokens have expired, it leaves the set: its tokens are refused from then on.
        try (LaurelApp app = start(next, onlyNext)) {
            assertEquals(200, status(app, nextToken));
            assertEquals(401, status(app, oldToken));
        }
    }

    @Test
    void aSigningKeyOutsideTheSetIsRefusedAtStartUp() throws Exception {
        Path signing = key("signing");
        Path other = keySet("other", key("other"));
        IllegalStateException refused = assertThrows(IllegalStateException.class, () -> start(signing, other).close());
        assertTrue(refused.getMessage().contains("The signing key " + id(signing) + " is not in the key set"),
                refused.getMessage());
    }

    @Test
    void withoutKeysTheGeneratedKeyIsRefusedUnlessAllowed() {
        // The jar's own default (prod profile): no key files, no allowance.
        IllegalStateException refused = assertThrows(IllegalStateException.class, () -> start(null, null).close());
        assertTrue(refused.getMessage().contains("No token keys configured"), refused.getMessage());
        assertTrue(refused.getMessage().contains("LAUREL_ALLOW_GENERATED_KEYS=true"), refused.getMessage());
    }

    /** The other generated key, the encryption key of secrets at rest, is refused the same way (replicas share it). */
    @Test
    void withoutAnEncryptionKeyTheGeneratedOneIsRefusedUnlessAllowed() throws Exception {
        Path signing = key("signing");
        Path set = keySet("set", signing);
        IllegalStateException refused = assertThrows(IllegalStateException.class,
                () -> start(signing, set, "").close());
        assertTrue(refused.getMessage().contains("No encryption key for secrets at rest configured: set "
                + "LAUREL_WORKFLOW_ENCRYPTION_KEY"), refused.getMessage());
        assertTrue(refused.getMessage().contains("LAUREL_ALLOW_GENERATED_KEYS=true"), refused.getMessage());
        assertTrue(Files.notExists(dir.resolve("data/workflow/payload.key")), "nothing generated");
    }
}
