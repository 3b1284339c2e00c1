package io.laurel.support;

import java.util.LinkedHashMap;
import java.util.Map;

/** Request bodies for tests: a valid base body with fields set on top, or removed where the value is null. */
public final class Bodies {

    private Bodies() {
    }

    /** A direct goodwill allocation (POST /internal/goodwill/) of {@code points} to {@code customer}. */
    public static Map<String, Object> goodwill(long customer, String referenceId, int points) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("referenceId", referenceId);
        body.put("reason", "late delivery");
        body.put("baseType", "POINTS");
        body.put("programId", 2739);
        body.put("awardingTillId", 50682616);
        body.put("earningEntityType", "CUSTOMER");
        body.put("earningEntityId", customer);
        body.put("points", points);
        body.put("source", "API");
        return body;
    }

    /** Applies {@code pairs} (name, value, name, value…) to {@code body} and returns it. */
    public static Map<String, Object> with(Map<String, Object> body, Object... pairs) {
        for (int i = 0; i < pairs.length; i += 2) {
            if (pairs[i + 1] == null) {
                body.remove((String) pairs[i]);
            } else {
                body.put((String) pairs[i], pairs[i + 1]);
            }
        }
        return body;
    }
}
