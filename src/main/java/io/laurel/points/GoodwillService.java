package io.laurel.points;

import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.bson.conversions.Bson;
import org.bson.types.ObjectId;

import com.mongodb.client.model.Accumulators;
import com.mongodb.client.model.Aggregates;
import com.mongodb.client.model.Facet;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;

import io.laurel.common.ApiException;
import io.laurel.common.EpochTime;
import io.laurel.common.ErrorCode;
import io.laurel.common.LaurelConfig;
import io.laurel.common.Paging;
import io.laurel.common.SequenceRepository;
import io.laurel.common.Times;
import io.laurel.customer.CustomerLookup;
import io.laurel.event.PendingEvents;
import io.laurel.identity.Caller;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.annotations.RegisterForReflection;
import io.smallrye.mutiny.Uni;

/**
 * Goodwill points: an allocation is one immutable ledger entry, unique by org and referenceId; a balance is the sum
 * of a customer's entries, computed by the database when asked, so it is exact under any concurrency.
 */
@ApplicationScoped
public class GoodwillService {

    private final GoodwillRepository entries;
    private final SequenceRepository sequences;
    private final CustomerLookup customers;
    private final MeterRegistry registry;
    private final RedemptionService redemptions;
    private final long maxPoints;

    private final DirectRoles directRoles;

    GoodwillService(GoodwillRepository entries, SequenceRepository sequences, CustomerLookup customers,
            MeterRegistry registry, LaurelConfig config, RedemptionService redemptions) {
        this.entries = entries;
        this.redemptions = redemptions;
        this.sequences = sequences;
        this.customers = customers;
        this.registry = registry;
        this.maxPoints = config.goodwill().maxPoints();
        this.directRoles = DirectRoles.of(config);
    }

    @RegisterForReflection
    public static class PointsFacet {
        public List<Sum> balance;
        public List<GoodwillEntryDocument> items;
        public List<Total> total;

        @RegisterForReflection
        public static class Sum {
            public long sum;
        }

        @RegisterForReflection
        public static class Total {
            public long n;
        }
    }

    /** Allocates; with {@code validateOnly}, runs every check (744 included) and answers null without writing. */
    public Uni<GoodwillViews.Created> allocate(Caller caller, GoodwillRequest request, boolean validateOnly) {
        return Uni.createFrom().deferred(() -> {
            directRoles.require(caller, "Goodwill points are given");
            if (!"POINTS".equals(request.baseType())) {
                throw ErrorCode.INVALID_INPUT.exception("baseType must be POINTS", "baseType");
            }
            if (!"CUSTOMER".equals(request.earningEntityType())) {
                throw ErrorCode.INVALID_INPUT.exception("earningEntityType must be CUSTOMER", "earningEntityType");
            }
            if (request.points() > maxPoints) {
                throw ErrorCode.INVALID_INPUT.exception("points must be at most " + maxPoints, "points");
            }
            Uni<?> customer = customers.resolve(caller.orgId(), Long.toString(request.earningEntityId()), null);
            if (validateOnly) {
                return customer.chain(() -> entries.find("orgId = ?1 and referenceId = ?2", caller.orgId(),
                        request.referenceId()).firstResult()).map(used -> {
                            if (used != null) {
                                throw ErrorCode.REFERENCE_EXISTS.exception(ErrorCode.REFERENCE_EXISTS.message(),
                                        request.referenceId());
                            }
                            return (GoodwillEntryDocument) null;
                        });
            }
            return customer.chain(() -> sequences.next("goodwill"))
                    .chain(createdId -> {
                        GoodwillEntryDocument entry = new GoodwillEntryDocument();
                        entry.orgId = caller.orgId();
                        entry.createdId = createdId;
                        entry.referenceId = request.referenceId();
                        entry.customerId = request.earningEntityId();
                        entry.programId = request.programId();
                        entry.points = request.points();
                        entry.reason = request.reason();
                        entry.baseType = request.baseType();
                        entry.awardingTillId = request.awardingTillId();
                        entry.source = request.source();
                        entry.createdOn = Times.now();
                        entry.createdBy = caller.username();
                        entry.id = new ObjectId();
                        entry.events = PendingEvents.of(GoodwillEntryDocument.COLLECTION, entry.id, entry.createdOn,
                                PointsEvents.GOODWILL_ALLOCATED);
                        return entries.persist(entry);
                    })
                    .onFailure(SequenceRepository::isDuplicateKey).transform(e -> ErrorCode.REFERENCE_EXISTS
                            .exception(ErrorCode.REFERENCE_EXISTS.message(), request.referenceId()));
        }).map(entry -> {
            if (entry == null) {
                return null;
            }
            registry.counter("laurel.goodwill.points").increment(entry.points);
            return new GoodwillViews.Created(entry.createdId, List.of());
        }).onFailure().invoke(e -> registry.counter("laurel.goodwill.rejections", "code",
                e instanceof ApiException api ? Integer.toString(api.errorCode().code()) : "error").increment());
    }

    /** The customer's balance and entries (newest first), in one aggregation after the customer lookup. */
    public Uni<GoodwillViews.Points> points(Caller caller, String customerId, String identifierType, String programId,
            Paging paging) {
        Long program = programId == null || programId.isBlank() ? null
                : (long) Paging.parseInt("programId", programId, 0, 1, Integer.MAX_VALUE);
        return customers.resolve(caller.orgId(), customerId, identifierType).chain(customer -> {
            List<Bson> match = new ArrayList<>(List.of(Filters.eq("orgId", caller.orgId()),
                    Filters.eq("customerId", customer.customerId)));
            if (program != null) {
                match.add(Filters.eq("programId", program));
            }
            // The allocations (entries above zero); the balance is theirs less what the account says was redeemed.
            List<Bson> pipeline = List.of(Aggregates.match(Filters.and(match)), Aggregates.facet(
                    new Facet("balance", Aggregates.match(Filters.gt("points", 0)),
                            Aggregates.group(null, Accumulators.sum("sum", "$points"))),
                    new Facet("items", Aggregates.sort(Sorts.descending("createdId")),
                            Aggregates.skip(paging.skip()), Aggregates.limit(paging.size())),
                    new Facet("total", Aggregates.count("n"))));
            // Redemptions are not per program. Not the ledger's sum less the pending redemptions: between a
            // redemption's ledger entry and the pull of its pending record (a moment, or until the sweep after a
            // crash) that would count it twice; the account's redeemed changes with each redemption, atomically.
            Uni<Long> redeemed = program != null ? Uni.createFrom().item(0L)
                    : redemptions.redeemedOf(caller.orgId(), customer.customerId);
            return Uni.combine().all().unis(entries.mongoCollection().aggregate(pipeline, PointsFacet.class).collect()
                    .first(), redeemed).with((facet, debited) -> new GoodwillViews.Points(customer.customerId, program,
                            (facet.balance.isEmpty() ? 0 : facet.balance.get(0).sum) - debited,
                            facet.items.stream().map(GoodwillService::view).toList(),
                            paging.of(facet.total.isEmpty() ? 0 : facet.total.get(0).n)));
        });
    }

    private static GoodwillViews.Entry view(GoodwillEntryDocument e) {
        return new GoodwillViews.Entry(e.createdId, e.referenceId, e.points, e.reason, e.awardingTillId, e.source,
                e.programId, EpochTime.iso(e.createdOn), e.type == null ? "GOODWILL" : e.type, e.transactionNumber);
    }
}
