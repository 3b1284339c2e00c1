package io.laurel.points;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.bson.Document;
import org.bson.conversions.Bson;
import org.bson.types.ObjectId;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;
import com.mongodb.client.model.Accumulators;
import com.mongodb.client.model.Aggregates;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;

import io.laurel.common.ApiException;
import io.laurel.common.ErrorCode;
import io.laurel.common.LaurelConfig;
import io.laurel.common.SequenceRepository;
import io.laurel.common.Times;
import io.laurel.customer.CustomerDocument;
import io.laurel.customer.CustomerLookup;
import io.laurel.event.PendingEvents;
import io.laurel.identity.Caller;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;

/**
 * Points redemptions against a customer's goodwill allocations, with no transaction: one conditional update of the
 * customer's {@link PointsAccountDocument} is the redemption (it raises {@code redeemed} only while it stays within the
 * allocations read just before, which only ever grow, and records the redemption as pending in the same write), then
 * the ledger entry is written and the pending record pulled. A repeat of the reference finds the ledger entry or the
 * pending record and redeems nothing; two repeats racing each other are caught by the ledger's unique reference and
 * the loser gives its points back. A crash between the two writes leaves the pending record for {@link #settleDue}.
 */
@ApplicationScoped
public class RedemptionService {

    static final String REDEMPTION = "REDEMPTION";
    /** A pending redemption older than this is settled by the sweep (its own call has long finished or died). */
    static final Duration SETTLE_AFTER = Duration.ofSeconds(10);
    private static final Logger LOG = Logger.getLogger(RedemptionService.class);

    private final GoodwillRepository entries;
    private final PointsAccountRepository accounts;
    private final SequenceRepository sequences;
    private final CustomerLookup customers;
    private final MeterRegistry registry;
    private final long maxRedeem;
    private final DirectRoles directRoles;

    RedemptionService(GoodwillRepository entries, PointsAccountRepository accounts, SequenceRepository sequences,
            CustomerLookup customers, MeterRegistry registry, LaurelConfig config) {
        this.entries = entries;
        this.accounts = accounts;
        this.sequences = sequences;
        this.customers = customers;
        this.registry = registry;
        this.maxRedeem = config.goodwill().maxRedeem();
        this.directRoles = DirectRoles.of(config);
    }

    /** Redeems; with {@code validateOnly}, runs every check and answers null without writing. */
    public Uni<GoodwillViews.Redeemed> redeem(Caller caller, RedeemRequest.Redeem request, boolean validateOnly) {
        return Uni.createFrom().deferred(() -> {
            directRoles.require(caller, "Points are redeemed");
            long points = points(request.pointsRedeemed());
            String reference = reference(request);
            return customer(caller.orgId(), request.customer())
                    .call(customer -> entries.mongoCollection().find(Filters.and(Filters.eq("orgId", caller.orgId()),
                            Filters.eq("referenceId", reference))).collect().first().invoke(used -> {
                                if (used != null) {
                                    throw referenceUsed(reference);
                                }
                            }))
                    .chain(customer -> allocated(caller.orgId(), customer.customerId).chain(allocated -> {
                        String key = PointsAccountDocument.key(caller.orgId(), customer.customerId);
                        if (validateOnly) {
                            return accounts.mongoCollection().find(Filters.eq("_id", key)).collect().first()
                                    .map(account -> {
                                        if ((account == null ? 0 : account.redeemed) + points > allocated) {
                                            throw insufficient();
                                        }
                                        return (GoodwillViews.Redeemed) null;
                                    });
                        }
                        return sequences.next("goodwill").chain(createdId -> {
                            PointsAccountDocument.Pending pending = new PointsAccountDocument.Pending();
                            pending.createdId = createdId;
                            pending.referenceId = reference;
                            pending.transactionNumber = request.transactionNumber();
                            pending.points = points;
                            pending.notes = request.notes();
                            pending.createdBy = caller.username();
                            pending.at = Times.now();
                            // The balance after it: the allocations less the account's redeemed (GoodwillService
                            // says why not the ledger's sum), both as this redemption read and left them.
                            return debit(caller.orgId(), customer.customerId, key, allocated, pending)
                                    .call(account -> settle(account, pending))
                                    .map(account -> new GoodwillViews.Redeemed(createdId, customer.customerId, points,
                                            allocated - account.redeemed, reference, request.transactionNumber()));
                        });
                    }));
        }).invoke(done -> {
            if (done != null) {
                registry.counter("laurel.points.redeemed").increment(done.pointsRedeemed());
            }
        }).onFailure().invoke(e -> registry.counter("laurel.points.redemption.rejections", "code",
                e instanceof ApiException api ? Integer.toString(api.errorCode().code()) : "error").increment());
    }

    /** Points the customer has redeemed: in the ledger, or debited and about to be. */
    Uni<Long> redeemedOf(long orgId, long customerId) {
        return accounts.mongoCollection().find(Filters.eq("_id", PointsAccountDocument.key(orgId, customerId)))
                .collect().first().map(account -> account == null ? 0L : account.redeemed);
    }

    /** The one write that redeems: only while redeemed + points stays within {@code allocated}. */
    private Uni<PointsAccountDocument> debit(long orgId, long customerId, String key, long allocated,
            PointsAccountDocument.Pending pending) {
        Bson create = Updates.combine(Updates.setOnInsert("orgId", orgId),
                Updates.setOnInsert("customerId", customerId),
                Updates.setOnInsert("redeemed", 0L));
        return accounts.mongoCollection().updateOne(Filters.eq("_id", key), create, new UpdateOptions().upsert(true))
                .onFailure(SequenceRepository::isDuplicateKey).recoverWithNull() // two first redemptions at once
                .chain(() -> accounts.mongoCollection().findOneAndUpdate(Filters.and(Filters.eq("_id", key),
                        Filters.lte("redeemed", allocated - pending.points),
                        Filters.ne("pending.referenceId", pending.referenceId)),
                        Updates.combine(Updates.inc("redeemed", pending.points),
                                Updates.push("pending", document(pending))),
                        new FindOneAndUpdateOptions().returnDocument(ReturnDocument.AFTER)))
                .chain(account -> account != null ? Uni.createFrom().item(account)
                        : accounts.mongoCollection().find(Filters.eq("_id", key)).collect().first().map(current -> {
                            boolean repeat = current != null && current.pending != null && current.pending.stream()
                                    .anyMatch(p -> p.referenceId.equals(pending.referenceId));
                            throw repeat ? referenceUsed(pending.referenceId) : insufficient();
                        }));
    }

    private static Document document(PointsAccountDocument.Pending pending) {
        return new Document("createdId", pending.createdId).append("referenceId", pending.referenceId)
                .append("transactionNumber", pending.transactionNumber).append("points", pending.points)
                .append("notes", pending.notes).append("createdBy", pending.createdBy)
                .append("at", Date.from(pending.at));
    }

    /**
     * Writes the pending redemption's ledger entry, then pulls it from the account. When another entry holds its
     * reference already (a repeat that raced this one), its points go back instead and it fails with 744.
     */
    private Uni<Void> settle(PointsAccountDocument account, PointsAccountDocument.Pending pending) {
        GoodwillEntryDocument entry = new GoodwillEntryDocument();
        entry.id = new ObjectId();
        entry.orgId = account.orgId;
        entry.customerId = account.customerId;
        entry.createdId = pending.createdId;
        entry.referenceId = pending.referenceId;
        entry.transactionNumber = pending.transactionNumber;
        entry.points = -pending.points;
        entry.type = REDEMPTION;
        entry.reason = pending.notes;
        entry.source = REDEMPTION;
        entry.baseType = "POINTS";
        entry.createdOn = pending.at;
        entry.createdBy = pending.createdBy;
        // Raised with the ledger entry: a refused repeat (its reference taken) writes none, so raises none.
        entry.events = PendingEvents.of(GoodwillEntryDocument.COLLECTION, entry.id, pending.at, PointsEvents.REDEEMED);
        Bson pull = Updates.pull("pending", Filters.eq("createdId", pending.createdId));
        return entries.persist(entry).replaceWithVoid()
                .onFailure(SequenceRepository::isDuplicateKey).recoverWithUni(e -> entries.mongoCollection()
                        .find(Filters.and(Filters.eq("orgId", account.orgId),
                                Filters.eq("referenceId", pending.referenceId))).collect().first()
                        .chain(existing -> {
                            if (existing != null && existing.createdId == pending.createdId) {
                                return Uni.createFrom().voidItem(); // written by an earlier settling of this one
                            }
                            // Another entry has the reference: give the points back, once (the pull is the guard).
                            return accounts.mongoCollection().updateOne(Filters.and(Filters.eq("_id", account.key),
                                    Filters.eq("pending.createdId", pending.createdId)),
                                    Updates.combine(pull, Updates.inc("redeemed", -pending.points)))
                                    .chain(() -> Uni.createFrom().failure(referenceUsed(pending.referenceId)));
                        }))
                .chain(() -> accounts.mongoCollection().updateOne(Filters.eq("_id", account.key), pull))
                .replaceWithVoid();
    }

    @Scheduled(every = "${laurel.goodwill.settle-interval}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> settleDue() {
        return settleStale(SETTLE_AFTER).replaceWithVoid();
    }

    /** Settles every redemption pending longer than {@code age}; answers how many. Exposed for tests. */
    Uni<Integer> settleStale(Duration age) {
        Instant cutoff = Times.now().minus(age);
        return accounts.mongoCollection().find(Filters.lte("pending.at", Date.from(cutoff))).collect().asList()
                .chain(found -> {
                    List<Uni<Boolean>> settling = new ArrayList<>();
                    for (PointsAccountDocument account : found) {
                        for (PointsAccountDocument.Pending pending : account.pending) {
                            if (!pending.at.isAfter(cutoff)) {
                                settling.add(settle(account, pending).replaceWith(true)
                                        .onFailure(ApiException.class).recoverWithItem(false)
                                        .invoke(written -> LOG.infof("Settled redemption %d of %s left pending (%s)",
                                                pending.createdId, account.key, written ? "written to the ledger"
                                                        : "its reference was taken: points given back")));
                            }
                        }
                    }
                    return settling.isEmpty() ? Uni.createFrom().item(0)
                            : Uni.join().all(settling).andCollectFailures().map(List::size);
                });
    }

    /** The customer's allocations (entries above zero): they only grow, so a stale read only ever redeems less. */
    private Uni<Long> allocated(long orgId, long customerId) {
        return entries.mongoCollection().aggregate(List.of(
                Aggregates.match(Filters.and(Filters.eq("orgId", orgId), Filters.eq("customerId", customerId),
                        Filters.gt("points", 0))),
                Aggregates.group(null, Accumulators.sum("sum", "$points"))), GoodwillService.PointsFacet.Sum.class)
                .collect().first().map(sum -> sum == null ? 0L : sum.sum);
    }

    private Uni<CustomerDocument> customer(long orgId, RedeemRequest.Customer customer) {
        if (customer.id() != null && !customer.id().isBlank()) {
            return customers.resolve(orgId, customer.id(), null);
        }
        if (customer.mobile() != null && !customer.mobile().isBlank()) {
            return customers.resolve(orgId, customer.mobile(), "mobile");
        }
        if (customer.email() != null && !customer.email().isBlank()) {
            return customers.resolve(orgId, customer.email(), "email");
        }
        if (customer.externalId() != null && !customer.externalId().isBlank()) {
            return customers.resolve(orgId, customer.externalId(), "externalId");
        }
        return Uni.createFrom().failure(ErrorCode.INVALID_INPUT.exception(
                "customer needs one of mobile, email, external_id or id", "customer"));
    }

    private long points(JsonNode value) {
        String text = value.isTextual() ? value.asText().trim() : value.isIntegralNumber() ? value.asText() : "";
        long points;
        try {
            points = Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw ErrorCode.INVALID_INPUT.exception("points_redeemed must be a whole number", "points_redeemed");
        }
        if (points < 1 || points > maxRedeem) {
            throw ErrorCode.INVALID_INPUT.exception("points_redeemed must be 1 to " + maxRedeem, "points_redeemed");
        }
        return points;
    }

    private static String reference(RedeemRequest.Redeem request) {
        String reference = request.externalReferenceNumber() != null && !request.externalReferenceNumber().isBlank()
                ? request.externalReferenceNumber() : request.transactionNumber();
        if (reference == null || reference.isBlank()) {
            throw ErrorCode.INVALID_INPUT.exception("external_reference_number (or transaction_number) is required: "
                    + "it makes a repeat harmless", "external_reference_number");
        }
        return reference.trim();
    }

    private static ApiException referenceUsed(String reference) {
        return ErrorCode.REFERENCE_EXISTS.exception(ErrorCode.REFERENCE_EXISTS.message(), reference);
    }

    private static ApiException insufficient() {
        return ErrorCode.POINTS_INSUFFICIENT.exception(ErrorCode.POINTS_INSUFFICIENT.message(), "points_redeemed");
    }
}
