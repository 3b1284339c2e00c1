package io.laurel.workflow;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import io.laurel.common.ApiException;
import io.laurel.identity.OrgHeaderFilter;
import io.laurel.outbox.HttpSender;

/**
 * The rules for the headers of a workflow payload: which ones HTTP can carry, which ones a maker may not set, and
 * which ones are credentials (sealed at rest, shown as {@code ****}). Header names are case-insensitive throughout.
 */
public final class PayloadHeaders {

    /** Shown instead of a credential's value, in every answer. */
    public static final String MASK = "****";

    private static final Set<String> CREDENTIALS = Set.of("authorization", "cookie", "x-cap-api-oauth-token",
            "x-cap-ui-auth-token");
    private static final String[] CREDENTIAL_WORDS = { "token", "secret", "password", "api-key", "apikey", "signature",
            "session", "auth" };

    /** The request's org, not a credential, though its name contains "auth": shown so that a checker sees it. */
    private static final String ORG = OrgHeaderFilter.ORG_HEADER.toLowerCase(Locale.ROOT);

    private PayloadHeaders() {
    }

    /** Whether header {@code name} is one Laurel authenticates a call by (Authorization, Cookie, its token headers). */
    static boolean isCredential(String name) {
        return CREDENTIALS.contains(name.toLowerCase(Locale.ROOT));
    }

    /** Whether the value of header {@code name} is a credential. */
    public static boolean isSecret(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        if (CREDENTIALS.contains(lower)) {
            return true;
        }
        if (lower.equals(ORG)) {
            return false;
        }
        for (String word : CREDENTIAL_WORDS) {
            if (lower.contains(word)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Checks every header of a payload; the first broken rule is a 400 naming the header. Refused: a name that is
     * not an HTTP token, a value with a control character (CR, LF, NUL …), one name twice in any spelling, Laurel's
     * own headers and framing headers.
     */
    public static void check(Map<String, String> headers) {
        if (headers == null) {
            return;
        }
        Map<String, String> seen = new LinkedHashMap<>();
        for (Map.Entry<String, String> header : headers.entrySet()) {
            String name = header.getKey();
            if (!isToken(name)) {
                throw refused("a header name must be an HTTP token (letters, digits and !#$%&'*+-.^_`|~)", name);
            }
            String lower = name.toLowerCase(Locale.ROOT);
            String earlier = seen.put(lower, name);
            if (earlier != null) {
                throw refused("header " + earlier + " is given twice (names are case-insensitive)", name);
            }
            if (lower.startsWith(HttpSender.LAUREL_PREFIX)) {
                throw refused(name + " is Laurel's own header; a payload may not set it", name);
            }
            if (HttpSender.FRAMING.contains(lower)) {
                throw refused(name + " is set by Laurel's client, not by a payload", name);
            }
            if (header.getValue() == null) {
                throw refused("header " + name + " has no value", name);
            }
            if (!isFieldValue(header.getValue())) {
                throw refused("the value of header " + name + " has a character HTTP cannot carry (CR, LF, NUL or another control)",
                        name);
            }
        }
    }

    /** The value of header {@code name} in any spelling, or null. */
    static String get(Map<String, String> headers, String name) {
        return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name)).map(Map.Entry::getValue)
                .findFirst().orElse(null);
    }

    /** RFC 9110 token: one or more tchar. */
    static boolean isToken(String name) {
        if (name == null || name.isEmpty() || name.length() > 256) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            boolean tchar = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
            if (!tchar) {
                return false;
            }
        }
        return true;
    }

    /** RFC 9110 field value: visible characters, spaces and tabs, and obs-text; no CR, LF, NUL or other control. */
    static boolean isFieldValue(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if ((c < 0x20 && c != '\t') || c == 0x7f) {
                return false;
            }
        }
        return value.length() <= 8192;
    }

    private static ApiException refused(String message, String header) {
        return WorkflowRequests.invalidPayload(message, "headers." + header);
    }
}
