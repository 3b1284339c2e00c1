package io.laurel.store;

import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import de.bwaldvogel.mongo.bson.BsonRegularExpression;
import de.bwaldvogel.mongo.bson.Document;

/**
 * When a unique index of the embedded store may serve a query. mongo-java-server uses an index only for a query on
 * exactly its keys, so {@code {_id: x, orgId: y}} or {@code {customerId: {$in: [...]}, orgId: y}} scan the whole
 * collection. An index can serve any conjunction that fixes each of its keys by equality (or, for a single key, by
 * {@code $in}): it yields the candidates, and the store still checks every candidate against the whole query.
 */
public final class IndexSelection {

    private IndexSelection() {
    }

    /** Whether the index of {@code keys} can find every document the query matches. */
    public static boolean canServe(Document query, List<String> keys, boolean sparse) {
        Document conditions = conjunction(query);
        for (String key : keys) {
            if (!conditions.containsKey(key)) {
                return false;
            }
            Object value = conditions.get(key);
            if (value == null && sparse) {
                return false; // a sparse index holds no document that lacks the key
            }
            if (BsonRegularExpression.isRegularExpression(value) || value instanceof Collection) {
                return false; // patterns and array equality are left to the full scan, as the library does
            }
            if (value instanceof Document condition) {
                boolean in = condition.size() == 1 && condition.containsKey("$in") && keys.size() == 1
                        && condition.get("$in") instanceof Collection;
                if (!in) {
                    return false;
                }
            }
        }
        return true;
    }

    /** The query reduced to the index's keys, in the form the index looks them up. */
    public static Document onKeys(Document query, List<String> keys) {
        Document conditions = conjunction(query);
        Document projected = new Document();
        keys.forEach(key -> projected.put(key, conditions.get(key)));
        return projected;
    }

    /** The field conditions that all must hold: top-level fields and those of nested $and; others are left out. */
    static Document conjunction(Document query) {
        Document conditions = new Document();
        Set<String> ambiguous = new HashSet<>();
        collect(query, conditions, ambiguous);
        ambiguous.forEach(conditions::remove);
        return conditions;
    }

    private static void collect(Document query, Document conditions, Set<String> ambiguous) {
        query.forEach((key, value) -> {
            if (key.equals("$and") && value instanceof Collection<?> parts) {
                parts.stream().filter(Document.class::isInstance).forEach(part -> collect((Document) part, conditions,
                        ambiguous));
            } else if (!key.startsWith("$")) {
                if (conditions.containsKey(key)) {
                    ambiguous.add(key);
                }
                conditions.put(key, value);
            }
        });
    }
}
