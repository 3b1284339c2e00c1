package io.laurel.award.limit;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
 * Recounts scopes from the earns that hold them. An earn reserves its slots before it is written and gives them back
 * after it is revoked, so a crash in between leaves a slot held by no earn: never an over-award, but a customer
 * refused too early. Run whole when the embedded store reopens (nobody else writes), and by the award reconciler on
 * scopes that have been quiet for longer than any call runs: each correction applies only if the scope has not
 * changed since it was read.
 */
public final class LimitRepair {

    private LimitRepair() {
    }

    /**
     * Sets the counters of each scope matching {@code which} (all: {@code Filters.empty()}) to the number of active
     * earns holding them; returns the scopes changed.
     */
    public static int repair(MongoDatabase database, Bson which) {
        return repair(database, which, which).changed();
    }

    /**
     * As {@link #repair(MongoDatabase, Bson)} for the scopes matching {@code scopesWhich}, counting the earns matching
     * {@code earnsWhich} (and active) that hold them. A scope changed since it was read is left for a later pass.
     *
     * @return the scopes changed, and the badges they count for (for the caller's recount of definition counters)
     */
    public static Result repair(MongoDatabase database, Bson scopesWhich, Bson earnsWhich) {
        MongoCollection<Document> scopes = database.getCollection(LimitScopeDocument.COLLECTION);
        // Read in full before the first update: a cursor is not a snapshot.
        List<Document> found = scopes.find(scopesWhich)
                .projection(Projections.include("total", "cycles", "days", "exp", "lastDay", "version", "badgeMetaId"))
                .into(new ArrayList<>());
        Set<Object> badges = new HashSet<>();
        found.forEach(scope -> badges.add(scope.get("badgeMetaId")));
        if (found.isEmpty()) {
            return new Result(0, badges);
        }
        Map<String, Map<String, Long>> held = new HashMap<>();
        database.getCollection(EarnDocument.COLLECTION).aggregate(List.of(
                Aggregates.match(Filters.and(earnsWhich, Filters.eq("status", EarnDocument.EarnStatus.ACTIVE.name()))),
                Aggregates.unwind("$reservations"),
                Aggregates.unwind("$reservations.fields"),
                Aggregates.group(new Document("scope", "$reservations.scopeId").append("field", "$reservations.fields"),
                        Accumulators.sum("n", 1))))
                .forEach(row -> {
                    Document key = row.get("_id", Document.class);
                    held.computeIfAbsent(key.getString("scope"), k -> new TreeMap<>())
                            .put(key.getString("field"), ((Number) row.get("n")).longValue());
                });
        int changed = 0;
        for (Document scope : found) {
            Map<String, Long> expected = held.getOrDefault(scope.getString("_id"), Map.of());
            // The latest day with an earn: reservations count on no earn after it (Scope.condition).
            long lastDay = Math.max(scope.get("lastDay") instanceof Number n ? n.longValue() : Long.MIN_VALUE,
                    expected.keySet().stream().filter(f -> f.startsWith("days.")).mapToLong(f -> Long.parseLong(
                            f.substring("days.".length()))).max().orElse(Long.MIN_VALUE));
            boolean lastDayBehind = lastDay != Long.MIN_VALUE && !Long.valueOf(lastDay).equals(scope.get("lastDay"));
            if (!expected.equals(counted(scope)) || lastDayBehind) {
                Object version = scope.get("version");
                long applied = scopes.updateOne(Filters.and(Filters.eq("_id", scope.get("_id")),
                        version == null ? Filters.exists("version", false) : Filters.eq("version", version)),
                        Updates.combine(
                                Updates.set("total", expected.getOrDefault("total", 0L)),
                                Updates.set("cycles", nested(expected, "cycles.")),
                                Updates.set("days", nested(expected, "days.")),
                                Updates.set("exp", nested(expected, "exp.")),
                                lastDay == Long.MIN_VALUE ? Updates.combine() : Updates.set("lastDay", lastDay),
                                // Readers of rolling windows compare versions: this change must look like one.
                                Updates.inc("version", 1L)))
                        .getModifiedCount();
                changed += (int) applied;
            }
        }
        return new Result(changed, badges);
    }

    /** What a repair changed: how many scopes, and the badges of the scopes it looked at. */
    public record Result(int changed, Set<Object> badges) {
    }

    /** The scope's counters as reservation fields ({@code total}, {@code cycles.<key>}, {@code days.<day>}), zeros left out. */
    private static Map<String, Long> counted(Document scope) {
        Map<String, Long> counted = new TreeMap<>();
        put(counted, "total", scope.get("total"));
        for (String map : List.of("cycles", "days", "exp")) {
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
