package io.laurel.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

import de.bwaldvogel.mongo.backend.DefaultQueryMatcher;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.bson.ObjectId;

/**
 * Large {@code $in} lists matched by hash answer exactly as the library's matcher: random documents (plain values,
 * numbers of every kind, nulls, missing fields, arrays, documents) against random queries (large and small lists, other
 * conditions beside them, nested {@code $and}, one field twice).
 */
class HashedInTest {

    private static final ObjectId[] IDS = { new ObjectId(), new ObjectId(), new ObjectId() };

    private final Random random = new Random(20);

    private Object value() {
        return switch (random.nextInt(12)) {
            case 0 -> null;
            case 1 -> 5.0;
            case 2 -> 5.5;
            case 3 -> java.util.Arrays.asList(value(), value());
            case 4 -> new Document("x", random.nextInt(3));
            case 5 -> IDS[random.nextInt(IDS.length)];
            case 6, 7 -> (long) random.nextInt(40);
            case 8, 9 -> random.nextInt(40);
            default -> "s" + random.nextInt(40);
        };
    }

    private Object plainValue() {
        return switch (random.nextInt(4)) {
            case 0 -> (long) random.nextInt(40);
            case 1 -> random.nextInt(40);
            case 2 -> IDS[random.nextInt(IDS.length)];
            default -> "s" + random.nextInt(40);
        };
    }

    private Document in(int size, boolean plain) {
        List<Object> values = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            values.add(plain || random.nextInt(10) > 0 ? plainValue() : value());
        }
        return new Document("$in", values);
    }

    private Document query() {
        boolean large = random.nextInt(5) > 0;
        Document k = in(large ? HashedIn.MIN + random.nextInt(30) : 3, random.nextBoolean());
        return switch (random.nextInt(4)) {
            case 0 -> new Document("k", k);
            case 1 -> new Document("o", random.nextInt(3)).append("k", k);
            case 2 -> new Document("$and", List.of(new Document("o", random.nextInt(3)), new Document("k", k)));
            default -> new Document("k", k).append("$and", List.of(new Document("k", in(HashedIn.MIN + 4, true)),
                    new Document("$and", List.of(new Document("o", new Document("$lt", 2))))));
        };
    }

    @Test
    void answersExactlyAsTheLibrary() {
        DefaultQueryMatcher library = new DefaultQueryMatcher();
        HashedIn.Matcher matcher = new HashedIn.Matcher();
        int matched = 0;
        int hashed = 0;
        for (int q = 0; q < 400; q++) {
            Document query = query();
            hashed += HashedIn.of(query) == null ? 0 : 1;
            for (int d = 0; d < 100; d++) {
                Document document = new Document("o", random.nextInt(3));
                if (random.nextInt(10) > 0) {
                    document.put("k", value());
                }
                boolean expected = library.matches(document, query);
                boolean got = matcher.matches(document, query, library::matches);
                assertEquals(expected, got, document + " against " + query);
                matched += expected ? 1 : 0;
            }
        }
        assertTrue(matched > 1000, "enough matches to mean something: " + matched);
        assertTrue(hashed > 200, "enough queries took the hashed path: " + hashed);
    }
}
