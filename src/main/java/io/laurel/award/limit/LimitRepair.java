package io.laurel.award.limit;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.bson.Document;
import org.bson.conversions.Bson;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Accumulators;
import com.mongodb.client.model.Aggregates;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.Updates;

import io.laurel.award.EarnDocument;

/**
 * Recounts every scope from the earns that hold it. An earn reserves its slots before it is written and gives them
 * back after it is revoked, so a crash in between leaves a slot held by no earn: never an over-award, but a customer
 * refused too early. Only for a store nobody else is writing to.
 */
public final class LimitRepair {

    private LimitRepair() {
    }

    /**
     * Sets the counters of each scope matching {@code which} (all: {@code Filters.empty()}) to the number of active
     * earns holding them; returns the scopes changed.
     */
    public static int repair(MongoDatabase database, Bson which) {
        Map<String, Map<String, Long>> held = new HashMap<>();
        database.getCollection(EarnDocument.COLLECTION).aggregate(List.of(
                Aggregates.match(Filters.and(which, Filters.eq("status", EarnDocument.EarnStatus.ACTIVE.name()))),
                Aggregates.unwind("$reservations"),
                Aggregates.unwind("$reservations.fields"),
                Aggregates.group(new Document("scope", "$reservations.scopeId").append("field", "$reservations.fields"),
                        Accumulators.sum("n", 1))))
                .forEach(row -> {
                    Document key = row.get("_id", Document.class);
                    held.computeIfAbsent(key.getString("scope"), k -> new TreeMap<>())
                            .put(key.getString("field"), ((Number) row.get("n")).longValue());
                });
        MongoCollection<Document> scopes = database.getCollection(LimitScopeDocument.COLLECTION);
        int changed = 0;
        // Read in full before the first update: a cursor is not a snapshot.
        for (Document scope : scopes.find(which).projection(Projections.include("total", "cycles", "days"))
                .into(new ArrayList<>())) {
            Map<String, Long> expected = held.getOrDefault(scope.getString("_id"), Map.of());
            if (!expected.equals(counted(scope))) {
                scopes.updateOne(Filters.eq("_id", scope.get("_id")), Updates.combine(
                        Updates.set("total", expected.getOrDefault("total", 0L)),
                        Updates.set("cycles", nested(expected, "cycles.")),
                        Updates.set("days", nested(expected, "days.")),
                        // Readers of rolling windows compare versions: this change must look like one.
                        Updates.inc("version", 1L)));
                changed++;
            }
        }
        return changed;
    }

    /** The scope's counters as reservation fields ({@code total}, {@code cycles.<key>}, {@code days.<day>}), zeros left out. */
    private static Map<String, Long> counted(Document scope) {
        Map<String, Long> counted = new TreeMap<>();
        put(counted, "total", scope.get("total"));
        for (String map : List.of("cycles", "days")) {
            Document values = scope.get(map, Document.class);
            if (values != null) {
                values.forEach((key, value) -> put(counted, map + "." + key, value));
            }
        }
        return counted;
    }

    private static void put(Map<String, Long> counted, String field, Object value) {
        long n = value instanceof Number number ? number.longValue() : 0L;
        if (n != 0) {
            counted.put(field, n);
        }
    }

    private static Document nested(Map<String, Long> fields, String prefix) {
        Document values = new Document();
        fields.forEach((field, n) -> {
            if (field.startsWith(prefix)) {
                values.append(field.substring(prefix.length()), n);
            }
        });
        return values;
    }
}
