package io.laurel.common;

import java.io.IOException;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;

/**
 * Reads an identifier that the vendor's clients send either as text or as a JSON integer ({@code "requestId": 23432}
 * and {@code "requestId": "23432"} are the same id). Fractions, booleans, arrays and objects stay a 400: only a whole
 * number has one obvious text.
 * <p>
 * Use as {@code @JsonDeserialize(using = IdText.class) String requestId}.
 */
public final class IdText extends JsonDeserializer<String> {

    @Override
    public String deserialize(JsonParser parser, DeserializationContext context) throws IOException {
        JsonToken token = parser.currentToken();
        if (token == JsonToken.VALUE_STRING) {
            return parser.getText();
        }
        if (token == JsonToken.VALUE_NUMBER_INT) {
            return parser.getBigIntegerValue().toString();
        }
        return (String) context.handleUnexpectedToken(String.class, parser);
    }
}
