package io.laurel.award;

import java.time.Instant;
import java.util.Arrays;
import java.util.Date;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.bson.Document;
import org.bson.conversions.Bson;
import org.bson.types.ObjectId;

import com.mongodb.client.model.Accumulators;
import com.mongodb.client.model.Aggregates;
import com.mongodb.client.model.Filters;

import io.laurel.badge.BadgeStatistics;
import io.smallrye.mutiny.Uni;

/**
 * A badge's issues and earns by what became of them: one aggregation per collection, grouped by status and by whether
 * the award's own expiry has passed.
 */
@ApplicationScoped
public class AwardStatistics implements BadgeStatistics {

    private final IssueRepository issues;
    private final EarnRepository earns;

    AwardStatistics(IssueRepository issues, EarnRepository earns) {
        this.issues = issues;
        this.earns = earns;
    }

    @Override
    public Uni<Counts> of(long orgId, ObjectId badgeMetaId, Instant now) {
        List<Bson> pipeline = List.of(
                // Records only: the earns collection also holds requestId claims, which have no status.
                Aggregates.match(Filters.and(Filters.eq("orgId", orgId), Filters.eq("badgeMetaId", badgeMetaId),
                        Filters.exists("status"))),
                Aggregates.group(new Document("status", "$status").append("lapsed", new Document("$and", List.of(
                        new Document("$gt", Arrays.asList("$expiresOn", null)),
                        new Document("$lte", Arrays.asList("$expiresOn", Date.from(now)))))),
                        Accumulators.sum("n", 1)));
        return Uni.combine().all().unis(
                issues.mongoCollection().aggregate(pipeline, Document.class).collect().asList(),
                earns.mongoCollection().aggregate(pipeline, Document.class).collect().asList())
                .with((issueGroups, earnGroups) -> {
                    long[] issue = tally(issueGroups);
                    long[] earn = tally(earnGroups);
                    return new Counts(issue[0], earn[0], issue[1] + earn[1], issue[2] + earn[2]);
                });
    }

    /** Live, revoked, expired: an ACTIVE award past its expiry counts as expired. */
    private static long[] tally(List<Document> groups) {
        long[] counts = new long[3];
        for (Document group : groups) {
            Document key = group.get("_id", Document.class);
            long n = ((Number) group.get("n")).longValue();
            String status = key.getString("status");
            boolean lapsed = Boolean.TRUE.equals(key.getBoolean("lapsed"));
            if ("REVOKED".equals(status)) {
                counts[1] += n;
            } else if ("EXPIRED".equals(status) || lapsed) {
                counts[2] += n;
            } else {
                counts[0] += n;
            }
        }
        return counts;
    }
}
