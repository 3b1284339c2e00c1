package io.laurel.identity;

import java.io.IOException;
import java.io.PrintStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.RSAPublicKeySpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.smallrye.jwt.util.KeyUtils;

/**
 * RSA public keys as JSON Web Keys (RFC 7517), each named by its RFC 7638 thumbprint: the key id is a function of the
 * key, so the signer and the key set agree on it without configuration. Also the {@code jwks} command, which writes
 * the key set of PEM keys for the Secret that verification reads.
 */
public final class JsonWebKeys {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

    private JsonWebKeys() {
    }

    /** The key's RFC 7638 thumbprint (SHA-256, base64url): its {@code kid}. */
    public static String keyId(RSAPublicKey key) {
        // The required members in lexicographic order, no whitespace (RFC 7638, section 3).
        String canonical = "{\"e\":\"" + base64url(key.getPublicExponent()) + "\",\"kty\":\"RSA\",\"n\":\""
                + base64url(key.getModulus()) + "\"}";
        try {
            return BASE64URL.encodeToString(MessageDigest.getInstance("SHA-256")
                    .digest(canonical.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
    }

    /** {@code {"keys": [...]}} with one signature key (RS256) per public key, in the order given. */
    public static String keySet(List<RSAPublicKey> keys) {
        ObjectNode set = JSON.createObjectNode();
        ArrayNode array = set.putArray("keys");
        for (RSAPublicKey key : keys) {
            array.addObject()
                    .put("kty", "RSA")
                    .put("use", "sig")
                    .put("alg", "RS256")
                    .put("kid", keyId(key))
                    .put("n", base64url(key.getModulus()))
                    .put("e", base64url(key.getPublicExponent()));
        }
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(set) + "\n";
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The {@code kid}s of a JWK set, or empty when the text is not a JWK set (a PEM key, say). */
    public static Set<String> keyIds(String text) {
        Set<String> ids = new LinkedHashSet<>();
        if (!text.stripLeading().startsWith("{")) {
            return ids;
        }
        try {
            JsonNode set = JSON.readTree(text);
            for (JsonNode key : set.path("keys")) {
                if (key.hasNonNull("kid")) {
                    ids.add(key.get("kid").asText());
                }
            }
            return ids;
        } catch (IOException e) {
            throw new IllegalArgumentException("Not a JSON Web Key set: " + e.getMessage(), e);
        }
    }

    /** Whether the text is a JWK set rather than a single key. */
    public static boolean isKeySet(String text) {
        return text.stripLeading().startsWith("{");
    }

    /** The public half of an RSA private key. */
    public static RSAPublicKey publicKeyOf(PrivateKey key) {
        if (!(key instanceof RSAPrivateCrtKey rsa)) {
            throw new IllegalArgumentException("The token key is not an RSA private key with its public exponent");
        }
        try {
            return (RSAPublicKey) KeyFactory.getInstance("RSA")
                    .generatePublic(new RSAPublicKeySpec(rsa.getModulus(), rsa.getPublicExponent()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot derive the public token key", e);
        }
    }

    /** The RSA public key of a PEM text holding a public key or a private key (PKCS#8). */
    public static RSAPublicKey readPem(String pem) throws GeneralSecurityException {
        if (pem.contains("PRIVATE KEY")) {
            return publicKeyOf(KeyUtils.decodePrivateKey(pem));
        }
        PublicKey key = KeyUtils.decodePublicKey(pem);
        if (!(key instanceof RSAPublicKey rsa)) {
            throw new GeneralSecurityException("not an RSA key");
        }
        return rsa;
    }

    /** {@code jwks KEY.pem [KEY.pem ...]}: prints the key set of the keys' public halves. */
    public static int command(String[] args, PrintStream out, PrintStream err) {
        if (args.length < 2) {
            err.println("usage: jwks KEY.pem [KEY.pem ...]   (public or private PEM keys; prints their JWK set)");
            return 2;
        }
        List<RSAPublicKey> keys = new java.util.ArrayList<>();
        for (String file : Arrays.asList(args).subList(1, args.length)) {
            try {
                keys.add(readPem(Files.readString(Path.of(file))));
            } catch (IOException | GeneralSecurityException | IllegalArgumentException e) {
                err.println("jwks: " + file + ": not a readable RSA key in PEM (" + e.getMessage() + ")");
                return 2;
            }
        }
        out.print(keySet(keys));
        return 0;
    }

    private static String base64url(BigInteger value) {
        byte[] bytes = value.toByteArray();
        // Unsigned big-endian: drop the sign byte toByteArray adds when the top bit is set.
        if (bytes.length > 1 && bytes[0] == 0) {
            bytes = Arrays.copyOfRange(bytes, 1, bytes.length);
        }
        return BASE64URL.encodeToString(bytes);
    }
}
