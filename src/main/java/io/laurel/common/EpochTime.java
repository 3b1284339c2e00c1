package io.laurel.common;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAccessor;

import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;

/**
 * A time in a request, as the platform sends it: epoch seconds as a JSON number (fractions allowed; above 10^11 it is
 * epoch milliseconds), the same as a numeric string, or an ISO-8601 date-time (with an offset, or UTC without one).
 */
@JsonDeserialize(using = EpochTime.Reader.class)
@Schema(type = SchemaType.NUMBER, description = "Epoch seconds (milliseconds above 10^11), or an ISO-8601 date-time",
        example = "1713865283")
public record EpochTime(Instant instant) {

    static final BigDecimal MILLIS_THRESHOLD = BigDecimal.valueOf(100_000_000_000L);
    /** Years 0001–9999: beyond that an Instant prints oddly and no loyalty date lives there. */
    static final Instant MIN = Instant.parse("0001-01-01T00:00:00Z");
    static final Instant MAX = Instant.parse("9999-12-31T23:59:59Z");

    /** The time the contract means: the ISO twin when given, else the numeric field; null when neither is. */
    public static Instant pick(EpochTime epoch, EpochTime iso) {
        if (iso != null) {
            return iso.instant;
        }
        return epoch == null ? null : epoch.instant;
    }

    public static long seconds(Instant instant) {
        return instant.getEpochSecond();
    }

    /**
     * Epoch seconds with the milliseconds as a fraction ({@code 1702963230.966}), as the vendor answers audit times
     * ({@code createdOn}, {@code lastUpdatedOn}); null for null.
     */
    public static BigDecimal decimal(Instant instant) {
        return instant == null ? null : BigDecimal.valueOf(instant.toEpochMilli(), 3);
    }

    /** ISO-8601 in UTC, as the response twins ({@code startOnISO} …) carry it. */
    public static String iso(Instant instant) {
        return instant == null ? null : DateTimeFormatter.ISO_INSTANT.format(instant);
    }

    /**
     * A time given as a query parameter: epoch seconds (milliseconds above 10^11) or ISO-8601; null when absent;
     * 400 naming {@code name} otherwise.
     */
    public static Instant query(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return parse(value);
        } catch (IllegalArgumentException | ArithmeticException | DateTimeException e) {
            throw ErrorCode.INVALID_INPUT.exception(name + " must be epoch seconds or an ISO-8601 date-time", name);
        }
    }

    static Instant parse(String text) {
        String value = text.trim();
        if (value.isEmpty()) {
            throw new IllegalArgumentException("empty");
        }
        try {
            return fromNumber(new BigDecimal(value));
        } catch (NumberFormatException notANumber) {
            TemporalAccessor parsed = DateTimeFormatter.ISO_DATE_TIME.parseBest(value, OffsetDateTime::from,
                    LocalDateTime::from);
            Instant instant = parsed instanceof OffsetDateTime offset ? offset.toInstant()
                    : ((LocalDateTime) parsed).toInstant(ZoneOffset.UTC);
            return checked(instant.truncatedTo(ChronoUnit.MILLIS));
        }
    }

    static Instant fromNumber(BigDecimal number) {
        if (number.signum() < 0) {
            throw new IllegalArgumentException("negative");
        }
        BigDecimal millis = number.compareTo(MILLIS_THRESHOLD) > 0 ? number : number.movePointRight(3);
        return checked(Instant.ofEpochMilli(millis.setScale(0, RoundingMode.DOWN).longValueExact()));
    }

    private static Instant checked(Instant instant) {
        if (instant.isBefore(MIN) || instant.isAfter(MAX)) {
            throw new IllegalArgumentException("out of range");
        }
        return instant;
    }

    static final class Reader extends JsonDeserializer<EpochTime> {
        @Override
        public EpochTime deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            JsonToken token = parser.currentToken();
            try {
                if (token == JsonToken.VALUE_NUMBER_INT || token == JsonToken.VALUE_NUMBER_FLOAT) {
                    return new EpochTime(fromNumber(parser.getDecimalValue()));
                }
                if (token == JsonToken.VALUE_STRING) {
                    return new EpochTime(parse(parser.getText()));
                }
            } catch (IllegalArgumentException | ArithmeticException | DateTimeException e) {
                return (EpochTime) context.handleWeirdStringValue(EpochTime.class, parser.getText(),
                        "not epoch seconds or an ISO-8601 date-time");
            }
            return (EpochTime) context.handleUnexpectedToken(EpochTime.class, parser);
        }
    }
}
