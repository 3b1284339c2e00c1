package io.laurel.award;

import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import org.bson.types.ObjectId;

import io.laurel.award.AwardViews.Earn;
import io.laurel.award.limit.EarnLimits;
import io.laurel.award.limit.LimitExceededException;
import io.laurel.award.limit.Reservation;
import io.laurel.badge.BadgeCatalog;
import io.laurel.badge.BadgeMetaDocument;
import io.laurel.badge.EarnType;
import io.laurel.common.ApiError;
import io.laurel.common.ApiException;
import io.laurel.common.ApiResponse;
import io.laurel.common.EpochTime;
import io.laurel.common.ErrorCode;
import io.laurel.common.ObjectIds;
import io.laurel.common.SequenceRepository;
import io.laurel.common.Times;
import io.laurel.customer.CustomerLookup;
import io.laurel.event.PendingEvents;
import io.laurel.identity.Caller;
import io.laurel.org.OrgCalendar;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
public class EarnService {

    static final int MAX_BULK = 1_000;

    private final BadgeCatalog catalog;
    private final CustomerLookup customers;
    private final IssueRepository issues;
    private final EarnRepository earns;
    private final RequestIds requestIds;
    private final EarnLimits limits;
    private final AwardMetrics metrics;
    private final OrgCalendar calendar;

    EarnService(BadgeCatalog catalog, CustomerLookup customers, IssueRepository issues, EarnRepository earns,
            RequestIds requestIds, EarnLimits limits, AwardMetrics metrics, OrgCalendar calendar) {
        this.calendar = calendar;
        this.catalog = catalog;
        this.customers = customers;
        this.issues = issues;
        this.earns = earns;
        this.requestIds = requestIds;
        this.limits = limits;
        this.metrics = metrics;
    }

    /** The request-level facts of an earn call, checked once. */
    private record Context(BadgeMetaDocument badge, Trigger trigger, String requestId, Instant event, Instant now,
            boolean single, ZoneId zone) {
    }

    /** Earns the badge; with {@code validateOnly}, runs every check and answers null without writing. */
    public Uni<Earn> earn(Caller caller, AwardRequests.Earn request, boolean validateOnly) {
        // Deferred: a request-level rejection thrown while checking travels the pipeline and is counted like any other.
        return Uni.createFrom().deferred(() -> earnChecked(caller, request, validateOnly))
                .invoke(earn -> {
                    if (earn != null) {
                        metrics.earned(1);
                    }
                })
                .onFailure().invoke(e -> metrics.rejected("earn", e));
    }

    private Uni<Earn> earnChecked(Caller caller, AwardRequests.Earn request, boolean validateOnly) {
        Instant now = Times.now();
        String requestId = AwardRules.requestId(request.requestId());
        Trigger trigger = AwardRules.trigger(request.triggeredBy());
        if (request.customerId() == null || request.customerId() <= 0) {
            throw ErrorCode.INVALID_INPUT.exception("customerId is required: a positive integer", "customerId");
        }
        long customerId = request.customerId();
        Instant event = AwardRules.earnEvent(EpochTime.pick(request.earnEventDate(), request.earnEventDateISO()), now);
        return Uni.combine().all().unis(catalog.require(caller.orgId(), request.badgeMetaId()),
                customers.requireKnown(caller.orgId(), customerId), calendar.zone(caller.orgId())).asTuple()
                .map(found -> context(found.getItem1(), trigger, requestId, event, now, true, found.getItem3()))
                .chain(context -> activeIssues(context, List.of(customerId)).chain(issued -> {
                    if (context.badge.earnType == EarnType.ISSUE_EARN && !issued.containsKey(customerId)) {
                        throw noActiveIssue(customerId);
                    }
                    if (validateOnly) {
                        return requestIds.requireUnused(caller.orgId(), requestId).replaceWith((Earn) null);
                    }
                    // The record claims the requestId itself (RequestIds): the slots are reserved first and given
                    // back when the record cannot be written, so a cut-off call can only leave a slot held, which the
                    // reconciler frees. A refused earn whose requestId is taken answers 809, as when the claim came first.
                    return reserve(context, customerId, issued.get(customerId))
                            .onFailure(e -> e instanceof ApiException api && (api.errorCode() == ErrorCode
                                    .CUSTOMER_LIMIT_REACHED || api.errorCode() == ErrorCode.BADGE_LIMIT_REACHED))
                            .recoverWithUni(refused -> requestIds.requireUnused(caller.orgId(), requestId)
                                    .chain(() -> Uni.createFrom().<Reserved>failure(refused)))
                            .call(earn -> persist(context, List.of(earn)))
                            .invoke(earn -> catalog.count(context.badge, 0, 1))
                            .map(earn -> earn.view);
                }));
    }

    /**
     * Earns the badge for up to 1,000 customers under one requestId. Customers and issues are looked up in one query
     * each and the earns written in one insert; only the limit reservations go customer by customer, because each
     * is an atomic update of that customer's own counters.
     */
    public Uni<ApiResponse<AwardViews.EarnBulk>> earnBulk(Caller caller, AwardRequests.EarnBulk request) {
        return Uni.createFrom().deferred(() -> earnBulkChecked(caller, request))
                .onFailure().invoke(e -> metrics.rejected("earn", e));
    }

    private Uni<ApiResponse<AwardViews.EarnBulk>> earnBulkChecked(Caller caller, AwardRequests.EarnBulk request) {
        Instant now = Times.now();
        String requestId = AwardRules.requestId(request.requestId());
        Trigger trigger = AwardRules.trigger(request.triggeredBy());
        List<Long> wanted = AwardRules.customers(request.customerIds(), "customerIds", MAX_BULK);
        Instant given = EpochTime.pick(request.earnEventDate(), request.earnEventDateISO());
        Instant event = AwardRules.earnEvent(given != null ? given : EpochTime.pick(request.issueEventDate(), null), now);
        return Uni.combine().all().unis(catalog.require(caller.orgId(), request.badgeMetaId()),
                calendar.zone(caller.orgId())).asTuple()
                .map(found -> context(found.getItem1(), trigger, requestId, event, now, false, found.getItem2()))
                .invoke(context -> AwardRules.requireClaimed(context.badge, trigger))
                // A call that fails after its claim may have written part of its earns: the claim is left for the
                // retry to take over, which reports those earns as its own and earns the rest.
                .chain(context -> requestIds.claim(caller.orgId(), requestId, "earnBulk", context.badge.id)
                        .chain(claim -> Uni.combine().all().unis(customers.existing(caller.orgId(), wanted),
                                activeIssues(context, wanted), earlierOfThisRequest(context, wanted, claim)).asTuple()
                                .chain(found -> Multi.createFrom().iterable(wanted)
                                        .onItem().transformToUniAndConcatenate(customerId -> found.getItem3()
                                                .containsKey(customerId)
                                                        ? Uni.createFrom().item(new Attempt(customerId, null, null,
                                                                found.getItem3().get(customerId)))
                                                        : attempt(context, customerId, found.getItem1(),
                                                                found.getItem2()))
                                        .collect().asList())
                                .chain(attempts -> persistAll(context, attempts))
                                .call(() -> requestIds.finish(caller.orgId(), requestId))
                                .onFailure().call(() -> requestIds.abandon(caller.orgId(), requestId))));
    }

    /** For a call that took over a cut-off one: the earns that call made, as this call's answer lines, by customer. */
    private Uni<Map<Long, Earn>> earlierOfThisRequest(Context context, List<Long> wanted, RequestIds.Claim claim) {
        if (claim != RequestIds.Claim.TAKEN_OVER) {
            return Uni.createFrom().item(Map.of());
        }
        return earns.findByRequest(context.badge.orgId, context.requestId, wanted).chain(found -> limits
                .customerTotals(context.badge, found.stream().map(e -> e.customerId).toList())
                .map(totals -> found.stream().collect(Collectors.toMap(e -> e.customerId,
                        e -> view(context.badge, e, totals.getOrDefault(e.customerId, 1L)), (a, b) -> a))));
    }

    /**
     * Writes the earns. When the write fails it may still have landed in part: the slots of the earns that are not in
     * the store are given back, the others stay held (if even that cannot be read, all stay held: a customer may be
     * refused early, never over-awarded). A duplicate request key means a cut-off call of this request earned first.
     */
    private Uni<Void> persist(Context context, List<Reserved> reserved) {
        List<EarnDocument> documents = reserved.stream().map(Reserved::document).toList();
        Uni<Void> write = documents.size() == 1 ? earns.persist(documents.get(0)).replaceWithVoid()
                : earns.persist(documents);
        return write.onFailure().call(() -> earns.findByRequest(context.badge.orgId, context.requestId,
                documents.stream().map(d -> d.customerId).toList())
                .chain(written -> {
                    Set<ObjectId> landed = written.stream().map(e -> e.id).collect(Collectors.toSet());
                    return limits.release(reserved.stream().filter(r -> !landed.contains(r.document.id))
                            .flatMap(r -> r.reservations.stream()).toList());
                }))
                .onFailure(SequenceRepository::isDuplicateKey).transform(e -> ErrorCode.REQUEST_ID_USED.exception(
                        ErrorCode.REQUEST_ID_USED.message(), context.requestId));
    }

    /**
     * Revokes one earn. {@code customerId} is read as {@code identifierType} says (X-CAP-CUSTOMER-IDENTIFIER: email,
     * mobile, externalId, cardNumber; the id when absent), as the vendor's sample sends it.
     */
    public Uni<AwardViews.RevokeEarn> revokeEarn(Caller caller, AwardRequests.RevokeEarn request,
            String identifierType) {
        if (request.customerId() == null || request.customerId().isBlank()) {
            throw ErrorCode.INVALID_INPUT.exception("customerId is required", "customerId");
        }
        ObjectId earnId = ObjectIds.parse(request.earnedBadgeId(), "earnedBadgeId");
        Instant now = Times.now();
        return Uni.combine().all().unis(catalog.require(caller.orgId(), request.badgeMetaId()),
                customers.resolve(caller.orgId(), request.customerId(), identifierType)).asTuple()
                .chain(found -> revokeEarn(caller, found.getItem1(), found.getItem2().customerId, earnId, now));
    }

    private Uni<AwardViews.RevokeEarn> revokeEarn(Caller caller, BadgeMetaDocument badge, long customerId,
            ObjectId earnId, Instant now) {
        return Uni.createFrom().item(badge)
                .chain(b -> earns.revokeActive(caller.orgId(), badge.id, customerId, earnId, now)
                        .onItem().ifNull().failWith(() -> ErrorCode.EARN_NOT_ACTIVE.exception(
                                "No active earn " + earnId.toHexString() + " of this badge for the customer",
                                "earnedBadgeId"))
                        // Revoked first, then the slots given back: a crash in between can only under-award.
                        .call(revoked -> limits.release(reservations(revoked)))
                        .invoke(revoked -> catalog.count(badge, 0, -1))
                        .map(revoked -> new AwardViews.RevokeEarn(badge.id.toHexString(), customerId,
                                earnId.toHexString(), false, revoked.status.name())));
    }

    private static Context context(BadgeMetaDocument badge, Trigger trigger, String requestId, Instant event,
            Instant now, boolean single, ZoneId zone) {
        AwardRules.requireLiveAndOwned(badge, trigger, now);
        AwardRules.requireWithinBadge(badge, event, "earnEventDate");
        return new Context(badge, trigger, requestId, event, now, single, zone);
    }

    /** The customers' active issues by customer, for ISSUE_EARN badges (an EARN badge needs none). */
    private Uni<Map<Long, IssueDocument>> activeIssues(Context context, List<Long> customerIds) {
        if (context.badge.earnType != EarnType.ISSUE_EARN) {
            return Uni.createFrom().item(Map.of());
        }
        return issues.findActive(context.badge.orgId, context.badge.id, customerIds, context.now)
                .map(found -> found.stream().collect(Collectors.toMap(i -> i.customerId, Function.identity(),
                        (a, b) -> a)));
    }

    /** An earn whose limits are reserved, ready to be written. */
    private record Reserved(EarnDocument document, List<Reservation> reservations, Earn view) {
    }

    /** One customer of a bulk call: reserved, the error that customer gets, or earned already by a cut-off call. */
    private record Attempt(long customerId, Reserved reserved, ApiError error, Earn earlier) {
    }

    private Uni<Attempt> attempt(Context context, long customerId, Set<Long> known, Map<Long, IssueDocument> issued) {
        if (!known.contains(customerId)) {
            return Uni.createFrom().item(new Attempt(customerId, null, ApiError.of(ErrorCode.CUSTOMER_NOT_FOUND,
                    ErrorCode.CUSTOMER_NOT_FOUND.message(), Long.toString(customerId)), null));
        }
        if (context.badge.earnType == EarnType.ISSUE_EARN && !issued.containsKey(customerId)) {
            return Uni.createFrom().item(new Attempt(customerId, null, noActiveIssue(customerId).toError(), null));
        }
        return reserve(context, customerId, issued.get(customerId))
                .map(reserved -> new Attempt(customerId, reserved, null, null))
                .onFailure(ApiException.class).recoverWithItem(e -> new Attempt(customerId, null,
                        new ApiError(((ApiException) e).errorCode().code(), e.getMessage(), Long.toString(customerId)),
                        null));
    }

    /**
     * Writes the reserved earns and answers in the vendor's shape: refused customers are in
     * {@code failedEarnBadgeErrorList}, not in the envelope's errors (the vendor's answer has those empty).
     */
    private Uni<ApiResponse<AwardViews.EarnBulk>> persistAll(Context context, List<Attempt> attempts) {
        List<Reserved> reserved = attempts.stream().filter(a -> a.reserved != null).map(Attempt::reserved).toList();
        List<Attempt> failed = attempts.stream().filter(a -> a.error != null).toList();
        List<Earn> earned = attempts.stream().filter(a -> a.error == null)
                .map(a -> a.reserved != null ? a.reserved.view : a.earlier).toList();
        Uni<Void> written = reserved.isEmpty() ? Uni.createFrom().voidItem()
                : persist(context, reserved).invoke(() -> catalog.count(context.badge, 0, reserved.size()));
        Instant expiresOn = AwardRules.expiresOn(context.badge.earnedBadgeExpiry, context.badge, context.event);
        return written.invoke(() -> {
            metrics.earned(reserved.size());
            failed.forEach(a -> metrics.rejected("earn", a.error.code(), 1));
        }).map(done -> ApiResponse.ok(new AwardViews.EarnBulk(context.badge.id.toHexString(),
                TriggeredBy.of(context.trigger), expiresOn == null ? null : EpochTime.seconds(expiresOn),
                EpochTime.iso(expiresOn),
                earned.stream().map(e -> new AwardViews.EarnedBadge(e.customerId(), e.earnedBadgeId())).toList(),
                attempts.size(), earned.size(), failed.size(),
                failed.stream().map(a -> new AwardViews.FailedEarn(a.customerId, a.error.code(), a.error.message()))
                        .toList(),
                earned, context.requestId)));
    }

    /** Reserves the customer's and the badge's limits for one earn; 1101 or 1102 name the limit that refused. */
    private Uni<Reserved> reserve(Context context, long customerId, IssueDocument issue) {
        BadgeMetaDocument badge = context.badge;
        Instant expiresOn = AwardRules.expiresOn(badge.earnedBadgeExpiry, badge, context.event);
        return limits.reserve(badge, catalog.limits(badge), customerId, context.event, expiresOn, context.now,
                context.zone)
                .onFailure(LimitExceededException.class).transform(e -> {
                    LimitExceededException limit = (LimitExceededException) e;
                    return (limit.perCustomer() ? ErrorCode.CUSTOMER_LIMIT_REACHED : ErrorCode.BADGE_LIMIT_REACHED)
                            .exception(limit.getMessage(), "badgeMetaId");
                })
                .map(outcome -> {
                    EarnDocument earn = new EarnDocument();
                    earn.id = new ObjectId();
                    earn.orgId = badge.orgId;
                    earn.badgeMetaId = badge.id;
                    earn.customerId = customerId;
                    earn.status = EarnDocument.EarnStatus.ACTIVE;
                    earn.earnEventDate = context.event;
                    earn.earnedOn = context.now;
                    earn.expiresOn = expiresOn;
                    earn.issuedId = issue == null ? null : issue.id;
                    earn.triggeredBy = context.trigger;
                    earn.requestId = context.requestId;
                    earn.requestKey = EarnDocument.requestKey(badge.orgId, context.requestId, customerId);
                    earn.claimKey = context.single ? RequestIds.key(badge.orgId, context.requestId) : null;
                    earn.reservations = outcome.reservations().stream().map(EarnService::held).toList();
                    earn.customerEarnedCount = outcome.customerEarnedCount();
                    earn.events = PendingEvents.of(EarnDocument.COLLECTION, earn.id, context.now,
                            AwardEvents.EARNED);
                    return new Reserved(earn, outcome.reservations(), view(badge, earn, outcome.customerEarnedCount()));
                });
    }

    private static Earn view(BadgeMetaDocument badge, EarnDocument earn, long customerEarnedCount) {
        return new Earn(badge.id.toHexString(), earn.customerId, earn.id.toHexString(), customerEarnedCount,
                earn.expiresOn == null ? null : EpochTime.seconds(earn.expiresOn), EpochTime.iso(earn.expiresOn),
                earn.requestId, earn.issuedId == null ? null : earn.issuedId.toHexString());
    }

    private static EarnDocument.Held held(Reservation reservation) {
        EarnDocument.Held held = new EarnDocument.Held();
        held.scopeId = reservation.scopeId();
        held.fields = reservation.fields();
        return held;
    }

    private static List<Reservation> reservations(EarnDocument earn) {
        List<Reservation> reservations = new ArrayList<>();
        if (earn.reservations != null) {
            earn.reservations.forEach(h -> reservations.add(new Reservation(h.scopeId, h.fields)));
        }
        return reservations;
    }

    private static ApiException noActiveIssue(long customerId) {
        return ErrorCode.ISSUE_REQUIRED.exception(ErrorCode.ISSUE_REQUIRED.message(), Long.toString(customerId));
    }
}
