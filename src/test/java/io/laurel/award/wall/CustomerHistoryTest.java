package io.laurel.award.wall;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;

import org.bson.Document;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Live earns from a customer scope's counts by expiry (epoch seconds, or "none"), at 1,000,000 s. */
class CustomerHistoryTest {

    static final Instant NOW = Instant.ofEpochSecond(1_000_000);

    @ParameterizedTest(name = "total {0}, by expiry {1}: {2} live")
    @CsvSource(delimiter = ';', value = {
            "3; ; 3", // counted before expiries were kept: all taken as live
            "3; none=3; 3",
            "3; 999999=1,1000000=1,1000001=1; 1", // expiring at now is expired
            "4; none=1,500=2; 2",
            "2; 500=1; 1", // one earn counted before expiries were kept
            "1; 500=1,600=1; 0", // more by expiry than in total (never written so): none taken as live
    })
    void liveEarnsAreTheTotalLessTheExpired(long total, String byExpiry, long live) {
        Document scope = new Document("total", total);
        if (byExpiry != null) {
            Document exp = new Document();
            for (String pair : byExpiry.split(",")) {
                String[] kv = pair.split("=");
                exp.append(kv[0], Long.parseLong(kv[1]));
            }
            scope.append("exp", exp);
        }
        assertEquals(live, CustomerHistory.live(scope, total, NOW));
    }
}
