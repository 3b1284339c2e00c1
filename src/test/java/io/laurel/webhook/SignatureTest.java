package io.laurel.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Base64;
import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * Standard Webhooks signatures. The expected value was computed apart from this code (Python's hmac and base64 over
 * the same id, timestamp and body), so the test checks the scheme, not this class against itself.
 */
class SignatureTest {

    private static final String SECRET = "whsec_AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=";
    private static final String ID = "msg_2KWPBgLlAfxdpx2AI54pPJ85f4W";
    private static final long TIMESTAMP = 1674087231;
    private static final String BODY = "{\"type\":\"ping\",\"data\":{\"success\":true}}";

    @Test
    void signsIdTimestampAndBodyWithHmacSha256() {
        assertEquals("v1,rsC9iiwCD7KF2o19M4qTiTC7lhh1daMQjZ1nsn7Ttkw=", Signature.sign(SECRET, ID, TIMESTAMP, BODY));
    }

    @Test
    void duringARotationEverySecretSignsAndEitherVerifies() {
        String next = Signature.newSecret();
        String header = Signature.header(List.of(SECRET, next), ID, TIMESTAMP, BODY);
        assertEquals(2, header.split(" ").length);
        assertTrue(Signature.verifies(header, SECRET, ID, TIMESTAMP, BODY));
        assertTrue(Signature.verifies(header, next, ID, TIMESTAMP, BODY));
        assertFalse(Signature.verifies(header, Signature.newSecret(), ID, TIMESTAMP, BODY), "another secret");
        assertFalse(Signature.verifies(header, SECRET, ID, TIMESTAMP + 1, BODY), "another timestamp");
        assertFalse(Signature.verifies(header, SECRET, ID, TIMESTAMP, BODY + " "), "another body");
    }

    @Test
    void newSecretsAreThirtyTwoRandomBytes() {
        String a = Signature.newSecret();
        assertTrue(a.startsWith("whsec_"));
        assertEquals(32, Base64.getDecoder().decode(a.substring(6)).length);
        assertNotEquals(a, Signature.newSecret());
    }
}
