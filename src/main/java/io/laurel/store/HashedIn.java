package io.laurel.store;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiPredicate;

import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.bson.ObjectId;

/**
 * Large {@code $in} conditions checked by hash lookup. mongo-java-server checks {@code {customerId: {$in: [...]}}}
 * against each candidate document by walking the whole list, so a bulk call's lookup of 10,000 keys compares
 * 100,000,000 pairs even when a unique index found the 10,000 candidates at once (in the store's profile of issueBulk,
 * more than half of all CPU). Here a top-level {@code $in} of at least {@value #MIN} plain values (strings, ids,
 * integers) becomes a set: a candidate whose field holds such a value is in or out by one lookup, and the rest of the
 * query is left to the library. Any other candidate (the field missing, null, an array, a document, a double) is
 * checked by the library against the whole query, so the answer is always the library's.
 */
public final class HashedIn {

    static final int MIN = 16;

    /**
     * A collection's matcher: the library's {@code documentMatchesQuery}, with the large {@code $in} conditions of the
     * query being matched (the same query object for every candidate of a command) made into sets once.
     */
    public static final class Matcher {

        private record Prepared(Document query, HashedIn hashed) {
        }

        private volatile Prepared last;

        public boolean matches(Document document, Document query, BiPredicate<Document, Document> library) {
            Prepared prepared = last;
            if (prepared == null || prepared.query != query) {
                prepared = new Prepared(query, HashedIn.of(query));
                last = prepared;
            }
            return prepared.hashed == null ? library.test(document, query)
                    : prepared.hashed.matches(document, query, library);
        }
    }

    /** Field to the set of its {@code $in} values, and the query without those conditions (null when nothing else). */
    private final Map<String, Set<Object>> sets;
    private final Document rest;

    private HashedIn(Map<String, Set<Object>> sets, Document rest) {
        this.sets = sets;
        this.rest = rest;
    }

    /** The query's large {@code $in} conditions as sets; null when it has none (the library checks it as it is). */
    static HashedIn of(Document query) {
        Map<String, Set<Object>> sets = new HashMap<>();
        Document rest = lift(query, sets);
        return sets.isEmpty() ? null : new HashedIn(sets, rest.isEmpty() ? null : rest);
    }

    /**
     * Whether {@code document} matches {@code query} (the query this was made of), with the library's
     * {@code matcher} for everything the sets do not decide.
     */
    boolean matches(Document document, Document query, BiPredicate<Document, Document> matcher) {
        for (Map.Entry<String, Set<Object>> condition : sets.entrySet()) {
            Object key = plain(document.get(condition.getKey()));
            if (key == null) {
                return matcher.test(document, query); // not a plain value: the library decides the whole query
            }
            if (!condition.getValue().contains(key)) {
                return false;
            }
        }
        return rest == null || matcher.test(document, rest);
    }

    /** The query without the conditions it moved into {@code sets}: top-level ones and those of (nested) $and. */
    private static Document lift(Document query, Map<String, Set<Object>> sets) {
        Document rest = new Document();
        for (Map.Entry<String, Object> entry : query.entrySet()) {
            String field = entry.getKey();
            Object value = entry.getValue();
            if (field.equals("$and") && value instanceof List<?> parts) {
                List<Object> kept = new ArrayList<>();
                for (Object part : parts) {
                    Object left = part instanceof Document clause ? lift(clause, sets) : part;
                    if (!(left instanceof Document d && d.isEmpty())) {
                        kept.add(left);
                    }
                }
                if (!kept.isEmpty()) {
                    rest.put(field, kept);
                }
                continue;
            }
            Set<Object> set = field.startsWith("$") || field.contains(".") || sets.containsKey(field) ? null : set(value);
            if (set != null) {
                sets.put(field, set);
            } else {
                rest.put(field, value);
            }
        }
        return rest;
    }

    /** A condition {@code {$in: [...]}} of at least {@link #MIN} plain values, as a set; null for anything else. */
    private static Set<Object> set(Object condition) {
        if (!(condition instanceof Document d) || d.size() != 1 || !(d.get("$in") instanceof Collection<?> values)
                || values.size() < MIN) {
            return null;
        }
        Set<Object> set = new HashSet<>(values.size() * 2);
        for (Object value : values) {
            Object key = plain(value);
            if (key == null) {
                return null;
            }
            set.add(key);
        }
        return set;
    }

    /** A value whose equality is Java's (integers as longs: 5 and 5L are one value), or null. */
    private static Object plain(Object value) {
        if (value instanceof String || value instanceof ObjectId) {
            return value;
        }
        if (value instanceof Integer || value instanceof Long) {
            return ((Number) value).longValue();
        }
        return null;
    }
}
