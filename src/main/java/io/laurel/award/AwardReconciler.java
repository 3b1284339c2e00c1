package io.laurel.award;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.bson.Document;
import org.bson.conversions.Bson;
import org.bson.types.ObjectId;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Accumulators;
import com.mongodb.client.model.Aggregates;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.InsertManyOptions;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Updates;

import io.laurel.award.limit.EarnLimits;
import io.laurel.award.limit.LimitRepair;
import io.laurel.badge.BadgeMetaDocument;
import io.laurel.common.LaurelConfig;
import io.laurel.common.SequenceRepository;
import io.laurel.common.Times;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;

/**
 * Finishes what a replica killed mid-award left undone, on any store and with any number of replicas. An earn reserves
 * its slots, then writes its record; a replica killed in between leaves slots held by no earn (a customer refused
 * too early, never an over-award), and the definition counts it had not written yet ({@code BadgeCounters}) are lost.
 * Every {@code laurel.awards.reconcile-every}, the replica holding the lease recounts, from the records, the scopes
 * that changed since its last pass and have been quiet for {@code laurel.awards.reconcile-grace} (longer than any call
 * runs, so no earn is between its two writes): each correction applies only if the scope is still as read. Then it
 * recounts the definition counters of those scopes' badges, only where a counter stood still across a wait of several
 * counter flushes (so no replica held counts of them), and only by the difference, if the counter is still as read.
 * Cut-off claims need nothing: an unfinished claim older than two minutes is taken over by its retry.
 */
@ApplicationScoped
public class AwardReconciler {

    static final String LEASES = "leases";
    static final String OLD_CLAIMS = "request_ids";
    static final String LEASE = "award-reconciler";
    private static final Logger LOG = Logger.getLogger(AwardReconciler.class);

    private final MongoClient client;
    private final String databaseName;
    private final Duration grace;
    private final Duration every;
    private final String owner = UUID.randomUUID().toString();

    AwardReconciler(MongoClient client, @ConfigProperty(name = "quarkus.mongodb.database") String databaseName,
            LaurelConfig config) {
        this.client = client;
        this.databaseName = databaseName;
        this.grace = config.awards().reconcileGrace();
        this.every = config.awards().reconcileEvery();
    }

    @Scheduled(every = "${laurel.awards.reconcile-every:PT1M}", delayed = "${laurel.awards.reconcile-every:PT1M}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP, identity = "award-reconciler")
    void scheduled() {
        try {
            String changed = reconcile();
            if (!changed.isEmpty()) {
                LOG.infof("Award reconciler: %s", changed);
            }
        } catch (RuntimeException e) {
            LOG.warnf("Award reconciler: pass failed (%s); the next one tries again", e.toString());
        }
    }

    /**
     * Before this version, claims lived in their own collection ({@code request_ids}, same fields): they are copied
     * beside the records (a claim already there is kept) and the old collection dropped, so a requestId used before an
     * upgrade stays used. Idempotent: a start cut off half-way copies again.
     */
    void moveOldClaims(@Observes StartupEvent start) {
        MongoDatabase database = client.getDatabase(databaseName);
        MongoCollection<Document> old = database.getCollection(OLD_CLAIMS);
        MongoCollection<Document> earns = database.getCollection(EarnDocument.COLLECTION);
        List<Document> batch = new ArrayList<>();
        long moved = 0;
        for (Document claim : old.find()) {
            batch.add(claim.append("claimKey", claim.get("_id")));
            if (batch.size() == 1_000) {
                moved += insertNew(earns, batch);
            }
        }
        moved += insertNew(earns, batch);
        old.drop();
        if (moved > 0) {
            LOG.infof("Moved %d requestId claims beside the earn records", moved);
        }
    }

    private static long insertNew(MongoCollection<Document> earns, List<Document> batch) {
        if (batch.isEmpty()) {
            return 0;
        }
        long inserted = batch.size();
        try {
            earns.insertMany(batch, new InsertManyOptions().ordered(false));
        } catch (RuntimeException e) {
            if (!SequenceRepository.isOnlyDuplicateKeys(e)) {
                throw e;
            }
            inserted -= SequenceRepository.refusedIndexes(e).size();
        }
        batch.clear();
        return inserted;
    }

    /** One pass, if this replica holds (or takes) the lease; what it changed, empty when nothing. */
    public String reconcile() {
        MongoDatabase database = client.getDatabase(databaseName);
        Instant now = Times.now();
        Document lease = takeLease(database, now);
        if (lease == null) {
            return "";
        }
        Date since = lease.getDate("watermark");
        Date upTo = Date.from(now.minus(grace));
        if (since != null && !upTo.after(since)) {
            return "";
        }
        LimitRepair.Result scopes = LimitRepair.repair(database,
                Filters.and(since == null ? Filters.empty() : Filters.gt(EarnLimits.CHANGED_ON, since),
                        Filters.lte(EarnLimits.CHANGED_ON, upTo)),
                Filters.empty());
        // Counters of every badge whose records changed in the window too: badges without limit scopes (issue-only,
        // unlimited) have no scope to show that a replica died with their counts unwritten.
        Set<Object> badges = new HashSet<>(scopes.badges());
        badges.addAll(recordsChanged(database, since, upTo));
        int counters = badges.isEmpty() ? 0 : recountCounters(database, badges);
        // Scopes changed after the read, or corrections refused for it, changed on since: a later pass sees them.
        database.getCollection(LEASES).updateOne(Filters.and(Filters.eq("_id", LEASE), Filters.eq("owner", owner)),
                Updates.set("watermark", upTo));
        if (scopes.changed() + counters == 0) {
            return "";
        }
        return String.format("%d limit scopes recounted, %d badge counters recounted", scopes.changed(), counters);
    }

    /**
     * The badges with an issue or earn written (by its ObjectId's time) or revoked in {@code (since, upTo]}: by the
     * always-present {@code _id} index and the sparse revocation-time indexes, so a pass reads only what changed.
     */
    static Set<Object> recordsChanged(MongoDatabase database, Date since, Date upTo) {
        Bson written = Filters.and(since == null ? Filters.empty() : Filters.gte("_id", firstIdAt(since)),
                Filters.lt("_id", firstIdAt(new Date(upTo.getTime() + 1_000))));
        Set<Object> badges = new HashSet<>();
        for (String[] records : new String[][] { { IssueDocument.COLLECTION, "endedOn" },
                { EarnDocument.COLLECTION, "revokedOn" } }) {
            MongoCollection<Document> collection = database.getCollection(records[0]);
            Bson revoked = Filters.and(since == null ? Filters.exists(records[1]) : Filters.gt(records[1], since),
                    Filters.lte(records[1], upTo));
            // One read per collection (MongoDB serves each branch of the $or by its own index).
            collection.distinct("badgeMetaId", Filters.or(written, revoked), ObjectId.class).into(badges);
        }
        badges.remove(null);
        return badges;
    }

    /** The smallest ObjectId of the second {@code at} falls in. */
    static ObjectId firstIdAt(Date at) {
        return new ObjectId(String.format("%08x", at.getTime() / 1_000) + "0000000000000000");
    }

    /** The lease for one pass (a little longer than the interval), or null when another replica holds it. */
    private Document takeLease(MongoDatabase database, Instant now) {
        Date until = Date.from(now.plus(every).plus(every));
        try {
            return database.getCollection(LEASES).findOneAndUpdate(
                    Filters.and(Filters.eq("_id", LEASE), Filters.or(Filters.eq("owner", owner),
                            Filters.lt("until", Date.from(now)))),
                    Updates.combine(Updates.set("owner", owner), Updates.set("until", until)),
                    new FindOneAndUpdateOptions().upsert(true).returnDocument(ReturnDocument.AFTER));
        } catch (RuntimeException e) {
            if (SequenceRepository.isDuplicateKey(e)) {
                return null; // held by another replica
            }
            throw e;
        }
    }

    /**
     * Sets the counters of these badges to their records where a counter stood still while the records were counted
     * and a little after (several {@code BadgeCounters} flushes): counts still held by a replica would have moved it.
     */
    private int recountCounters(MongoDatabase database, Set<Object> badgeIds) {
        List<Object> ids = new ArrayList<>(badgeIds);
        MongoCollection<Document> badges = database.getCollection(BadgeMetaDocument.COLLECTION);
        Map<Object, Long> issued = countByBadge(database.getCollection(IssueDocument.COLLECTION), ids,
                Filters.ne("status", IssueDocument.IssueStatus.REVOKED.name()));
        Map<Object, Long> earned = countByBadge(database.getCollection(EarnDocument.COLLECTION), ids,
                Filters.eq("status", EarnDocument.EarnStatus.ACTIVE.name()));
        Map<Object, Document> before = counters(badges, ids);
        try {
            // Three flushes of every replica's counts (BadgeCounters, every second); a scheduler thread, not an event loop.
            Thread.sleep(3_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 0;
        }
        Map<Object, Document> after = counters(badges, ids);
        int changed = 0;
        for (Object id : ids) {
            Document read = before.get(id);
            if (read == null || !read.equals(after.get(id))) {
                continue;
            }
            long issuedNow = number(read.get("issuedCount"));
            long earnedNow = number(read.get("earnedCount"));
            long issuedDiff = issued.getOrDefault(id, 0L) - issuedNow;
            long earnedDiff = earned.getOrDefault(id, 0L) - earnedNow;
            if (issuedDiff != 0 || earnedDiff != 0) {
                changed += (int) badges.updateOne(Filters.and(Filters.eq("_id", id),
                        Filters.eq("issuedCount", read.get("issuedCount")),
                        Filters.eq("earnedCount", read.get("earnedCount"))),
                        Updates.combine(Updates.inc("issuedCount", issuedDiff), Updates.inc("earnedCount", earnedDiff)))
                        .getModifiedCount();
            }
        }
        return changed;
    }

    private static Map<Object, Document> counters(MongoCollection<Document> badges, List<Object> ids) {
        Map<Object, Document> read = new HashMap<>();
        badges.find(Filters.in("_id", ids)).projection(Projections.include("issuedCount", "earnedCount"))
                .forEach(badge -> read.put(badge.get("_id"), badge));
        return read;
    }

    private static Map<Object, Long> countByBadge(MongoCollection<Document> records, List<Object> ids,
            Bson status) {
        Map<Object, Long> counts = new HashMap<>();
        records.aggregate(List.of(Aggregates.match(Filters.and(Filters.in("badgeMetaId", ids), status)),
                Aggregates.group("$badgeMetaId", Accumulators.sum("n", 1))))
                .forEach(row -> counts.put(row.get("_id"), number(row.get("n"))));
        return counts;
    }

    private static long number(Object value) {
        return value instanceof Number n ? n.longValue() : 0L;
    }
}
