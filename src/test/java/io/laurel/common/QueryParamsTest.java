package io.laurel.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class QueryParamsTest {

    enum Colour {
        RED,
        GREEN
    }

    @Test
    void flagsChoicesAndOrdersReadAnyCaseAndRefuseTheRestNamingTheParameter() {
        assertEquals(true, QueryParams.flag(" TRUE ", "x", false));
        assertEquals(false, QueryParams.flag("false", "x", true));
        assertEquals(true, QueryParams.flag("", "x", true));
        assertEquals(false, QueryParams.flag(null, "x", false));
        assertEquals(Colour.GREEN, QueryParams.choice(Colour.class, "green", "c", null));
        assertEquals(Colour.RED, QueryParams.choice(Colour.class, " ", "c", Colour.RED));
        assertEquals(true, QueryParams.ascending("asc", "o", false));
        assertEquals(false, QueryParams.ascending("Desc", "o", true));
        assertEquals(true, QueryParams.ascending(null, "o", true));
        for (Runnable bad : new Runnable[] {() -> QueryParams.flag("yes", "x", false),
                () -> QueryParams.choice(Colour.class, "blue", "x", null), () -> QueryParams.ascending("up", "x", true)}) {
            ApiException refused = assertThrows(ApiException.class, bad::run);
            assertEquals(ErrorCode.INVALID_INPUT, refused.errorCode());
            assertEquals("x", refused.errors().get(0).reference());
        }
    }
}
