package io.laurel.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.RSAPublicKeySpec;
import java.util.Base64;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JsonWebKeysTest {

    static RSAPublicKey rsa(String n, String e) throws Exception {
        Base64.Decoder url = Base64.getUrlDecoder();
        return (RSAPublicKey) KeyFactory.getInstance("RSA").generatePublic(
                new RSAPublicKeySpec(new BigInteger(1, url.decode(n)), new BigInteger(1, url.decode(e))));
    }

    static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(der) + "\n-----END " + type + "-----\n";
    }

    @Test
    void theKeyIdIsTheRfc7638Thumbprint() throws Exception {
        // The example key of RFC 7638, section 3.1, and its thumbprint.
        RSAPublicKey key = rsa("0vx7agoebGcQSuuPiLJXZptN9nndrQmbXEps2aiAFbWhM78LhWx4cbbfAAtVT86zwu1RK7aPFFxuhDR1L6tS"
                + "oc_BJECPebWKRXjBZCiFV4n3oknjhMstn64tZ_2W-5JsGY4Hc5n9yBXArwl93lqt7_RN5w6Cf0h4QyQ5v-65"
                + "YGjQR0_FDW2QvzqY368QQMicAtaSqzs8KJZgnYb9c7d0zgdAZHzu6qMQvRL5hajrn1n91CbOpbISD08qNLyr"
                + "dkt-bFTWhAI4vMQFh6WeZu0fM4lFd2NcRwr3XPksINHaQ-G_xBniIqbw0Ls1jF44-csFCur-kEgU8awapJzK"
                + "nqDKgw", "AQAB");
        assertEquals("NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs", JsonWebKeys.keyId(key));
    }

    @Test
    void aKeySetNamesEachKeyAndReadsBack() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        RSAPublicKey a = (RSAPublicKey) generator.generateKeyPair().getPublic();
        RSAPublicKey b = (RSAPublicKey) generator.generateKeyPair().getPublic();
        String set = JsonWebKeys.keySet(List.of(a, b));
        assertTrue(JsonWebKeys.isKeySet(set));
        assertEquals(List.of(JsonWebKeys.keyId(a), JsonWebKeys.keyId(b)), List.copyOf(JsonWebKeys.keyIds(set)));
        assertFalse(JsonWebKeys.keyId(a).equals(JsonWebKeys.keyId(b)));
        // The members' values are unsigned: no leading zero byte, whatever the modulus's top bit.
        assertFalse(set.contains("\"n\" : \"AA"), set);
        assertTrue(set.contains("\"alg\" : \"RS256\"") && set.contains("\"use\" : \"sig\""));
        assertEquals(Set.of(), JsonWebKeys.keyIds("-----BEGIN PUBLIC KEY-----"));
    }

    @Test
    void aPrivateKeyAndItsPublicHalfHaveOneId(@TempDir Path dir) throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        KeyPair pair = generator.generateKeyPair();
        String privatePem = pem("PRIVATE KEY", pair.getPrivate().getEncoded());
        String publicPem = pem("PUBLIC KEY", pair.getPublic().getEncoded());
        String id = JsonWebKeys.keyId((RSAPublicKey) pair.getPublic());
        assertEquals(id, JsonWebKeys.keyId(JsonWebKeys.readPem(privatePem)));
        assertEquals(id, JsonWebKeys.keyId(JsonWebKeys.readPem(publicPem)));

        Files.writeString(dir.resolve("private.pem"), privatePem);
        Files.writeString(dir.resolve("junk.pem"), "not a key");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        assertEquals(0, JsonWebKeys.command(new String[] { "jwks", dir.resolve("private.pem").toString() },
                new PrintStream(out), new PrintStream(err)));
        assertEquals(Set.of(id), JsonWebKeys.keyIds(out.toString(StandardCharsets.UTF_8)));
        assertFalse(out.toString(StandardCharsets.UTF_8).contains("\"d\""), "never the private exponent");
        assertEquals(2, JsonWebKeys.command(new String[] { "jwks", dir.resolve("junk.pem").toString() },
                new PrintStream(out), new PrintStream(err)));
        assertEquals(2, JsonWebKeys.command(new String[] { "jwks" }, new PrintStream(out), new PrintStream(err)));
    }
}
