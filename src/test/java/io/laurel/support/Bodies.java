package io.laurel.support;

import java.util.Map;

/** Request bodies for tests: a valid base body with fields set on top, or removed where the value is null. */
public final class Bodies {

    private Bodies() {
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
