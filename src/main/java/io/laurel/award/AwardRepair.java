package io.laurel.award;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.inject.Singleton;

import org.bson.Document;
import org.bson.conversions.Bson;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Accumulators;
import com.mongodb.client.model.Aggregates;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;

import io.laurel.award.limit.LimitRepair;
import io.laurel.badge.BadgeMetaDocument;
import io.laurel.common.RepairWhileAlone;

/**
 * What a {@code kill -9} can leave between the steps of an award, made right from the records when the embedded store
 * reopens: each step is one atomic single-document write, and the records (issues, earns) are the truth.
 * <ul>
 * <li>a definition's {@code issuedCount}/{@code earnedCount}, added to after the records are written;</li>
 * <li>limit slots reserved before an earn was written, or not yet given back after it was revoked;</li>
 * <li>the requestId claims of calls cut off before they finished, so the client's retry finishes the work instead
 * of getting 809 for work that was never (or only partly) done.</li>
 * </ul>
 */
@Singleton
public class AwardRepair implements RepairWhileAlone {

    /** Claims this close to the newest one may belong to calls cut off by the crash; older ones had finished. */
    static final Duration IN_FLIGHT = Duration.ofMinutes(15);

    @Override
    public String repair(MongoDatabase database) {
        return repair(database, Filters.empty());
    }

    /** Repairs the documents matching {@code which}: all of them, or one org's ({@code Filters.eq("orgId", …)}). */
    public String repair(MongoDatabase database, Bson which) {
        int counters = recount(database, which);
        int scopes = LimitRepair.repair(database, which, which).changed();
        int claims = abandonCutOffClaims(database, which);
        if (counters + scopes + claims == 0) {
            return "";
        }
        return String.format("awards: %d badge counters recounted, %d limit scopes recounted, %d claims of cut-off "
                + "calls opened to their retry", counters, scopes, claims);
    }

    /** Sets every definition's counters to its issues and earns that are not revoked; returns the definitions changed. */
    static int recount(MongoDatabase database, Bson which) {
        Map<Object, Long> issued = countByBadge(database.getCollection(IssueDocument.COLLECTION),
                Filters.and(which, Filters.ne("status", IssueDocument.IssueStatus.REVOKED.name())));
        Map<Object, Long> earned = countByBadge(database.getCollection(EarnDocument.COLLECTION),
                Filters.and(which, Filters.eq("status", EarnDocument.EarnStatus.ACTIVE.name())));
        MongoCollection<Document> badges = database.getCollection(BadgeMetaDocument.COLLECTION);
        int changed = 0;
        // Read in full before the first update: a cursor is not a snapshot.
        for (Document badge : badges.find(which).projection(Projections.include("issuedCount", "earnedCount"))
                .into(new ArrayList<>())) {
            long issuedCount = issued.getOrDefault(badge.get("_id"), 0L);
            long earnedCount = earned.getOrDefault(badge.get("_id"), 0L);
            if (number(badge.get("issuedCount")) != issuedCount || number(badge.get("earnedCount")) != earnedCount) {
                badges.updateOne(Filters.eq("_id", badge.get("_id")), Updates.combine(
                        Updates.set("issuedCount", issuedCount), Updates.set("earnedCount", earnedCount)));
                changed++;
            }
        }
        return changed;
    }

    /**
     * Marks abandoned the unfinished claims of the last calls before the crash, so a retry with the same requestId
     * takes the claim over at once and finishes the work (see {@link RequestIds}) instead of waiting for it to age.
     */
    static int abandonCutOffClaims(MongoDatabase database, Bson which) {
        MongoCollection<Document> claims = database.getCollection(RequestIds.Used.COLLECTION);
        // The earns collection holds the claims (they have an operation) beside the records.
        which = Filters.and(which, Filters.exists("operation"));
        Document newest = claims.find(which).sort(Sorts.descending("usedOn")).projection(Projections.include("usedOn"))
                .first();
        if (newest == null || newest.getDate("usedOn") == null) {
            return 0;
        }
        Date since = new Date(newest.getDate("usedOn").getTime() - IN_FLIGHT.toMillis());
        return (int) claims.updateMany(Filters.and(which, Filters.gte("usedOn", since), Filters.ne("done", true),
                Filters.ne("abandoned", true)), Updates.set("abandoned", true)).getModifiedCount();
    }

    private static Map<Object, Long> countByBadge(MongoCollection<Document> records, Bson filter) {
        Map<Object, Long> counts = new HashMap<>();
        records.aggregate(List.of(Aggregates.match(filter),
                Aggregates.group("$badgeMetaId", Accumulators.sum("n", 1))))
                .forEach(row -> counts.put(row.get("_id"), number(row.get("n"))));
        return counts;
    }

    private static long number(Object value) {
        return value instanceof Number n ? n.longValue() : 0L;
    }
}
